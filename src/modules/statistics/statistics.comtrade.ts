import { createHash } from "node:crypto";
import { CsvError, detectSeparator, parseCsvLines } from "../../platform/csv.ts";
import type { Executor } from "../../platform/db/db.ts";
import { AppError } from "../../platform/errors.ts";
import { I18N_PARAM } from "../../platform/http/problem.ts";
import { type Locale, t } from "../../platform/i18n/i18n.ts";
import { Dec } from "../../platform/money.ts";
import { chapterSections, MonthlyRates } from "./statistics.facts.ts";
import type { Fact, StatsStore } from "./stats.store.ts";

/**
 * UN Comtrade API v1 exports (the `get` data endpoints' CSV download or JSON `data` array), goods
 * (`typeCode` C), monthly or annual. Each row becomes one fact of source `comtrade`: reporter and
 * partner from their M49 codes (the countries table), flow X → export and M → import, the HS code at
 * its aggregation level, `primaryValue` in USD, net weight in kg, quantity with its unit. Rows in
 * another classification than HS (SITC, BEC: their codes would pass for HS chapters), re-exports,
 * re-imports and other flows, and partner-2, mode-of-supply, customs-procedure and transport breakdowns
 * are skipped and counted, never silently. A row that aggregates finer rows of the same file (TOTAL
 * above chapters, a chapter above some of its headings) keeps only its remainder: what it has beyond
 * the finer rows, so nothing is counted twice and nothing the finer rows leave out is lost. A row that
 * cannot be read makes the whole file fail, with every bad row and its line.
 */

export const COMTRADE_SOURCE = "comtrade";

export interface ImportIssue {
  line: number;
  field: string;
  /** What is wrong, as a key under statistics.issue, with its parameters (the API words it per reader). */
  code: IssueCode;
  params: Record<string, string>;
  /** The same in English (the CLI's words). */
  message: string;
}

export type IssueCode =
  | "missing"
  | "unknown_m49"
  | "not_year"
  | "not_month"
  | "not_period"
  | "not_hs"
  | "not_number"
  | "unknown_label";

/** A problem on a line of an imported file, with its English words. */
export function issue(
  line: number,
  field: string,
  code: IssueCode,
  params: Record<string, string> = {},
): ImportIssue {
  return { line, field, code, params, message: t("en", `statistics.issue.${code}`, { field, ...params }) };
}

/** The problems and the skipped rows in the reader's language. */
export function localizeIssues<T extends { errors: ImportIssue[]; skipped: SkippedRows[] }>(
  report: T,
  locale: Locale,
): T {
  return {
    ...report,
    errors: report.errors.map((e) => ({
      ...e,
      message: t(locale, `statistics.issue.${e.code}`, { field: e.field, ...e.params }),
    })),
    skipped: report.skipped.map((k) => ({ ...k, message: t(locale, `statistics.skip.${k.code}`, k.params) })),
  };
}

/** Why rows were skipped or changed; a key under statistics.skip. */
export type SkipCode =
  | "services"
  | "classification"
  | "flow"
  | "partner2"
  | "mode_of_supply"
  | "customs_procedure"
  | "transport_mode"
  | "aggregate"
  | "aggregate_remainder"
  | "aggregate_below_parts"
  | "label"
  | "preamble";

export interface SkippedRows {
  /** What happened to the rows, in English (stable across readers; the CLI's words). */
  reason: string;
  code: SkipCode;
  params: Record<string, string>;
  count: number;
  /** The same in the reader's language (localizeIssues). */
  message: string;
}

/** Counts skipped rows by reason. */
export class Skips {
  readonly #by = new Map<string, SkippedRows>();

  add(code: SkipCode, params: Record<string, string> = {}): void {
    const key = `${code}\u0000${Object.values(params).join("\u0000")}`;
    const known = this.#by.get(key);
    if (known) {
      known.count += 1;
      return;
    }
    const reason = t("en", `statistics.skip.${code}`, params);
    this.#by.set(key, { reason, code, params, count: 1, message: reason });
  }

