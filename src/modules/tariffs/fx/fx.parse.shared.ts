/**
 * What the exchange-rate parsers share (see fx.parse.ts): the result types, `FxParseError` and its codes,
 * exact decimals and calendar dates. Kept apart from fx.parse.ts so that the parsers can import it
 * without an import cycle; fx.parse.ts re-exports the public part.
 */
import { Decimal } from "decimal.js";

export const FX_SOURCES = ["cbr-daily", "cbr-dynamic", "cfets-csv"] as const;
export type FxSource = (typeof FX_SOURCES)[number];

export interface ParsedRate {
  /** The date the rate applies to, YYYY-MM-DD. */
  date: string;
  /** ISO 4217 code of the currency the rate is per one unit of. */
  base: string;
  /** ISO 4217 code of the currency the rate is expressed in. */
  quote: string;
  /** Quote units per one base unit: a decimal string with a dot, no exponent, no trailing zeros. */
  rate: string;
  /** Line of the file the rate comes from (the `Valute` / `Record` start tag, or the CSV row). */
  line: number;
  /** The figures as written in the file, for the record. */
  raw?: { value: string; nominal?: string; vunitRate?: string };
}

export interface ParsedRates {
  source: FxSource;
  /** The file's own publication date (`ValCurs/@Date` of a daily file); null when the format has none. */
  publishedOn: string | null;
  rates: ParsedRate[];
}

export const FX_PARSE_ERROR_CODES = [
  "EMPTY_FILE",
  "UNSUPPORTED_ENCODING",
  "BAD_ENCODING",
  "XML_MALFORMED",
  "BAD_ROOT",
  "WRONG_FORMAT",
  "MISSING_FIELD",
  "BAD_NUMBER",
  "BAD_DATE",
  "BAD_CURRENCY_CODE",
  "DUPLICATE",
  "UNKNOWN_CURRENCY_ID",
  "ID_MISMATCH",
  "INCONSISTENT_RATE",
  "BAD_HEADER",
  "CSV_MALFORMED",
] as const;
export type FxParseErrorCode = (typeof FX_PARSE_ERROR_CODES)[number];
export type FxParseErrorParams = Record<string, string | number>;

const ERROR_TEXT = {
  EMPTY_FILE: "no exchange rates in the file",
  UNSUPPORTED_ENCODING: "unsupported character encoding",
  BAD_ENCODING: "bytes invalid in the file's character encoding",
  XML_MALFORMED: "malformed XML",
  BAD_ROOT: "not a Bank of Russia rates file",
  WRONG_FORMAT: "the file is in another rates format",
  MISSING_FIELD: "a required field is missing or empty",
  BAD_NUMBER: "not a valid rate figure",
  BAD_DATE: "not a valid date",
  BAD_CURRENCY_CODE: "not an ISO 4217 currency code",
  DUPLICATE: "given twice",
  UNKNOWN_CURRENCY_ID: "unknown Bank of Russia currency id; give the ISO code",
  ID_MISMATCH: "a record of another currency",
  INCONSISTENT_RATE: "VunitRate does not match Value / Nominal",
  BAD_HEADER: "bad CSV header",
  CSV_MALFORMED: "malformed CSV",
} as const satisfies Record<FxParseErrorCode, string>;

/** A rates file that cannot be imported. `line` is 1-based; 0 when the error is not in the file. */
export class FxParseError extends Error {
  readonly code: FxParseErrorCode;
  readonly line: number;
  readonly params: FxParseErrorParams;

  constructor(code: FxParseErrorCode, line: number, params: FxParseErrorParams = {}) {
    const details = Object.entries(params)
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join(", ");
    super(`line ${line}: ${ERROR_TEXT[code]} [${code}${details ? ` ${details}` : ""}]`);
    this.name = "FxParseError";
    this.code = code;
    this.line = line;
    this.params = params;
  }
}

// ---- Decimals ----

/**
 * Decimal places kept when a rate is computed (Value / Nominal, a CFETS figure / its unit count). CBR
 * values have 4 decimals and nominals are powers of ten up to 1,000,000, and CFETS figures have at most
 * 5 decimals per 1 or 100 units, so these quotients are exact within 10 places; anything finer (a
 * float-formatted spreadsheet cell, an odd nominal) is rounded half-up at the 10th place. A VunitRate,
 * published per one unit, is taken with all its digits.
 */
export const RATE_DECIMAL_PLACES = 10;

export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = InstanceType<typeof Dec>;

/** `record[key]` for the record's own keys only (no `constructor` or `__proto__` from a file). */
export function lookup(record: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

export function decimalString(d: Dec): string {
  const s = d.toFixed();
  return s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s;
}

export function perUnit(value: Dec, units: Dec): string {
  return decimalString(value.div(units).toDecimalPlaces(RATE_DECIMAL_PLACES, Decimal.ROUND_HALF_UP));
}

// ---- Dates ----

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** YYYY-MM-DD of a real calendar day in 1900–2100 (a sanity window: a year outside it is a typo), or null. */
export function isoDate(year: string, month: string, day: string): string | null {
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
}
