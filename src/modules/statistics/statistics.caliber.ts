import { z } from "zod";
import { CsvError, parseCsvLines } from "../../platform/csv.ts";
import type { Executor } from "../../platform/db/db.ts";
import { AppError } from "../../platform/errors.ts";
import { I18N_PARAM } from "../../platform/http/problem.ts";
import { Dec } from "../../platform/money.ts";
import {
  csvFileError,
  fileHash,
  type ImportIssue,
  type ImportReport,
  type IssueCode,
  issue,
  Skips,
} from "./statistics.comtrade.ts";
import { chapterSections, MonthlyRates } from "./statistics.facts.ts";
import type { Fact, StatsStore } from "./stats.store.ts";

/**
 * A caliber is a saved mapping that reads one source's own table — a province's monthly border-trade
 * file, a customs office's export — into the unified dimensions: which column holds what, and how the
 * source's labels (its trade-mode names, its 旅游购物 rows, its country names) translate. A label the
 * mapping does not know is an error on that row, never a guess; a file with any bad row imports
 * nothing and lists them all; the same file twice is a no-op.
 */

export const STAT_TRADE_MODES = [
  "general",
  "small_border",
  "border_residents",
  "processing",
  "ecommerce",
  "tourism_shopping",
  "other",
] as const;

const FIELDS = [
  "period",
  "flow",
  "partner",
  "hs",
  "tradeMode",
  "transportMode",
  "port",
  "region",
  "value",
  "netKg",
  "quantity",
  "unit",
] as const;
type Field = (typeof FIELDS)[number];
/** Fields whose empty cells may repeat the row above: the labels, never the measures. */
export const FILL_DOWN_FIELDS = FIELDS.filter(
  (f): f is Exclude<Field, "value" | "netKg" | "quantity"> =>
    f !== "value" && f !== "netKg" && f !== "quantity",
);

export const ZCaliberMapping = z.object({
  source: z.string().trim().min(1).max(60).describe("The source's label in the facts, e.g. hlj-dofcom"),
  reporter: z.enum(["CN", "RU"]),
  currency: z.enum(["USD", "CNY", "RUB"]),
  valueScale: z
    .string()
    .regex(/^\d+(\.\d+)?$/)
    .default("1")
    .describe("Multiply values by this (10000 for 万美元, 1000 for тыс. долл.)"),
  decimalComma: z.boolean().default(false).describe("true when the file writes 1 234,5"),
  separator: z.enum([",", ";", "\t"]).optional().describe("Default: detected from the header"),
  columns: z.partialRecord(z.enum(FIELDS), z.string().min(1).max(100)),
  fixed: z.partialRecord(z.enum(FIELDS), z.string().min(1).max(100)).default({}),
  values: z
    .object({
      flow: z.record(z.string(), z.enum(["export", "import"])).default({}),
      tradeMode: z.record(z.string(), z.enum(STAT_TRADE_MODES)).default({}),
      partner: z.record(z.string(), z.string().regex(/^[A-Z]{2}$/)).default({}),
      port: z.record(z.string(), z.string()).default({}),
      region: z.record(z.string(), z.string()).default({}),
      transportMode: z.record(z.string(), z.string()).default({}),
    })
    .default({ flow: {}, tradeMode: {}, partner: {}, port: {}, region: {}, transportMode: {} }),
  /** Rows whose label in this column is one of these are subtotals or notes, skipped and counted. */
  skipLabels: z.record(z.string(), z.array(z.string())).default({}),
  fillDown: z
    .array(z.enum(FILL_DOWN_FIELDS))
    .default([])
    .describe(
      "Fields whose empty cells take the value of the row above: a spreadsheet's merged cells (a month written once for its rows)",
    ),
});
export type TCaliberMapping = z.infer<typeof ZCaliberMapping>;

const PERIOD_FORMATS: [RegExp, (m: RegExpMatchArray) => [number, number | null]][] = [
  [/^(\d{4})[-/.](\d{1,2})$/, (m) => [Number(m[1]), Number(m[2])]],
  [/^(\d{4})(\d{2})$/, (m) => [Number(m[1]), Number(m[2])]],
  [/^(\d{4})\s*年\s*(\d{1,2})\s*月?$/, (m) => [Number(m[1]), Number(m[2])]],
  [/^(\d{1,2})[./](\d{4})$/, (m) => [Number(m[2]), Number(m[1])]],
  [/^(\d{4})\s*(年|г\.?)?$/, (m) => [Number(m[1]), null]],
];

export function parsePeriod(s: string): { year: number; month: number | null } | null {
  const t = s.trim();
  for (const [re, f] of PERIOD_FORMATS) {
    const m = t.match(re);
    if (!m) continue;
    const [year, month] = f(m);
    if (year < 1950 || year > 2100 || (month !== null && (month < 1 || month > 12))) return null;
    return { year, month };
  }
  return null;
}

