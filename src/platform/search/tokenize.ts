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

// Names and titles repeat the same words endlessly; stemming is the costly part of indexing. Only
// stemmed words are kept: numbers and codes, each seen once or twice, would only push them out.
const stems = new Map<string, string>();
const STEM_CACHE_MAX = 100_000;
const LATIN_WORD = /^[a-z]+$/;

function stemWord(word: string): string {
  let stem = stems.get(word);
  if (stem !== undefined) return stem;
  if (CYRILLIC.test(word)) stem = ru.stem(word);
  else if (LATIN_WORD.test(word)) stem = en.stem(word);
  else return word;
  if (stems.size >= STEM_CACHE_MAX) stems.clear();
  stems.set(word, stem);
  return stem;
}

const NON_WORD = /[^\p{L}\p{N}]+/u;
const HAN_OR_NOT = /(\p{Script=Han}+)/u;

/**
 * Word-like segments of the text, lowercased, each passed to `han` (a word of Han characters) or
 * `other`. Only runs of Han characters go through the segmenter (it is slow, and splitting on
 * non-letters is all other scripts need).
 */
function eachWord(text: string, han: (word: string) => void, other: (word: string) => void) {
  const normalized = normalize(text);
  if (!CJK.test(normalized)) {
    for (const w of normalized.split(NON_WORD)) if (w) other(w);
    return;
  }
  // Split with a capturing group: the runs of Han characters are the odd parts.
  const parts = normalized.split(HAN_OR_NOT);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    if (part === "") continue;
    if (i % 2 === 1) {
      for (const s of segmenter.segment(part)) if (s.isWordLike) han(s.segment);
    } else {
      for (const w of part.split(NON_WORD)) if (w) other(w);
    }
  }
}

/** Tokens to index for a text: stems, Chinese words and their single characters. */
export function indexTokens(text: string): string[] {
  const out: string[] = [];
  eachWord(
    text,
    (w) => {
      out.push(w);
      // A word from a run of Han characters has only Han characters (one or two UTF-16 units each).
      if (w.length > 1) {
        const chars = [...w];
        if (chars.length > 1) for (const c of chars) out.push(c);
      }
    },
    (w) => {
      if (!STOPWORDS.has(w)) out.push(stemWord(w));
    },
  );
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
  const vocabulary: Vocabulary = { terms: new Map(), tokens: 0 };
  for (const d of docs) addToVocabulary(vocabulary, `${d.title} ${d.body}`.split(" "));
  return vocabulary;
}

/** Counts one more document, given as its tokens, into a vocabulary. */
export function addToVocabulary(vocabulary: Vocabulary, tokens: readonly string[]) {
  const { terms } = vocabulary;
  const words = new Set<string>();
  for (const t of tokens) {
    if (t === "") continue;
    vocabulary.tokens += 1;
    if (words.has(t)) continue;
    words.add(t);
    terms.set(t, (terms.get(t) ?? 0) + 1);
  }
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
  eachWord(
    text,
    (w) => {
      const chars = [...w];
      const alternatives = [{ tokens: [w], prefix: false }];
      if (chars.length > 1) alternatives.push({ tokens: chars, prefix: false });
      clauses.push({ alternatives });
    },
    (w) => {
      if (!STOPWORDS.has(w)) clauses.push({ alternatives: [{ tokens: [stemWord(w)], prefix: true }] });
    },
  );
  return { clauses };
}

/** Whether a text contains Han characters (used to decide whether a query is Chinese). */
export function hasHan(text: string): boolean {
  return CJK.test(text);
}