  list(): SkippedRows[] {
    return [...this.#by.values()];
  }
}

export interface ImportReport {
  datasetId: string | null;
  alreadyImported: boolean;
  rows: number;
  imported: number;
  skipped: SkippedRows[];
  errors: ImportIssue[];
}

type Raw = Record<string, string>;

/** The fields of a UN Comtrade API v1 record, as the API names them. */
export const COMTRADE_FIELDS = [
  "typeCode",
  "freqCode",
  "refPeriodId",
  "refYear",
  "refMonth",
  "period",
  "reporterCode",
  "reporterISO",
  "reporterDesc",
  "flowCode",
  "flowDesc",
  "partnerCode",
  "partnerISO",
  "partnerDesc",
  "partner2Code",
  "partner2ISO",
  "partner2Desc",
  "classificationCode",
  "classificationSearchCode",
  "isOriginalClassification",
  "cmdCode",
  "cmdDesc",
  "aggrLevel",
  "isLeaf",
  "customsCode",
  "customsDesc",
  "mosCode",
  "motCode",
  "motDesc",
  "qtyUnitCode",
  "qtyUnitAbbr",
  "qty",
  "isQtyEstimated",
  "altQtyUnitCode",
  "altQtyUnitAbbr",
  "altQty",
  "isAltQtyEstimated",
  "netWgt",
  "isNetWgtEstimated",
  "grossWgt",
  "isGrossWgtEstimated",
  "cifvalue",
  "fobvalue",
  "primaryValue",
  "legacyEstimationFlag",
  "isReported",
  "isAggregate",
] as const;
const FIELD_BY_LOWER = new Map<string, string>(COMTRADE_FIELDS.map((f) => [f.toLowerCase(), f]));

/** A header as the API names it, whatever its case (ReporterCode, REFYEAR …); others as they are. */
const fieldName = (header: string) => FIELD_BY_LOWER.get(header.trim().toLowerCase()) ?? header.trim();

/** A broken CSV file as the import's error: the line, and what is wrong there in the reader's language. */
export function csvFileError(e: CsvError): AppError {
  return new AppError("STATS_FILE_INVALID", {
    line: e.line,
    reason: `${I18N_PARAM}csv.${e.problem}`,
    ...e.params,
  });
}

const REQUIRED_FIELDS = ["flowCode", "reporterCode", "partnerCode", "cmdCode", "primaryValue"];

/**
 * The file's records one at a time (a CSV row becomes garbage once read, so a file of a few hundred
 * thousand rows does not hold them all at once). JSON is parsed whole, as it must be.
 */
function* readRows(text: string): Generator<{ line: number; row: Raw }> {
  const trimmed = text.replace(/^\uFEFF/, "").trimStart();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch (e) {
      throw new AppError("STATS_FILE_INVALID", {
        line: 1,
        reason: `${I18N_PARAM}statistics.file.json`,
        message: e instanceof Error ? e.message : "JSON",
      });
    }
    const data = Array.isArray(parsed) ? parsed : (parsed as { data?: unknown }).data;
    if (!Array.isArray(data))
      throw new AppError("STATS_FILE_INVALID", { line: 1, reason: `${I18N_PARAM}statistics.file.no_data` });
    yield* data.map((r, i) => ({
      line: i + 1,
      row: Object.fromEntries(
        Object.entries(r as Record<string, unknown>).map(([k, v]) => [
          fieldName(k),
          v === null || v === undefined ? "" : String(v),
        ]),
      ),
    }));
    return;
  }
  let header: string[] | null = null;
  const body = text.replace(/^\uFEFF/, "");
  const separator = detectSeparator(body);
  // With semicolons, numbers may carry a decimal comma (1234,5).
  const number = (v: string) => (separator === ";" && /^-?\d+,\d+$/.test(v) ? v.replace(",", ".") : v);
  try {
    for (const { line, fields } of parseCsvLines(body, { separator })) {
      if (!header) {
        header = fields.map(fieldName);
        const missing = REQUIRED_FIELDS.filter((h) => !header?.includes(h));
        if (missing.length)
          throw new AppError("STATS_FILE_INVALID", {
            line,
            reason: `${I18N_PARAM}statistics.file.missing_columns`,
            columns: missing.join(", "),
          });
        continue;
      }
      const row: Raw = {};
      for (let i = 0; i < header.length; i++) row[header[i] as string] = number((fields[i] ?? "").trim());
      yield { line, row };
    }
  } catch (e) {
    if (e instanceof CsvError) throw csvFileError(e);
    throw e;
  }
  if (!header)
    throw new AppError("STATS_FILE_INVALID", { line: 1, reason: `${I18N_PARAM}statistics.file.empty` });
}

