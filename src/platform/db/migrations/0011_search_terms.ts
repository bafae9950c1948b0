import { type Kysely, sql } from "kysely";
import type { Dialect } from "../db.ts";

/**
 * SQLite's search vocabulary (see platform/search/search.ts): every word of the full-text index with
 * the number of documents that contain it, and the index's document and word counts. With them a
 * prefix in a query ("тамож…") becomes the words it stands for by a range read, and results are ranked
 * by BM25 without FTS5 re-counting every word's documents on each query. PostgreSQL needs neither.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  if (dialect !== "sqlite") return;
  await sql`create table search_terms (term text primary key, docs integer not null) without rowid`.execute(
    db,
  );
  await sql`create table search_stats (id integer primary key, docs integer not null, tokens integer not null)`.execute(
    db,
  );
  await sql`insert into search_stats (id, docs, tokens) values (1, 0, 0)`.execute(db);
  // Documents indexed before these tables existed.
  const docs = new Map<string, number>();
  let count = 0;
  let tokens = 0;
  let after = 0;
  for (;;) {
    const rows = await sql<{ id: number; title: string; body: string }>`
      select id, title, body from search_docs where id > ${after} order by id limit 5000`.execute(db);
    const last = rows.rows.at(-1);
    if (!last) break;
    for (const r of rows.rows) {
      const words = `${r.title} ${r.body}`.split(" ").filter((t) => t !== "");
      count += 1;
      tokens += words.length;
      for (const t of new Set(words)) docs.set(t, (docs.get(t) ?? 0) + 1);
    }
    after = last.id;
  }
  const list = [...docs];
  for (let i = 0; i < list.length; i += 5000) {
    const values = list.slice(i, i + 5000).map(([t, n]) => sql`(${t}, ${n})`);
    await sql`insert into search_terms (term, docs) values ${sql.join(values)}`.execute(db);
  }
  await sql`update search_stats set docs = ${count}, tokens = ${tokens} where id = 1`.execute(db);
}
