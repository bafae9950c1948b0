import type { DuckDBValue } from "@duckdb/node-api";
import { BANDS_PATH, type LeadLink, TOKEN_HEADER } from "../../platform/cluster.ts";
import type { AppDeps } from "../../platform/deps.ts";
import { codedWhere, codeOf, decodeSql, type StatsStore, statsStoreFor } from "./stats.store.ts";

/**
 * Unit-value bands: per HS subheading, flow and year, the median and interquartile range of declared
 * value per net kg (USD), from every fact that has both. The risk engine reads them to flag
 * under- and over-valuation; the statistics pages show them.
 */

export interface Band {
  hs6: string;
  flow: "export" | "import";
  n: number;
  q1: number;
  median: number;
  q3: number;
}

/**
 * The bands of the facts where `conds` hold, by HS subheading and flow, and by `more` columns: from the
 * store's coded facts (stats.store.ts), grouped by codes, the groups' rows decoded.
 */
const bandsSql = (conds: string[], more: string[]) => `
  select ${decodeSql("hs_subheading", "g.hs6")} as hs6, ${decodeSql("flow", "g.flow")} as flow,
    ${more.map((c) => `g.${c}, `).join("")}g.n, g.q1, g.median, g.q3
  from (select hs_subheading as hs6, flow, ${more.map((c) => `${c}, `).join("")}count(*) as n,
      quantile_cont(value_usd * 10.0 / net_g, 0.25) as q1,
      quantile_cont(value_usd * 10.0 / net_g, 0.5) as median,
      quantile_cont(value_usd * 10.0 / net_g, 0.75) as q3
    from fact_rows
    where hs_subheading is not null and net_g > 0 and value_usd is not null ${conds.map((c) => `and ${c}`).join(" ")}
    group by all) g`;

export async function unitValueBands(
  store: StatsStore,
  q: {
    hs6?: string | undefined;
    flow?: string | undefined;
    from?: number | undefined;
    to?: number | undefined;
    includeUnpublished: boolean;
  },
) {
  const params: DuckDBValue[] = [];
  const conds: string[] = [];
  if (!q.includeUnpublished) conds.push("published");
  if (q.hs6) {
    params.push(`${q.hs6}%`);
    conds.push(codedWhere("hs_subheading", `value like $${params.length}`));
  }
  if (q.flow) {
    params.push(q.flow);
    conds.push(`flow = ${codeOf("flow", `$${params.length}`)}`);
  }
  if (q.from) {
    params.push(q.from);
    conds.push(`year >= $${params.length}`);
  }
  if (q.to) {
    params.push(q.to);
    conds.push(`year <= $${params.length}`);
  }
  const rows = await store.all<{
    hs6: string;
    flow: string;
    year: number;
    n: bigint;
    q1: number;
    median: number;
    q3: number;
  }>(`${bandsSql(conds, ["year"])} order by 1, 2, 3`, params);
  return rows.map((r) => ({
    hs6: r.hs6,
    flow: r.flow as "export" | "import",
    year: Number(r.year),
    n: Number(r.n),
    q1: r.q1.toFixed(4),
    median: r.median.toFixed(4),
    q3: r.q3.toFixed(4),
  }));
}

/** Bands over the last two years, by HS6 and flow, kept in memory and refreshed in the background. */
const REFRESH_MS = 60_000;
const cache = new WeakMap<StatsStore, { at: number; bands: Promise<Map<string, Band>> }>();

async function loadBands(store: StatsStore): Promise<Map<string, Band>> {
  const since = new Date().getUTCFullYear() - 1;
  const rows = await store.all<{
    hs6: string;
    flow: "export" | "import";
    n: bigint;
    q1: number;
    median: number;
    q3: number;
  }>(bandsSql(["year >= $1"], []), [since]);
  return new Map(
    rows.map((r) => [
      `${r.hs6}|${r.flow}`,
      { hs6: r.hs6, flow: r.flow, n: Number(r.n), q1: r.q1, median: r.median, q3: r.q3 },
    ]),
  );
}

/** A value kept for REFRESH_MS; after that reloaded, and until the new one is in, the previous answers. */
function refreshed<K extends object>(
  cache: WeakMap<K, { at: number; bands: Promise<Map<string, Band>> }>,
  key: K,
  load: () => Promise<Map<string, Band>>,
): Promise<Map<string, Band>> {
  const now = Date.now();
  const c = cache.get(key);
  if (c && now - c.at < REFRESH_MS) return c.bands;
  const bands = load();
  cache.set(key, { at: now, bands: c ? bands.catch(() => c.bands) : bands });
  return c ? Promise.race([bands, c.bands]) : bands;
}

export function bandLookup(store: StatsStore): Promise<Map<string, Band>> {
  return refreshed(cache, store, () => loadBands(store));
}

const remote = new WeakMap<LeadLink, { at: number; bands: Promise<Map<string, Band>> }>();

async function fetchBands(lead: LeadLink): Promise<Map<string, Band>> {
  const res = await fetch(new URL(BANDS_PATH, lead.url()), { headers: { [TOKEN_HEADER]: lead.token } });
  if (!res.ok) throw new Error(`unit-value bands from the lead worker: HTTP ${res.status}`);
  const list = (await res.json()) as Band[];
  return new Map(list.map((b) => [`${b.hs6}|${b.flow}`, b]));
}

/**
 * The bands for the risk engine: from this process's statistics store, or, in a follower of
 * `amur serve --workers N`, from the lead that holds the store (kept and refreshed the same way).
 */
export function bandsFor(deps: Pick<AppDeps, "db" | "config" | "lead">): Promise<Map<string, Band>> {
  const lead = deps.lead;
  if (!lead) return bandLookup(statsStoreFor(deps.db.db, deps.config));
  return refreshed(remote, lead, () => fetchBands(lead));
}

/** Outside [Q1 − 1.5·IQR, Q3 + 1.5·IQR], with at least 10 observations behind the band. */
export const MIN_BAND_OBSERVATIONS = 10;
export function bandLimits(b: Band): { low: number; high: number } {
  const iqr = b.q3 - b.q1;
  return { low: Math.max(0, b.q1 - 1.5 * iqr), high: b.q3 + 1.5 * iqr };
}
