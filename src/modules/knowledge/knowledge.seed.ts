import fs from "node:fs";
import path from "node:path";
import { repoRoot } from "../../platform/config.ts";
import { operationDeps } from "../../platform/deps.ts";
import { runOperation, SYSTEM_ACTOR } from "../../platform/operations.ts";
import type { DemoSeeder } from "../../platform/seed.ts";
import type { TDocumentInput } from "./knowledge.schema.ts";
import { createDocument, saveTerm } from "./knowledge.service.ts";

/**
 * The knowledge base's starting content, shipped in data/knowledge/: the term bank (the team's
 * glossary) and documents named in the team's domain notes, each with the notes' metadata and a summary
 * written by the team in one to three languages, marked as a summary. Loaded once into a new database.
 */

interface SeedDocument {
  key: string;
  kind: TDocumentInput["kind"];
  side: TDocumentInput["side"];
  issuingBody: string;
  number?: string;
  issuedOn?: string;
  effectiveOn?: string;
  repealedOn?: string;
  originalLang: "zh" | "ru" | "en";
  hsPrefixes?: string[];
  ports?: string[];
  regions?: string[];
  topics?: string[];
  sourceUrl?: string;
  relations?: [TDocumentInput["relations"][number]["kind"], string][];
  versions: Partial<Record<"zh" | "ru" | "en", [string, string]>>;
}

export function readKnowledgeSeed(dir = path.join(repoRoot, "data/knowledge")) {
  const docs = JSON.parse(fs.readFileSync(path.join(dir, "documents.json"), "utf8")) as {
    documents: SeedDocument[];
  };
  const terms = JSON.parse(fs.readFileSync(path.join(dir, "terms.json"), "utf8")) as {
    terms: { key: string; zh: string; ru: string; en: string; note: string | null }[];
  };
  return { documents: docs.documents, terms: terms.terms };
}

export const knowledgeDemoSeeder: DemoSeeder = {
  name: "knowledge",
  async run(deps) {
    const any = await deps.db.db.selectFrom("kb_documents").select("id").limit(1).execute();
    if (any.length > 0) return { created: 0 };
    const ops = operationDeps(deps);
    const actor = { ...SYSTEM_ACTOR, label: "seed:knowledge" };
    const seed = readKnowledgeSeed();
    for (const t of seed.terms)
      await runOperation(
        ops,
        saveTerm,
        { zh: t.zh, ru: t.ru, en: t.en, note: t.note ?? undefined },
        { actor },
      );
    const ids = new Map<string, string>();
    for (const d of seed.documents) {
      const row = await runOperation(
        ops,
        createDocument,
        {
          kind: d.kind,
          side: d.side,
          issuingBody: d.issuingBody,
          ...(d.number ? { number: d.number } : {}),
          ...(d.issuedOn ? { issuedOn: d.issuedOn } : {}),
          ...(d.effectiveOn ? { effectiveOn: d.effectiveOn } : {}),
          ...(d.repealedOn ? { repealedOn: d.repealedOn } : {}),
          originalLang: d.originalLang,
          hsPrefixes: d.hsPrefixes ?? [],
          ports: d.ports ?? [],
          regions: d.regions ?? [],
          topics: d.topics ?? [],
          ...(d.sourceUrl ? { sourceUrl: d.sourceUrl } : {}),
          versions: Object.entries(d.versions).map(([lang, [title, body]]) => ({
            lang: lang as "zh",
            title,
            body,
            translation: lang === d.originalLang ? ("original" as const) : ("unofficial" as const),
            isSummary: true,
          })),
          relations: [],
          status: "published",
        },
        { actor },
      );
      ids.set(d.key, row.id);
    }
    // Relations once every document exists.
    const relations = seed.documents.flatMap((d) =>
      (d.relations ?? []).map(([kind, target]) => ({
        document_id: ids.get(d.key) as string,
        kind,
        target_id: ids.get(target) as string,
      })),
    );
    const known = relations.filter((r) => r.document_id && r.target_id);
    if (known.length) await deps.db.db.insertInto("kb_relations").values(known).execute();
    // Documents whose repeal date has passed are marked repealed.
    await deps.db.db
      .updateTable("kb_documents")
      .set({ status: "repealed" })
      .where("repealed_on", "<=", deps.clock.now().toISOString().slice(0, 10))
      .execute();
    return { created: seed.documents.length };
  },
};
