import type { DuckDBValue } from "@duckdb/node-api";
import { csvText } from "../../platform/csv.ts";
import { AppError } from "../../platform/errors.ts";
import { type FactColumn, ROLLUPS, type StatsStore } from "./stats.store.ts";

/**
 * The statistics query: whitelisted dimensions and measures over the facts, filters, a period range,
 * the currency of values, top-N, shares of the total and year-on-year growth. SQL is assembled only
 * from the whitelists below; every value from the request is a bound parameter.
 */

export const DIMENSIONS = {
  year: "year",
  quarter: "year || '-Q' || quarter",
  month: "month",
  reporter: "reporter",
  flow: "flow",
  partner: "partner",
  port: "port_id",
  region: "region",
  hs_section: "hs_section",
  hs_chapter: "hs_chapter",
  hs_heading: "hs_heading",
  hs_subheading: "hs_subheading",
  trade_mode: "trade_mode",
  transport_mode: "transport_mode",
  source: "source",
} as const;
export type Dimension = keyof typeof DIMENSIONS;

export const MEASURES = ["value", "net_kg", "quantity", "records"] as const;
export type Measure = (typeof MEASURES)[number];
export const CURRENCIES = { USD: "value_usd", CNY: "value_cny", RUB: "value_rub" } as const;

export interface QueryInput {
  dimensions: Dimension[];
  measures: Measure[];
  currency: keyof typeof CURRENCIES;
  filters: {
    reporter?: string[] | undefined;
    flow?: ("export" | "import")[] | undefined;
    partner?: string[] | undefined;
    port?: string[] | undefined;
    region?: string[] | undefined;
    hs?: string[] | undefined;
    tradeMode?: string[] | undefined;
    transportMode?: string[] | undefined;
    source?: string[] | undefined;
  };
  period?: { from?: string | undefined; to?: string | undefined } | undefined;
  top?: number | undefined;
  shares?: boolean | undefined;
  yoy?: boolean | undefined;
}

/** Minor units (or grams, thousandths) → exact decimal strings. */
export function scaled(v: unknown, places: number): string | null {
  if (v === null || v === undefined) return null;
  const n = BigInt(v as bigint | number | string);
  const neg = n < 0n;
  const abs = neg ? -n : n;
  const base = 10n ** BigInt(places);
  const frac = (abs % base).toString().padStart(places, "0");
  return `${neg ? "-" : ""}${abs / base}${places ? `.${frac}` : ""}`;
}

/** Where a query reads from: the facts, or the smallest summary table with every column it needs. */
export interface Target {
  table: string;
  /** The columns there; null for the facts (all of them). */
  columns: ReadonlySet<string> | null;
}

export const FACTS: Target = { table: "facts", columns: null };

const DIMENSION_COLUMNS: Record<Dimension, readonly FactColumn[]> = {
  year: ["year"],
  quarter: ["year", "quarter"],
  month: ["month"],
  reporter: ["reporter"],
  flow: ["flow"],
  partner: ["partner"],
  port: ["port_id"],
  region: ["region"],
  hs_section: ["hs_section"],
  hs_chapter: ["hs_chapter"],
  hs_heading: ["hs_heading"],
  hs_subheading: ["hs_subheading"],
  trade_mode: ["trade_mode"],
  transport_mode: ["transport_mode"],
  source: ["source"],
};

const FILTER_COLUMNS = {
  reporter: "reporter",
  flow: "flow",
  partner: "partner",
  port: "port_id",
  region: "region",
  tradeMode: "trade_mode",
  transportMode: "transport_mode",
  source: "source",
} as const satisfies Record<Exclude<keyof QueryInput["filters"], "hs">, FactColumn>;

const HS_LEVELS = ["hs_subheading", "hs_heading", "hs_chapter"] as const;

const isYear = (s: string | undefined) => s === undefined || /^\d{4}$/.test(s);

/**
 * The summary table a query can read instead of the facts (stats.store.ts ROLLUPS): one that has the
 * columns of its dimensions and filters; HS filters need the level of their longest code (a chapter
 * level answers "27", not "2701"); periods need months unless both ends are years.
 */
