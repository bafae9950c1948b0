import type { Executor } from "../../../platform/db/db.ts";
import type { FxRatesTable } from "../../../platform/db/schema.ts";
import { AppError } from "../../../platform/errors.ts";
import { Dec, divideRate, type TDec, trimZeros } from "../../../platform/money.ts";
import { defineOperation } from "../../../platform/operations.ts";
import { lastOnOrBefore, memoOverRates, pairRates } from "../tariffs.cache.ts";
import * as repo from "./fx.repository.ts";

/** Currencies through which cross rates are computed, in order of preference. */
export const PIVOTS = ["RUB", "CNY", "USD"] as const;

export interface RateInForce {
  base: string;
  quote: string;
  date: string;
  /** Quote units per one base unit, decimal string. */
  rate: string;
  source: string;
  /** Date of the (latest) published rate used. */
  publishedOn: string;
  /** The pivot currency of a cross rate. */
  via?: string;
  sample: boolean;
}

interface Leg {
  rate: TDec;
  source: string;
  publishedOn: string;
  sample: boolean;
}

/** A pair's rate in force on a date, directly or from the inverse pair. */
async function directOrInverse(db: Executor, base: string, quote: string, date: string): Promise<Leg | null> {
  if (base === quote) return { rate: new Dec(1), source: "identity", publishedOn: date, sample: false };
  const direct = lastOnOrBefore(await pairRates(db, base, quote), date);
  const inverse = lastOnOrBefore(await pairRates(db, quote, base), date);
  // The more recently published of the two wins: a rate is in force until the next publication.
  const pick =
    direct && (!inverse || direct.date >= inverse.date)
      ? { row: direct, invert: false }
      : inverse
        ? { row: inverse, invert: true }
        : null;
  if (!pick) return null;
  const r = new Dec(pick.row.rate);
  return {
    rate: pick.invert ? new Dec(1).div(r) : r,
    source: pick.row.source,
    publishedOn: pick.row.date,
    sample: Number(pick.row.is_sample) === 1,
  };
}

/**
 * The official rate in force on a date: the last one published on or before it (rates published on a
 * Saturday apply until the next publication), directly, inverted, or crossed through a pivot currency.
 */
export function rateInForce(db: Executor, base: string, quote: string, date: string): Promise<RateInForce> {
  return memoOverRates(db, `${base}|${quote}|${date}`, () => computeRateInForce(db, base, quote, date));
}

async function computeRateInForce(
  db: Executor,
  base: string,
  quote: string,
  date: string,
): Promise<RateInForce> {
  const leg = await directOrInverse(db, base, quote, date);
  if (leg) {
    return {
      base,
      quote,
      date,
      rate: formatRate(leg.rate),
      source: leg.source,
      publishedOn: leg.publishedOn,
      sample: leg.sample,
    };
  }
  for (const pivot of PIVOTS) {
    if (pivot === base || pivot === quote) continue;
    const a = await directOrInverse(db, base, pivot, date);
    const b = a ? await directOrInverse(db, quote, pivot, date) : null;
    if (a && b) {
      return {
        base,
        quote,
        date,
        rate: formatRate(a.rate.div(b.rate)),
        source: a.source === b.source ? a.source : `${a.source}+${b.source}`,
        publishedOn: a.publishedOn < b.publishedOn ? a.publishedOn : b.publishedOn,
        via: pivot,
        sample: a.sample || b.sample,
      };
    }
  }
  throw new AppError("FX_RATE_NOT_FOUND", { base, quote, date });
}

/** Rates keep 10 decimal places at most (CBR publishes 4, VunitRate up to 6+). */
export function formatRate(r: TDec): string {
  return divideRate(r, 1, 10);
}

/**
 * The statistical rate of a month: the average of the official daily rates published in that month
 * (DESIGN "Data rules"). A pair without direct publications is averaged over its daily cross rates.
 */
export async function monthlyAverage(db: Executor, base: string, quote: string, month: string) {
  const from = `${month}-01`;
  const to = `${month}-31`;
  const daily = new Map<string, TDec>();
  const direct = await repo.ratesBetween(db, base, quote, from, to);
  let via: string | undefined;
  let sample = direct.some((r) => Number(r.is_sample) === 1);
  for (const r of direct) if (!daily.has(r.date)) daily.set(r.date, new Dec(r.rate));
  if (daily.size === 0) {
    const inverse = await repo.ratesBetween(db, quote, base, from, to);
    sample = inverse.some((r) => Number(r.is_sample) === 1);
    for (const r of inverse) if (!daily.has(r.date)) daily.set(r.date, new Dec(1).div(new Dec(r.rate)));
  }
  if (daily.size === 0) {
    for (const pivot of PIVOTS) {
      if (pivot === base || pivot === quote) continue;
      const a = byDate(await repo.ratesBetween(db, base, pivot, from, to));
      const b = byDate(await repo.ratesBetween(db, quote, pivot, from, to));
      for (const [date, ra] of a) {
        const rb = b.get(date);
        if (rb) daily.set(date, new Dec(ra.rate).div(new Dec(rb.rate)));
      }
      if (daily.size > 0) {
        via = pivot;
        sample = [...a.values(), ...b.values()].some((r) => Number(r.is_sample) === 1);
        break;
      }
    }
  }
  if (daily.size === 0) throw new AppError("FX_RATE_NOT_FOUND", { base, quote, date: month });
  let sum = new Dec(0);
  for (const v of daily.values()) sum = sum.plus(v);
  return {
    base,
    quote,
    month,
    rate: formatRate(sum.div(daily.size)),
    days: daily.size,
    ...(via ? { via } : {}),
    sample,
  };
}

function byDate(rows: readonly FxRatesTable[]) {
  const m = new Map<string, FxRatesTable>();
  for (const r of rows) if (!m.has(r.date)) m.set(r.date, r);
  return m;
}

export interface RatesToImport {
  source: string;
  publishedOn: string | null;
  rates: { date: string; base: string; quote: string; rate: string }[];
}

/** Writes a parsed file's rates in one transaction with its audit entry; a re-import overwrites. */
export const importRates = defineOperation({
  name: "fx.import",
  async run(ctx, input: RatesToImport & { sample?: boolean }) {
    const rows: FxRatesTable[] = input.rates.map((r) => ({
      source: input.source,
      base: r.base,
      quote: r.quote,
      date: r.date,
      rate: trimZeros(r.rate),
      published_on: input.publishedOn,
      imported_at: ctx.now,
      is_sample: input.sample ? 1 : 0,
    }));
    await repo.upsertRates(ctx.trx, rows);
    const dates = rows.map((r) => r.date).sort();
    await ctx.audit({
      action: "fx.rates_imported",
      targetType: "fx_rates",
      targetId: input.source,
      summary: {
        count: rows.length,
        from: dates[0] ?? null,
        to: dates.at(-1) ?? null,
        sample: Boolean(input.sample),
      },
    });
    await ctx.emit({
      type: "fx.rates_imported",
      aggregateType: "fx_rates",
      aggregateId: input.source,
      payload: { count: rows.length },
    });
    return { imported: rows.length, from: dates[0] ?? null, to: dates.at(-1) ?? null };
  },
});
