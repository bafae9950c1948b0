/**
 * The HS 2022 tree in three languages plus EAEU national lines, as `HsNode` records ready to load:
 * English from data/reference/hs (UN Comtrade / datasets/harmonized-system), Russian from the TN VED
 * files (see `tnved.parse.ts`), Chinese section and chapter names from data/reference/hs-zh (the Amur
 * team's own translation). Also the code helpers the API and validators share.
 */
import { parseCsvRecords } from "../../platform/csv.ts";
import type { RuName, RuNameSource, RussianNames } from "./tnved.parse.ts";

export const HS_SECTIONS = [
  "I",
  "II",
  "III",
  "IV",
  "V",
  "VI",
  "VII",
  "VIII",
  "IX",
  "X",
  "XI",
  "XII",
  "XIII",
  "XIV",
  "XV",
  "XVI",
  "XVII",
  "XVIII",
  "XIX",
  "XX",
  "XXI",
] as const;
export type HsSectionCode = (typeof HS_SECTIONS)[number];

/** Section number 1..21 of a Roman section code, or null. */
export function hsSectionNumber(code: string): number | null {
  const index = (HS_SECTIONS as readonly string[]).indexOf(code);
  return index === -1 ? null : index + 1;
}

/** Roman section code of a section number 1..21, or null. */
export function hsSectionCode(n: number): HsSectionCode | null {
  return HS_SECTIONS[n - 1] ?? null;
}

export type HsLevel = "section" | "chapter" | "heading" | "subheading" | "national";

export interface HsNames {
  en: string | null;
  ru: string | null;
  zh: string | null;
}

export type ZhNameSource = "amur-team-translation";

export interface HsNode {
  /** "I".."XXI" for sections, 2/4/6 digits for HS levels, 10 digits for EAEU national lines. */
  code: string;
  level: HsLevel;
  parentCode: string | null;
  /** Roman section code; null only for UN Comtrade's chapter 99 ("not specified according to kind"). */
  sectionCode: string | null;
  names: HsNames;
  zhSource?: ZhNameSource;
  ruSource?: RuNameSource;
  /**
   * Validity as the TN VED source states it: for a national line, the line's own dates; for a section,
   * chapter or heading, the dates of the FCS version whose Russian wording is shown.
   */
  validFrom?: string;
  validTo?: string;
  scheme?: "HS" | "TNVED";
  /** National lines whose Russian text the source list cut at 200 characters. */
  ruTruncated?: boolean;
}

export interface HsSectionRow {
  code: string;
  name: string;
}

export interface HsRow {
  /** Roman section, or "TOTAL" for chapter 99 and its descendants. */
  section: string;
  code: string;
  description: string;
  /** Parent code; "TOTAL" for chapters. */
  parent: string;
  level: 2 | 4 | 6;
}

export interface HsZhRow {
  level: "section" | "chapter";
  code: string;
  label: string;
  name: string;
  source: ZhNameSource;
  note: string | null;
}

/** hs/sections.csv: section,name (with a BOM). */
export function parseHsSections(text: string): HsSectionRow[] {
  const rows: HsSectionRow[] = [];
  for (const r of parseCsvRecords(text)) {
    const code = (r.section ?? "").trim();
    if (hsSectionNumber(code) === null)
      throw new Error(`hs sections: unknown section ${JSON.stringify(code)}`);
    rows.push({ code, name: (r.name ?? "").trim() });
  }
  return rows;
}

/** hs/harmonized-system.csv: section,hscode,description,parent,level. The "TOTAL" row is skipped. */
export function* parseHsRows(text: string): Generator<HsRow> {
  for (const r of parseCsvRecords(text)) {
    const code = (r.hscode ?? "").trim();
    const level = Number(r.level);
    if (code === "TOTAL") continue;
    if ((level !== 2 && level !== 4 && level !== 6) || !/^\d+$/.test(code) || code.length !== level) {
      throw new Error(`harmonized-system: bad row ${JSON.stringify(r)}`);
    }
    yield {
      section: (r.section ?? "").trim(),
      code,
      description: (r.description ?? "").trim(),
      parent: (r.parent ?? "").trim(),
      level,
    };
  }
}

/** hs-zh/hs-zh.csv: level,code,label_zh,name_zh,source,note */
export function parseHsZh(text: string): HsZhRow[] {
  const rows: HsZhRow[] = [];
  for (const r of parseCsvRecords(text)) {
    const level = r.level;
    const source = r.source;
    if ((level !== "section" && level !== "chapter") || source !== "amur-team-translation") {
      throw new Error(`hs-zh: bad row ${JSON.stringify(r)}`);
    }
    const note = (r.note ?? "").trim();
    rows.push({
      level,
      code: (r.code ?? "").trim(),
      label: (r.label_zh ?? "").trim(),
      name: (r.name_zh ?? "").trim(),
      source,
      note: note === "" ? null : note,
    });
  }
  return rows;
}

export interface HsBuildInput {
  sections: readonly HsSectionRow[];
  rows: Iterable<HsRow>;
  zh: readonly HsZhRow[];
  ru: RussianNames;
}

/**
 * Builds the nodes, parents before children (sections, chapters, headings, subheadings, national
 * lines), so a loader can insert them in order. Names absent in a language are null.
 */