export function chooseTarget(q: QueryInput, includeUnpublished: boolean): Target {
  const needed = new Set<string>(q.dimensions.flatMap((d) => DIMENSION_COLUMNS[d]));
  for (const [key, column] of Object.entries(FILTER_COLUMNS))
    if (q.filters[key as keyof typeof FILTER_COLUMNS]?.length) needed.add(column);
  if (!includeUnpublished) needed.add("published");
  const hsLength = Math.max(0, ...(q.filters.hs ?? []).map((h) => h.length));
  if (hsLength > 0) needed.add(hsLength <= 2 ? "hs_chapter" : hsLength <= 4 ? "hs_heading" : "hs_subheading");
  const yearsOnly = isYear(q.period?.from) && isYear(q.period?.to);
  if (q.period?.from || q.period?.to) needed.add(yearsOnly ? "year" : "month");
  for (const r of ROLLUPS) {
    const columns = new Set<string>(r.columns);
    if ([...needed].every((c) => columns.has(c))) return { table: `rollup_${r.name}`, columns };
  }
  return FACTS;
}

function where(q: QueryInput, includeUnpublished: boolean, params: DuckDBValue[], target: Target = FACTS) {
  const parts: string[] = [];
  const has = (c: string) => target.columns === null || target.columns.has(c);
  const p = (v: DuckDBValue) => {
    params.push(v);
    return `$${params.length}`;
  };
  const list = (col: string, values: readonly string[] | undefined) => {
    if (values?.length) parts.push(`${col} in (${values.map((v) => p(v)).join(", ")})`);
  };
  if (!includeUnpublished) parts.push("published");
  list("reporter", q.filters.reporter);
  list("flow", q.filters.flow);
  list("partner", q.filters.partner);
  list("port_id", q.filters.port);
  list("region", q.filters.region);
  list("trade_mode", q.filters.tradeMode);
  list("transport_mode", q.filters.transportMode);
  list("source", q.filters.source);
  if (q.filters.hs?.length) {
    // The finest HS level at hand first: a fact is matched by its most detailed code.
    const code = `coalesce(${[...HS_LEVELS.filter(has), "''"].join(", ")})`;
    parts.push(`(${q.filters.hs.map((h) => `${code} like ${p(`${h}%`)}`).join(" or ")})`);
  }
  if (has("month")) {
    // Periods: "2026", "2026-03"; an annual fact (no month) is in range when its year is.
    if (q.period?.from)
      parts.push(
        `coalesce(month, year || '-12') >= ${p(q.period.from.length === 4 ? `${q.period.from}-01` : q.period.from)}`,
      );
    if (q.period?.to)
      parts.push(
        `coalesce(month, year || '-01') <= ${p(q.period.to.length === 4 ? `${q.period.to}-12` : q.period.to)}`,
      );
  } else {
    // A yearly summary: chosen only when both ends are years, where the two conditions agree.
    if (q.period?.from) parts.push(`year >= ${p(Number(q.period.from))}`);
    if (q.period?.to) parts.push(`year <= ${p(Number(q.period.to))}`);
  }
  return parts.length ? `where ${parts.join(" and ")}` : "";
}

function measureSql(m: Measure, currency: keyof typeof CURRENCIES): string {
  if (m === "value") return `sum(${CURRENCIES[currency]})`;
  if (m === "net_kg") return "sum(net_g)";
  if (m === "quantity") return "sum(quantity_milli)";
  return "sum(records)";
}

const PLACES: Record<Measure, number> = { value: 2, net_kg: 3, quantity: 3, records: 0 };

/** GROUP BY of a query's dimensions; on a summary table, groups whose facts all went are left out. */
function groupSql(q: QueryInput, target: Target): string {
  if (!q.dimensions.length) return "";
  const group = `group by ${q.dimensions.map((_, i) => i + 1).join(", ")}`;
  return target.columns === null ? group : `${group} having sum(facts_count) > 0`;
}

/**
 * The main SQL of a query and its parameters (also run directly against bare DuckDB by the benchmark).
 * It reads the summary table chooseTarget picks, unless `target` says otherwise.
 */
export function querySql(
  q: QueryInput,
  includeUnpublished: boolean,
  target: Target = chooseTarget(q, includeUnpublished),
): { sql: string; params: DuckDBValue[]; target: Target } {
  const params: DuckDBValue[] = [];
  const dims = q.dimensions.map((d) => `${DIMENSIONS[d]} as "${d}"`);
  const measures = q.measures.map((m) => `${measureSql(m, q.currency)} as "${m}"`);
  const whereSql = where(q, includeUnpublished, params, target);
  const group = groupSql(q, target);
  const orderMeasure = q.measures.includes("value") ? '"value"' : q.measures[0] ? `"${q.measures[0]}"` : null;
  const order =
    q.top && orderMeasure
      ? `order by ${orderMeasure} desc nulls last limit ${Math.floor(q.top)}`
      : q.dimensions.length
        ? `order by ${q.dimensions.map((_, i) => i + 1).join(", ")}`
        : "";
  return {
    sql: `select ${[...dims, ...measures].join(", ")} from ${target.table} ${whereSql} ${group} ${order}`,
    params,
    target,
  };
}

