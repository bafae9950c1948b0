import { CompiledQuery, sql } from "kysely";
import type { Dialect, Executor } from "../db/db.ts";
import { insertValues } from "../db/dialect.ts";
import { indexTokens, parseQuery, type SearchQuery, type Vocabulary, vocabularyOf } from "./tokenize.ts";

/**
 * Full-text search shared by every module. Documents live in `search_docs` (scope, ref, title and body
 * tokens). SQLite indexes them in an FTS5 table keyed by the document id, keeps its vocabulary with
 * each word's document count (search_terms, search_stats) and ranks with BM25 as FTS5's bm25() does;
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
    let after = 0;
    for (;;) {
      const rows = await sql<{ id: number; title: string; body: string }>`
        select id, title, body from search_docs where scope = ${scope} and id > ${after} order by id limit 5000`.execute(
        trx,
      );
      const last = rows.rows.at(-1);
      if (!last) break;
      await countWords(trx, rows.rows, -1);
      after = last.id;
    }
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
  await appendTokenizedDocuments(
    trx,
    dialect,
    scope,
    docs.map((d) => ({
      ref: d.ref,
      title: indexTokens(d.title).join(" "),
      body: indexTokens(d.body ?? "").join(" "),
      boost: d.boost ?? 1,
    })),
  );
}

/**
 * The same with the tokens already worked out (indexTokens, joined by spaces), for a bulk load that
 * tokenizes elsewhere, in a worker thread.
 */
