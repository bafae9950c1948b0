import type { Selectable } from "kysely";
import type { Dialect, Executor } from "../../platform/db/db.ts";
import type { KbDocumentsTable, KbVersionsTable } from "../../platform/db/schema.ts";
import { searchScope, searchScopeAny } from "../../platform/search/search.ts";
import { indexTokens } from "../../platform/search/tokenize.ts";
import { currentVersions, KB_SCOPE, numberKey } from "./knowledge.service.ts";

/**
 * Search over the knowledge base: the platform's full-text index (Chinese segmented into words, Russian
 * and English stemmed; titles weigh more), an exact official number first, and the term bank: a query
 * that contains a term in one language is also run with its equivalents in the other two, so a Chinese
 * query finds a Russian-only document, and the result says through which term.
 */

type Lang = "zh" | "ru" | "en";

/**
 * A query matching more documents than this is ranked among its newest matches only (searchScope's
 * window): in a body of law a later act amends or repeals an earlier one, so for a broad query the
 * newest texts are the ones to read first, and ranking fewer candidates keeps the search quick.
 */
export const KB_RANK_WINDOW = 200;
const LANGS: Lang[] = ["zh", "ru", "en"];

export interface KbFilter {
  kind?: string | undefined;
  side?: string | undefined;
  status?: string | undefined;
  hs?: string | undefined;
  port?: string | undefined;
  topic?: string | undefined;
  inForce?: string | undefined;
}

export function inForceOn(
  d: Pick<KbDocumentsTable, "status" | "effective_on" | "repealed_on" | "issued_on">,
  date: string,
) {
  if (d.status !== "published" && d.status !== "repealed") return false;
  const from = d.effective_on ?? d.issued_on;
  if (from && from > date) return false;
  return !(d.repealed_on && d.repealed_on <= date);
}

export function hsOverlaps(prefixes: readonly string[], hs: string) {
  return prefixes.some((p) => p.startsWith(hs) || hs.startsWith(p));
}

function passes(d: KbDocumentsTable, f: KbFilter, visible: readonly string[]) {
  if (!visible.includes(d.status)) return false;
  if (f.kind && d.kind !== f.kind) return false;
  if (f.side && d.side !== f.side) return false;
  if (f.status && d.status !== f.status) return false;
  if (f.hs && !hsOverlaps(JSON.parse(d.hs_prefixes) as string[], f.hs)) return false;
  if (f.port && !(JSON.parse(d.ports) as string[]).includes(f.port)) return false;
  if (f.topic && !(JSON.parse(d.topics) as string[]).includes(f.topic)) return false;
  if (f.inForce && !inForceOn(d, f.inForce)) return false;
  return true;
}

