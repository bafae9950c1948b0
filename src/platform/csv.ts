import { AppError } from "./errors.ts";
import { type Locale, t } from "./i18n/i18n.ts";

/**
 * A small RFC 4180 CSV reader (reference files, user imports): quoted fields, doubled quotes, separators
 * and line breaks inside quotes, CRLF / LF / CR line endings, a leading UTF-8 BOM, and a last line with or
 * without a line break. It is strict about quotes: an unterminated quoted field, text after a closing
 * quote, or a quote inside an unquoted field is a `CsvError` naming the line, because a silently
 * mis-split row of reference data is worse than a failed load.
 */

/** What is wrong at a CsvError's line, as a message key under `csv.` (i18n) with its parameters. */
export type CsvProblem = "unterminated_quote" | "text_after_quote" | "quote_in_field" | "too_many_fields";

export class CsvError extends Error {
  readonly line: number;
  readonly problem: CsvProblem;
  readonly params: Record<string, number>;

  constructor(message: string, line: number, problem: CsvProblem, params: Record<string, number> = {}) {
    super(`CSV line ${line}: ${message}`);
    this.name = "CsvError";
    this.line = line;
    this.problem = problem;
    this.params = params;
  }
}

/** A CsvError's problem in the reader's language, without the line (callers say where). */
export function csvProblemText(e: { problem: CsvProblem; params?: Record<string, number> }, locale: Locale) {
  return t(locale, `csv.${e.problem}`, e.params ?? {});
}

export interface CsvOptions {
  /** Field separator, one character; default ",". */
  separator?: string;
}

/**
 * Yields the records of `text` as arrays of fields, one record per CSV row (so a quoted field with a
 * line break stays in one record). Empty lines yield nothing.
 */
export function* parseCsv(text: string, options: CsvOptions = {}): Generator<string[]> {
  for (const r of parseCsvLines(text, options)) yield r.fields;
}

/** Like parseCsv, with the line number each record starts on (for error reports on user files). */
export function* parseCsvLines(
  text: string,
  options: CsvOptions = {},
): Generator<{ line: number; fields: string[] }> {
  const separator = options.separator ?? ",";
  if (separator.length !== 1 || separator === '"' || separator === "\n" || separator === "\r") {
    throw new Error(`unsupported CSV separator ${JSON.stringify(separator)}`);
  }
  // Unquoted fields are sliced up to the next special character found by a global regex, which is an
  // order of magnitude faster than building fields character by character.
  const special = new RegExp(`[${separator.replace(/[\\\]^-]/g, "\\$&")}"\r\n]`, "g");
  const length = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let record: string[] = [];
  let recordLine = 1;

  while (i < length) {
    if (record.length === 0) {
      // At the start of a record: blank lines yield nothing.
      while (i < length && (text[i] === "\n" || text[i] === "\r")) {
        i += text[i] === "\r" && text[i + 1] === "\n" ? 2 : 1;
        line++;
      }
      if (i === length) break;
      recordLine = line;
    }
    let field: string;
    if (text[i] === '"') {
      const startLine = line;
      let value = "";
      let from = i + 1;
      for (;;) {
        const quote = text.indexOf('"', from);
        if (quote === -1) throw new CsvError("unterminated quoted field", startLine, "unterminated_quote");
        const chunk = text.slice(from, quote);
        value += chunk;
        line += countLineBreaks(chunk);
        if (text[quote + 1] === '"') {
          value += '"';
          from = quote + 2;
          continue;
        }
        i = quote + 1;
        break;
      }
      field = value;
      const next = text[i];
      if (next !== undefined && next !== separator && next !== "\n" && next !== "\r") {
        throw new CsvError("text after a closing quote", line, "text_after_quote");
      }
    } else {
      special.lastIndex = i;
      const m = special.exec(text);
      const stop = m === null ? length : m.index;
      if (m !== null && m[0] === '"')
        throw new CsvError("quote inside an unquoted field", line, "quote_in_field");
      field = text.slice(i, stop);
      i = stop;
    }
    record.push(field);
    // After a field: a separator, a line break, or the end.
    const ch = text[i];
    if (ch === separator) {
      i++;
      if (i === length) {
        record.push("");
        yield { line: recordLine, fields: record };
        return;
      }
      continue;
    }
    if (ch === "\r" || ch === "\n") {
      i += ch === "\r" && text[i + 1] === "\n" ? 2 : 1;
      line++;
      yield { line: recordLine, fields: record };
      record = [];
    }
  }
  if (record.length > 0) yield { line: recordLine, fields: record };
}

function countLineBreaks(s: string): number {
  let n = 0;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c === 10 || (c === 13 && s.charCodeAt(k + 1) !== 10)) n++;
  }
  return n;
}

/**
 * Yields the rows of a CSV file with a header line as objects keyed by header name. A row with fewer
 * fields than the header gets "" for the missing ones; a row with more fields is an error.
 */