export const COMTRADE_EXTRA: [number, string][] = [
  [842, "US"], // USA incl. Puerto Rico and US Virgin Islands
  [251, "FR"], // France incl. Monaco
  [757, "CH"], // Switzerland incl. Liechtenstein
  [699, "IN"], // India (Comtrade's code)
  [579, "NO"], // Norway (Comtrade's code)
  [0, "XW"], // World
  [490, "XA"], // Other Asia, not elsewhere specified
  [899, "XN"], // Areas, not elsewhere specified
  [839, "XS"], // Special categories
  [838, "XF"], // Free zones
  [837, "XB"], // Bunkers
];

const DECIMAL = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;

/** A number as an exact decimal string; null when empty; undefined when it is not a number. */
function decimal(v: string | undefined): string | null | undefined {
  if (v === undefined || v === "") return null;
  if (!DECIMAL.test(v)) return undefined;
  return new Dec(v).toFixed();
}

/** About how many records follow a CSV text's header (its line breaks): the total of a reading progress bar. */
export function roughRowCount(text: string): number {
  let n = 0;
  for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) n++;
  return Math.max(1, text.endsWith("\n") ? n - 1 : n);
}

/** How often a parser reports its reading progress, in rows. */
const READ_PROGRESS_EVERY = 5_000;

