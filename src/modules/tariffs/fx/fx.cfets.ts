/**
 * CFETS central parity CSV: CFETS's machine format is unconfirmed, so `parseCfetsCsv` documents the
 * tolerant format it accepts.
 */
import { CsvError, parseCsvLines } from "../../../platform/csv.ts";
import {
  Dec,
  FxParseError,
  isoDate,
  lookup,
  type ParsedRate,
  type ParsedRates,
  perUnit,
} from "./fx.parse.shared.ts";
import { bomOf, decodeStrict, lineOfOffset } from "./fx.xml.ts";

// ---- CFETS central parity CSV ----

/**
 * Chinese currency names in CFETS's own headers (人民币/俄罗斯卢布, 100日元/人民币 …). Only full,
 * unambiguous names: 克朗, 比索 or 里亚尔 alone could be several currencies and are not accepted.
 */
const CHINESE_CURRENCY_NAMES: Readonly<Record<string, string>> = {
  人民币: "CNY",
  美元: "USD",
  欧元: "EUR",
  日元: "JPY",
  港元: "HKD",
  港币: "HKD",
  英镑: "GBP",
  澳元: "AUD",
  澳大利亚元: "AUD",
  新西兰元: "NZD",
  新加坡元: "SGD",
  瑞士法郎: "CHF",
  加元: "CAD",
  加拿大元: "CAD",
  澳门元: "MOP",
  林吉特: "MYR",
  马来西亚林吉特: "MYR",
  卢布: "RUB",
  俄罗斯卢布: "RUB",
  兰特: "ZAR",
  南非兰特: "ZAR",
  韩元: "KRW",
  阿联酋迪拉姆: "AED",
  沙特里亚尔: "SAR",
  匈牙利福林: "HUF",
  波兰兹罗提: "PLN",
  丹麦克朗: "DKK",
  瑞典克朗: "SEK",
  挪威克朗: "NOK",
  土耳其里拉: "TRY",
  墨西哥比索: "MXN",
  泰铢: "THB",
  坚戈: "KZT",
  哈萨克斯坦坚戈: "KZT",
  蒙古图格里克: "MNT",
};

const DATE_HEADERS = new Set(["date", "tradedate", "日期", "交易日期", "дата"]);

interface PairColumn {
  index: number;
  header: string;
  base: string;
  quote: string;
  /** How many base units the figure is for ("100" in 100JPY/CNY). */
  units: string;
}

function csvCurrency(name: string): string | undefined {
  return /^[A-Za-z]{3}$/.test(name) ? name.toUpperCase() : lookup(CHINESE_CURRENCY_NAMES, name);
}

/** A pair header → its column; null for a header that is not a pair; "invalid" for a pair it cannot read. */
function readPairHeader(header: string, index: number): PairColumn | "invalid" | null {
  // NFKC turns full-width letters, digits and slashes (ＵＳＤ／ＣＮＹ) into ASCII.
  const s = header.normalize("NFKC").replace(/\s+/g, "");
  if (!s.includes("/")) return null;
  const m = /^(\d+)?([^/\d]+)\/([^/\d]+)$/.exec(s);
  const base = csvCurrency(m?.[2] ?? "");
  const quote = csvCurrency(m?.[3] ?? "");
  const units = m?.[1] ?? "1";
  if (!base || !quote || base === quote || !/^[1-9]\d*$/.test(units)) return "invalid";
  return { index, header: header.trim(), base, quote, units };
}

function isDateHeader(header: string): boolean {
  return DATE_HEADERS.has(
    header
      .normalize("NFKC")
      .toLowerCase()
      .replace(/[\s_]+/g, ""),
  );
}

interface CsvRow {
  line: number;
  fields: string[];
}

interface CsvHeader {
  line: number;
  dateIndex: number;
  pairs: PairColumn[];
  width: number;
}

/**
 * The header: the first row with a date column (`Date`, `日期`, … or an empty first cell followed by pair
 * columns, as a spreadsheet index column exports); title rows before it are skipped.
 */
