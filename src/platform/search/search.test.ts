import { sql } from "kysely";
import { expect, it } from "vitest";
import { describeEachDialect } from "../../../test/harness.ts";
import { appendDocuments, removeDocument, removeScope, searchScope, upsertDocument } from "./search.ts";
import { indexTokens } from "./tokenize.ts";

const doc = (ref: string, title: string, body = "") => ({ ref, title, body });

describeEachDialect("full-text search", ({ deps }) => {
  it("finds words by their beginnings, ranks title matches and repeated words higher, and forgets removed documents", async () => {
    const { db, dialect } = deps().db;
    const scope = `t-${Date.now()}`;
    await db.transaction().execute(async (trx) => {
      await appendDocuments(trx, dialect, scope, [
        doc("body-once", "Правила перевозки", "таможенное оформление грузов"),
        doc("title", "Таможенное оформление лесоматериалов", "порядок"),
        doc("body-twice", "Порядок", "таможенный контроль и таможенное оформление"),
        doc("other", "Export of coal", "rail transport"),
      ]);
    });
    const refs = async (q: string) => (await searchScope(db, dialect, scope, q, 10)).map((h) => h.ref);
    // PostgreSQL ranks with ts_rank, SQLite with BM25: the same documents, the order compared on SQLite.
    const ranked = async (q: string) => {
      const found = await refs(q);
      return dialect === "sqlite" ? found : [...found].sort();
    };
    const order = (list: string[]) => (dialect === "sqlite" ? list : [...list].sort());
    // "тамож" stands for таможенное and таможенный; the title hit first, then two body hits before one.
    expect(await ranked("тамож")).toEqual(order(["title", "body-twice", "body-once"]));
    expect(await refs("таможенн оформлен")).toHaveLength(3);
    expect(await refs("тамож coal")).toEqual([]);
    expect(await refs("неизвестнослово")).toEqual([]);
    await db.transaction().execute(async (trx) => {
      await removeDocument(trx, dialect, scope, "title");
      await upsertDocument(trx, dialect, scope, doc("other", "Export of timber", "таможня"));
    });
    // BM25 weighs a match in a short text more: the one-word body of "other" comes first.
    expect(await ranked("тамож")).toEqual(order(["other", "body-twice", "body-once"]));
    expect(await refs("coal")).toEqual([]);

    if (dialect === "sqlite") {
      // The vocabulary counts each word's documents, as the index has them.
      const count = async (term: string) =>
        Number(
          (await sql<{ docs: number }>`select docs from search_terms where term = ${term}`.execute(db))
            .rows[0]?.docs ?? 0,
        );
      const [stem] = indexTokens("таможенное");
      expect(await count(stem as string)).toBe(2);
      expect(await count(indexTokens("coal")[0] as string)).toBe(0);
      await db.transaction().execute((trx) => removeScope(trx, dialect, scope));
      expect(await count(stem as string)).toBe(0);
      expect(await refs("тамож")).toEqual([]);
    }
  });
});