export async function appendTokenizedDocuments(
  trx: Executor,
  dialect: Dialect,
  scope: string,
  docs: readonly { ref: string; title: string; body: string; boost: number }[],
  /** vocabularyOf(docs), when it was worked out elsewhere too. */
  counted?: Vocabulary,
) {
  if (docs.length === 0) return;
  if (dialect === "postgres") {
    const rows = docs.map((d) => ({ scope, ref: d.ref, title: d.title, body: d.body, boost: d.boost }));
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
  const values: unknown[] = [];
  for (const d of docs) values.push(scope, d.ref, d.title, d.body, d.boost);
  await insertValues(trx, dialect, "search_docs", ["scope", "ref", "title", "body", "boost"], values);
  await sql`insert into search_fts (rowid, title, body)
    select id, title, body from search_docs where id > ${last.rows[0]?.id ?? 0} order by id`.execute(trx);
  await countWords(trx, docs, 1, counted);
}

/**
 * Keeps SQLite's vocabulary in step with the index (sign +1 for documents added, -1 for documents
 * removed): each word's number of documents, and the index's numbers of documents and words.
 */
async function countWords(
  trx: Executor,
  rows: readonly { title: string; body: string }[],
  sign: 1 | -1,
  counted: Vocabulary = vocabularyOf(rows),
) {
  if (rows.length === 0) return;
  const list = [...counted.terms];
  for (let i = 0; i < list.length; i += 5000) {
    const chunk = list.slice(i, i + 5000);
    const params: unknown[] = [];
    for (const [t, n] of chunk) params.push(t, sign * n);
    await trx.executeQuery(
      CompiledQuery.raw(
        `insert into search_terms (term, docs) values ${chunk.map(() => "(?, ?)").join(",")}
         on conflict (term) do update set docs = docs + excluded.docs`,
        params,
      ),
    );
  }
  await sql`update search_stats set docs = docs + ${sign * rows.length}, tokens = tokens + ${sign * counted.tokens}
    where id = 1`.execute(trx);
}

/** At most this many words stand in for one prefix; a prefix of more is left to FTS5 to expand. */
export const PREFIX_WORDS = 64;

/**
 * FTS5 answers a prefix ("тамож"*) by merging the postings of every word that starts with it, all of
 * them, before it can return the first row; for a common stem that is tens of thousands of postings
 * per query. The same words joined with OR are read lazily, newest first, and a ranked page needs only
 * a few hundred of them. So each prefix is replaced by the words it stands for, read from
 * search_terms. Returns the MATCH expression and the words to rank by (a prefix of more than
 * PREFIX_WORDS words stays a prefix and ranks every word it starts); null when a prefix stands for no
 * word, so the query cannot match.
 */
async function fts5Expanded(
  db: Executor,
  q: SearchQuery,
): Promise<{ match: string; words: Set<string>; prefixes: Set<string> } | null> {
  const expand = async (prefix: string): Promise<string[] | null> => {
    const r = await sql<{ term: string }>`
      select term from search_terms where term >= ${prefix} and term < ${`${prefix}\u{10FFFF}`} and docs > 0
      order by term limit ${PREFIX_WORDS + 1}`.execute(db);
    return r.rows.length > PREFIX_WORDS ? null : r.rows.map((x) => x.term);
  };
  // Tokens contain only letters and digits (see tokenize.ts), so quoting is all the escaping needed.
  const quote = (t: string) => `"${t.replace(/"/g, "")}"`;
  const words = new Set<string>();
  const prefixes = new Set<string>();
  const clauses: string[] = [];
  for (const c of q.clauses) {
    const alternatives: string[] = [];
    for (const a of c.alternatives) {
      const parts: string[] = [];
      for (const token of a.tokens) {
        if (!a.prefix) {
          parts.push(quote(token));
          words.add(token);
          continue;
        }
        const list = await expand(token);
        if (list === null) {
          parts.push(`${quote(token)}*`);
          prefixes.add(token);
        } else if (list.length > 0) {
          parts.push(list.length === 1 ? quote(list[0] as string) : `(${list.map(quote).join(" OR ")})`);
          for (const w of list) words.add(w);
        } else {
          parts.length = 0;
          break;
        }
      }
      if (parts.length === a.tokens.length) alternatives.push(`(${parts.join(" AND ")})`);
    }
    if (alternatives.length === 0) return null;
    clauses.push(alternatives.length === 1 ? (alternatives[0] as string) : `(${alternatives.join(" OR ")})`);
  }
  return { match: [...new Set(clauses)].join(" AND "), words, prefixes };
}

/** Occurrences of ` word ` in ` tokens ` (tokens are separated by single spaces). */
function occurrences(text: string, padded: string): number {
  let n = 0;
  let at = text.indexOf(padded);
  while (at >= 0) {
    n += 1;
    at = text.indexOf(padded, at + padded.length - 1);
  }
  return n;
}

function tokenCount(text: string): number {
  if (text === "") return 0;
  let n = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 32) n += 1;
  return n;
}

/** BM25 as FTS5's bm25() computes it: k1 = 1.2, b = 0.75, titles weighing TITLE_WEIGHT times. */
const K1 = 1.2;
const B = 0.75;
const TITLE_WEIGHT = 5;

/**
 * Ranks candidate rows by BM25 over the query's words. FTS5's own bm25() counts, on every call, the
 * documents of each word it ranks by — all their postings; the vocabulary table keeps those counts, so
 * ranking costs only the candidates' own words.
 */