/** The stretch of the body around the first match, split into plain and matching parts. */
export function snippet(body: string, query: string, width = 90): { text: string; hit: boolean }[] {
  const text = body
    .replace(/[#*>`_[\]()]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  const lower = text.toLowerCase();
  const needles = new Set<string>();
  for (const w of query.toLowerCase().split(/[\s,.;:!?，。；：]+/)) {
    if (!w) continue;
    if (/\p{Script=Han}/u.test(w)) {
      needles.add(w);
      for (const t of indexTokens(w)) if (t.length > 1) needles.add(t);
    } else if (w.length >= 3) {
      // A stem-like prefix finds inflected forms (лесоматериалов → лесоматериал).
      needles.add(w.length > 5 ? w.slice(0, w.length - 2) : w);
    }
  }
  let first = -1;
  for (const n of needles) {
    const i = lower.indexOf(n);
    if (i >= 0 && (first < 0 || i < first)) first = i;
  }
  const start = Math.max(0, first < 0 ? 0 : first - Math.floor(width / 3));
  const piece = text.slice(start, start + width);
  const parts: { text: string; hit: boolean }[] = [];
  const pieceLower = piece.toLowerCase();
  let i = 0;
  while (i < piece.length) {
    let match = 0;
    for (const n of needles) if (n && pieceLower.startsWith(n, i)) match = Math.max(match, n.length);
    if (match > 0) {
      // Extend to the end of the word for alphabetic scripts.
      let end = i + match;
      while (
        end < piece.length &&
        /\p{L}/u.test(piece[end] as string) &&
        !/\p{Script=Han}/u.test(piece[end] as string)
      )
        end++;
      parts.push({ text: piece.slice(i, end), hit: true });
      i = end;
    } else {
      const last = parts.at(-1);
      if (last && !last.hit) last.text += piece[i];
      else parts.push({ text: piece[i] as string, hit: false });
      i++;
    }
  }
  if (start > 0) parts.unshift({ text: "…", hit: false });
  if (start + width < text.length) parts.push({ text: "…", hit: false });
  return parts;
}

interface PreparedTerm {
  forms: Record<Lang, { text: string; tokens: string[] }[]>;
  texts: Record<Lang, string>;
}

/** The term bank with each form's tokens, kept per database and dropped when a term changes. */
const termCache = new WeakMap<object, { generation: number; terms: Promise<PreparedTerm[]> }>();
let termGeneration = 0;
export function invalidateTerms(): void {
  termGeneration += 1;
}

function preparedTerms(db: Executor): Promise<PreparedTerm[]> {
  const c = termCache.get(db);
  if (c && c.generation === termGeneration) return c.terms;
  const terms = db
    .selectFrom("kb_terms")
    .selectAll()
    .execute()
    .then((rows) =>
      rows.map((t) => {
        const forms = {} as PreparedTerm["forms"];
        for (const lang of LANGS) {
          // "申报人 / 报关单位": each alternative is a form; "(notes)" are not part of it.
          forms[lang] = t[lang]
            .split(" / ")
            .map((f) => f.replace(/\([^)]*\)/g, "").trim())
            .filter(Boolean)
            .map((text) => ({
              text,
              tokens: indexTokens(text).filter((x) => x.length > 1 || /\p{Script=Han}/u.test(x)),
            }));
        }
        return {
          forms,
          texts: {
            zh: forms.zh[0]?.text ?? t.zh,
            ru: forms.ru[0]?.text ?? t.ru,
            en: forms.en[0]?.text ?? t.en,
          },
        };
      }),
    );
  termCache.set(db, { generation: termGeneration, terms });
  return terms;
}

/** Terms of the bank that occur in the query, in any of their languages. */
export async function matchingTerms(db: Executor, query: string) {
  const terms = await preparedTerms(db);
  const q = new Set(indexTokens(query));
  const lowered = query.toLowerCase();
  const out: { term: string; from: Lang; equivalents: { lang: Lang; text: string }[] }[] = [];
  for (const t of terms) {
    let found: { lang: Lang; text: string } | null = null;
    for (const lang of LANGS) {
      for (const f of t.forms[lang]) {
        const contained =
          lang === "zh"
            ? lowered.includes(f.text.toLowerCase())
            : f.tokens.length > 0 && f.tokens.every((x) => q.has(x));
        if (contained) {
          found = { lang, text: f.text };
          break;
        }
      }
      if (found) break;
    }
    if (found) {
      const from = found.lang;
      out.push({
        term: found.text,
        from,
        equivalents: LANGS.filter((l) => l !== from).map((l) => ({ lang: l, text: t.texts[l] })),
      });
    }
  }
  return out;
}

export interface KbHit {
  document: KbDocumentsTable;
  lang: Lang;
  version: Selectable<KbVersionsTable>;
  score: number;
  exactNumber: boolean;
  via: { term: string; from: Lang; to: Lang; text: string } | null;
  otherLanguages: Lang[];
}

export async function searchKnowledge(
  db: Executor,
  dialect: Dialect,
  q: string,
  f: KbFilter,
  opts: { visibleStatuses: readonly string[]; readerLang: Lang; limit: number },
) {
  const best = new Map<string, { lang: Lang | null; score: number; via: KbHit["via"]; exact: boolean }>();
  const consider = (docId: string, lang: Lang | null, score: number, via: KbHit["via"], exact = false) => {
    const cur = best.get(docId);
    if (!cur || score > cur.score)
      best.set(docId, {
        lang,
        score,
        via: cur?.via && !via ? null : via,
        exact: exact || (cur?.exact ?? false),
      });
  };
  // Enough candidates for the page, more when filters will drop some.
  const filtered = Object.values(f).some((v) => v !== undefined);
  const candidates = filtered ? 300 : opts.limit * 2 + 10;
  // 1. An official number typed as it is printed (any bracket style).
  const key = numberKey(q);
  if (key.length >= 3) {
    const exact = await db.selectFrom("kb_documents").select("id").where("number_key", "=", key).execute();
    for (const d of exact) consider(d.id, null, 1e6, null, true);
  }
  // 2. The words of the query.
  for (const h of await searchScope(db, dialect, KB_SCOPE, q, candidates, KB_RANK_WINDOW)) {
    const [id, lang] = h.ref.split(":") as [string, Lang];
    consider(id, lang, h.score, null);
  }
  // 3. The term bank: equivalents of the query's terms in the other languages, ranked below direct hits.
  const terms = await matchingTerms(db, q);
  for (const t of terms) {
    // All of a term's equivalents in one search; a hit came through the equivalent in its language.
    const texts = t.equivalents.map((e) => e.text);
    for (const h of await searchScopeAny(db, dialect, KB_SCOPE, texts, candidates, KB_RANK_WINDOW)) {
      const [id, lang] = h.ref.split(":") as [string, Lang];
      if (best.has(id) && best.get(id)?.via === null) continue;
      const e = t.equivalents.find((x) => x.lang === lang) ?? t.equivalents[0];
      if (!e) continue;
      consider(id, lang, h.score * 0.8, { term: t.term, from: t.from, to: e.lang, text: e.text });
    }
  }
  const ids = [...best.keys()];
  if (ids.length === 0) return { hits: [] as KbHit[], expansions: terms };
  // Metadata first (for the filters), versions only for the documents shown.
  const docs = await db.selectFrom("kb_documents").selectAll().where("id", "in", ids).execute();
  const chosen = docs
    .filter((d) => passes(d, f, opts.visibleStatuses) && best.has(d.id))
    .sort((a, b) => (best.get(b.id)?.score ?? 0) - (best.get(a.id)?.score ?? 0) || a.id.localeCompare(b.id))
    .slice(0, opts.limit);
  const versions = await currentVersions(
    db,
    chosen.map((d) => d.id),
  );
  const hits: KbHit[] = [];
  for (const d of chosen) {
    const b = best.get(d.id);
    if (!b) continue;
    const mine = versions.filter((v) => v.document_id === d.id);
    const version =
      mine.find((v) => v.lang === b.lang) ??
      mine.find((v) => v.lang === opts.readerLang) ??
      mine.find((v) => v.lang === d.original_lang) ??
      mine[0];
    if (!version) continue;
    hits.push({
      document: d,
      lang: version.lang,
      version,
      score: b.score,
      exactNumber: b.exact,
      via: b.via,
      otherLanguages: mine.map((v) => v.lang).filter((l) => l !== version.lang),
    });
  }
  return { hits, expansions: terms };
}