export function parseNumber(s: string, decimalComma: boolean): string | null {
  let t = s.replace(/[\s\u00a0\u202f]/g, "");
  if (t === "" || t === "-" || t === "—") return null;
  t = decimalComma ? t.replace(/\./g, "").replace(",", ".") : t.replace(/,/g, "");
  return /^-?\d+(\.\d+)?$/.test(t) ? new Dec(t).toFixed() : "NaN";
}

/** How many lines above the header (a table's title, unit, date) a file may have. */
const PREAMBLE_LINES = 30;

export async function parseCaliberFile(
  db: Executor,
  text: string,
  caliber: { name: string; mapping: TCaliberMapping },
  opts: { datasetId: string; published: boolean },
) {
  const m = caliber.mapping;
  const clean = text.replace(/^\uFEFF/, "");
  // The separator that splits some line of the file's start the most (a title line above the header
  // may hold no separator at all).
  const head = clean.split(/\r\n|\r|\n/, PREAMBLE_LINES + 1);
  const widest = (sep: string) => Math.max(...head.map((l) => l.split(sep).length));
  const separator =
    m.separator ??
    ([";", "\t", ","] as const).reduce((best, sep) => (widest(sep) > widest(best) ? sep : best), ",");
  const wanted = Object.values(m.columns);
  const errors: ImportIssue[] = [];
  const skips = new Skips();
  let header: string[] | null = null;
  /** The line nearest to a header so far: the one naming the most mapped columns. */
  let closest: { line: number; missing: string[] } | null = null;
  let linesAbove = 0;
  const rows: { line: number; cells: Record<string, string> }[] = [];
  const missingColumns = (fields: string[]) => wanted.filter((c) => !fields.includes(c));
  try {
    for (const { line, fields } of parseCsvLines(clean, { separator })) {
      if (!header) {
        const trimmed = fields.map((f) => f.trim());
        const missing = missingColumns(trimmed);
        if (!closest || missing.length < closest.missing.length) closest = { line, missing };
        // Statistical tables saved from a spreadsheet often start with a title, the unit and the
        // date above the header: the header is the first line that names every mapped column.
        if (missing.length === 0) {
          header = trimmed;
          for (let i = 0; i < linesAbove; i++) skips.add("preamble");
          continue;
        }
        linesAbove += 1;
        if (linesAbove <= PREAMBLE_LINES) continue;
        break;
      }
      rows.push({ line, cells: Object.fromEntries(header.map((h, i) => [h, (fields[i] ?? "").trim()])) });
    }
  } catch (e) {
    if (e instanceof CsvError) throw csvFileError(e);
    throw e;
  }
  if (!header)
    throw new AppError("STATS_FILE_INVALID", {
      line: closest?.line ?? 1,
      reason: `${I18N_PARAM}statistics.file.missing_columns`,
      columns: (closest?.missing ?? wanted).join(", "),
    });
  const countries = new Set(
    (await db.selectFrom("countries").select("alpha2").execute()).map((c) => c.alpha2),
  );
  const sections = await chapterSections(db);
  const rates = new MonthlyRates(db);
  const facts: Fact[] = [];
  const scale = new Dec(m.valueScale);
  // A merged cell is saved as its value on the first row and empty cells below it.
  const filledColumns = m.fillDown.flatMap((f) => m.columns[f] ?? []);
  const lastSeen = new Map<string, string>();
  for (const { line, cells } of rows) {
    if (Object.values(cells).every((v) => v === "")) continue;
    for (const column of filledColumns) {
      const v = cells[column] ?? "";
      if (v !== "") lastSeen.set(column, v);
      else if (lastSeen.has(column)) cells[column] = lastSeen.get(column) as string;
    }
    const skipBy = Object.entries(m.skipLabels).find(([col, labels]) => labels.includes(cells[col] ?? ""));
    if (skipBy) {
      skips.add("label", { column: skipBy[0], label: cells[skipBy[0]] ?? "" });
      continue;
    }
    const bad = (field: string, code: IssueCode, params: Record<string, string> = {}) =>
      errors.push(issue(line, field, code, params));
    const raw = (f: Field): string | undefined => (m.columns[f] ? cells[m.columns[f] as string] : m.fixed[f]);
    const mapped = (
      f: "flow" | "tradeMode" | "partner" | "port" | "region" | "transportMode",
      required: boolean,
    ) => {
      const v = raw(f);
      if (v === undefined || v === "") {
        if (required) bad(f, "missing");
        return null;
      }
      const table = m.values[f] as Record<string, string>;
      if (m.columns[f] === undefined) return v; // a fixed value is already unified
      const hit = table[v];
      if (hit !== undefined) return hit;
      if (f === "partner" && countries.has(v.toUpperCase())) return v.toUpperCase();
      if ((f === "port" || f === "region" || f === "transportMode") && Object.keys(table).length === 0)
        return v;
      bad(f, "unknown_label", { value: v });
      return null;
    };
    const period = parsePeriod(raw("period") ?? "");
    if (!period) bad("period", "not_period", { value: raw("period") ?? "" });
    const flow = mapped("flow", true);
    const tradeMode = mapped("tradeMode", false);
    const partner = mapped("partner", false);
    const port = mapped("port", false);
    const region = mapped("region", false);
    const transportMode = mapped("transportMode", false);
    const hsRaw = (raw("hs") ?? "").replace(/[\s.]/g, "");
    if (hsRaw && !/^\d{2,10}$/.test(hsRaw)) bad("hs", "not_hs", { value: raw("hs") ?? "" });
    const value = parseNumber(raw("value") ?? "", m.decimalComma);
    if (value === null || value === "NaN") bad("value", "not_number", { value: raw("value") ?? "" });
    const net = raw("netKg") !== undefined ? parseNumber(raw("netKg") ?? "", m.decimalComma) : null;
    if (net === "NaN") bad("netKg", "not_number", { value: raw("netKg") ?? "" });
    const qty = raw("quantity") !== undefined ? parseNumber(raw("quantity") ?? "", m.decimalComma) : null;
    if (qty === "NaN") bad("quantity", "not_number", { value: raw("quantity") ?? "" });
    if (errors.at(-1)?.line === line || !period || !flow || value === null) continue;
    const month = period.month ? `${period.year}-${String(period.month).padStart(2, "0")}` : null;
    const amount = new Dec(value).mul(scale).toFixed();
    const minor = BigInt(new Dec(amount).mul(100).toDecimalPlaces(0, Dec.ROUND_HALF_UP).toFixed(0));
    const conv = async (q: "USD" | "CNY" | "RUB") =>
      q === m.currency ? minor : month ? rates.convert(amount, m.currency, q, month) : null;
    const hs = hsRaw;
    facts.push({
      fact_id: `${opts.datasetId}:${line}`,
      source: m.source,
      caliber: caliber.name,
      dataset_id: opts.datasetId,
      event_id: null,
      published: opts.published,
      month,
      year: period.year,
      quarter: period.month ? Math.ceil(period.month / 3) : null,
      reporter: m.reporter,
      flow: flow as "export",
      partner,
      port_id: port,
      region,
      hs_section: hs ? sections.get(hs.slice(0, 2)) || null : null,
      hs_chapter: hs.length >= 2 ? hs.slice(0, 2) : null,
      hs_heading: hs.length >= 4 ? hs.slice(0, 4) : null,
      hs_subheading: hs.length >= 6 ? hs.slice(0, 6) : null,
      trade_mode: tradeMode,
      transport_mode: transportMode,
      value_usd: await conv("USD"),
      value_cny: await conv("CNY"),
      value_rub: await conv("RUB"),
      net_g:
        net && net !== "NaN"
          ? BigInt(new Dec(net).mul(1000).toDecimalPlaces(0, Dec.ROUND_HALF_UP).toFixed(0))
          : null,
      quantity_milli:
        qty && qty !== "NaN"
          ? BigInt(new Dec(qty).mul(1000).toDecimalPlaces(0, Dec.ROUND_HALF_UP).toFixed(0))
          : null,
      quantity_unit: raw("unit") || null,
      records: 1,
      hs_level: hs.length,
      orig_value: minor,
      orig_currency: m.currency,
    });
  }
  return {
    facts,
    rows: rows.length,
    errors,
    skipped: skips.list(),
  };
}

