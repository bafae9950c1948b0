/**
 * Russian-language TN VED EAEU files (data/reference/tnved/): the FCS section, chapter and heading files
 * with their dated versions, the 2022 list of 10-digit lines and the 2017-era flat list with
 * hierarchical paths. Pure functions over file text; `hs.parse.ts` joins the result with the HS tree.
 */
import { parseCsvRecords } from "../../platform/csv.ts";

/** The date whose wording we show: the HS 2022 / TN VED 2022 edition took effect on 2022-01-01. */
export const TNVED_REFERENCE_DATE = "2022-01-01";

/** One dated version of a row of an FCS file (TNVED1/2/3). */
export interface FcsVersion {
  /** Section "01".."22" (TNVED1), chapter "01".."97" (TNVED2) or heading "0101".. (TNVED3). */
  code: string;
  /** For chapters, the FCS section number "01".."21" the chapter belongs to. */
  sectionNumber?: string;
  name: string;
  validFrom: string;
  validTo: string | null;
}

export interface FcsFile {
  /** Edition date from the file's first line, e.g. "2022-01-13". */
  editionDate: string | null;
  versions: FcsVersion[];
}

/** Where a Russian name comes from, so the API can say how faithful it is. */
export type RuNameSource =
  | "fcs"
  | "tnved-2022-list"
  | "tnved-2022-list+2017-flat"
  | "tnved-2017-flat+2022-list-children";

export interface RuName {
  text: string;
  source: RuNameSource;
  validFrom?: string;
  validTo?: string;
}

/** A 10-digit line of the 2022 TN VED list. */
export interface TnvedLine {
  code: string;
  /** Number of leading dashes: 1 = directly under the heading, 2 = under a one-dash line, ... */
  depth: number;
  /** Text of the line without the leading dashes; only this line's own words, not its parents'. */
  text: string;
  /** Whether the list cut the text at 200 characters and the full text could not be restored. */
  truncated: boolean;
  /** Whether a cut text was completed from the same code's text in the 2017 list. */
  restoredFrom2017: boolean;
  validFrom: string | null;
}

/** A row of the 2017-era flat list: `segments` are the texts from its nearest coded ancestor down. */
export interface Tnved2017Row {
  code: string;
  segments: string[];
}

const DDMMYYYY = /^(\d{2})\.(\d{2})\.(\d{4})$/;

/** "13.01.2022" → "2022-01-13"; "" → null. */
export function fcsDateToIso(value: string): string | null {
  const trimmed = value.trim();
  if (trimmed === "") return null;
  const m = DDMMYYYY.exec(trimmed);
  if (!m) throw new Error(`bad FCS date ${JSON.stringify(value)}`);
  return `${m[3]}-${m[2]}-${m[1]}`;
}

function parseFcsFile(text: string, kind: "sections" | "chapters" | "headings"): FcsFile {
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? "").split("|");
  const editionRaw = header[1] ?? "";
  const editionDate = /^\d{8}$/.test(editionRaw)
    ? `${editionRaw.slice(0, 4)}-${editionRaw.slice(4, 6)}-${editionRaw.slice(6, 8)}`
    : null;
  const versions: FcsVersion[] = [];
  for (let n = 1; n < lines.length; n++) {
    const line = lines[n] ?? "";
    if (line.trim() === "") continue;
    const f = line.split("|");
    const at = (k: number): string => f[k] ?? "";
    let version: FcsVersion;
    if (kind === "sections") {
      version = { code: at(0), name: at(1), validFrom: req(at(3), n), validTo: fcsDateToIso(at(4)) };
    } else if (kind === "chapters") {
      version = {
        code: at(1),
        sectionNumber: at(0),
        name: at(2),
        validFrom: req(at(4), n),
        validTo: fcsDateToIso(at(5)),
      };
    } else {
      version = { code: at(0) + at(1), name: at(2), validFrom: req(at(3), n), validTo: fcsDateToIso(at(4)) };
    }
    versions.push(version);
  }
  return { editionDate, versions };
}

function req(value: string, line: number): string {
  const iso = fcsDateToIso(value);
  if (iso === null) throw new Error(`FCS file line ${line + 1}: missing valid-from date`);
  return iso;
}

/** fts-TNVED1: sections. Fields: section|name|notes|valid_from|valid_to| */
export function parseFcsSections(text: string): FcsFile {
  return parseFcsFile(text, "sections");
}
/** fts-TNVED2: chapters. Fields: section|chapter|name|notes|valid_from|valid_to| */
export function parseFcsChapters(text: string): FcsFile {
  return parseFcsFile(text, "chapters");
}
/** fts-TNVED3: headings (only those the FCS subdivides). Fields: chapter|heading|name|valid_from|valid_to| */
export function parseFcsHeadings(text: string): FcsFile {
  return parseFcsFile(text, "headings");
}

