import type { DuckDBValue } from "@duckdb/node-api";
import { csvText } from "../../platform/csv.ts";
import { AppError } from "../../platform/errors.ts";
import { xlsx } from "../../platform/xlsx.ts";
import {
  CODED,
  codedWhere,
  codeOf,
  decodeSql,
  type FactColumn,
  ROLLUPS,
  type StatsStore,
} from "./stats.store.ts";

/**
 * The statistics query: whitelisted dimensions and measures over the facts, filters, a period range,
 * the currency of values, top-N, shares of the total and year-on-year growth. SQL is assembled only
 * from the whitelists below; every value from the request is written into it by sqlLiteral.
 */

/**
 * A value as a DuckDB literal: a string in single quotes with each quote doubled (DuckDB's plain
 * strings know no other escape; a NUL, which would end the statement's text, is spliced in by chr(0)),
 * a number only when it is a finite integer. Values are written into a query's SQL, not bound as
 * parameters, because DuckDB plans a prepared statement with parameters again at every execution
 * (duckdb/duckdb#20885: it re-binds to use the values), while one without them keeps its plan: the
 * store keeps statements prepared (StatsStore.all), and a dashboard's repeated query is then run
 * without being planned (about 1 ms of a 2–4 ms query on a summary table; docs/STATISTICS.md).
 * The mirror report and the unit-value bands keep bound parameters: they read the facts themselves, in
 * tens to hundreds of milliseconds, of which planning is a small part.
 */
export function sqlLiteral(v: string | number): string {
  if (typeof v === "number") {
    if (!Number.isSafeInteger(v)) throw new Error(`not an integer for SQL: ${v}`);
    return String(v);
  }
  return v
    .split("\u0000")
    .map((part) => `'${part.replaceAll("'", "''")}'`)
    .join(" || chr(0) || ");
}

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
  // The digits of the integer, the point put in by position: no arithmetic on big numbers.
  const text = BigInt(v as bigint | number | string).toString();
  if (places === 0) return text;
  const neg = text.startsWith("-");
  const digits = (neg ? text.slice(1) : text).padStart(places + 1, "0");
  return `${neg ? "-" : ""}${digits.slice(0, -places)}.${digits.slice(-places)}`;
}

/** Where a query reads from: the facts, or the smallest summary table with every column it needs. */
export interface Target {
  table: string;
  /** The columns there; null for the facts (all of them). */
  columns: ReadonlySet<string> | null;
  /** The store's facts as codes (stats.store.ts): filtered and summed by codes, the sums decoded. */
  coded?: boolean;
}

/** The facts with their text: the store's view, or a plain table (the benchmark's bare DuckDB). */
export const FACTS: Target = { table: "facts", columns: null };
/** The store's facts as it keeps them, for the queries no summary table answers. */
export const FACT_ROWS: Target = { table: "fact_rows", columns: null, coded: true };

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
  return FACT_ROWS;
}