export async function runQuery(store: StatsStore, q: QueryInput, includeUnpublished: boolean) {
  if (q.yoy && !q.dimensions.some((d) => d === "year" || d === "month" || d === "quarter"))
    throw new AppError("VALIDATION_FAILED", {}, [
      { path: "yoy", code: "needs_period", message: "", key: "statistics.field.yoy_period" },
    ]);
  await store.refreshRollups();
  const main = querySql(q, includeUnpublished);
  const dims = q.dimensions.map((d) => `${DIMENSIONS[d]} as "${d}"`);
  const measures = q.measures.map((m) => `${measureSql(m, q.currency)} as "${m}"`);
  const rows = await store.all<Record<string, unknown>>(main.sql, main.params);

  let totals: Record<string, unknown> | null = null;
  if (q.shares) {
    const tParams: DuckDBValue[] = [];
    const tWhere = where(q, includeUnpublished, tParams, main.target);
    totals =
      (
        await store.all<Record<string, unknown>>(
          `select ${measures.join(", ")} from ${main.target.table} ${tWhere}`,
          tParams,
        )
      )[0] ?? null;
  }
  // Year on year: the same cells one year earlier.
  let previous: Map<string, Record<string, unknown>> | null = null;
  const periodDim = q.dimensions.find((d) => d === "year" || d === "month" || d === "quarter");
  if (q.yoy && periodDim) {
    const shift = (s: string) => String(Number(s.slice(0, 4)) - 1) + s.slice(4);
    const pq: QueryInput = {
      ...q,
      top: undefined,
      period: {
        from: q.period?.from ? shift(q.period.from) : undefined,
        to: q.period?.to ? shift(q.period.to) : undefined,
      },
    };
    const pParams: DuckDBValue[] = [];
    const pTarget = chooseTarget(pq, includeUnpublished);
    const pRows = await store.all<Record<string, unknown>>(
      `select ${[...dims, ...measures].join(", ")} from ${pTarget.table} ${where(pq, includeUnpublished, pParams, pTarget)} ${groupSql(pq, pTarget)}`,
      pParams,
    );
    const keyOf = (r: Record<string, unknown>, shifted: boolean) =>
      q.dimensions.map((d) => (d === periodDim && shifted ? shift(String(r[d])) : String(r[d]))).join("|");
    previous = new Map(pRows.map((r) => [keyOf(r, false), r]));
    for (const r of rows) (r as { _prevKey?: string })._prevKey = keyOf(r, true);
  }

  const out = rows.map((r) => {
    const row: Record<string, string | number | null> = {};
    for (const d of q.dimensions) row[d] = r[d] === null || r[d] === undefined ? null : String(r[d]);
    for (const m of q.measures) {
      row[m] = scaled(r[m], PLACES[m]);
      if (totals && r[m] !== null && totals[m]) {
        const share = (
          Number((BigInt(r[m] as bigint) * 1_000_000n) / BigInt(totals[m] as bigint)) / 10_000
        ).toFixed(2);
        row[`${m}_share_pct`] = share;
      }
      if (previous) {
        const prev = previous.get((r as { _prevKey?: string })._prevKey ?? "");
        const before = prev?.[m];
        row[`${m}_yoy_pct`] =
          before !== null && before !== undefined && BigInt(before as bigint) !== 0n && r[m] !== null
            ? (
                Number(
                  ((BigInt(r[m] as bigint) - BigInt(before as bigint)) * 1_000_000n) /
                    BigInt(before as bigint),
                ) / 10_000
              ).toFixed(2)
            : null;
      }
    }
    return row;
  });
  return {
    columns: [
      ...q.dimensions,
      ...q.measures.flatMap((m) => [
        m,
        ...(q.shares ? [`${m}_share_pct`] : []),
        ...(q.yoy ? [`${m}_yoy_pct`] : []),
      ]),
    ],
    rows: out,
    currency: q.currency,
  };
}

export function toCsv(result: { columns: string[]; rows: Record<string, string | number | null>[] }): string {
  return csvText(
    result.columns,
    result.rows.map((r) => result.columns.map((c) => r[c] ?? null)),
  );
}