/**
 * The version of each code whose wording we use: the one in force on `at` (2022-01-01); if none was,
 * the latest one that came into force after `at`. A code whose versions all expired before `at` gets
 * none: such wording predates HS 2022 (e.g. 8548 still names battery waste, moved to 8549 in 2022, and
 * 9999 is "FIFI2018"), so showing it as the 2022 name would be wrong.
 */
export function pickVersions(
  versions: Iterable<FcsVersion>,
  at = TNVED_REFERENCE_DATE,
): Map<string, FcsVersion> {
  const inForce = new Map<string, FcsVersion>();
  const later = new Map<string, FcsVersion>();
  for (const v of versions) {
    if (v.validFrom <= at && (v.validTo === null || v.validTo >= at)) {
      const seen = inForce.get(v.code);
      if (!seen || v.validFrom > seen.validFrom) inForce.set(v.code, v);
    } else if (v.validFrom > at) {
      const seen = later.get(v.code);
      if (!seen || v.validFrom > seen.validFrom) later.set(v.code, v);
    }
  }
  for (const [code, v] of later) if (!inForce.has(code)) inForce.set(code, v);
  return inForce;
}

const LEADING_DASHES = /^((?:-\s*)+)/;

/** Removes the TN VED level dashes ("- - прочие" → "прочие") and returns their count. */
export function stripTnvedDashes(name: string): { depth: number; text: string } {
  const m = LEADING_DASHES.exec(name);
  const dashes = m?.[1] ?? "";
  const depth = (dashes.match(/-/g) ?? []).length;
  return { depth, text: cleanSpaces(name.slice(dashes.length)) };
}

/** The 2022 list cut names at 200 characters; lines this long may be cut. */
const TNVED_LIST_NAME_LIMIT = 195;

/** tnved-eaeu-2022-subheadings.csv: code10,heading4,chapter2,section,name_ru,valid_from */
export function* parseTnved2022List(text: string): Generator<TnvedLine> {
  for (const r of parseCsvRecords(text)) {
    const code = (r.code10 ?? "").trim();
    if (!/^\d{10}$/.test(code)) throw new Error(`TN VED list: bad code ${JSON.stringify(code)}`);
    const raw = r.name_ru ?? "";
    const { depth, text: stripped } = stripTnvedDashes(raw);
    const lineText = cleanTnvedText(stripped);
    const validFrom = (r.valid_from ?? "").trim();
    yield {
      code,
      depth,
      text: lineText,
      truncated: raw.length >= TNVED_LIST_NAME_LIMIT,
      restoredFrom2017: false,
      validFrom: validFrom === "" ? null : validFrom,
    };
  }
}

/** tnved-eaeu-2017-flat.csv: code,code_length,description_ru_path (parents joined with " / "). */
export function* parseTnved2017Flat(text: string): Generator<Tnved2017Row> {
  for (const r of parseCsvRecords(text)) {
    const code = (r.code ?? "").trim();
    if (!/^\d{4,10}$/.test(code)) throw new Error(`TN VED 2017 list: bad code ${JSON.stringify(code)}`);
    const segments = (r.description_ru_path ?? "").split(" / ").map(cleanTnvedText);
    yield { code, segments };
  }
}

/**
 * Removes what the conversions left of editorial apparatus: footnote markers ("<9>") and, in the 2017
 * list, amendment references cut out of "(в ред. решения Коллегии ЕЭК от 25.06.2013 N 139)", which
 * appear as " комиссии от 25.06.2013 N 139" glued to the text.
 */
export function cleanTnvedText(s: string): string {
  return cleanSpaces(s.replace(/\s*комиссии от \d{2}\.\d{2}\.\d{4} N \d+/g, "").replace(/\s*<\d+>/g, ""));
}

function cleanSpaces(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}

/** Comparison key for Russian wording: case, ё/е, spacing and a trailing colon or period do not count. */
export function ruKey(s: string): string {
  return cleanSpaces(s.toLowerCase().replace(/ё/g, "е")).replace(/[:.]$/, "").trim();
}

/** Drops the trailing colon that marks a line with sub-lines: a name shown on its own does not need it. */
export function dropTrailingColon(s: string): string {
  return s.replace(/\s*:\s*$/, "");
}

