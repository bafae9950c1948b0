import { AppError } from "../../../platform/errors.ts";
import { hasMessage, type Locale, t } from "../../../platform/i18n/i18n.ts";
import { FxParseError, type FxSource, parseRatesFile } from "./fx.parse.ts";
import type { RatesToImport } from "./fx.service.ts";

/** The source name stored with rates from each file format. */
const SOURCE_OF: Record<FxSource, string> = {
  "cbr-daily": "cbr",
  "cbr-dynamic": "cbr",
  "cfets-csv": "cfets",
};

/** A parse failure as one sentence in the reader's language, naming the line. */
export function describeParseError(e: FxParseError, locale: Locale): string {
  const params: Record<string, string | number> = { line: e.line };
  for (const [k, v] of Object.entries(e.params)) params[k] = String(v);
  // The parser's reason is a code (mismatched_tag, not_a_number …): said in words, with its details;
  // a malformed CSV's reason is the platform CSV reader's problem, in its words.
  const reason = `${e.code === "CSV_MALFORMED" ? "csv" : "fx.reason"}.${params.reason}`;
  if (params.reason !== undefined && hasMessage(locale, reason)) params.reason = t(locale, reason, params);
  return t(locale, `fx.parse.${e.code}`, params);
}

/** Parses a whole file before anything is written: a malformed file imports nothing. */
export function ratesFromFile(
  format: FxSource,
  bytes: Uint8Array,
  locale: Locale,
  options: { charCode?: string } = {},
): RatesToImport {
  try {
    const parsed = parseRatesFile(format, bytes, options);
    return {
      source: SOURCE_OF[format],
      publishedOn: parsed.publishedOn,
      rates: parsed.rates.map((r) => ({ date: r.date, base: r.base, quote: r.quote, rate: r.rate })),
    };
  } catch (e) {
    if (e instanceof FxParseError)
      throw new AppError("FX_FILE_INVALID", { line: e.line, reason: describeParseError(e, locale) });
    throw e;
  }
}