export async function saveCaliber(
  store: StatsStore,
  name: string,
  mapping: TCaliberMapping,
  by: string | null,
) {
  await store.run("insert or replace into calibers values ($1, $2, $3, $4)", [
    name,
    JSON.stringify(mapping),
    new Date().toISOString(),
    by ?? "",
  ]);
}

export async function loadCaliber(store: StatsStore, name: string): Promise<TCaliberMapping> {
  const rows = await store.all<{ mapping: string }>("select mapping from calibers where name = $1", [name]);
  if (!rows[0]) throw new AppError("NOT_FOUND", { resource: "caliber", id: name });
  return ZCaliberMapping.parse(JSON.parse(rows[0].mapping));
}

export async function importCaliberFile(
  db: Executor,
  store: StatsStore,
  text: string,
  opts: {
    caliber: string;
    fileName: string | null;
    published: boolean;
    by: string | null;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<ImportReport> {
  const mapping = await loadCaliber(store, opts.caliber);
  const hash = fileHash(text);
  const existing = await store.all<{ id: string; rows: bigint }>(
    "select id, rows from datasets where source = $1 and caliber = $2 and file_hash = $3",
    [mapping.source, opts.caliber, hash],
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
  const datasetId = `${opts.caliber}-${hash.slice(0, 16)}`;
  const parsed = await parseCaliberFile(
    db,
    text,
    { name: opts.caliber, mapping },
    { datasetId, published: opts.published },
  );
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
      source: mapping.source,
      caliber: opts.caliber,
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
