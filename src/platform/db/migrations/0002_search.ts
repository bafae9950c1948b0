import { type Kysely, sql } from "kysely";
import type { Dialect } from "../db.ts";
import { serialPrimaryKey } from "../dialect.ts";

/** The shared full-text index (see platform/search/search.ts for how each dialect uses it). */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("search_docs")
    .$call((t) => serialPrimaryKey(t, "id", dialect))
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("ref", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    // Static rank multiplier of the document (e.g. an HS heading before a national line).
    .addColumn("boost", "real", (c) => c.notNull().defaultTo(1))
    .$call((t) => (dialect === "postgres" ? t.addColumn("tsv", sql`tsvector`, (c) => c.notNull()) : t))
    .addUniqueConstraint("search_docs_scope_ref", ["scope", "ref"])
    .execute();
  if (dialect === "postgres") {
    await sql`create index search_docs_tsv on search_docs using gin (tsv)`.execute(db);
  } else {
    // Tokens are produced by our tokenizer and joined with spaces; unicode61 only splits on them and
    // must not fold diacritics (й is not и).
    await sql`create virtual table search_fts using fts5(title, body, tokenize = 'unicode61 remove_diacritics 0')`.execute(
      db,
    );
  }
}
