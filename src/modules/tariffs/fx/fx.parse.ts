/**
 * Parsers for official exchange-rate files (DOMAIN-SOURCES §8), pure and without a database. Each takes
 * the file's raw bytes, so character encodings are decided here, and returns canonical rates
 * `{ date, base, quote, rate }`: one `base` unit is worth `rate` `quote` units, as an exact decimal string.
 * A file with any error yields no rates at all: the first error is thrown as an `FxParseError` carrying
 * the line, a stable code and parameters for a localized message.
 *
 * - Bank of Russia `XML_daily` and `XML_dynamic` (windows-1251 or UTF-8, comma decimals): a small XML
 *   reader below, made for this narrow format, tracks line numbers; no XML library, no DTDs.
 * - CFETS central parity CSV: CFETS's machine format is unconfirmed, so `parseCfetsCsv` documents the
 *   tolerant format it accepts.
 */
import { Decimal } from "decimal.js";
import { CsvError, parseCsvLines } from "../../../platform/csv.ts";

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

/**
 * Bank of Russia internal currency ids (`Valute/@ID`, `VAL_NM_RQ`, `Record/@Id`) of the currencies in
 * its current daily list. The first five are in DOMAIN-SOURCES §8.1; the rest were cross-checked in two
 * independent public code repositories quoting XML_daily. Historical ids (e.g. BYR before 2016) are not
 * listed: such a file needs `charCode`.
 */
export const CBR_CURRENCY_IDS: Readonly<Record<string, string>> = {
  R01010: "AUD",
  R01020A: "AZN",
  R01035: "GBP",
  R01060: "AMD",
  R01090B: "BYN",
  R01100: "BGN",
  R01115: "BRL",
  R01135: "HUF",
  R01150: "VND",
  R01200: "HKD",
  R01210: "GEL",
  R01215: "DKK",
  R01230: "AED",
  R01235: "USD",
  R01239: "EUR",
  R01240: "EGP",
  R01270: "INR",
  R01280: "IDR",
  R01335: "KZT",
  R01350: "CAD",
  R01355: "QAR",
  R01370: "KGS",
  R01375: "CNY",
  R01500: "MDL",
  R01530: "NZD",
  R01535: "NOK",
  R01565: "PLN",
  R01585F: "RON",
  R01589: "XDR",
  R01625: "SGD",
  R01670: "TJS",
  R01675: "THB",
  R01700J: "TRY",
  R01710A: "TMT",
  R01717: "UZS",
  R01720: "UAH",
  R01760: "CZK",
  R01770: "SEK",
  R01775: "CHF",
  R01805F: "RSD",
  R01810: "ZAR",
  R01815: "KRW",
  R01820: "JPY",
};

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

// ---- Decimals ----

/**
 * Decimal places kept when a rate is computed (Value / Nominal, a CFETS figure / its unit count). CBR
 * values have 4 decimals and nominals are powers of ten up to 1,000,000, and CFETS figures have at most
 * 5 decimals per 1 or 100 units, so these quotients are exact within 10 places; anything finer (a
 * float-formatted spreadsheet cell, an odd nominal) is rounded half-up at the 10th place. A VunitRate,
 * published per one unit, is taken with all its digits.
 */
export const RATE_DECIMAL_PLACES = 10;

const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
type Dec = InstanceType<typeof Dec>;

/** `record[key]` for the record's own keys only (no `constructor` or `__proto__` from a file). */
function lookup(record: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

function decimalString(d: Dec): string {
  const s = d.toFixed();
  return s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s;
}

function perUnit(value: Dec, units: Dec): string {
  return decimalString(value.div(units).toDecimalPlaces(RATE_DECIMAL_PLACES, Decimal.ROUND_HALF_UP));
}

// ---- Bytes to text ----

function bomOf(bytes: Uint8Array): { encoding: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: "utf-8", length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: "utf-16le", length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: "utf-16be", length: 2 };
  return null;
}