function where(q: QueryInput, includeUnpublished: boolean, target: Target = FACTS) {
  const parts: string[] = [];
  const has = (c: string) => target.columns === null || target.columns.has(c);
  // On the store's coded facts a condition on a text column is tested on its codes (codedWhere).
  const coded = target.coded === true;
  const list = (col: string, values: readonly string[] | undefined) => {
    if (!values?.length) return;
    const set = `(${values.map((v) => sqlLiteral(v)).join(", ")})`;
    parts.push(coded && CODED.has(col) ? codedWhere(col, `value in ${set}`) : `${col} in ${set}`);
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
    const patterns = q.filters.hs.map((h) => sqlLiteral(`${h}%`));
    const matches = (code: string) =>
      `(${patterns.map((pattern) => `${code} like ${pattern}`).join(" or ")})`;
    // The finest HS level at hand first: a fact is matched by its most detailed code.
    const levels = HS_LEVELS.filter(has);
    parts.push(
      coded
        ? `(case ${levels.map((l) => `when ${l} is not null then ${codedWhere(l, matches("value"))}`).join(" ")} else ${matches("''")} end)`
        : matches(`coalesce(${[...levels, "''"].join(", ")})`),
    );
  }
  if (has("month")) {
    // Periods: "2026", "2026-03"; an annual fact (no month) is in range when its year is.
    const bound = (value: string, op: ">=" | "<=", yearMonth: string) => {
      const b = sqlLiteral(value);
      return coded
        ? `(case when month is null then year || '${yearMonth}' ${op} ${b} else ${codedWhere("month", `value ${op} ${b}`)} end)`
        : `coalesce(month, year || '${yearMonth}') ${op} ${b}`;
    };
    if (q.period?.from)
      parts.push(bound(q.period.from.length === 4 ? `${q.period.from}-01` : q.period.from, ">=", "-12"));
    if (q.period?.to)
      parts.push(bound(q.period.to.length === 4 ? `${q.period.to}-12` : q.period.to, "<=", "-01"));
  } else {
    // A yearly summary: chosen only when both ends are years, where the two conditions agree.
    if (q.period?.from) parts.push(`year >= ${sqlLiteral(Number(q.period.from))}`);
    if (q.period?.to) parts.push(`year <= ${sqlLiteral(Number(q.period.to))}`);
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
 * The main SQL of a query, its values written in (also run directly against bare DuckDB by the
 * benchmark). It reads the summary table chooseTarget picks, unless `target` says otherwise.
 */
export function querySql(
  q: QueryInput,
  includeUnpublished: boolean,
  target: Target = chooseTarget(q, includeUnpublished),
): { sql: string; target: Target } {
  const whereSql = where(q, includeUnpublished, target);
  const group = groupSql(q, target);
  const orderMeasure = q.measures.includes("value") ? '"value"' : q.measures[0] ? `"${q.measures[0]}"` : null;
  const order =
    q.top && orderMeasure
      ? `order by ${orderMeasure} desc nulls last limit ${Math.floor(q.top)}`
      : q.dimensions.length
        ? `order by ${q.dimensions.map((_, i) => i + 1).join(", ")}`
        : "";
  return { sql: selectSql(q, target, whereSql, group, order), target };
}

/**
 * SELECT of a query's dimensions and measures. On the store's coded facts, the facts are filtered and
 * summed by their codes, and only the sums' rows are decoded: no fact's text is made.
 */
function selectSql(q: QueryInput, target: Target, whereSql: string, group: string, order: string): string {
  const dims = q.dimensions.map((d) => `${DIMENSIONS[d]} as "${d}"`);
  const measures = q.measures.map((m) => `${measureSql(m, q.currency)} as "${m}"`);
  if (!target.coded)
    return `select ${[...dims, ...measures].join(", ")} from ${target.table} ${whereSql} ${group} ${order}`;
  const decoded = q.dimensions.map((d) =>
    CODED.has(DIMENSIONS[d]) ? `${decodeSql(DIMENSIONS[d], `g."${d}"`)} as "${d}"` : `g."${d}"`,
  );
  return `select ${[...decoded, ...q.measures.map((m) => `g."${m}"`)].join(", ")}
    from (select ${[...dims, ...measures].join(", ")} from ${target.table} ${whereSql} ${group}) g ${order}`;
}

export async function runQuery(store: StatsStore, q: QueryInput, includeUnpublished: boolean) {
  if (q.yoy && !q.dimensions.some((d) => d === "year" || d === "month" || d === "quarter"))
    throw new AppError("VALIDATION_FAILED", {}, [
      { path: "yoy", code: "needs_period", message: "", key: "statistics.field.yoy_period" },
    ]);
  await store.refreshRollups();
  const main = querySql(q, includeUnpublished);
  const measures = q.measures.map((m) => `${measureSql(m, q.currency)} as "${m}"`);
  const rows = await store.all<Record<string, unknown>>(main.sql);

  let totals: Record<string, unknown> | null = null;
  if (q.shares) {
    const tWhere = where(q, includeUnpublished, main.target);
    totals =
      (
        await store.all<Record<string, unknown>>(
          `select ${measures.join(", ")} from ${main.target.table} ${tWhere}`,
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
    const pTarget = chooseTarget(pq, includeUnpublished);
    const pRows = await store.all<Record<string, unknown>>(
      selectSql(pq, pTarget, where(pq, includeUnpublished, pTarget), groupSql(pq, pTarget), ""),
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

/**
 * The answer as a workbook: measures as numbers, the dimensions' codes as text, so that HS chapter
 * "08" keeps its zero and "84" stays a code; years stay numbers.
 */
export function toXlsx(
  result: { columns: string[]; rows: Record<string, string | number | null>[] },
  dimensions: readonly string[],
): Buffer {
  return xlsx(
    "Amur",
    result.columns,
    result.rows.map((r) => result.columns.map((c) => r[c] ?? null)),
    { text: result.columns.map((c) => c !== "year" && dimensions.includes(c)) },
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
  // Read from the store's coded facts (stats.store.ts): conditions and groups on codes, the sums' rows
  // decoded.
  const levelCol = m.level === "total" ? null : `hs_${m.level}`;
  const period = m.by === "year" ? "cast(year as varchar)" : "month";
  const params: DuckDBValue[] = [m.exporter, m.importer];
  const [exporter, importer, exportFlow, importFlow] = [
    codeOf("reporter", "$1"),
    codeOf("reporter", "$2"),
    codeOf("flow", "'export'"),
    codeOf("flow", "'import'"),
  ];
  const conds = [
    `(reporter = ${exporter} and partner = ${codeOf("partner", "$2")} and flow = ${exportFlow}) or (reporter = ${importer} and partner = ${codeOf("partner", "$1")} and flow = ${importFlow})`,
  ];
  if (!includeUnpublished) conds.push("published");
  if (m.by === "month") conds.push("month is not null");
  if (m.source) {
    params.push(m.source);
    conds.push(`source = ${codeOf("source", `$${params.length}`)}`);
  }
  const bound = (value: string, op: ">=" | "<=") => {
    params.push(value);
    conds.push(
      m.by === "year"
        ? `${period} ${op} $${params.length}`
        : codedWhere("month", `value ${op} $${params.length}`),
    );
  };
  if (m.from) bound(m.from, ">=");
  if (m.to) bound(m.to, "<=");
  const whereSql = `where (${conds[0]}) ${conds
    .slice(1)
    .map((c) => `and ${c}`)
    .join(" ")}`;
  const sums = `sum(case when flow = ${exportFlow} then value_usd end) as exp,
       sum(case when flow = ${importFlow} then value_usd end) as imp`;
  const periodText = m.by === "year" ? "g.period" : decodeSql("month", "g.period");
  const hsText = levelCol ? decodeSql(levelCol, "g.hs") : "'*'";
  const rows = await store.all<{ period: string; hs: string | null; exp: bigint | null; imp: bigint | null }>(
    `select ${periodText} as period, ${hsText} as hs, g.exp, g.imp
     from (select ${period} as period, ${levelCol ?? "null"} as hs, ${sums}
       from fact_rows ${whereSql} group by 1, 2) g
     order by 1, 2`,
    params,
  );
  const detail = await store.all<{
    period: string;
    hs: string | null;
    sub: string | null;
    exp: bigint | null;
    imp: bigint | null;
  }>(
    `select ${periodText} as period, ${hsText} as hs, ${decodeSql("hs_subheading", "g.sub")} as sub, g.exp, g.imp
     from (select ${period} as period, ${levelCol ?? "null"} as hs, hs_subheading as sub, ${sums}
       from fact_rows ${whereSql} and hs_subheading is not null group by 1, 2, 3) g`,
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