export function buildHsNodes(input: HsBuildInput): HsNode[] {
  const zhSections = new Map<string, HsZhRow>();
  const zhChapters = new Map<string, HsZhRow>();
  for (const z of input.zh) (z.level === "section" ? zhSections : zhChapters).set(z.code, z);

  const ruSections = new Map<string, RuName>();
  for (const [fcsNumber, name] of input.ru.sections) {
    const roman = hsSectionCode(Number(fcsNumber));
    if (roman) ruSections.set(roman, name);
  }

  const sections: HsNode[] = input.sections.map((s) => ({
    code: s.code,
    level: "section",
    parentCode: null,
    sectionCode: s.code,
    ...names(s.name, ruSections.get(s.code), zhSections.get(s.code)),
    scheme: "HS",
  }));

  const byLevel: Record<2 | 4 | 6, HsNode[]> = { 2: [], 4: [], 6: [] };
  const sectionOf = new Map<string, string | null>();
  for (const row of input.rows) {
    const sectionCode = hsSectionNumber(row.section) === null ? null : row.section;
    sectionOf.set(row.code, sectionCode);
    let ru: RuName | undefined;
    let zh: HsZhRow | undefined;
    let parentCode: string | null;
    if (row.level === 2) {
      ru = input.ru.chapters.get(row.code);
      zh = zhChapters.get(row.code);
      parentCode = sectionCode;
    } else {
      ru = row.level === 4 ? input.ru.headings.get(row.code) : input.ru.subheadings.get(row.code);
      parentCode = row.parent;
    }
    byLevel[row.level].push({
      code: row.code,
      level: row.level === 2 ? "chapter" : row.level === 4 ? "heading" : "subheading",
      parentCode,
      sectionCode,
      ...names(row.description, ru, zh),
      scheme: "HS",
    });
  }

  const national: HsNode[] = [];
  for (const line of input.ru.lines) {
    const hs6 = line.code.slice(0, 6);
    if (!sectionOf.has(hs6)) throw new Error(`TN VED line ${line.code} has no HS 2022 subheading ${hs6}`);
    const node: HsNode = {
      code: line.code,
      level: "national",
      parentCode: hs6,
      sectionCode: sectionOf.get(hs6) ?? null,
      names: { en: null, ru: line.text === "" ? null : line.text, zh: null },
      ruSource: line.restoredFrom2017 ? "tnved-2022-list+2017-flat" : "tnved-2022-list",
      scheme: "TNVED",
    };
    if (line.validFrom !== null) node.validFrom = line.validFrom;
    if (line.truncated) node.ruTruncated = true;
    national.push(node);
  }

  const byCode = (a: HsNode, b: HsNode): number => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  return [...sections, ...byLevel[2], ...byLevel[4], ...byLevel[6], ...national.sort(byCode)];
}

function names(
  en: string,
  ru: RuName | undefined,
  zh: HsZhRow | undefined,
): Pick<HsNode, "names" | "zhSource" | "ruSource" | "validFrom" | "validTo"> {
  const out: Pick<HsNode, "names" | "zhSource" | "ruSource" | "validFrom" | "validTo"> = {
    names: { en: en === "" ? null : en, ru: ru?.text ?? null, zh: zh?.name ?? null },
  };
  if (zh) out.zhSource = zh.source;
  if (ru) {
    out.ruSource = ru.source;
    if (ru.validFrom !== undefined) out.validFrom = ru.validFrom;
    if (ru.validTo !== undefined) out.validTo = ru.validTo;
  }
  return out;
}

/**
 * Canonical form of a code as people type it: "8702 10 119 2", "0101.21" and "4407.11.00.00" become
 * digits only; Roman section codes are upper-cased ("xvi" → "XVI"). Nothing is checked here.
 */
export function normalizeHsCode(input: string): string {
  const compact = input.replace(/[\s.\u00a0\u2007\u2009\u202f]/g, "");
  return /^[ivxlIVXL]+$/.test(compact) ? compact.toUpperCase() : compact;
}

export type NationalCodeErrorCode = "EMPTY" | "NOT_DIGITS" | "BAD_LENGTH" | "UNKNOWN_HS_SUBHEADING";

export interface NationalCodeValidation {
  valid: boolean;
  normalized: string;
  /** The 8-digit tariff line (税则号列) when the structure allows one. */
  tariffLine: string | null;
  /** Digits 9–10, the supplementary code (附加码), when given. */
  supplementaryCode: string | null;
  hs6: string | null;
  errors: { code: NationalCodeErrorCode; message: string }[];
}

/**
 * Checks the structure of a Chinese customs commodity code: an 8-digit tariff line (HS subheading + 2
 * national digits), optionally followed by a 2-digit supplementary code (附加码), whose first 6 digits
 * must be an HS subheading. The national digits themselves cannot be checked: no open Chinese tariff
 * list is available.
 */
export function validateChineseNationalCode(
  code: string,
  isHsSubheading: (hs6: string) => boolean,
): NationalCodeValidation {
  const normalized = normalizeHsCode(code);
  const result: NationalCodeValidation = {
    valid: false,
    normalized,
    tariffLine: null,
    supplementaryCode: null,
    hs6: null,
    errors: [],
  };
  if (normalized === "") {
    result.errors.push({ code: "EMPTY", message: "The code is empty." });
    return result;
  }
  if (!/^\d+$/.test(normalized)) {
    result.errors.push({ code: "NOT_DIGITS", message: "A Chinese commodity code has digits only." });
    return result;
  }
  if (normalized.length !== 8 && normalized.length !== 10) {
    result.errors.push({
      code: "BAD_LENGTH",
      message: "A Chinese commodity code has 8 digits, or 10 with the supplementary code (附加码).",
    });
    return result;
  }
  result.tariffLine = normalized.slice(0, 8);
  result.supplementaryCode = normalized.length === 10 ? normalized.slice(8) : null;
  result.hs6 = normalized.slice(0, 6);
  if (!isHsSubheading(result.hs6)) {
    result.errors.push({
      code: "UNKNOWN_HS_SUBHEADING",
      message: `The first 6 digits (${result.hs6}) are not an HS 2022 subheading.`,
    });
    return result;
  }
  result.valid = true;
  return result;
}