async function rankBm25(
  db: Executor,
  rows: readonly { ref: string; boost: number; title: string; body: string }[],
  words: Set<string>,
  prefixes: Set<string>,
): Promise<SearchHit[]> {
  const stats = await sql<{
    docs: number;
    tokens: number;
  }>`select docs, tokens from search_stats where id = 1`.execute(db);
  const n = Math.max(1, Number(stats.rows[0]?.docs ?? 1));
  const avgdl = Math.max(1, Number(stats.rows[0]?.tokens ?? 1) / n);
  const idf = new Map<string, number>();
  const list = [...words];
  for (let i = 0; i < list.length; i += 500) {
    const chunk = list.slice(i, i + 500);
    const r = await sql<{ term: string; docs: number }>`
      select term, docs from search_terms where term in (${sql.join(chunk)})`.execute(db);
    for (const t of r.rows) {
      const d = Number(t.docs);
      idf.set(t.term, Math.max(1e-6, Math.log((n - d + 0.5) / (d + 0.5))));
    }
  }
  // A prefix left unexpanded ranks as one word found in half the documents.
  const prefixIdf = Math.max(1e-6, Math.log((n - n / 2 + 0.5) / (n / 2 + 0.5)));
  // The query's words, each found by searching the space-separated token text (no splitting).
  const needles = list.map((w) => ({ idf: idf.get(w) ?? 1e-6, padded: ` ${w} ` }));
  const hits: SearchHit[] = [];
  for (const row of rows) {
    const title = ` ${row.title} `;
    const body = ` ${row.body} `;
    const norm = K1 * (1 - B + (B * (tokenCount(row.title) + tokenCount(row.body))) / avgdl);
    let score = 0;
    for (const w of needles) {
      const f = TITLE_WEIGHT * occurrences(title, w.padded) + occurrences(body, w.padded);
      if (f > 0) score += (w.idf * f * (K1 + 1)) / (f + norm);
    }
    for (const p of prefixes) {
      let f = 0;
      for (const t of row.title.split(" ")) if (t.startsWith(p)) f += TITLE_WEIGHT;
      for (const t of row.body.split(" ")) if (t.startsWith(p)) f += 1;
      if (f > 0) score += (prefixIdf * f * (K1 + 1)) / (f + norm);
    }
    hits.push({ ref: row.ref, score: score * row.boost });
  }
  return hits;
}

export async function removeDocument(trx: Executor, dialect: Dialect, scope: string, ref: string) {
  if (dialect === "sqlite") {
    const gone = await sql<{ title: string; body: string }>`
      select title, body from search_docs where scope = ${scope} and ref = ${ref}`.execute(trx);
    await countWords(trx, gone.rows, -1);
    await sql`delete from search_fts where rowid in (select id from search_docs where scope = ${scope} and ref = ${ref})`.execute(
      trx,
    );
  }
  await trx.deleteFrom("search_docs").where("scope", "=", scope).where("ref", "=", ref).execute();
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
export function searchScope(
  db: Executor,
  dialect: Dialect,
  scope: string,
  text: string,
  limit: number,
  window = RANK_WINDOW,
): Promise<SearchHit[]> {
  return searchScopeAny(db, dialect, scope, [text], limit, window);
}

/**
 * Ranked refs of a scope matching any of the texts (e.g. one term's equivalents in other languages),
 * in one query instead of one per text.
 */
export async function searchScopeAny(
  db: Executor,
  dialect: Dialect,
  scope: string,
  texts: readonly string[],
  limit: number,
  window = RANK_WINDOW,
): Promise<SearchHit[]> {
  const queries = texts.map(parseQuery).filter((q) => q.clauses.length > 0);
  if (queries.length === 0) return [];
  if (dialect === "postgres") {
    const tsq = queries.map((q) => `(${tsQuery(q)})`).join(" | ");
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
  const matches: string[] = [];
  const words = new Set<string>();
  const prefixes = new Set<string>();
  for (const q of queries) {
    const expanded = await fts5Expanded(db, q);
    if (expanded === null) continue;
    matches.push(`(${expanded.match})`);
    for (const w of expanded.words) words.add(w);
    for (const p of expanded.prefixes) prefixes.add(p);
  }
  if (matches.length === 0) return [];
  // The newest `window` matches (FTS5 reads them lazily, newest first), ranked here.
  const r = await sql<{ ref: string; boost: number; title: string; body: string }>`
    select x.ref as ref, x.boost as boost, x.title as title, x.body as body
    from search_fts f join search_docs x on x.id = f.rowid
    where f.search_fts match ${matches.join(" OR ")} and x.scope = ${scope}
    order by f.rowid desc limit ${window}`.execute(db);
  const hits = await rankBm25(db, r.rows, words, prefixes);
  hits.sort((a, b) => b.score - a.score || (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
  return hits.slice(0, limit);
}
