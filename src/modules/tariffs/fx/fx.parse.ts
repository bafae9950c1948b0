/**
 * Parsers for official exchange-rate files (DOMAIN-SOURCES §8), pure and without a database. Each takes
 * the file's raw bytes, so character encodings are decided here, and returns canonical rates
 * `{ date, base, quote, rate }`: one `base` unit is worth `rate` `quote` units, as an exact decimal string.
 * A file with any error yields no rates at all: the first error is thrown as an `FxParseError` carrying
 * the line, a stable code and parameters for a localized message.
 *
 * - Bank of Russia `XML_daily` and `XML_dynamic` (windows-1251 or UTF-8, comma decimals): a small XML
 *   reader (fx.xml.ts), made for this narrow format, tracks line numbers; no XML library, no DTDs.
 * - CFETS central parity CSV: CFETS's machine format is unconfirmed, so `parseCfetsCsv` documents the
 *   tolerant format it accepts.
 */
import { parseCbrDaily, parseCbrDynamic } from "./fx.cbr.ts";
import { parseCfetsCsv } from "./fx.cfets.ts";
import type { FxSource, ParsedRates } from "./fx.parse.shared.ts";

export { CBR_CURRENCY_IDS, parseCbrDaily, parseCbrDynamic } from "./fx.cbr.ts";
export { parseCfetsCsv } from "./fx.cfets.ts";
export {
  FX_PARSE_ERROR_CODES,
  FX_SOURCES,
  FxParseError,
  type FxParseErrorCode,
  type FxParseErrorParams,
  type FxSource,
  type ParsedRate,
  type ParsedRates,
  RATE_DECIMAL_PLACES,
} from "./fx.parse.shared.ts";

/** Parses a file of the given format (the CLI's `--format`). */
export function parseRatesFile(
  format: FxSource,
  bytes: Uint8Array,
  options: { charCode?: string } = {},
): ParsedRates {
  switch (format) {
    case "cbr-daily":
      return parseCbrDaily(bytes);
    case "cbr-dynamic":
      return parseCbrDynamic(bytes, options);
    case "cfets-csv":
      return parseCfetsCsv(bytes);
  }
}