function findHeader(rows: CsvRow[]): { header: CsvHeader; index: number } | null {
  for (const [index, row] of rows.entries()) {
    const cells = row.fields.map((f) => f.replace(/^\uFEFF/, "").trim());
    const dateColumns = cells.flatMap((c, k) => (isDateHeader(c) ? [k] : []));
    const hasPair = cells.some((c) => c.normalize("NFKC").includes("/"));
    if (dateColumns.length === 0 && !(cells[0] === "" && hasPair)) continue;
    if (dateColumns.length > 1) {
      const value = cells[dateColumns[1] ?? 0] ?? "";
      throw new FxParseError("DUPLICATE", row.line, { kind: "column", value });
    }
    const pairs: PairColumn[] = [];
    const seen = new Map<string, string>();
    for (const [k, cell] of cells.entries()) {
      const pair = readPairHeader(cell, k);
      if (pair === null) continue;
      if (pair === "invalid")
        throw new FxParseError("BAD_HEADER", row.line, { reason: "bad_pair", column: cell });
      const key = `${pair.base}/${pair.quote}`;
      const other = seen.get(key);
      if (other !== undefined) {
        throw new FxParseError("DUPLICATE", row.line, { kind: "column", value: cell, firstColumn: other });
      }
      seen.set(key, cell);
      pairs.push(pair);
    }
    if (pairs.length === 0) throw new FxParseError("BAD_HEADER", row.line, { reason: "no_pair_columns" });
    return { header: { line: row.line, dateIndex: dateColumns[0] ?? 0, pairs, width: cells.length }, index };
  }
  return null;
}

/** CSV rows with `separator`, or the CSV error (unbalanced quotes …) as an FxParseError. */
function readCsvRows(text: string, separator: string): CsvRow[] {
  try {
    return [...parseCsvLines(text, { separator })];
  } catch (e) {
    if (e instanceof CsvError) throw new FxParseError("CSV_MALFORMED", e.line, { reason: e.problem });
    throw e;
  }
}

/** Comma, then tab, then semicolon: the first separator under which a header is found. */
function readCsvTable(text: string): { rows: CsvRow[]; header: CsvHeader; index: number; separator: string } {
  let firstError: unknown = null;
  for (const separator of [",", "\t", ";"]) {
    try {
      const rows = readCsvRows(text, separator);
      const found = findHeader(rows);
      if (found) return { rows, ...found, separator };
      firstError ??= new FxParseError("BAD_HEADER", rows[0]?.line ?? 1, { reason: "no_date_column" });
    } catch (e) {
      firstError ??= e;
    }
  }
  throw firstError;
}

function csvDate(value: string, line: number): string {
  const s = value.trim().normalize("NFKC");
  const ymd =
    /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[ T]00:00(?::00)?)?$/.exec(s) ??
    /^(\d{4})()(\d{2})(\d{2})$/.exec(s) ??
    /^(\d{4})(年)(\d{1,2})月(\d{1,2})日$/.exec(s);
  // Day first only with dots (21.01.2025, as a Russian spreadsheet writes it); 01/02/2025 is ambiguous.
  const dmy = ymd ? null : /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
  const date = ymd
    ? isoDate(ymd[1] ?? "", ymd[3] ?? "", ymd[4] ?? "")
    : dmy
      ? isoDate(dmy[3] ?? "", dmy[2] ?? "", dmy[1] ?? "")
      : null;
  if (date === null) throw new FxParseError("BAD_DATE", line, { field: "date", value });
  return date;
}

/** Cells with no figure: empty, dashes, N/A. */
const NO_FIGURE = /^(?:|[-—–]+|N\/?A)$/i;

/**
 * CFETS figures: decimal point, comma thousands separators ("1,384.4"); "1,384" alone is ambiguous. In a
 * `;`-separated file (a spreadsheet in a Russian or European locale) the comma is the decimal separator
 * and digit groups are separated by spaces ("1 384,4").
 */
