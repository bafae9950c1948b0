import { sql } from "kysely";
import type { Executor } from "../../platform/db/db.ts";
import type { FxRatesTable, TariffRulesTable } from "../../platform/db/schema.ts";

/**
 * In-memory copies of the current tariff rules and of official rates, per database handle, so that an
 * assessment costs no query. This process drops them at once after it changes rules or imports
 * rates; changes made by other processes are picked up within REVALIDATE_MS (a one-row query that
 * compares counts and latest timestamps).
 */
export const REVALIDATE_MS = 1000;

interface Snapshot {
  /** Rates in force already worked out, by pair and date (dropped with the rates). */
  inForce: Map<string, unknown>;
  stamp: string;
  checkedAt: number;
  /** Current rules by "side|flow|kind", then by HS prefix. */
  rules: Map<string, Map<string, TariffRulesTable[]>>;
  ratesStamp: string;
  ratesCheckedAt: number;
  pairs: Map<string, FxRatesTable[]>;
}

const snapshots = new WeakMap<object, Snapshot>();

async function rulesStamp(db: Executor): Promise<string> {
  const r = await sql<{ n: number; c: string | null; s: string | null }>`
    select count(*) as n, max(created_at) as c, max(superseded_at) as s from tariff_rules`.execute(db);
  const row = r.rows[0];
  return `${row?.n}|${row?.c}|${row?.s}`;
}

async function ratesStamp(db: Executor): Promise<string> {
  const r = await sql<{
    n: number;
    i: string | null;
  }>`select count(*) as n, max(imported_at) as i from fx_rates`.execute(db);
  const row = r.rows[0];
  return `${row?.n}|${row?.i}`;
}

function snapshotOf(db: Executor): Snapshot {
  let s = snapshots.get(db);
  if (!s) {
    s = {
      inForce: new Map(),
      stamp: "",
      checkedAt: 0,
      rules: new Map(),
      ratesStamp: "",
      ratesCheckedAt: 0,
      pairs: new Map(),
    };
    snapshots.set(db, s);
  }
  return s;
}

/** Drops this handle's copies; the next use reloads them. */
export function invalidateTariffCache(db: Executor): void {
  snapshots.delete(db);
}

/** Drops the cached rates once a second if another process (or a direct write) changed them. */
async function revalidateRates(s: Snapshot, db: Executor, now: number): Promise<void> {
  if (now - s.ratesCheckedAt < REVALIDATE_MS) return;
  const stamp = await ratesStamp(db);
  if (stamp !== s.ratesStamp) {
    s.pairs.clear();
    s.inForce.clear();
    s.ratesStamp = stamp;
  }
  s.ratesCheckedAt = now;
}

const NO_RULES: ReadonlyMap<string, readonly TariffRulesTable[]> = new Map();

/**
 * Current rules of one side, flow and kind ("CN|import|duty"), by HS prefix: a code's candidates are
 * found by looking up each of its prefixes instead of scanning every rule.
 */
export async function currentRules(
  db: Executor,
  key: string,
  now = Date.now(),
): Promise<ReadonlyMap<string, readonly TariffRulesTable[]>> {
  const s = snapshotOf(db);
  if (now - s.checkedAt >= REVALIDATE_MS) {
    const stamp = await rulesStamp(db);
    if (stamp !== s.stamp) {
      const rows = await db
        .selectFrom("tariff_rules")
        .selectAll()
        .where("superseded_at", "is", null)
        .execute();
      const grouped = new Map<string, Map<string, TariffRulesTable[]>>();
      for (const r of rows) {
        const k = `${r.side}|${r.flow}|${r.kind}`;
        let byPrefix = grouped.get(k);
        if (!byPrefix) {
          byPrefix = new Map();
          grouped.set(k, byPrefix);
        }
        const list = byPrefix.get(r.hs_prefix);
        if (list) list.push(r);
        else byPrefix.set(r.hs_prefix, [r]);
      }
      s.rules = grouped;
      s.stamp = stamp;
    }
    s.checkedAt = now;
  }
  return s.rules.get(key) ?? NO_RULES;
}

/**
 * A pair's published rates, one per date (the preferred one where several sources published: official
 * before sample, then by source name), oldest first.
 */
export async function pairRates(
  db: Executor,
  base: string,
  quote: string,
  now = Date.now(),
): Promise<readonly FxRatesTable[]> {
  const s = snapshotOf(db);
  await revalidateRates(s, db, now);
  const key = `${base}/${quote}`;
  let rows = s.pairs.get(key);
  if (!rows) {
    const all = await db
      .selectFrom("fx_rates")
      .selectAll()
      .where("base", "=", base)
      .where("quote", "=", quote)
      .orderBy("date")
      .orderBy("is_sample", "desc")
      .orderBy("source", "desc")
      .execute();
    // Ordered so that the preferred row of a date comes last; keep that one.
    const byDate = new Map<string, FxRatesTable>();
    for (const r of all) byDate.set(r.date, r);
    rows = [...byDate.values()];
    s.pairs.set(key, rows);
  }
  return rows;
}

/**
 * Memoizes a computation over the cached rates (e.g. the rate in force of a pair on a date); the
 * memo is dropped whenever the rates change.
 */
export async function memoOverRates<T>(
  db: Executor,
  key: string,
  compute: () => Promise<T>,
  now = Date.now(),
): Promise<T> {
  const s = snapshotOf(db);
  if (now - s.ratesCheckedAt >= REVALIDATE_MS) await revalidateRates(s, db, now);
  if (s.inForce.has(key)) return s.inForce.get(key) as T;
  const value = await compute();
  if (s.inForce.size > 50_000) s.inForce.clear();
  s.inForce.set(key, value);
  return value;
}

/** The last row published on or before the date (binary search). */
export function lastOnOrBefore(rows: readonly FxRatesTable[], date: string): FxRatesTable | undefined {
  let lo = 0;
  let hi = rows.length - 1;
  let found: FxRatesTable | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = rows[mid];
    if (r && r.date <= date) {
      found = r;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}
