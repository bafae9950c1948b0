/** Bank of Russia `XML_daily` and `XML_dynamic` (windows-1251 or UTF-8, comma decimals). */
import {
  Dec,
  decimalString,
  FxParseError,
  isoDate,
  lookup,
  type ParsedRate,
  type ParsedRates,
  perUnit,
} from "./fx.parse.shared.ts";
import { decodeXml, malformed, readXml, type XmlElement } from "./fx.xml.ts";

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

// ---- Fields of the Bank of Russia files ----

const ISO_4217 = /^[A-Z]{3}$/;

function currencyCode(value: string, field: string, line: number): string {
  const code = value.trim();
  if (!ISO_4217.test(code)) throw new FxParseError("BAD_CURRENCY_CODE", line, { field, value });
  return code;
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
