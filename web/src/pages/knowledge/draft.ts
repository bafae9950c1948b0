import {
  DOC_LANGS,
  type TDocLang,
  type TDocument,
  type TDocumentInput,
  type TKbSide,
  type TKind,
  type TRelationKind,
} from "./contracts";
import { isKnownTopic } from "./topics";

// The editor's form state and the request body it becomes. Inputs are kept as typed (strings); the body
// leaves out what is empty and lets the server judge the rest, so its messages land at the fields.
// Pure, so it can be unit-tested.

export interface VersionDraft {
  /** Whether the document has (or gets) a version in this language. */
  included: boolean;
  /** Saved already: an existing language cannot be taken away, only changed. */
  saved: boolean;
  title: string;
  body: string;
  /** For a language other than the original's; the original's is always "original". */
  translation: "official" | "unofficial";
  isSummary: boolean;
  note: string;
}

export interface RelationDraft {
  kind: TRelationKind;
  targetId: string;
}

export interface DocumentDraft {
  kind: TKind;
  side: TKbSide;
  issuingBody: string;
  number: string;
  issuedOn: string;
  effectiveOn: string;
  repealedOn: string;
  originalLang: TDocLang;
  hsPrefixes: string;
  ports: string[];
  regions: string;
  topics: string[];
  otherTopics: string;
  sourceUrl: string;
  versions: Record<TDocLang, VersionDraft>;
  relations: RelationDraft[];
}

function emptyVersion(included: boolean): VersionDraft {
  return {
    included,
    saved: false,
    title: "",
    body: "",
    translation: "unofficial",
    isSummary: false,
    note: "",
  };
}

const LANG_OF_SIDE: Record<TKbSide, TDocLang> = { CN: "zh", RU: "ru", bilateral: "zh" };

/** A new document of a side: written in that side's language to begin with. */
export function emptyDraft(side: TKbSide): DocumentDraft {
  const originalLang = LANG_OF_SIDE[side];
  return {
    kind: "regulation",
    side,
    issuingBody: "",
    number: "",
    issuedOn: "",
    effectiveOn: "",
    repealedOn: "",
    originalLang,
    hsPrefixes: "",
    ports: [],
    regions: "",
    topics: [],
    otherTopics: "",
    sourceUrl: "",
    versions: {
      zh: emptyVersion(originalLang === "zh"),
      ru: emptyVersion(originalLang === "ru"),
      en: emptyVersion(false),
    },
    relations: [],
  };
}

/** The form filled with a saved document: its current versions and the relations it declares. */
export function draftFromDocument(doc: TDocument): DocumentDraft {
  const versions = { zh: emptyVersion(false), ru: emptyVersion(false), en: emptyVersion(false) };
  for (const v of doc.versions) {
    versions[v.lang] = {
      included: true,
      saved: true,
      title: v.title,
      body: v.body,
      translation: v.translation === "official" ? "official" : "unofficial",
      isSummary: v.isSummary,
      note: "",
    };
  }
  return {
    kind: doc.kind,
    side: doc.side,
    issuingBody: doc.issuingBody,
    number: doc.number ?? "",
    issuedOn: doc.issuedOn ?? "",
    effectiveOn: doc.effectiveOn ?? "",
    repealedOn: doc.repealedOn ?? "",
    originalLang: doc.originalLang,
    hsPrefixes: doc.hsPrefixes.join(", "),
    ports: [...doc.ports],
    regions: doc.regions.join(", "),
    topics: doc.topics.filter(isKnownTopic),
    otherTopics: doc.topics.filter((topic) => !isKnownTopic(topic)).join(", "),
    sourceUrl: doc.sourceUrl ?? "",
    versions,
    relations: doc.relations
      .filter((relation) => relation.direction === "outgoing")
      .map((relation) => ({ kind: relation.kind, targetId: relation.document.id })),
  };
}

/** "4403, 4407.10；44" → ["4403", "440710", "44"]: commas of any script, spaces, semicolons. */
export function parseList(text: string, { digits = false } = {}): string[] {
  const items = text
    .split(/[\s,;，；、]+/)
    .map((item) => (digits ? item.replace(/\./g, "") : item))
    .filter((item) => item !== "");
  return [...new Set(items)];
}

/** The request body of the form as it stands. */
export function inputFromDraft(draft: DocumentDraft): TDocumentInput {
  const optional = (key: "number" | "issuedOn" | "effectiveOn" | "repealedOn" | "sourceUrl") => {
    const value = draft[key].trim();
    return value === "" ? {} : { [key]: value };
  };
  return {
    kind: draft.kind,
    side: draft.side,
    issuingBody: draft.issuingBody.trim(),
    ...optional("number"),
    ...optional("issuedOn"),
    ...optional("effectiveOn"),
    ...optional("repealedOn"),
    originalLang: draft.originalLang,
    hsPrefixes: parseList(draft.hsPrefixes, { digits: true }),
    ports: [...draft.ports],
    regions: parseList(draft.regions).map((region) => region.toUpperCase()),
    topics: [...new Set([...draft.topics, ...parseList(draft.otherTopics)])],
    ...optional("sourceUrl"),
    versions: DOC_LANGS.filter((lang) => draft.versions[lang].included).map((lang) => {
      const v = draft.versions[lang];
      const note = v.note.trim();
      return {
        lang,
        title: v.title.trim(),
        body: v.body,
        translation: lang === draft.originalLang ? ("original" as const) : v.translation,
        isSummary: v.isSummary,
        ...(note ? { note } : {}),
      };
    }),
    relations: draft.relations.filter((relation) => relation.targetId !== ""),
  };
}

/**
 * The request path the server reports a version's error at (`versions.1.title`) for a language of the
 * form, which sends only the languages included, in the order zh, ru, en.
 */
export function versionPath(draft: DocumentDraft, lang: TDocLang, field: string): string {
  const index = DOC_LANGS.filter((l) => draft.versions[l].included).indexOf(lang);
  return `versions.${index}.${field}`;
}