export interface MirrorInput {
  exporter: "CN" | "RU";
  importer: "CN" | "RU";
  level: "total" | "section" | "chapter" | "heading" | "subheading";
  by: "year" | "month";
  from?: string | undefined;
  to?: string | undefined;
  source?: string | undefined;
  /** Percent by which the importer's CIF values exceed FOB; default 5. */
  cifFobPct: string;
  /** Flag when |exports / adjusted imports − 1| exceeds this percent; default 10. */
  thresholdPct: string;
  top: number;
}

/**
 * Exports reported by one side to the other against the other side's imports from it, by period and
 * HS level: both values (USD), the importer's CIF value brought to FOB by the adjustment, the
 * difference, the ratio, a flag above the threshold, and the HS subheadings that contribute most to
 * the difference.
 */
export async function mirror(store: StatsStore, m: MirrorInput, includeUnpublished: boolean) {
  const levelCol = m.level === "total" ? "'*'" : `hs_${m.level}`;
  const period = m.by === "year" ? "cast(year as varchar)" : "month";
  const params: DuckDBValue[] = [m.exporter, m.importer];
  const conds = [
    `(reporter = $1 and partner = $2 and flow = 'export') or (reporter = $2 and partner = $1 and flow = 'import')`,
  ];
  if (!includeUnpublished) conds.push("published");
  if (m.by === "month") conds.push("month is not null");
  if (m.source) {
    params.push(m.source);
    conds.push(`source = $${params.length}`);
  }
  if (m.from) {
    params.push(m.from);
    conds.push(`${period} >= $${params.length}`);
  }
  if (m.to) {
    params.push(m.to);
    conds.push(`${period} <= $${params.length}`);
  }
  const whereSql = `where (${conds[0]}) ${conds
    .slice(1)
    .map((c) => `and ${c}`)
    .join(" ")}`;
  const rows = await store.all<{ period: string; hs: string | null; exp: bigint | null; imp: bigint | null }>(
    `select ${period} as period, ${levelCol} as hs,
       sum(case when flow = 'export' then value_usd end) as exp,
       sum(case when flow = 'import' then value_usd end) as imp
     from facts ${whereSql} group by 1, 2 order by 1, 2`,
    params,
  );
  const detail = await store.all<{
    period: string;
    hs: string | null;
    sub: string | null;
    exp: bigint | null;
    imp: bigint | null;
  }>(
    `select ${period} as period, ${levelCol} as hs, hs_subheading as sub,
       sum(case when flow = 'export' then value_usd end) as exp,
       sum(case when flow = 'import' then value_usd end) as imp
     from facts ${whereSql} and hs_subheading is not null group by 1, 2, 3`,
    params,
  );
  const factor = 1 + Number(m.cifFobPct) / 100;
  const threshold = Number(m.thresholdPct) / 100;
  const cents = (v: bigint | null) => (v === null ? null : Number(v));
  return {
    exporter: m.exporter,
    importer: m.importer,
    cifFobPct: m.cifFobPct,
    thresholdPct: m.thresholdPct,
    rows: rows.map((r) => {
      const exp = cents(r.exp);
      const impCif = cents(r.imp);
      const impFob = impCif === null ? null : Math.round(impCif / factor);
      const diff = exp !== null && impFob !== null ? exp - impFob : null;
      const ratio = exp !== null && impFob ? exp / impFob : null;
      const contributors = detail
        .filter((d) => d.period === r.period && d.hs === r.hs)
        .map((d) => {
          const e = cents(d.exp) ?? 0;
          const i = Math.round((cents(d.imp) ?? 0) / factor);
          return { hsSubheading: d.sub ?? "", difference: e - i };
        })
        .sort((a, b) => Math.abs(b.difference) - Math.abs(a.difference))
        .slice(0, m.top)
        .map((c) => ({
          hsSubheading: c.hsSubheading,
          difference: scaled(BigInt(c.difference), 2) as string,
        }));
      return {
        period: String(r.period),
        hs: r.hs,
        exportsReported: scaled(r.exp, 2),
        importsReportedCif: scaled(r.imp, 2),
        importsFob: impFob === null ? null : (scaled(BigInt(impFob), 2) as string),
        difference: diff === null ? null : (scaled(BigInt(diff), 2) as string),
        ratio: ratio === null ? null : ratio.toFixed(4),
        flagged: ratio === null ? true : Math.abs(ratio - 1) > threshold,
        topContributors: contributors,
      };
    }),
  };
}