export async function parseComtrade(
  db: Executor,
  text: string,
  opts: { datasetId: string; published: boolean; onRead?: (rows: number, total: number) => void },
) {
  let rows = 0;
  const countries = await db.selectFrom("countries").select(["alpha2", "numeric_code"]).execute();
  const byM49 = new Map(countries.map((c) => [Number(c.numeric_code), c.alpha2]));
  // Comtrade's own reporter/partner codes, beside ISO 3166 numeric: its variants of a few countries,
  // and groupings, which get user-assigned ISO codes (X…) so they never pass for a country.
  for (const [m49, code] of COMTRADE_EXTRA) byM49.set(m49, code);
  const sections = await chapterSections(db);
  const rates = new MonthlyRates(db);
  const errors: ImportIssue[] = [];
  const skips = new Skips();
  type Parsed = { line: number; fact: Fact; group: string; code: string };
  const parsed: Parsed[] = [];
  const total = opts.onRead ? roughRowCount(text) : 0;
  opts.onRead?.(0, total);
  for (const { line, row } of readRows(text)) {
    rows += 1;
    if (opts.onRead && rows % READ_PROGRESS_EVERY === 0) opts.onRead(rows, Math.max(total, rows));
    const bad = (field: string, code: IssueCode, params: Record<string, string> = {}) =>
      errors.push(issue(line, field, code, params));
    if (row.typeCode && row.typeCode !== "C") {
      skips.add("services");
      continue;
    }
    // SITC (S1–S4, SS) and BEC (B4, B5) codes look like HS codes ("01", "0011") but mean other goods.
    if (row.classificationCode && !/^H[0-9S]$/i.test(row.classificationCode)) {
      skips.add("classification", { code: row.classificationCode });
      continue;
    }
    const flow = row.flowCode === "X" ? "export" : row.flowCode === "M" ? "import" : null;
    if (!row.flowCode) bad("flowCode", "missing");
    else if (!flow) {
      skips.add("flow", { code: row.flowCode });
      continue;
    }
    if (row.partner2Code && row.partner2Code !== "0") {
      skips.add("partner2");
      continue;
    }
    if (row.mosCode && row.mosCode !== "0") {
      skips.add("mode_of_supply");
      continue;
    }
    if (row.customsCode && row.customsCode !== "C00") {
      skips.add("customs_procedure");
      continue;
    }
    if (row.motCode && row.motCode !== "0") {
      skips.add("transport_mode");
      continue;
    }
    const reporter = byM49.get(Number(row.reporterCode));
    if (!row.reporterCode || reporter === undefined)
      bad("reporterCode", "unknown_m49", { value: row.reporterCode ?? "" });
    const partner = byM49.get(Number(row.partnerCode));
    if (!row.partnerCode || partner === undefined)
      bad("partnerCode", "unknown_m49", { value: row.partnerCode ?? "" });
    const freq = row.freqCode || (row.refMonth && row.refMonth !== "52" ? "M" : "A");
    const year = Number(row.refYear || String(row.period ?? "").slice(0, 4));
    const monthNo = freq === "M" ? Number(row.refMonth || String(row.period ?? "").slice(4, 6)) : null;
    if (!(year >= 1962 && year <= 2100))
      bad("refYear", "not_year", { value: row.refYear ?? row.period ?? "" });
    if (freq === "M" && !(monthNo !== null && monthNo >= 1 && monthNo <= 12))
      bad("refMonth", "not_month", { value: row.refMonth ?? "" });
    const cmd = row.cmdCode ?? "";
    if (cmd !== "TOTAL" && !/^\d{2}(\d{2}){0,2}$/.test(cmd)) bad("cmdCode", "not_hs", { value: cmd });
    const value = decimal(row.primaryValue);
    if (value === undefined || value === null)
      bad("primaryValue", "not_number", { value: row.primaryValue ?? "" });
    const net = decimal(row.netWgt);
    if (net === undefined) bad("netWgt", "not_number", { value: row.netWgt ?? "" });
    // Comtrade's unit -1 "N/A" (with a qty of 0) says no quantity was reported.
    const noUnit = row.qtyUnitCode === "-1" || (row.qtyUnitAbbr ?? "").toUpperCase() === "N/A";
    const qty = noUnit ? null : decimal(row.qty);
    if (qty === undefined) bad("qty", "not_number", { value: row.qty ?? "" });
    if (errors.length && errors.at(-1)?.line === line) continue;
    const month = monthNo ? `${year}-${String(monthNo).padStart(2, "0")}` : null;
    const code = cmd === "TOTAL" ? "" : cmd;
    const usd = BigInt(new Dec(value as string).mul(100).toDecimalPlaces(0, Dec.ROUND_HALF_UP).toFixed(0));
    const fact: Fact = {
      fact_id: `${opts.datasetId}:${line}`,
      source: COMTRADE_SOURCE,
      caliber: COMTRADE_SOURCE,
      dataset_id: opts.datasetId,
      event_id: null,
      published: opts.published,
      month,
      year,
      quarter: monthNo ? Math.ceil(monthNo / 3) : null,
      reporter: reporter as string,
      flow: flow as "export",
      partner: partner as string,
      port_id: null,
      region: null,
      hs_section: code ? sections.get(code.slice(0, 2)) || null : null,
      hs_chapter: code.length >= 2 ? code.slice(0, 2) : null,
      hs_heading: code.length >= 4 ? code.slice(0, 4) : null,
      hs_subheading: code.length >= 6 ? code.slice(0, 6) : null,
      trade_mode: null,
      transport_mode: null,
      value_usd: usd,
      value_cny: month ? await rates.convert(value as string, "USD", "CNY", month) : null,
      value_rub: month ? await rates.convert(value as string, "USD", "RUB", month) : null,
      net_g: net ? BigInt(new Dec(net).mul(1000).toDecimalPlaces(0, Dec.ROUND_HALF_UP).toFixed(0)) : null,
      quantity_milli: qty
        ? BigInt(new Dec(qty).mul(1000).toDecimalPlaces(0, Dec.ROUND_HALF_UP).toFixed(0))
        : null,
      quantity_unit: noUnit ? null : row.qtyUnitAbbr || null,
      records: 1,
      hs_level: code.length,
      orig_value: usd,
      orig_currency: "USD",
    };
    parsed.push({ line, fact, group: `${reporter}|${partner}|${flow}|${month ?? year}`, code });
  }
  opts.onRead?.(rows, rows);
  const facts = withRemainders(parsed, skips);
  return { facts, rows, errors, skipped: skips.list() };
}

/**
 * Comtrade files often hold one reporter–partner–flow–period at several HS levels at once (TOTAL and
 * the chapters; a chapter and some of its headings). A coarser row includes the finer rows under it,
 * so it keeps only its remainder: its measures less those of its nearest finer rows in the file (the
 * finer rows under a finer row count once, through it). The facts then add up to the file's figures at
 * every level. A remainder of zero is dropped; one below zero (finer rows worth more than their total)
 * means the file disagrees with itself, and the finer rows are kept, the total dropped. Both are counted.
 */