/**
 * FCS files print names in capitals. Shown as sentence case: Cyrillic words are lower-cased, words with
 * Latin letters or digits (Latin species names, "LED", "H3BO3", codes) are kept as printed, and the first
 * letter is capitalised. Known loss: Cyrillic abbreviations become lower case.
 */
export function sentenceCaseRu(upper: string): string {
  const lowered = cleanSpaces(upper).replace(/[0-9A-Za-zА-ЯЁа-яё]+(?:[-.][0-9A-Za-zА-ЯЁа-яё]+)*/g, (word) =>
    /[A-Za-z0-9]/.test(word) ? word : word.toLowerCase(),
  );
  return lowered.charAt(0).toUpperCase() + lowered.slice(1);
}

/** Joins 2017 path segments: after a segment ending with ":" a space reads naturally, otherwise " / ". */
export function joinRuSegments(segments: readonly string[]): string {
  let out = "";
  for (const seg of segments) {
    if (out === "") out = seg;
    else out += out.endsWith(":") ? ` ${seg}` : ` / ${seg}`;
  }
  return dropTrailingColon(out);
}

export interface RussianNameInputs {
  sections: FcsFile;
  chapters: FcsFile;
  headings: FcsFile;
  list2022: Iterable<TnvedLine>;
  flat2017: Iterable<Tnved2017Row>;
}

export interface RussianNames {
  /** Keyed by FCS section number "01".."21" (the caller maps to Roman numerals). */
  sections: Map<string, RuName>;
  chapters: Map<string, RuName>;
  /** FCS section number of each chapter in force, to cross-check with the HS data. */
  chapterSections: Map<string, string>;
  headings: Map<string, RuName>;
  subheadings: Map<string, RuName>;
  /** The 10-digit lines with their names (truncated names restored from the 2017 list where it agrees). */
  lines: TnvedLine[];
}

/** "ГРУППА 54 ХИМИЧЕСКИЕ НИТИ..." — one chapter name in TNVED2 repeats its own number. */
const CHAPTER_PREFIX = /^ГРУППА\s+\d{2}\s+/;

/**
 * Derives the Russian names of every level from the TN VED files.
 *
 * Sections, chapters, headings: the FCS wording picked by `pickVersions`, sentence-cased; for a heading
 * whose wording equals the 2017 flat list's (ignoring case), the 2017 text is used for its correct
 * capitalisation (e.g. Latin names).
 *
 * Six-digit subheadings: TN VED names lines by their own words only ("- - прочие"), and the 2022 list
 * has no uncoded group lines ("- лошади:"), so a 6-digit name is given only where it is faithful:
 *  A. the subheading has exactly one 2022 line, code + "0000", at depth 1: that line is the subheading
 *     itself, directly under the heading, so its text is the full name;
 *  B. exactly one 2022 line, code + "0000", deeper than 1: the 2017 list's path for the same code is
 *     used if it has the same depth and its last segment equals the 2022 text (the wording did not
 *     change between editions), e.g. "лошади: чистопородные племенные животные";
 *  C. a subdivided subheading: the 2017 list's row for it (6-, 8- or 9-digit form) is used if its
 *     10-digit lines in 2017 and 2022 are exactly the same codes with the same texts. The 2022 list
 *     cannot show the subheading's own words, so an unchanged set of sub-lines is taken as the evidence
 *     that the subheading was not amended.
 * Anything else (about a third, incl. everything the HS 2022 amendments touched) stays without a
 * Russian name rather than showing 2017 wording.
 */
