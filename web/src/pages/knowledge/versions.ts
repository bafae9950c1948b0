import type { TDiffLine, TDocLang, TVersion } from "./contracts";

// Which language a document opens in, and how a version's line diff is shown. Pure, so it can be
// unit-tested.

/**
 * The tab a document opens at: the language asked for in the address, else the reader's own, else the
 * original's, else whichever version there is.
 */
export function initialLanguage(
  versions: readonly Pick<TVersion, "lang">[],
  asked: string | null,
  reader: TDocLang,
  original: TDocLang,
): TDocLang | null {
  const has = (lang: string | null) => versions.find((v) => v.lang === lang)?.lang;
  return has(asked) ?? has(reader) ?? has(original) ?? versions[0]?.lang ?? null;
}

/** Tabs in a fixed order: the original first, then Chinese, Russian, English. */
export function orderVersions<V extends Pick<TVersion, "lang">>(
  versions: readonly V[],
  original: TDocLang,
): V[] {
  const rank = (lang: TDocLang) => (lang === original ? -1 : ["zh", "ru", "en"].indexOf(lang));
  return [...versions].sort((a, b) => rank(a.lang) - rank(b.lang));
}

export type DiffRow = TDiffLine | { op: "skip"; count: number };

/**
 * A diff with long runs of unchanged lines folded to `context` lines on each side of a change, so a
 * one-line amendment of a long text reads as one line. A diff with no change at all is shown whole.
 */
export function foldDiff(diff: readonly TDiffLine[], context = 2): DiffRow[] {
  const changed = diff.map((line) => line.op !== "same");
  if (!changed.includes(true)) return [...diff];
  const keep = diff.map((_, index) => {
    for (let k = Math.max(0, index - context); k <= Math.min(diff.length - 1, index + context); k++) {
      if (changed[k]) return true;
    }
    return false;
  });
  const rows: DiffRow[] = [];
  let skipped = 0;
  diff.forEach((line, index) => {
    if (keep[index]) {
      if (skipped > 0) rows.push({ op: "skip", count: skipped });
      skipped = 0;
      rows.push(line);
    } else skipped += 1;
  });
  if (skipped > 0) rows.push({ op: "skip", count: skipped });
  return rows;
}

/**
 * The first version is compared with nothing: the server then reports its text as added and an empty
 * line as removed. Only the added text is worth showing.
 */
export function firstVersionText(diff: readonly TDiffLine[]): string[] {
  return diff.filter((line) => line.op !== "removed").map((line) => line.text);
}

/** How many lines a version added and removed, for the summary line of its entry in the history. */
export function diffStats(diff: readonly TDiffLine[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const line of diff) {
    if (line.op === "added") added += 1;
    else if (line.op === "removed") removed += 1;
  }
  return { added, removed };
}
