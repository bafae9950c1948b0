import { sql } from "kysely";
import type { Dialect, Executor } from "../db/db.ts";
import { insertRows } from "../db/dialect.ts";
import { indexTokens, parseQuery, type SearchQuery } from "./tokenize.ts";

/**
 * Full-text search shared by every module. Documents live in `search_docs` (scope, ref, title and body
 * tokens). SQLite indexes them in an FTS5 table keyed by the document id and ranks with bm25();
 * PostgreSQL keeps a weighted tsvector built from the token arrays (array_to_tsvector, so no text
 * parser or locale touches the tokens) and ranks with ts_rank. Title matches weigh five times body ones.
 */

export interface SearchDocument {
  ref: string;
  title: string;
  body?: string;
  /** Multiplies the relevance score; default 1. */
  boost?: number;
}

export interface SearchHit {
  ref: string;
  score: number;
}

/** Replaces all documents of a scope (bulk loads of reference data). */
export async function replaceScope(
  trx: Executor,
  dialect: Dialect,
  scope: string,
  docs: readonly SearchDocument[],
) {
  await removeScope(trx, dialect, scope);
  for (let i = 0; i < docs.length; i += 500)
    await appendDocuments(trx, dialect, scope, docs.slice(i, i + 500));
}

export async function removeScope(trx: Executor, dialect: Dialect, scope: string) {
  if (dialect === "sqlite") {
    await sql`delete from search_fts where rowid in (select id from search_docs where scope = ${scope})`.execute(
      trx,
    );
  }
  await trx.deleteFrom("search_docs").where("scope", "=", scope).execute();
}

/** Adds or replaces one document (knowledge base edits). */
export async function upsertDocument(trx: Executor, dialect: Dialect, scope: string, doc: SearchDocument) {
  await removeDocument(trx, dialect, scope, doc.ref);
  await appendDocuments(trx, dialect, scope, [doc]);
}

/** Adds documents to a scope without removing any (for loads that stream in chunks). */
export async function appendDocuments(
  trx: Executor,
  dialect: Dialect,
  scope: string,
  docs: readonly SearchDocument[],
) {
  if (docs.length === 0) return;
  const rows = docs.map((d) => ({
    scope,
    ref: d.ref,
    title: indexTokens(d.title).join(" "),
    body: indexTokens(d.body ?? "").join(" "),
    boost: d.boost ?? 1,
  }));
  if (dialect === "postgres") {
    await sql`insert into search_docs (scope, ref, title, body, boost, tsv)
      select x.scope, x.ref, x.title, x.body, x.boost,
        setweight(array_to_tsvector(coalesce(string_to_array(nullif(x.title, ''), ' '), '{}')), 'A') ||
        setweight(array_to_tsvector(coalesce(string_to_array(nullif(x.body, ''), ' '), '{}')), 'B')
      from json_to_recordset(${JSON.stringify(rows)}::json) as x(scope text, ref text, title text, body text, boost real)`.execute(
      trx,
    );
    return;
  }
  // SQLite has one writer at a time, so the rows inserted here are exactly those after the last id.
  const last = await sql<{ id: number | null }>`select max(id) as id from search_docs`.execute(trx);
  await insertRows(trx, dialect, "search_docs", rows);
  await sql`insert into search_fts (rowid, title, body)
    select id, title, body from search_docs where id > ${last.rows[0]?.id ?? 0} order by id`.execute(trx);
}

export async function removeDocument(trx: Executor, dialect: Dialect, scope: string, ref: string) {
  if (dialect === "sqlite") {
    await sql`delete from search_fts where rowid in (select id from search_docs where scope = ${scope} and ref = ${ref})`.execute(
      trx,
    );
  }
  await trx.deleteFrom("search_docs").where("scope", "=", scope).where("ref", "=", ref).execute();
}

// Tokens contain only letters and digits (see tokenize.ts), so quoting is all the escaping needed.
function fts5Query(q: SearchQuery): string {
  return q.clauses
    .map((c) => {
      const alts = c.alternatives.map(
        (a) => `(${a.tokens.map((t) => `"${t.replace(/"/g, "")}"${a.prefix ? "*" : ""}`).join(" AND ")})`,
      );
      return alts.length === 1 ? alts[0] : `(${alts.join(" OR ")})`;
    })
    .join(" AND ");
}

function tsQuery(q: SearchQuery): string {
  const lexeme = (t: string, prefix: boolean) => `'${t.replace(/['\\]/g, "")}'${prefix ? ":*" : ""}`;
  return q.clauses
    .map((c) => {
      const alts = c.alternatives.map((a) => `(${a.tokens.map((t) => lexeme(t, a.prefix)).join(" & ")})`);
      return alts.length === 1 ? alts[0] : `(${alts.join(" | ")})`;
    })
    .join(" & ");
}

/**
 * Ranking costs time per matching document, so a query that matches more than `window` documents is
 * ranked among the `window` most recently indexed matches (a query that broad says little anyway).
 */
export const RANK_WINDOW = 500;

/** Ranked refs of a scope matching the text; an empty or all-stopword query matches nothing. */
export async function searchScope(
  db: Executor,
  dialect: Dialect,
  scope: string,
  text: string,
  limit: number,
  window = RANK_WINDOW,
): Promise<SearchHit[]> {
  const q = parseQuery(text);
  if (q.clauses.length === 0) return [];
  if (dialect === "postgres") {
    const tsq = tsQuery(q);
    const r = await sql<{ ref: string; score: number }>`
      select ref, ts_rank('{0.1, 0.2, 0.2, 1.0}', tsv, ${tsq}::tsquery) * boost as score
      from search_docs
      where scope = ${scope} and tsv @@ ${tsq}::tsquery
        and id >= (select coalesce(min(id), 0) from (
          select id from search_docs where scope = ${scope} and tsv @@ ${tsq}::tsquery order by id desc limit ${window}) w)
      order by score desc, ref
      limit ${limit}`.execute(db);
    return r.rows.map((x) => ({ ref: x.ref, score: Number(x.score) }));
  }
  const match = fts5Query(q);
  const r = await sql<{ ref: string; score: number }>`
    select d.ref as ref, -bm25(search_fts, 5.0, 1.0) * d.boost as score
    from search_fts join search_docs d on d.id = search_fts.rowid
    where search_fts match ${match} and d.scope = ${scope}
      and search_fts.rowid >= (select coalesce(min(rowid), 0) from (
        select f.rowid as rowid from search_fts f join search_docs x on x.id = f.rowid
        where f.search_fts match ${match} and x.scope = ${scope} order by f.rowid desc limit ${window}))
    order by score desc, d.ref
    limit ${limit}`.execute(db);
  return r.rows.map((x) => ({ ref: x.ref, score: Number(x.score) }));
}