export function deriveRussianNames(input: RussianNameInputs): RussianNames {
  const sections = new Map<string, RuName>();
  for (const [code, v] of pickVersions(input.sections.versions)) {
    sections.set(code, fcsName(sentenceCaseRu(v.name), v));
  }

  const chapters = new Map<string, RuName>();
  const chapterSections = new Map<string, string>();
  for (const [code, v] of pickVersions(input.chapters.versions)) {
    chapters.set(code, fcsName(sentenceCaseRu(v.name.replace(CHAPTER_PREFIX, "")), v));
    if (v.sectionNumber !== undefined) chapterSections.set(code, v.sectionNumber);
  }

  const flat = new Map<string, Tnved2017Row>();
  const flatOrder: Tnved2017Row[] = [];
  for (const row of input.flat2017) {
    flat.set(row.code, row);
    flatOrder.push(row);
  }
  const fullPath = fullPathResolver(flatOrder);

  const headings = new Map<string, RuName>();
  for (const [code, v] of pickVersions(input.headings.versions)) {
    const old = flat.get(code);
    const oldText = old ? joinRuSegments(old.segments) : null;
    const text = oldText !== null && ruKey(oldText) === ruKey(v.name) ? oldText : sentenceCaseRu(v.name);
    headings.set(code, fcsName(dropTrailingColon(text), v));
  }

  const lines: TnvedLine[] = [];
  const byHs6 = new Map<string, TnvedLine[]>();
  for (const line of input.list2022) {
    const restored = restoreTruncated(line, flat.get(line.code));
    lines.push(restored);
    const hs6 = line.code.slice(0, 6);
    const group = byHs6.get(hs6);
    if (group) group.push(restored);
    else byHs6.set(hs6, [restored]);
  }

  const flat10ByHs6 = new Map<string, Tnved2017Row[]>();
  for (const row of flatOrder) {
    if (row.code.length !== 10) continue;
    const hs6 = row.code.slice(0, 6);
    const group = flat10ByHs6.get(hs6);
    if (group) group.push(row);
    else flat10ByHs6.set(hs6, [row]);
  }

  const subheadings = new Map<string, RuName>();
  for (const [hs6, group] of byHs6) {
    const only = group.length === 1 ? group[0] : undefined;
    if (only && only.code === `${hs6}0000`) {
      if (only.truncated) continue;
      if (only.depth === 1) {
        subheadings.set(hs6, { text: dropTrailingColon(only.text), source: "tnved-2022-list" });
        continue;
      }
      const path = fullPath(only.code);
      const last = path?.[path.length - 1];
      if (path && last !== undefined && path.length === only.depth && ruKey(last) === ruKey(only.text)) {
        subheadings.set(hs6, { text: joinRuSegments(path), source: "tnved-2022-list+2017-flat" });
      }
      continue;
    }
    const own = [hs6, `${hs6}00`, `${hs6}000`].map((c) => flat.get(c)).find((r) => r !== undefined);
    if (!own) continue;
    const path = fullPath(own.code);
    if (!path || !sameChildren(group, flat10ByHs6.get(hs6) ?? [])) continue;
    subheadings.set(hs6, { text: joinRuSegments(path), source: "tnved-2017-flat+2022-list-children" });
  }

  return { sections, chapters, chapterSections, headings, subheadings, lines };
}

function fcsName(text: string, v: FcsVersion): RuName {
  const name: RuName = { text, source: "fcs", validFrom: v.validFrom };
  if (v.validTo !== null) name.validTo = v.validTo;
  return name;
}

/**
 * In the 2017 list a row's path starts below its nearest coded ancestor. This resolves the path from the
 * heading down by prefixing the ancestors' paths (ancestors of 4 digits, the heading, are left out).
 */
function fullPathResolver(rows: readonly Tnved2017Row[]): (code: string) => string[] | null {
  const parent = new Map<string, string | null>();
  const own = new Map<string, string[]>();
  const stack: string[] = [];
  for (const row of rows) {
    while (stack.length > 0 && !row.code.startsWith(stack[stack.length - 1] ?? "")) stack.pop();
    parent.set(row.code, stack[stack.length - 1] ?? null);
    own.set(row.code, row.segments);
    stack.push(row.code);
  }
  const resolve = (code: string, guard: number): string[] | null => {
    const segments = own.get(code);
    if (!segments || guard > 10) return null;
    const up = parent.get(code) ?? null;
    if (up === null || up.length <= 4) return segments;
    const above = resolve(up, guard + 1);
    return above ? [...above, ...segments] : null;
  };
  return (code) => resolve(code, 0);
}

function sameChildren(lines2022: readonly TnvedLine[], rows2017: readonly Tnved2017Row[]): boolean {
  if (lines2022.length !== rows2017.length) return false;
  const old = new Map(rows2017.map((r) => [r.code, ruKey(r.segments[r.segments.length - 1] ?? "")]));
  return lines2022.every((l) => !l.truncated && old.get(l.code) === ruKey(l.text));
}

/**
 * A 2022 line cut at the length limit gets the full text of the same code in the 2017 list when that
 * text starts with the cut one (same wording, only longer); otherwise it stays marked as truncated.
 */
function restoreTruncated(line: TnvedLine, old: Tnved2017Row | undefined): TnvedLine {
  if (!line.truncated) return line;
  const oldText = old?.segments[old.segments.length - 1];
  if (oldText === undefined) return line;
  // A long line that the 2017 list has word for word was not cut after all.
  if (ruKey(oldText) === ruKey(line.text)) return { ...line, truncated: false };
  if (oldText.length > line.text.length && ruKey(oldText).startsWith(ruKey(line.text))) {
    return { ...line, text: oldText, truncated: false, restoredFrom2017: true };
  }
  return line;
}
