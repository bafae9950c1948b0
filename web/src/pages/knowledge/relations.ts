import type { TDocBrief, TDocLang, TRelation, TRelationKind } from "./contracts";

// How a document's relations are shown. Pure, so it can be unit-tested.

/**
 * The key of a relation's label, read from the document on the page: "amends" when this document
 * amends the other, "amendedBy" when the other amends this one. A counterpart is the same both ways.
 */
export type RelationLabel =
  | "amends"
  | "amendedBy"
  | "repeals"
  | "repealedBy"
  | "implements"
  | "implementedBy"
  | "references"
  | "referencedBy"
  | "counterpart";

const LABELS: Record<TRelationKind, readonly [outgoing: RelationLabel, incoming: RelationLabel]> = {
  amends: ["amends", "amendedBy"],
  repeals: ["repeals", "repealedBy"],
  implements: ["implements", "implementedBy"],
  references: ["references", "referencedBy"],
  counterpart_of: ["counterpart", "counterpart"],
};

export function relationLabel(relation: Pick<TRelation, "kind" | "direction">): RelationLabel {
  return LABELS[relation.kind][relation.direction === "outgoing" ? 0 : 1];
}

const ORDER: readonly RelationLabel[] = [
  "amendedBy",
  "repealedBy",
  "amends",
  "repeals",
  "implements",
  "implementedBy",
  "references",
  "referencedBy",
];

export interface RelationGroup {
  label: RelationLabel;
  documents: TDocBrief[];
}

/**
 * The other side's matching measures ("policy docking"), each once even when both documents name each
 * other, and the remaining relations grouped by label: what changed this document first.
 */
export function groupRelations(relations: readonly TRelation[]): {
  counterparts: TDocBrief[];
  groups: RelationGroup[];
} {
  const counterparts: TDocBrief[] = [];
  const byLabel = new Map<RelationLabel, TDocBrief[]>();
  for (const relation of relations) {
    const label = relationLabel(relation);
    const list = label === "counterpart" ? counterparts : (byLabel.get(label) ?? []);
    if (!list.some((doc) => doc.id === relation.document.id)) list.push(relation.document);
    if (label !== "counterpart") byLabel.set(label, list);
  }
  const groups = ORDER.flatMap((label) => {
    const documents = byLabel.get(label);
    return documents ? [{ label, documents }] : [];
  });
  return { counterparts, groups };
}

/** The languages a document has a title in, its original first. */
export function documentLanguages(doc: Pick<TDocBrief, "titles" | "originalLang">): TDocLang[] {
  const order: TDocLang[] = [
    doc.originalLang,
    ...(["zh", "ru", "en"] as const).filter((l) => l !== doc.originalLang),
  ];
  return order.filter((lang) => (doc.titles[lang] ?? "").trim() !== "");
}

/** Only web addresses become links: a source of another scheme (javascript:, data:) is shown as text. */
export function isWebAddress(url: string): boolean {
  return /^https?:\/\/[^\s]+$/i.test(url);
}