function withRemainders(parsed: { fact: Fact; group: string; code: string }[], skips: Skips): Fact[] {
  const byGroup = new Map<string, Map<string, (typeof parsed)[number]>>();
  for (const p of parsed) {
    let codes = byGroup.get(p.group);
    if (!codes) {
      codes = new Map();
      byGroup.set(p.group, codes);
    }
    // The same code twice in a group: both are facts (a file may repeat a row only by mistake, and the
    // sum then shows it); only distinct codes nest.
    if (!codes.has(p.code)) codes.set(p.code, p);
  }
  const parts = new Map<(typeof parsed)[number], Fact[]>();
  for (const p of parsed) {
    const codes = byGroup.get(p.group);
    if (!codes || codes.get(p.code) !== p) continue;
    // The nearest coarser code of the same group in the file: 6 → 4 → 2 digits → TOTAL.
    for (let len = p.code.length - 2; len >= 0; len -= 2) {
      const parent = codes.get(p.code.slice(0, len));
      if (parent) {
        const list = parts.get(parent);
        if (list) list.push(p.fact);
        else parts.set(parent, [p.fact]);
        break;
      }
    }
  }
  const out: Fact[] = [];
  for (const p of parsed) {
    const under = parts.get(p);
    if (!under) {
      out.push(p.fact);
      continue;
    }
    type Measure = "value_usd" | "value_cny" | "value_rub" | "net_g" | "quantity_milli";
    const less = (mine: bigint | null, key: Measure) =>
      mine === null ? null : under.reduce((left, f) => left - (f[key] ?? 0n), mine);
    // A weight or quantity below zero says only that the finer rows' are larger: left unknown.
    const known = (v: bigint | null) => (v !== null && v < 0n ? null : v);
    const value = less(p.fact.value_usd, "value_usd") ?? 0n;
    if (value < 0n) {
      skips.add("aggregate_below_parts");
      continue;
    }
    const sameUnit = under.every((f) => f.quantity_unit === p.fact.quantity_unit);
    const rest: Fact = {
      ...p.fact,
      value_usd: value,
      value_cny: less(p.fact.value_cny, "value_cny"),
      value_rub: less(p.fact.value_rub, "value_rub"),
      net_g: known(less(p.fact.net_g, "net_g")),
      quantity_milli: sameUnit ? known(less(p.fact.quantity_milli, "quantity_milli")) : null,
      quantity_unit: sameUnit ? p.fact.quantity_unit : null,
      orig_value: value,
    };
    if (value === 0n && !rest.net_g && !rest.quantity_milli) {
      skips.add("aggregate");
      continue;
    }
    skips.add("aggregate_remainder");
    out.push(rest);
  }
  return out;
}

export function fileHash(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** Imports a Comtrade file; the same file twice is a no-op, a file with bad rows imports nothing. */
export async function importComtrade(
  db: Executor,
  store: StatsStore,
  text: string,
  opts: {
    fileName: string | null;
    published: boolean;
    by: string | null;
    /** Rows read so far (the file's rough row count as the total), then … */
    onRead?: (rows: number, total: number) => void;
    /** … facts written. */
    onProgress?: (done: number, total: number) => void;
  },
): Promise<ImportReport> {
  const hash = fileHash(text);
  const existing = await store.all<{ id: string; rows: bigint }>(
    "select id, rows from datasets where source = $1 and caliber = $1 and file_hash = $2",
    [COMTRADE_SOURCE, hash],
  );
  if (existing[0])
    return {
      datasetId: existing[0].id,
      alreadyImported: true,
      rows: Number(existing[0].rows),
      imported: 0,
      skipped: [],
      errors: [],
    };
  const datasetId = `comtrade-${hash.slice(0, 16)}`;
  const parsed = await parseComtrade(db, text, {
    datasetId,
    published: opts.published,
    ...(opts.onRead ? { onRead: opts.onRead } : {}),
  });
  if (parsed.errors.length > 0)
    return {
      datasetId: null,
      alreadyImported: false,
      rows: parsed.rows,
      imported: 0,
      skipped: parsed.skipped,
      errors: parsed.errors,
    };
  await store.storeDataset(
    parsed.facts,
    {
      id: datasetId,
      source: COMTRADE_SOURCE,
      caliber: COMTRADE_SOURCE,
      fileHash: hash,
      fileName: opts.fileName,
      published: opts.published,
      by: opts.by,
    },
    opts.onProgress,
  );
  return {
    datasetId,
    alreadyImported: false,
    rows: parsed.rows,
    imported: parsed.facts.length,
    skipped: parsed.skipped,
    errors: [],
  };
}
