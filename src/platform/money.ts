import { Decimal } from "decimal.js";

/**
 * Money is exact: amounts are integer minor units (bigint) or decimal strings, exchange rates are
 * decimal strings, and arithmetic goes through decimal.js. Binary floats never touch money.
 */

// Enough digits for any rate × amount we handle; rounding happens only where a rule says so.
const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

export { D as Dec };
/** A decimal value (the type of `new Dec(...)`). */
export type TDec = Decimal;

/** Minor-unit exponents of the currencies of this trade (ISO 4217); others come from the reference table. */
export const MINOR_UNITS: Readonly<Record<string, number>> = {
  CNY: 2,
  RUB: 2,
  USD: 2,
  EUR: 2,
  KZT: 2,
  MNT: 2,
  JPY: 0,
  KRW: 0,
};

export function minorUnitOf(currency: string, table: Readonly<Record<string, number>> = MINOR_UNITS): number {
  const m = table[currency];
  if (m === undefined) throw new Error(`unknown minor unit for ${currency}`);
  return m;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

export function isDecimalString(s: string): boolean {
  return DECIMAL.test(s);
}

/** "1234.5" CNY → 123450n (half-up to the currency's minor unit). */
export function toMinor(amount: string | Decimal, currency: string): bigint {
  const d = new D(amount);
  const scaled = d.mul(new D(10).pow(minorUnitOf(currency))).toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
  return BigInt(scaled.toFixed(0));
}

/** 123450n CNY → "1234.50". */
export function fromMinor(minor: bigint, currency: string): string {
  return new D(minor.toString()).div(new D(10).pow(minorUnitOf(currency))).toFixed(minorUnitOf(currency));
}

/** Rounds a decimal to the currency's minor unit, half-up, as a decimal string. */
export function roundToMinor(amount: string | Decimal, currency: string): string {
  return new D(amount)
    .toDecimalPlaces(minorUnitOf(currency), Decimal.ROUND_HALF_UP)
    .toFixed(minorUnitOf(currency));
}

/** Rounds half-up to the currency's minor unit, keeping a decimal (no string round trip). */
export function roundDec(amount: string | Decimal, currency: string): Decimal {
  return asDec(amount).toDecimalPlaces(minorUnitOf(currency), Decimal.ROUND_HALF_UP);
}

/** A decimal as is, or parsed from its string (decimals are immutable, so no copy is needed). */
export function asDec(value: string | Decimal): Decimal {
  return value instanceof D ? value : new D(value);
}

const parsedFactors = new Map<string, Decimal>();

/**
 * A rate or percentage parsed once: the few distinct factors of the rules and rates in force are reused
 * by every assessment, so their parsed decimals are kept (bounded; the map is emptied when full).
 */
export function factorOf(value: string | Decimal): Decimal {
  if (value instanceof D) return value;
  let d = parsedFactors.get(value);
  if (d === undefined) {
    if (parsedFactors.size >= 10_000) parsedFactors.clear();
    d = new D(value);
    parsedFactors.set(value, d);
  }
  return d;
}

/** Converts an amount with a rate given as "quote units per one base unit"; exact until rounded. */
export function convert(amount: string | Decimal, rate: string | Decimal): Decimal {
  return asDec(amount).mul(factorOf(rate));
}

/** Percentage of an amount: pct "13" of "100.00" → 13. */
export function percentOf(amount: string | Decimal, pct: string | Decimal): Decimal {
  return asDec(amount).mul(factorOf(pct)).div(100);
}

/** Exact quotient as a decimal string with at most `places` decimals (rates). */
export function divideRate(a: string | number | Decimal, b: string | number | Decimal, places = 10): string {
  return trimZeros(new D(a).div(new D(b)).toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toFixed(places));
}

export function trimZeros(s: string): string {
  return s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s;
}