export function* parseCsvRecords(text: string, options: CsvOptions = {}): Generator<Record<string, string>> {
  let header: string[] | null = null;
  let row = 1;
  for (const fields of parseCsv(text, options)) {
    if (header === null) {
      header = fields.map((name) => name.trim());
      continue;
    }
    row++;
    if (fields.length > header.length) {
      throw new CsvError(
        `row ${row} has ${fields.length} fields, the header has ${header.length}`,
        row,
        "too_many_fields",
        {
          fields: fields.length,
          header: header.length,
        },
      );
    }
    const record: Record<string, string> = {};
    for (let k = 0; k < header.length; k++) {
      const key = header[k] ?? "";
      record[key] = fields[k] ?? "";
    }
    yield record;
  }
}

/**
 * The separator of a CSV file: of comma, semicolon (a spreadsheet saved in a Russian or European
 * locale) and tab (exported text, e.g. Comtrade's bulk files), the one that splits the header line into
 * the most fields; comma on a tie.
 */
export function detectSeparator(text: string): "," | ";" | "\t" {
  const first = text.slice(0, text.search(/\r|\n|$/));
  let best: "," | ";" | "\t" = ",";
  let most = 0;
  for (const s of [",", ";", "\t"] as const) {
    const n = first.split(s).length;
    if (n > most) {
      most = n;
      best = s;
    }
  }
  return best;
}

/**
 * Reads an import file's bytes as text: UTF-8 (a BOM allowed), or the encoding given. A UTF-16 byte
 * order mark (Excel's "Unicode text") is honoured when no other encoding is named. Never guesses and
 * never replaces bytes it cannot read: a file in another encoding is refused with the option to use.
 */
export function decodeImportFile(bytes: Uint8Array, encoding = "utf-8"): string {
  const label = encoding.toLowerCase();
  let actual = encoding;
  if (label === "utf-8" || label === "utf8") {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) actual = "utf-16le";
    else if (bytes[0] === 0xfe && bytes[1] === 0xff) actual = "utf-16be";
  }
  let decoder: { decode(input: Uint8Array): string };
  try {
    decoder = new TextDecoder(actual, { fatal: true });
  } catch {
    throw new AppError("FILE_ENCODING_UNKNOWN", { encoding });
  }
  try {
    return decoder.decode(bytes);
  } catch {
    throw new AppError("FILE_NOT_IN_ENCODING", { encoding: actual });
  }
}

/**
 * A date from a spreadsheet as ISO 8601 (YYYY-MM-DD). Besides ISO it reads the unambiguous forms that a
 * Russian or Chinese spreadsheet writes when it saves a date: 22.11.2026, 2026/11/22, 2026.11.22 and
 * 2026年11月22日 (one-digit day and month too). Anything else, 11/22/2026 included (day or month first?),
 * comes back as it was, for the validation to refuse with its line.
 */
export function spreadsheetDate(text: string): string {
  const v = text.trim();
  const pad = (n: string) => n.padStart(2, "0");
  let m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(v);
  if (m) return `${m[3]}-${pad(m[2] as string)}-${pad(m[1] as string)}`;
  m = /^(\d{4})[/.年-](\d{1,2})[/.月-](\d{1,2})日?$/.exec(v);
  if (m && (v.includes("年") ? v.endsWith("日") : !v.includes("日")))
    return `${m[1]}-${pad(m[2] as string)}-${pad(m[3] as string)}`;
  return v;
}

/**
 * A number from a spreadsheet as a plain decimal (1234.5). Reads what a spreadsheet saves when a cell
 * is formatted: a space, no-break or thin space between thousands (1 234,5), a decimal comma (1234,5),
 * and thousands marks of the other kind when both appear (1.234,5 and 1,234.5: the last mark is the
 * decimal one). Anything it cannot read comes back as it was, for the validation to refuse.
 */
export function spreadsheetNumber(text: string): string {
  let v = text.trim().replace(/(?<=\d)[ \u00a0\u202f\u2009](?=\d{3}(?!\d))/g, "");
  const comma = v.lastIndexOf(",");
  const dot = v.lastIndexOf(".");
  if (comma >= 0 && dot >= 0) v = comma > dot ? v.replace(/\./g, "").replace(",", ".") : v.replace(/,/g, "");
  else if (comma >= 0 && v.indexOf(",") === comma) v = v.replace(",", ".");
  return v;
}

/**
 * A CSV file the platform gives out (reports, exports): comma-separated, a field quoted when it holds a
 * quote, comma, semicolon or line break, CRLF lines, and a UTF-8 byte order mark — without the mark Excel
 * reads a CSV in the computer's legacy code page, and Chinese and Russian text comes out garbled.
 */
export function csvText(
  header: readonly string[],
  rows: Iterable<readonly (string | number | null)[]>,
): string {
  const field = (v: string | number | null) => {
    const s = v === null ? "" : String(v);
    return /[",;\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [header.map(field).join(",")];
  for (const row of rows) lines.push(row.map(field).join(","));
  return `\ufeff${lines.join("\r\n")}\r\n`;
}
