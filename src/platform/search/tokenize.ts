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
const HAN_RUN = /\p{Script=Han}+/gu;

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

function stemWord(word: string): string {
  if (CYRILLIC.test(word)) return ru.stem(word);
  if (/^[a-z]+$/.test(word)) return en.stem(word);
  return word;
}

/** Word-like segments of the text, lowercased; Han runs split by the segmenter. */
function words(text: string): string[] {
  const out: string[] = [];
  for (const s of segmenter.segment(normalize(text))) {
    if (!s.isWordLike) continue;
    // The segmenter keeps letters joined by apostrophes or dots; split them further on anything that
    // is not a letter or digit.
    for (const w of s.segment.split(/[^\p{L}\p{N}]+/u)) if (w) out.push(w);
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

/** Han characters of a text (used to decide whether a query is Chinese). */
export function hasHan(text: string): boolean {
  return HAN_RUN.test(text);
}
