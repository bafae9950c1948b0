import type { TCurrency, TDimension, TQuery, TQueryFilters, TQueryResult, TQueryRow } from "./contracts";
import { compareDecimals, sumDecimals } from "./decimal";

// The dashboard's queries and the shaping of their answers into chart series. Pure, so the queries the
// page sends and the way rows become lines and tiles are unit-tested; the page only draws.

/**
 * Whose figures a chart shows. Each shipment is reported twice — as an export by one side and as an
 * import by the other — so adding both would count it twice: "exports" sums what each exporter reports,
 * the usual way to state the turnover; the others show one side's report.
 */
export const DIRECTIONS = ["exports", "CN_export", "RU_export", "CN_import", "RU_import"] as const;
export type Direction = (typeof DIRECTIONS)[number];

export function isDirection(value: string | null): value is Direction {
  return DIRECTIONS.some((direction) => direction === value);
}

/** The series key of a row: its reporter and flow, "CN_export". */
export type SeriesKey = `${"CN" | "RU"}_${"export" | "import"}`;
export const SERIES_KEYS: readonly SeriesKey[] = ["CN_export", "RU_export", "CN_import", "RU_import"];

export interface DashboardSettings {
  currency: TCurrency;
  direction: Direction;
  /** "YYYY-MM" or empty for no bound. */
  from: string;
  to: string;
}

/** China–Russia trade only: a Comtrade file may also hold either side's trade with other countries. */
const BILATERAL: TQueryFilters = { reporter: ["CN", "RU"], partner: ["CN", "RU"] };

export function directionFilters(direction: Direction): TQueryFilters {
  if (direction === "exports") return { ...BILATERAL, flow: ["export"] };
  const [reporter, flow] = direction.split("_") as ["CN" | "RU", "export" | "import"];
  return { reporter: [reporter], partner: [reporter === "CN" ? "RU" : "CN"], flow: [flow] };
}

function period(settings: DashboardSettings): { period?: { from?: string; to?: string } } {
  if (!settings.from && !settings.to) return {};
  return {
    period: {
      ...(settings.from ? { from: settings.from } : {}),
      ...(settings.to ? { to: settings.to } : {}),
    },
  };
}

/** Monthly value by reporter and flow: every side's report, as its own line. */
export function trendQuery(settings: DashboardSettings): TQuery {
  return {
    dimensions: ["month", "reporter", "flow"],
    measures: ["value"],
    currency: settings.currency,
    filters: BILATERAL,
    ...period(settings),
  };
}

export function compositionQuery(settings: DashboardSettings): TQuery {
  return {
    dimensions: ["hs_section"],
    measures: ["value"],
    currency: settings.currency,
    filters: directionFilters(settings.direction),
    shares: true,
    ...period(settings),
  };
}

export const TOP_PORTS = 12;

export function portQuery(settings: DashboardSettings): TQuery {
  return {
    dimensions: ["port"],
    measures: ["value"],
    currency: settings.currency,
    filters: directionFilters(settings.direction),
    shares: true,
    top: TOP_PORTS,
    ...period(settings),
  };
}

/** Every crossing's value, for the map: the same selection as the top crossings, without the cut. */
export function portMapQuery(settings: DashboardSettings): TQuery {
  const { top: _top, ...query } = portQuery(settings);
  return query;
}

export function tradeModeQuery(settings: DashboardSettings): TQuery {
  return {
    dimensions: ["trade_mode", "reporter", "flow"],
    measures: ["value"],
    currency: settings.currency,
    filters: directionFilters(settings.direction),
    ...period(settings),
  };
}

// ---------- Shaping answers ----------

export function cell(row: TQueryRow, column: string): string | null {
  const value = row[column];
  return value === null || value === undefined ? null : String(value);
}

export function seriesKeyOf(row: TQueryRow): SeriesKey | null {
  const key = `${cell(row, "reporter")}_${cell(row, "flow")}`;
  return SERIES_KEYS.find((candidate) => candidate === key) ?? null;
}

/** Every month from the first to the last, inclusive: "2025-11" … "2026-02". */
export function monthRange(first: string, last: string): string[] {
  const parse = (month: string) => {
    const [year, number] = month.split("-").map(Number);
    return (year ?? 0) * 12 + ((number ?? 1) - 1);
  };
  const start = parse(first);
  const end = parse(last);
  const months: string[] = [];
  for (let index = start; index <= end && months.length < 1200; index += 1) {
    months.push(`${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`);
  }
  return months;
}

export interface Trend {
  months: string[];
  /** Per series, one exact value per month (null where the month has no figure). */
  series: { key: SeriesKey; values: (string | null)[]; total: string }[];
}

/**
 * Rows of the trend query as one series per reporter and flow over every month from the first to the
 * last with data, so a month without figures shows as a gap rather than being skipped. Rows of annual
 * facts (no month) cannot be placed on a monthly line and are left out.
 */
export function trendSeries(result: TQueryResult): Trend {
  const rows = result.rows.filter((row) => cell(row, "month") !== null && seriesKeyOf(row) !== null);
  const months = rows.map((row) => cell(row, "month") ?? "").sort();
  const first = months[0];
  const last = months.at(-1);
  if (!first || !last) return { months: [], series: [] };
  const range = monthRange(first, last);
  const present = SERIES_KEYS.filter((key) => rows.some((row) => seriesKeyOf(row) === key));
  return {
    months: range,
    series: present.map((key) => {
      const values = range.map((month) => {
        const matching = rows.filter((row) => seriesKeyOf(row) === key && cell(row, "month") === month);
        return matching.length === 0 ? null : sumDecimals(matching.map((row) => cell(row, "value")));
      });
      return { key, values, total: sumDecimals(values) };
    }),
  };
}

/** The turnover as the exporters report it: China's exports to Russia plus Russia's exports to China. */
export function exportersTurnover(trend: Trend): string {
  return sumDecimals(
    trend.series.filter((series) => series.key.endsWith("_export")).map((series) => series.total),
  );
}

export interface Slice {
  key: string;
  value: string;
  share: string | null;
}

/** Rows of a one-dimension query as slices, largest first; rows without a code are "not stated". */
export function slices(result: TQueryResult, dimension: TDimension): Slice[] {
  return result.rows
    .map((row) => ({
      key: cell(row, dimension) ?? "",
      value: cell(row, "value") ?? "0",
      share: cell(row, "value_share_pct"),
    }))
    .sort((a, b) => compareDecimals(b.value, a.value));
}

export interface Stack {
  key: string;
  total: string;
  parts: { key: SeriesKey; value: string }[];
}

/** Rows by a dimension and reporter/flow as stacks: one per code, one part per reporter and flow. */
export function stacks(result: TQueryResult, dimension: TDimension): Stack[] {
  const byKey = new Map<string, Stack>();
  for (const row of result.rows) {
    const series = seriesKeyOf(row);
    if (!series) continue;
    const key = cell(row, dimension) ?? "";
    const stack = byKey.get(key) ?? { key, total: "0", parts: [] };
    stack.parts.push({ key: series, value: cell(row, "value") ?? "0" });
    stack.total = sumDecimals(stack.parts.map((part) => part.value));
    byKey.set(key, stack);
  }
  return [...byKey.values()]
    .map((stack) => ({
      ...stack,
      parts: SERIES_KEYS.flatMap((key) => stack.parts.filter((part) => part.key === key)),
    }))
    .sort((a, b) => compareDecimals(b.total, a.total));
}