function csvNumber(value: string, column: string, line: number, decimalComma: boolean): Dec {
  let s = value.trim();
  if (decimalComma) {
    if (/^\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?$/.test(s)) s = s.replace(/[ \u00a0\u202f]/g, "");
    if (/^\d+,\d+$/.test(s)) s = s.replace(",", ".");
  }
  const reason = /^\d{1,3},\d{3}$/.test(s)
    ? "ambiguous_separator"
    : /^(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?$/.test(s)
      ? null
      : "not_a_number";
  if (reason !== null) throw new FxParseError("BAD_NUMBER", line, { field: column, value, reason });
  const d = new Dec(s.replaceAll(",", ""));
  if (d.lte(0)) throw new FxParseError("BAD_NUMBER", line, { field: column, value, reason: "not_positive" });
  return d;
}

/** BOM first; else UTF-8; else GB18030, what Excel on a Chinese Windows saves as "CSV". */
function decodeCsv(bytes: Uint8Array): string {
  const bom = bomOf(bytes);
  if (bom) return decodeStrict(bytes.subarray(bom.length), bom.encoding);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return decodeStrict(bytes, "gb18030");
  }
}

/**
 * CFETS CNY central parity (人民币汇率中间价) as CSV. Accepted format:
 *
 * - UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030; separator `,`, tab or `;`; RFC 4180 quotes.
 * - A header row, optionally after title rows: one date column (`Date`, `日期`, `交易日期`, `Дата`, or an
 *   empty first header cell) and one column per pair, `BASE/QUOTE` with an optional unit count before
 *   the base: `USD/CNY`, `100JPY/CNY`, `CNY/RUB`, `100CNY/RUB`, or with the Chinese names CFETS uses
 *   (`美元/人民币`, `100日元/人民币`, `人民币/俄罗斯卢布`). Columns without a `/` (`序号`, `备注`) are
 *   ignored; a header with a `/` that is not a readable pair is an error, so no rates are dropped unseen.
 * - A `A/B` figure v means `units` A = v B, so the rate is v / units with base A, quote B. `X/CNY` is CNY
 *   per X; `CNY/X` (indirect quote) is X per 1 CNY, and `100CNY/RUB` is RUB per 100 CNY — the "Ruble
 *   1,384.4 / 100" form of DOMAIN-SOURCES §8.2 — giving base CNY, quote RUB, rate 13.844.
 * - Dates `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYY.MM.DD`, `YYYYMMDD`, `YYYY年M月D日`, `DD.MM.YYYY` (never
 *   `DD/MM/YYYY`, which could be month first); one row per date.
 * - Figures with a decimal point, comma thousands separators allowed (with `;` as separator: a decimal
 *   comma and space-separated groups); empty, `-` or `N/A` cells are skipped; a row with no figure at
 *   all (a footnote) is skipped.
 */
export function parseCfetsCsv(bytes: Uint8Array): ParsedRates {
  const text = decodeCsv(bytes);
  if (text.trim() === "") throw new FxParseError("EMPTY_FILE", 1, { reason: "no_content" });
  if (text.trimStart().startsWith("<")) {
    throw new FxParseError("WRONG_FORMAT", lineOfOffset(text, text.search(/\S/)), {
      expected: "cfets-csv",
      found: "xml",
    });
  }
  const { rows, header, index, separator } = readCsvTable(text);
  const rates: ParsedRate[] = [];
  const seen = new Map<string, number>();
  for (const row of rows.slice(index + 1)) {
    const extra = row.fields.slice(header.width).find((f) => f.trim() !== "");
    if (extra !== undefined) throw new FxParseError("CSV_MALFORMED", row.line, { reason: "too_many_fields" });
    const figures = header.pairs.flatMap((pair) => {
      const cell = (row.fields[pair.index] ?? "").trim();
      return NO_FIGURE.test(cell) ? [] : [{ pair, cell }];
    });
    if (figures.length === 0) continue;
    const date = csvDate(row.fields[header.dateIndex] ?? "", row.line);
    const firstLine = seen.get(date);
    if (firstLine !== undefined) {
      throw new FxParseError("DUPLICATE", row.line, { kind: "date", value: date, firstLine });
    }
    seen.set(date, row.line);
    for (const { pair, cell } of figures) {
      const value = csvNumber(cell, pair.header, row.line, separator === ";");
      rates.push({
        date,
        base: pair.base,
        quote: pair.quote,
        rate: perUnit(value, new Dec(pair.units)),
        line: row.line,
        raw: { value: cell, nominal: pair.units },
      });
    }
  }
  if (rates.length === 0) throw new FxParseError("EMPTY_FILE", header.line, { reason: "no_rates" });
  return { source: "cfets-csv", publishedOn: null, rates };
}
