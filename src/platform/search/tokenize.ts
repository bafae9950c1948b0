import snowball from "snowball-stemmers";

/**
 * Search tokens for Chinese, Russian and English text, computed in TypeScript so SQLite and PostgreSQL
 * index exactly the same tokens. Chinese is split into words with Intl.Segmenter and, because word
 * boundaries differ between texts, also into single characters; Russian and English words are stemmed
 * with the Snowball stemmers; digits stay as they are (codes, numbers).
 */

const ru = snowball.newStemmer("russian");
const en = snowball.newStemmer("english");
const segmenter = new Intl.Segmenter("zh", { granularity: "word" });

const CJK = /\p{Script=Han}/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;

// Words too common to carry meaning; dropping them keeps postings short and ranking sharp.
const STOPWORDS = new Set([
  "a",
  "an",
  "and",
  "are",
  "as",
  "at",
  "be",
  "by",
  "for",
  "from",
  "in",
  "into",
  "is",
  "it",
  "not",
  "of",
  "on",
  "or",
  "other",
  "than",
  "that",
  "the",
  "their",
  "this",
  "to",
  "with",
  "whether",
  "и",
  "в",
  "во",
  "на",
  "с",
  "со",
  "по",
  "для",
  "или",
  "из",
  "от",
  "до",
  "не",
  "к",
  "а",
  "о",
  "об",
  "прочие",
  "прочий",
  "прочая",
  "прочее",
]);

function normalize(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/ё/g, "е");
}

// Names and titles repeat the same words endlessly; stemming is the costly part of indexing.
const stems = new Map<string, string>();
const STEM_CACHE_MAX = 100_000;

function stemWord(word: string): string {
  let stem = stems.get(word);
  if (stem === undefined) {
    stem = CYRILLIC.test(word) ? ru.stem(word) : /^[a-z]+$/.test(word) ? en.stem(word) : word;
    if (stems.size >= STEM_CACHE_MAX) stems.clear();
    stems.set(word, stem);
  }
  return stem;
}

const NON_WORD = /[^\p{L}\p{N}]+/u;
const HAN_OR_NOT = /(\p{Script=Han}+)/u;

/**
 * Word-like segments of the text, lowercased. Only runs of Han characters go through the segmenter
 * (it is slow, and splitting on non-letters is all other scripts need).
 */
function words(text: string): string[] {
  const out: string[] = [];
  const normalized = normalize(text);
  const parts = CJK.test(normalized) ? normalized.split(HAN_OR_NOT) : [normalized];
  for (const part of parts) {
    if (part === "") continue;
    if (CJK.test(part)) {
      for (const s of segmenter.segment(part)) if (s.isWordLike) out.push(s.segment);
    } else {
      for (const w of part.split(NON_WORD)) if (w) out.push(w);
    }
  }
  return out;
}

/** Tokens to index for a text: stems, Chinese words and their single characters. */
export function indexTokens(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) {
    if (CJK.test(w)) {
      out.push(w);
      const chars = [...w];
      if (chars.length > 1) for (const c of chars) if (CJK.test(c)) out.push(c);
    } else if (!STOPWORDS.has(w)) {
      out.push(stemWord(w));
    }
  }
  return out;
}

export interface Vocabulary {
  /** Each word and the number of documents it is in. */
  terms: Map<string, number>;
  /** Words in all, repeats counted. */
  tokens: number;
}

/** The vocabulary of documents given as token strings (indexTokens joined by spaces). */
export function vocabularyOf(docs: readonly { title: string; body: string }[]): Vocabulary {
  const terms = new Map<string, number>();
  let tokens = 0;
  for (const d of docs) {
    const words = new Set<string>();
    for (const t of `${d.title} ${d.body}`.split(" ")) {
      if (t === "") continue;
      words.add(t);
      tokens += 1;
    }
    for (const t of words) terms.set(t, (terms.get(t) ?? 0) + 1);
  }
  return { terms, tokens };
}

/**
 * A parsed query: every clause must match. A clause matches when any of its alternatives matches; an
 * alternative is a set of tokens that must all be present. Non-Chinese tokens match as prefixes, so a
 * search box finds results while the user is typing and despite stemmer quirks.
 */
export interface SearchQuery {
  clauses: { alternatives: { tokens: string[]; prefix: boolean }[] }[];
}

export function parseQuery(text: string): SearchQuery {
  const clauses: SearchQuery["clauses"] = [];
  for (const w of words(text)) {
    if (CJK.test(w)) {
      const chars = [...w].filter((c) => CJK.test(c));
      const alternatives = [{ tokens: [w], prefix: false }];
      if (chars.length > 1) alternatives.push({ tokens: chars, prefix: false });
      clauses.push({ alternatives });
    } else if (!STOPWORDS.has(w)) {
      clauses.push({ alternatives: [{ tokens: [stemWord(w)], prefix: true }] });
    }
  }
  return { clauses };
}

/** Whether a text contains Han characters (used to decide whether a query is Chinese). */
export function hasHan(text: string): boolean {
  return CJK.test(text);
}