function decoderFor(label: string, fatal: boolean) {
  try {
    return new TextDecoder(label, { fatal, ignoreBOM: true });
  } catch {
    throw new FxParseError("UNSUPPORTED_ENCODING", 1, { encoding: label });
  }
}

/** Decodes strictly: invalid bytes are an error on the line where they are, never U+FFFD in a rate. */
function decodeStrict(bytes: Uint8Array, label: string): string {
  const decoder = decoderFor(label, true);
  try {
    return decoder.decode(bytes);
  } catch {
    const loose = decoderFor(label, false).decode(bytes);
    const at = loose.indexOf("\uFFFD");
    throw new FxParseError("BAD_ENCODING", lineOfOffset(loose, at === -1 ? 0 : at), {
      encoding: decoder.encoding,
    });
  }
}

function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let k = 0; k < offset; k++) {
    const c = text.charCodeAt(k);
    if (c === 10 || (c === 13 && text.charCodeAt(k + 1) !== 10)) line++;
  }
  return line;
}

const XML_DECLARED_ENCODING = /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*(["'])([^"']*)\1/i;

/**
 * A byte-order mark wins; otherwise the XML declaration's `encoding` (any label TextDecoder knows, e.g.
 * windows-1251 as the CBR declares); otherwise UTF-8, the XML default. Line breaks are normalized to LF
 * as XML requires, so CRLF and LF files read alike.
 */
function decodeXml(bytes: Uint8Array): string {
  const bom = bomOf(bytes);
  let encoding = bom?.encoding;
  if (encoding === undefined) {
    const head = new TextDecoder("latin1").decode(bytes.subarray(0, 1024));
    encoding = XML_DECLARED_ENCODING.exec(head)?.[2]?.trim() || "utf-8";
  }
  return decodeStrict(bytes.subarray(bom?.length ?? 0), encoding).replace(/\r\n?/g, "\n");
}

// ---- A small XML reader ----

interface XmlElement {
  name: string;
  /** Line of the start tag. */
  line: number;
  attributes: Map<string, string>;
  children: XmlElement[];
  /** The element's own text and CDATA, entities decoded, untrimmed. */
  text: string;
}

const XML_NAME = /[A-Za-z_:\u00C0-\uFFFF][-\w.:\u00B7-\uFFFF]*/y;
const NAMED_ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

function countLf(s: string, from: number, to: number): number {
  let n = 0;
  for (let k = from; k < to; k++) if (s.charCodeAt(k) === 10) n++;
  return n;
}

function malformed(line: number, reason: string, params: FxParseErrorParams = {}): FxParseError {
  return new FxParseError("XML_MALFORMED", line, { reason, ...params });
}

/** Resolves the five predefined entities and character references; anything else is an error. */
function decodeEntities(s: string, line: number): string {
  if (!s.includes("&")) return s;
  let out = "";
  let from = 0;
  for (;;) {
    const amp = s.indexOf("&", from);
    if (amp === -1) return out + s.slice(from);
    const semi = s.indexOf(";", amp);
    const ref = semi === -1 ? "" : s.slice(amp + 1, semi);
    let ch = lookup(NAMED_ENTITIES, ref);
    const num = /^#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(ref);
    if (num) {
      const cp = num[1] !== undefined ? Number.parseInt(num[1], 16) : Number(num[2]);
      if (isXmlChar(cp)) ch = String.fromCodePoint(cp);
    }
    if (ch === undefined) {
      const shown = s.slice(amp, semi === -1 || semi - amp > 12 ? amp + 12 : semi + 1);
      throw malformed(line + countLf(s, 0, amp), "bad_entity", { entity: shown });
    }
    out += s.slice(from, amp) + ch;
    from = semi + 1;
  }
}

/**
 * Reads a well-formed XML document (after line-break normalization) into an element tree: elements,
 * attributes in ' or ", text, the predefined entities and character references, comments, processing
 * instructions, CDATA, and a DOCTYPE without an internal subset. The root must be `rootName`; that is
 * checked as soon as the root starts, so an HTML error page is reported as such.
 */
function readXml(text: string, rootName: string): XmlElement {
  const firstContent = text.search(/\S/);
  if (firstContent === -1) throw new FxParseError("EMPTY_FILE", 1, { reason: "no_content" });
  if (text[firstContent] !== "<") throw malformed(lineOfOffset(text, firstContent), "not_xml");

  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let pos = 0;
  let line = 1;
  const moveTo = (to: number): void => {
    line += countLf(text, pos, to);
    pos = to;
  };
  const lineAt = (p: number): number => line + countLf(text, pos, p);
  const skipSpace = (p: number): number => {
    let q = p;
    while (q < text.length && /\s/.test(text.charAt(q))) q++;
    return q;
  };
  const closing = (from: number, token: string, reason: string): number => {
    const at = text.indexOf(token, from);
    if (at === -1) throw malformed(line, reason);
    return at + token.length;
  };

  while (pos < text.length) {
    const lt = text.indexOf("<", pos);
    const textEnd = lt === -1 ? text.length : lt;
    if (textEnd > pos) {
      const chunk = text.slice(pos, textEnd);
      const parent = stack.at(-1);
      if (parent) parent.text += decodeEntities(chunk, line);
      else if (chunk.trim() !== "") throw malformed(lineAt(pos + chunk.search(/\S/)), "text_outside_root");
      moveTo(textEnd);
    }
    if (lt === -1) break;

    if (text.startsWith("<!--", pos)) {
      moveTo(closing(pos + 4, "-->", "unclosed_comment"));
    } else if (text.startsWith("<![CDATA[", pos)) {
      const end = closing(pos + 9, "]]>", "unclosed_cdata");
      const parent = stack.at(-1);
      if (!parent) throw malformed(line, "text_outside_root");
      parent.text += text.slice(pos + 9, end - 3);
      moveTo(end);
    } else if (text.startsWith("<!", pos)) {
      if (!text.startsWith("<!DOCTYPE", pos) || root !== null) throw malformed(line, "unexpected_markup");
      const end = closing(pos, ">", "unclosed_tag");
      // An internal subset could declare entities; this reader expands none, so it refuses them.
      if (text.slice(pos, end).includes("[")) throw malformed(line, "dtd_not_supported");
      moveTo(end);
    } else if (text.startsWith("<?", pos)) {
      moveTo(closing(pos + 2, "?>", "unclosed_processing_instruction"));
    } else if (text.startsWith("</", pos)) {
      XML_NAME.lastIndex = pos + 2;
      const name = XML_NAME.exec(text)?.[0];
      if (name === undefined) throw malformed(line, "bad_name");
      const end = skipSpace(pos + 2 + name.length);
      if (text[end] !== ">") throw malformed(lineAt(end), "unclosed_tag", { element: name });
      const open = stack.pop();
      if (!open) throw malformed(line, "unexpected_end_tag", { element: name });
      if (open.name !== name) {
        throw malformed(line, "mismatched_tag", { expected: open.name, found: name, openedAt: open.line });
      }
      moveTo(end + 1);
    } else {
      XML_NAME.lastIndex = pos + 1;
      const name = XML_NAME.exec(text)?.[0];
      if (name === undefined) throw malformed(line, "bad_name");
      const element: XmlElement = { name, line, attributes: new Map(), children: [], text: "" };
      let p = pos + 1 + name.length;
      let selfClosing = false;
      for (;;) {
        const afterSpace = skipSpace(p);
        const c = text[afterSpace];
        if (c === ">" || (c === "/" && text[afterSpace + 1] === ">")) {
          selfClosing = c === "/";
          p = afterSpace + (selfClosing ? 2 : 1);
          break;
        }
        if (c === undefined || c === "<" || c === "/") {
          throw malformed(lineAt(afterSpace), "unclosed_tag", { element: name });
        }
        XML_NAME.lastIndex = afterSpace;
        const attribute = XML_NAME.exec(text)?.[0];
        if (afterSpace === p || attribute === undefined) {
          throw malformed(lineAt(afterSpace), "bad_attribute", { element: name });
        }
        let q = skipSpace(afterSpace + attribute.length);
        if (text[q] !== "=") throw malformed(lineAt(q), "bad_attribute", { element: name, attribute });
        q = skipSpace(q + 1);
        const quote = text[q];
        if (quote !== '"' && quote !== "'") {
          throw malformed(lineAt(q), "bad_attribute", { element: name, attribute });
        }
        const close = text.indexOf(quote, q + 1);
        const raw = close === -1 ? "" : text.slice(q + 1, close);
        if (close === -1 || raw.includes("<")) {
          throw malformed(lineAt(q), "bad_attribute", { element: name, attribute });
        }
        if (element.attributes.has(attribute)) {
          throw malformed(lineAt(afterSpace), "duplicate_attribute", { element: name, attribute });
        }
        element.attributes.set(attribute, decodeEntities(raw, lineAt(q)).replace(/[\t\n]/g, " "));
        p = close + 1;
      }
      const parent = stack.at(-1);
      if (parent) {
        parent.children.push(element);
      } else {
        if (root !== null) throw malformed(line, "multiple_roots", { element: name });
        if (name !== rootName) throw new FxParseError("BAD_ROOT", line, { expected: rootName, found: name });
        root = element;
      }
      if (!selfClosing) stack.push(element);
      moveTo(p);
    }
  }
  const unclosed = stack.at(-1);
  if (unclosed)
    throw malformed(line, "unclosed_element", { element: unclosed.name, openedAt: unclosed.line });
  if (root === null) throw new FxParseError("EMPTY_FILE", line, { reason: "no_content" });
  return root;
}

// ---- Fields shared by the parsers ----

const ISO_4217 = /^[A-Z]{3}$/;

function currencyCode(value: string, field: string, line: number): string {
  const code = value.trim();
  if (!ISO_4217.test(code)) throw new FxParseError("BAD_CURRENCY_CODE", line, { field, value });
  return code;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** YYYY-MM-DD of a real calendar day in 1900–2100 (a sanity window: a year outside it is a typo), or null. */
function isoDate(year: string, month: string, day: string): string | null {
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
}

/** CBR dates: dd.mm.yyyy (also dd/mm/yyyy, the form of its request parameters). */
function cbrDate(value: string, field: string, line: number): string {
  const m = /^(\d{1,2})([./])(\d{1,2})\2(\d{4})$/.exec(value.trim());
  const date = m ? isoDate(m[4] ?? "", m[3] ?? "", m[1] ?? "") : null;
  if (date === null) throw new FxParseError("BAD_DATE", line, { field, value });
  return date;
}

/** CBR figures: decimal comma (a dot is tolerated), digit groups separated by a space or NBSP tolerated. */
function cbrNumber(value: string, field: string, line: number): Dec {
  let s = value.trim();
  if (/^\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?$/.test(s)) s = s.replace(/[ \u00a0\u202f]/g, "");
  if (!/^\d+(?:[.,]\d+)?$/.test(s)) {
    throw new FxParseError("BAD_NUMBER", line, { field, value, reason: "not_a_number" });
  }
  const d = new Dec(s.replace(",", "."));
  if (d.lte(0)) throw new FxParseError("BAD_NUMBER", line, { field, value, reason: "not_positive" });
  return d;
}

/** One unit in the last decimal place written, e.g. 0.0001 for "11,7136". */
function lastPlace(value: string): Dec {
  const decimals = /[.,](\d+)$/.exec(value.trim())?.[1]?.length ?? 0;
  return new Dec(10).pow(-decimals);
}

/** The children of a `Valute` / `Record` that are read, each at most once. */
function fieldsOf(record: XmlElement, names: readonly string[]): Map<string, XmlElement> {
  const fields = new Map<string, XmlElement>();
  for (const child of record.children) {
    if (!names.includes(child.name)) continue;
    const first = fields.get(child.name);
    if (first) {
      throw new FxParseError("DUPLICATE", child.line, {
        kind: "field",
        element: record.name,
        value: child.name,
        firstLine: first.line,
      });
    }
    fields.set(child.name, child);
  }
  return fields;
}

function requiredField(
  fields: Map<string, XmlElement>,
  name: string,
  record: XmlElement,
): { text: string; line: number } {
  const element = fields.get(name);
  const text = element?.text.trim() ?? "";
  if (!element || text === "") {
    throw new FxParseError("MISSING_FIELD", element?.line ?? record.line, {
      element: record.name,
      field: name,
    });
  }
  return { text, line: element.line };
}

function requiredAttribute(element: XmlElement, name: string): string {
  const value = element.attributes.get(name)?.trim() ?? "";
  if (value === "")
    throw new FxParseError("MISSING_FIELD", element.line, { element: element.name, field: name });
  return value;
}

/** `ValCurs` holds elements only: text there (an error message in place of rates) is refused. */
function refuseRootText(root: XmlElement): void {
  const text = root.text.trim();
  if (text !== "") {
    throw malformed(root.line, "unexpected_text", { element: root.name, text: text.slice(0, 80) });
  }
}

/**
 * RUB per one unit from a `Valute` or `Record`: VunitRate as published when present, else Value /
 * Nominal. A VunitRate further from Value / Nominal than the rounding of both figures allows is refused.
 */
function cbrRate(record: XmlElement, base: string): Pick<ParsedRate, "rate" | "raw"> {
  const fields = fieldsOf(record, ["CharCode", "Nominal", "Value", "VunitRate"]);
  const value = requiredField(fields, "Value", record);
  const nominal = requiredField(fields, "Nominal", record);
  const amount = cbrNumber(value.text, "Value", value.line);
  const units = cbrNumber(nominal.text, "Nominal", nominal.line);
  if (!units.isInteger()) {
    throw new FxParseError("BAD_NUMBER", nominal.line, {
      field: "Nominal",
      value: nominal.text,
      reason: "not_integer",
    });
  }
  const raw = { value: value.text, nominal: nominal.text };
  const vunitElement = fields.get("VunitRate");
  const vunitText = vunitElement?.text.trim() ?? "";
  if (!vunitElement || vunitText === "") return { rate: perUnit(amount, units), raw };

  const vunit = cbrNumber(vunitText, "VunitRate", vunitElement.line);
  const tolerance = lastPlace(vunitText).plus(lastPlace(value.text).div(units));
  if (vunit.minus(amount.div(units)).abs().gt(tolerance)) {
    throw new FxParseError("INCONSISTENT_RATE", vunitElement.line, {
      currency: base,
      value: value.text,
      nominal: nominal.text,
      vunitRate: vunitText,
    });
  }
  return { rate: decimalString(vunit), raw: { ...raw, vunitRate: vunitText } };
}

// ---- Bank of Russia XML_daily ----

/**
 * Bank of Russia `XML_daily`: `<ValCurs Date="dd.mm.yyyy">` with one `<Valute>` per currency
 * (`CharCode`, `Nominal`, `Value`, optional `VunitRate`; `NumCode`, `Name` and unknown elements are
 * ignored). Each currency gives `{ base: CharCode, quote: "RUB", date: ValCurs/@Date }`.
 */
export function parseCbrDaily(bytes: Uint8Array): ParsedRates {
  const root = readXml(decodeXml(bytes), "ValCurs");
  if (root.attributes.has("DateRange1") || root.children.some((c) => c.name === "Record")) {
    throw new FxParseError("WRONG_FORMAT", root.line, { expected: "cbr-daily", found: "cbr-dynamic" });
  }
  refuseRootText(root);
  const date = cbrDate(requiredAttribute(root, "Date"), "Date", root.line);
  const rates: ParsedRate[] = [];
  const seen = new Map<string, number>();
  for (const valute of root.children) {
    if (valute.name !== "Valute") continue;
    const charCode = requiredField(fieldsOf(valute, ["CharCode"]), "CharCode", valute);
    const base = currencyCode(charCode.text, "CharCode", charCode.line);
    const firstLine = seen.get(base);
    if (firstLine !== undefined) {
      throw new FxParseError("DUPLICATE", valute.line, { kind: "currency", value: base, firstLine });
    }
    seen.set(base, valute.line);
    rates.push({ date, base, quote: "RUB", line: valute.line, ...cbrRate(valute, base) });
  }
  if (rates.length === 0) throw new FxParseError("EMPTY_FILE", root.line, { reason: "no_rates" });
  return { source: "cbr-daily", publishedOn: date, rates };
}

// ---- Bank of Russia XML_dynamic ----

/** The CBR spells the id attribute `ID` on `ValCurs` and `Id` on `Record`; either is read on both. */
function cbrId(element: XmlElement): string | undefined {
  const id = (element.attributes.get("ID") ?? element.attributes.get("Id"))?.trim().toUpperCase();
  return id === "" ? undefined : id;
}

/**
 * Bank of Russia `XML_dynamic`: one currency over a date range, `<ValCurs ID="R01375" DateRange1=…
 * DateRange2=…>` with `<Record Date="dd.mm.yyyy" Id="R01375">` holding `Nominal`, `Value` and optional
 * `VunitRate`. The file names the currency only by CBR id, mapped with `CBR_CURRENCY_IDS`;
 * `options.charCode` overrides the mapping or supplies an unknown id's ISO code.
 */
export function parseCbrDynamic(bytes: Uint8Array, options: { charCode?: string } = {}): ParsedRates {
  const override =
    options.charCode === undefined
      ? undefined
      : currencyCode(options.charCode.trim().toUpperCase(), "charCode", 0);
  const root = readXml(decodeXml(bytes), "ValCurs");
  if (root.children.some((c) => c.name === "Valute")) {
    throw new FxParseError("WRONG_FORMAT", root.line, { expected: "cbr-dynamic", found: "cbr-daily" });
  }
  refuseRootText(root);
  for (const field of ["DateRange1", "DateRange2"]) {
    const value = root.attributes.get(field);
    if (value !== undefined) cbrDate(value, field, root.line);
  }
  const records = root.children.filter((c) => c.name === "Record");
  const first = records[0];
  if (first === undefined) throw new FxParseError("EMPTY_FILE", root.line, { reason: "no_rates" });

  const rootId = cbrId(root);
  const id = rootId ?? cbrId(first);
  let base = override;
  if (base === undefined) {
    if (id === undefined)
      throw new FxParseError("MISSING_FIELD", root.line, { element: "ValCurs", field: "ID" });
    base = lookup(CBR_CURRENCY_IDS, id);
    if (base === undefined) {
      throw new FxParseError("UNKNOWN_CURRENCY_ID", rootId === undefined ? first.line : root.line, { id });
    }
  }

  const rates: ParsedRate[] = [];
  const seen = new Map<string, number>();
  for (const record of records) {
    const recordId = cbrId(record);
    if (recordId !== undefined && id !== undefined && recordId !== id) {
      throw new FxParseError("ID_MISMATCH", record.line, { expected: id, found: recordId });
    }
    const date = cbrDate(requiredAttribute(record, "Date"), "Date", record.line);
    const firstLine = seen.get(date);
    if (firstLine !== undefined) {
      throw new FxParseError("DUPLICATE", record.line, { kind: "date", value: date, firstLine });
    }
    seen.set(date, record.line);
    rates.push({ date, base, quote: "RUB", line: record.line, ...cbrRate(record, base) });
  }
  return { source: "cbr-dynamic", publishedOn: null, rates };
}

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
    if (e instanceof CsvError) {
      // "unterminated quoted field" → unterminated_quoted_field: the platform reader's reasons as codes.
      const reason = e.message.replace(/^CSV line \d+: /, "").replace(/\W+/g, "_");
      throw new FxParseError("CSV_MALFORMED", e.line, { reason });
    }
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
