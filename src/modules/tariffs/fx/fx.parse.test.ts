import { readFileSync } from "node:fs";
import { Decimal } from "decimal.js";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { describeParseError } from "./fx.import.ts";
import {
  CBR_CURRENCY_IDS,
  FX_PARSE_ERROR_CODES,
  FxParseError,
  type FxParseErrorCode,
  type ParsedRates,
  parseCbrDaily,
  parseCbrDynamic,
  parseCfetsCsv,
  parseRatesFile,
} from "./fx.parse.ts";

const fixture = (name: string): Uint8Array => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** windows-1251 for ASCII and the Russian alphabet: enough to write CBR files as the CBR serves them. */
function cp1251(s: string): Uint8Array {
  return Uint8Array.from([...s], (ch) => {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x80) return c;
    if (c >= 0x410 && c <= 0x44f) return c - 0x410 + 0xc0;
    if (c === 0x401) return 0xa8;
    if (c === 0x451) return 0xb8;
    throw new Error(`no windows-1251 byte for ${ch}`);
  });
}

const codesSeen = new Set<FxParseErrorCode>();

/** The FxParseError `run` throws (recording its code for the coverage check at the end). */
function failure(run: () => unknown): FxParseError {
  try {
    run();
  } catch (e) {
    if (!(e instanceof FxParseError)) throw e;
    codesSeen.add(e.code);
    return e;
  }
  throw new Error("expected an FxParseError");
}

const pick = (r: ParsedRates, base: string, quote = "RUB", date?: string) => {
  const found = r.rates.find(
    (x) => x.base === base && x.quote === quote && (date === undefined || x.date === date),
  );
  if (!found) throw new Error(`no ${base}/${quote} rate`);
  return found;
};

const DECL = '<?xml version="1.0" encoding="UTF-8"?>';
const daily = (body: string, date = "01.04.2025"): Uint8Array =>
  utf8(`${DECL}\n<ValCurs Date="${date}" name="Foreign Currency Market">\n${body}\n</ValCurs>\n`);
const valute = (code: string, nominal: string, value: string, extra = ""): string =>
  `<Valute ID="R0"><CharCode>${code}</CharCode><Nominal>${nominal}</Nominal><Value>${value}</Value>${extra}</Valute>`;

describe("Bank of Russia XML_daily", () => {
  it("reads the windows-1251 file of 01.04.2025 with VunitRate (DOMAIN-SOURCES §8.1)", () => {
    const bytes = fixture("cbr-daily-2025-04-01.windows-1251.xml");
    // The fixture is real windows-1251: «Юань» is the four bytes DE E0 ED FC.
    expect(Buffer.from(bytes).includes(Buffer.from([0xde, 0xe0, 0xed, 0xfc]))).toBe(true);
    const r = parseCbrDaily(bytes);
    expect(r.source).toBe("cbr-daily");
    expect(r.publishedOn).toBe("2025-04-01");
    expect(r.rates.map((x) => x.base)).toEqual(["USD", "EUR", "AMD", "KZT", "CNY", "KRW", "JPY"]);
    expect(pick(r, "CNY")).toEqual({
      date: "2025-04-01",
      base: "CNY",
      quote: "RUB",
      rate: "11.7136",
      line: 1,
      raw: { value: "11,7136", nominal: "1", vunitRate: "11,7136" },
    });
    expect(pick(r, "AMD").rate).toBe("0.218342");
    expect(pick(r, "KRW").rate).toBe("0.0573");
  });

  it("reads the UTF-8 file of 27.09.2023 without VunitRate: Value / Nominal, exactly", () => {
    const r = parseCbrDaily(fixture("cbr-daily-2023-09-27.utf-8.xml"));
    expect(r.publishedOn).toBe("2023-09-27");
    expect(pick(r, "CNY")).toMatchObject({
      rate: "13.1504",
      line: 24,
      raw: { value: "13,1504", nominal: "1" },
    });
    expect(pick(r, "AMD")).toMatchObject({ rate: "0.249876", raw: { value: "24,9876", nominal: "100" } });
    expect(pick(r, "KZT").rate).toBe("0.20321");
    expect(pick(r, "JPY").rate).toBe("0.647531");
    expect(pick(r, "CNY").raw?.vunitRate).toBeUndefined();
  });

  it("divides AMD 21,8342 per 100 to 0.218342 (the DOMAIN-SOURCES example)", () => {
    expect(pick(parseCbrDaily(daily(valute("AMD", "100", "21,8342"))), "AMD").rate).toBe("0.218342");
  });

  it("decodes windows-1251 as declared: a Cyrillic CharCode comes back as «Юань» in the error", () => {
    const bytes = cp1251(
      '<?xml version="1.0" encoding="windows-1251"?><ValCurs Date="01.04.2025" name="Foreign Currency Market">' +
        "<Valute><CharCode>Юань</CharCode><Nominal>1</Nominal><Value>11,7136</Value></Valute></ValCurs>",
    );
    const e = failure(() => parseCbrDaily(bytes));
    expect(e.code).toBe("BAD_CURRENCY_CODE");
    expect(e.params).toEqual({ field: "CharCode", value: "Юань" });
  });

  it("takes the encoding from a single-quoted, upper-case declaration, and a BOM over the declaration", () => {
    const body =
      "<ValCurs Date='01.04.2025'><Valute><CharCode>CNY</CharCode><Nominal>1</Nominal>" +
      "<Name>Юань</Name><Value>11,7136</Value></Valute></ValCurs>";
    const single = cp1251(`<?xml version='1.0' ENCODING='WINDOWS-1251' ?>\r\n${body}`);
    expect(pick(parseCbrDaily(single), "CNY").rate).toBe("11.7136");
    // A UTF-8 BOM wins over a stale windows-1251 declaration.
    const bom = new Uint8Array([
      0xef,
      0xbb,
      0xbf,
      ...utf8(`<?xml version="1.0" encoding="windows-1251"?>${body}`),
    ]);
    expect(pick(parseCbrDaily(bom), "CNY").rate).toBe("11.7136");
    // No declaration at all: UTF-8.
    expect(pick(parseCbrDaily(utf8(body)), "CNY").rate).toBe("11.7136");
  });

  it("tolerates whitespace, missing Name, extra and self-closing elements, comments, CDATA and entities", () => {
    const bytes = utf8(
      [
        '<?xml version="1.0"?>',
        "<!-- saved by hand -->",
        "<?processing instruction?>",
        '<ValCurs  name = "Foreign Currency Market"   Date = "01.04.2025" >',
        "  <Note/>",
        '  <Valute ID="R01375">',
        "    <NumCode>156</NumCode>",
        "    <CharCode>\n      CNY\n    </CharCode>",
        "    <Nominal> 1 </Nominal>",
        "    <Name>Tom &amp; Jerry &lt;&#x42;&#67;&gt; &quot;&apos;</Name>",
        "    <Value><![CDATA[11,7136]]></Value>",
        "    <Future attr='x'><Nested/></Future>",
        "    <VunitRate/>",
        "  </Valute>",
        '  <Valute ID="R01060"><CharCode>AMD</CharCode><Nominal>100</Nominal><Value>21,8342</Value></Valute>',
        "</ValCurs>",
        "<!-- trailing comment -->",
      ].join("\n"),
    );
    const r = parseCbrDaily(bytes);
    expect(r.rates.map((x) => [x.base, x.rate, x.line])).toEqual([
      ["CNY", "11.7136", 6],
      ["AMD", "0.218342", 17],
    ]);
  });

  it("reads the same rates whatever the attribute order and quotes", () => {
    const a = utf8(`<ValCurs Date="01.04.2025" name="x">${valute("CNY", "1", "11,7136")}</ValCurs>`);
    const b = utf8(`<ValCurs name='x' Date='01.04.2025'>${valute("CNY", "1", "11,7136")}</ValCurs>`);
    expect(parseCbrDaily(b)).toEqual(parseCbrDaily(a));
  });

  it("accepts digit groups separated by spaces and a dot decimal", () => {
    const r = parseCbrDaily(daily(valute("XDR", "1", "1 234,5678") + valute("USD", "1", "84.1")));
    expect(pick(r, "XDR").rate).toBe("1234.5678");
    expect(pick(r, "USD").rate).toBe("84.1");
  });
});

describe("Bank of Russia XML_daily errors", () => {
  it("MISSING_FIELD: a Valute without CharCode, on the Valute's line", () => {
    const e = failure(() => parseCbrDaily(fixture("cbr-daily-malformed-missing-charcode.xml")));
    expect([e.code, e.line, e.params]).toEqual([
      "MISSING_FIELD",
      9,
      { element: "Valute", field: "CharCode" },
    ]);
  });

  it("MISSING_FIELD: no Value, an empty Nominal, an empty CharCode, no ValCurs Date", () => {
    const noValue = failure(() =>
      parseCbrDaily(daily("<Valute>\n<CharCode>USD</CharCode><Nominal>1</Nominal>\n</Valute>")),
    );
    expect([noValue.line, noValue.params.field]).toEqual([3, "Value"]);
    const emptyNominal = failure(() => parseCbrDaily(daily(`\n${valute("USD", " ", "84,1")}`)));
    expect([emptyNominal.line, emptyNominal.params.field]).toEqual([4, "Nominal"]);
    const emptyCode = failure(() =>
      parseCbrDaily(daily("<Valute><CharCode/><Nominal>1</Nominal><Value>1</Value></Valute>")),
    );
    expect([emptyCode.code, emptyCode.params.field]).toEqual(["MISSING_FIELD", "CharCode"]);
    const noDate = failure(() =>
      parseCbrDaily(utf8(`<ValCurs name="x">${valute("USD", "1", "1")}</ValCurs>`)),
    );
    expect([noDate.code, noDate.line, noDate.params]).toEqual([
      "MISSING_FIELD",
      1,
      { element: "ValCurs", field: "Date" },
    ]);
  });

  it("BAD_NUMBER: a non-numeric Value on its line", () => {
    const e = failure(() => parseCbrDaily(fixture("cbr-daily-malformed-bad-value.xml")));
    expect([e.code, e.line, e.params]).toEqual([
      "BAD_NUMBER",
      13,
      { field: "Value", value: "96.50.00", reason: "not_a_number" },
    ]);
  });

  it("BAD_NUMBER: nominal zero, negative, fractional; a zero value", () => {
    const cases: [string, string, string, string][] = [
      ["0", "84,1", "Nominal", "not_positive"],
      ["-1", "84,1", "Nominal", "not_a_number"],
      ["1,5", "84,1", "Nominal", "not_integer"],
      ["1", "0,0000", "Value", "not_positive"],
      ["1", "1e3", "Value", "not_a_number"],
    ];
    for (const [nominal, value, field, reason] of cases) {
      const e = failure(() => parseCbrDaily(daily(valute("USD", nominal, value))));
      expect([e.code, e.line, e.params.field, e.params.reason]).toEqual(["BAD_NUMBER", 3, field, reason]);
    }
  });

  it("BAD_DATE: an impossible or wrongly written ValCurs date", () => {
    for (const date of ["31.02.2025", "2025-04-01", "1.4.25", "01.13.2025"]) {
      const e = failure(() => parseCbrDaily(daily(valute("USD", "1", "1"), date)));
      expect([e.code, e.line, e.params]).toEqual(["BAD_DATE", 2, { field: "Date", value: date }]);
    }
  });

  it("BAD_CURRENCY_CODE: a CharCode that is not three capital letters", () => {
    const e = failure(() => parseCbrDaily(daily(`\n\n<Valute>\n<CharCode>usd</CharCode></Valute>`)));
    expect([e.code, e.line, e.params]).toEqual(["BAD_CURRENCY_CODE", 6, { field: "CharCode", value: "usd" }]);
  });

  it("DUPLICATE: the same CharCode twice, and a field twice in one Valute", () => {
    const twice = failure(() =>
      parseCbrDaily(
        daily([valute("CNY", "1", "11,7"), valute("USD", "1", "84"), valute("CNY", "1", "11,8")].join("\n")),
      ),
    );
    expect([twice.code, twice.line, twice.params]).toEqual([
      "DUPLICATE",
      5,
      { kind: "currency", value: "CNY", firstLine: 3 },
    ]);
    const field = failure(() => parseCbrDaily(daily(valute("CNY", "1", "11,7", "\n<Value>11,8</Value>"))));
    expect([field.code, field.line, field.params]).toEqual([
      "DUPLICATE",
      4,
      { kind: "field", element: "Valute", value: "Value", firstLine: 3 },
    ]);
  });

  it("INCONSISTENT_RATE: a VunitRate that is not Value / Nominal (here a Nominal off by ten)", () => {
    const e = failure(() =>
      parseCbrDaily(daily(valute("AMD", "100", "21,8342", "<VunitRate>2,18342</VunitRate>"))),
    );
    expect([e.code, e.line, e.params]).toEqual([
      "INCONSISTENT_RATE",
      3,
      { currency: "AMD", value: "21,8342", nominal: "100", vunitRate: "2,18342" },
    ]);
    // The CBR trims trailing zeros (ZAR 54,8400 per 10 → 5,484): that is no inconsistency.
    expect(
      pick(parseCbrDaily(daily(valute("ZAR", "10", "54,8400", "<VunitRate>5,484</VunitRate>"))), "ZAR").rate,
    ).toBe("5.484");
    // A VunitRate rounded differently from the Value stays within tolerance.
    const ok = parseCbrDaily(daily(valute("KRW", "1000", "61,2345", "<VunitRate>0,06123454</VunitRate>")));
    expect(pick(ok, "KRW").rate).toBe("0.06123454");
  });

  it("BAD_ROOT: an HTML page or another XML document", () => {
    const html = failure(() =>
      parseCbrDaily(utf8("<!DOCTYPE html>\n<html><head><meta charset=utf-8></head>")),
    );
    expect([html.code, html.line, html.params]).toEqual([
      "BAD_ROOT",
      2,
      { expected: "ValCurs", found: "html" },
    ]);
    const other = failure(() => parseCbrDaily(utf8(`${DECL}\n\n<Valuta name="x"></Valuta>`)));
    expect([other.code, other.line]).toEqual(["BAD_ROOT", 3]);
  });

  it("WRONG_FORMAT: a dynamic file given as daily", () => {
    const e = failure(() => parseCbrDaily(fixture("cbr-dynamic-R01375-2025-03.xml")));
    expect([e.code, e.line, e.params]).toEqual([
      "WRONG_FORMAT",
      1,
      { expected: "cbr-daily", found: "cbr-dynamic" },
    ]);
  });

  it("EMPTY_FILE: no bytes, only whitespace, or a ValCurs without any Valute", () => {
    expect([failure(() => parseCbrDaily(new Uint8Array())).code]).toEqual(["EMPTY_FILE"]);
    expect(failure(() => parseCbrDaily(utf8(" \r\n "))).params).toEqual({ reason: "no_content" });
    const none = failure(() =>
      parseCbrDaily(utf8(`${DECL}\n<ValCurs Date="01.04.2025" name="x">\n</ValCurs>`)),
    );
    expect([none.code, none.line, none.params]).toEqual(["EMPTY_FILE", 2, { reason: "no_rates" }]);
  });

  it("UNSUPPORTED_ENCODING and BAD_ENCODING (windows-1251 bytes in a file declared UTF-8, on their line)", () => {
    const unknown = failure(() =>
      parseCbrDaily(utf8('<?xml version="1.0" encoding="x-klingon"?><ValCurs/>')),
    );
    expect([unknown.code, unknown.line, unknown.params]).toEqual([
      "UNSUPPORTED_ENCODING",
      1,
      { encoding: "x-klingon" },
    ]);
    const lines = [
      DECL,
      '<ValCurs Date="01.04.2025">',
      "<Valute>",
      "<CharCode>CNY</CharCode>",
      "<Name>Юань</Name>",
    ];
    const bad = failure(() => parseCbrDaily(cp1251(`${lines.join("\r\n")}</Valute></ValCurs>`)));
    expect([bad.code, bad.line, bad.params]).toEqual(["BAD_ENCODING", 5, { encoding: "utf-8" }]);
  });

  it("XML_MALFORMED: mismatched tag on its line", () => {
    const e = failure(() => parseCbrDaily(fixture("cbr-daily-malformed-mismatched-tag.xml")));
    expect([e.code, e.line, e.params]).toEqual([
      "XML_MALFORMED",
      7,
      { reason: "mismatched_tag", expected: "Value", found: "Valu", openedAt: 7 },
    ]);
  });

  it("XML_MALFORMED: every other way the tokenizer refuses a document, with its line", () => {
    const head = '<ValCurs Date="01.04.2025">\n';
    const cases: [string, number, Record<string, string | number>][] = [
      [`${head}<Valute>\n<Name>a & b</Name>`, 3, { reason: "bad_entity", entity: "& b" }],
      [
        `${head}<Valute>\n<Name>&nbsp;</Name></Valute></ValCurs>`,
        3,
        { reason: "bad_entity", entity: "&nbsp;" },
      ],
      [`${head}<Valute>\n<Name>&#0;</Name></Valute></ValCurs>`, 3, { reason: "bad_entity", entity: "&#0;" }],
      [`${head}<Valute>\n`, 3, { reason: "unclosed_element", element: "Valute", openedAt: 2 }],
      [
        `${head}<Valute ID="1" ID="2"/></ValCurs>`,
        2,
        { reason: "duplicate_attribute", element: "Valute", attribute: "ID" },
      ],
      [`${head}<Valute ID=1/></ValCurs>`, 2, { reason: "bad_attribute", element: "Valute", attribute: "ID" }],
      [`${head}<Valute ID="1"X="2"/></ValCurs>`, 2, { reason: "bad_attribute", element: "Valute" }],
      [
        `${head}<Valute ID="a<b"/></ValCurs>`,
        2,
        { reason: "bad_attribute", element: "Valute", attribute: "ID" },
      ],
      [`${head}<Valute\n</ValCurs>`, 3, { reason: "unclosed_tag", element: "Valute" }],
      [
        `${head}</Valute>`,
        2,
        { reason: "mismatched_tag", expected: "ValCurs", found: "Valute", openedAt: 1 },
      ],
      [`${head}</ValCurs>\n</ValCurs>`, 3, { reason: "unexpected_end_tag", element: "ValCurs" }],
      [`${head}</ValCurs>\n<ValCurs/>`, 3, { reason: "multiple_roots", element: "ValCurs" }],
      [`${head}</ValCurs>\n\nrates follow`, 4, { reason: "text_outside_root" }],
      [`${head}< Valute/></ValCurs>`, 2, { reason: "bad_name" }],
      [`${head}<!-- never closed`, 2, { reason: "unclosed_comment" }],
      [`${head}<![CDATA[ never closed`, 2, { reason: "unclosed_cdata" }],
      [`${head}<? never closed`, 2, { reason: "unclosed_processing_instruction" }],
      [`<!DOCTYPE x [<!ENTITY a "b">]>\n${head}</ValCurs>`, 1, { reason: "dtd_not_supported" }],
      [`${head}<!ELEMENT x ANY></ValCurs>`, 2, { reason: "unexpected_markup" }],
      [`\n\nDate;USD/CNY\n`, 3, { reason: "not_xml" }],
      [
        `<ValCurs>Error in parameters</ValCurs>`,
        1,
        { reason: "unexpected_text", element: "ValCurs", text: "Error in parameters" },
      ],
    ];
    for (const [xml, line, params] of cases) {
      const e = failure(() => parseCbrDaily(utf8(xml)));
      expect({ xml, code: e.code, line: e.line, params: e.params }).toEqual({
        xml,
        code: "XML_MALFORMED",
        line,
        params,
      });
    }
  });

  it("never reads entities from the prototype of an object", () => {
    const e = failure(() => parseCbrDaily(daily(valute("USD", "1", "1", "<Name>&constructor;</Name>"))));
    expect(e.params).toEqual({ reason: "bad_entity", entity: "&constructor;" });
  });

  it("gives an English message with the line and the code", () => {
    const e = failure(() => parseCbrDaily(fixture("cbr-daily-malformed-bad-value.xml")));
    expect(e.message).toBe(
      'line 13: not a valid rate figure [BAD_NUMBER field="Value", value="96.50.00", reason="not_a_number"]',
    );
    expect(e).toBeInstanceOf(Error);
  });
});

describe("Bank of Russia XML_dynamic", () => {
  it("reads a CNY series by its id R01375", () => {
    const r = parseCbrDynamic(fixture("cbr-dynamic-R01375-2025-03.xml"));
    expect(r.source).toBe("cbr-dynamic");
    expect(r.publishedOn).toBeNull();
    expect(r.rates.map((x) => [x.date, x.base, x.quote, x.rate])).toEqual([
      ["2025-03-01", "CNY", "RUB", "12.1234"],
      ["2025-03-04", "CNY", "RUB", "12.205"],
      ["2025-03-05", "CNY", "RUB", "12.31"],
      ["2025-03-06", "CNY", "RUB", "12.2877"],
      ["2025-03-07", "CNY", "RUB", "12.3001"],
    ]);
    expect(r.rates[1]?.raw).toEqual({ value: "12,2050", nominal: "1", vunitRate: "12,205" });
  });

  it("maps the ids DOMAIN-SOURCES gives", () => {
    expect(CBR_CURRENCY_IDS).toMatchObject({
      R01235: "USD",
      R01239: "EUR",
      R01375: "CNY",
      R01335: "KZT",
      R01200: "HKD",
    });
    for (const code of Object.values(CBR_CURRENCY_IDS)) expect(code).toMatch(/^[A-Z]{3}$/);
  });

  it("follows a change of Nominal within the series, one rate per Record", () => {
    const xml = [
      '<?xml version="1.0" encoding="windows-1251"?>',
      '<ValCurs ID="R01670" DateRange1="01.09.2000" DateRange2="01.11.2000" name="Foreign Currency Market Dynamic">',
      '  <Record Date="01.09.2000" Id="R01670"><Nominal>1000</Nominal><Value>14,1700</Value></Record>',
      '  <Record Date="01.11.2000" Id="R01670"><Nominal>1</Nominal><Value>12,6500</Value></Record>',
      "</ValCurs>",
    ].join("\r\n");
    const r = parseCbrDynamic(utf8(xml));
    expect(r.rates.map((x) => [x.date, x.base, x.rate, x.line])).toEqual([
      ["2000-09-01", "TJS", "0.01417", 3],
      ["2000-11-01", "TJS", "12.65", 4],
    ]);
  });

  it("UNKNOWN_CURRENCY_ID unless charCode supplies the code; charCode also overrides", () => {
    const bytes = fixture("cbr-dynamic-unknown-id.xml");
    const e = failure(() => parseCbrDynamic(bytes));
    expect([e.code, e.line, e.params]).toEqual(["UNKNOWN_CURRENCY_ID", 1, { id: "R09999" }]);
    expect(parseCbrDynamic(bytes, { charCode: "mnt" }).rates).toEqual([
      {
        date: "2025-03-01",
        base: "MNT",
        quote: "RUB",
        rate: "1.55",
        line: 1,
        raw: { value: "15,5000", nominal: "10" },
      },
    ]);
    const bad = failure(() => parseCbrDynamic(bytes, { charCode: "RUBLE" }));
    expect([bad.code, bad.line, bad.params]).toEqual([
      "BAD_CURRENCY_CODE",
      0,
      { field: "charCode", value: "RUBLE" },
    ]);
  });

  const dynamic = (records: string, rootId = ' ID="R01375"'): Uint8Array =>
    utf8(
      `<ValCurs${rootId} DateRange1="01.03.2025" DateRange2="31.03.2025" name="Foreign Currency Market Dynamic">\n${records}\n</ValCurs>`,
    );
  const record = (date: string, value: string, id = "R01375") =>
    `<Record Date="${date}" Id="${id}"><Nominal>1</Nominal><Value>${value}</Value></Record>`;

  it("takes the id from the first Record when ValCurs has none", () => {
    expect(parseCbrDynamic(dynamic(record("03.03.2025", "12,1"), "")).rates[0]?.base).toBe("CNY");
  });

  it("ID_MISMATCH, DUPLICATE date, BAD_DATE, MISSING_FIELD, WRONG_FORMAT, EMPTY_FILE", () => {
    const mixed = failure(() =>
      parseCbrDynamic(dynamic(`${record("03.03.2025", "12,1")}\n${record("04.03.2025", "84", "R01235")}`)),
    );
    expect([mixed.code, mixed.line, mixed.params]).toEqual([
      "ID_MISMATCH",
      3,
      { expected: "R01375", found: "R01235" },
    ]);
    const twice = failure(() =>
      parseCbrDynamic(dynamic(`${record("03.03.2025", "12,1")}\n${record("03.03.2025", "12,2")}`)),
    );
    expect([twice.code, twice.line, twice.params]).toEqual([
      "DUPLICATE",
      3,
      { kind: "date", value: "2025-03-03", firstLine: 2 },
    ]);
    const badDate = failure(() => parseCbrDynamic(dynamic(record("32.03.2025", "12,1"))));
    expect([badDate.code, badDate.line]).toEqual(["BAD_DATE", 2]);
    const range = failure(() => parseCbrDynamic(utf8('<ValCurs ID="R01375" DateRange1="2025-03-01"/>')));
    expect([range.code, range.params]).toEqual(["BAD_DATE", { field: "DateRange1", value: "2025-03-01" }]);
    const noDate = failure(() =>
      parseCbrDynamic(dynamic('<Record Id="R01375"><Nominal>1</Nominal><Value>1</Value></Record>')),
    );
    expect([noDate.code, noDate.line, noDate.params]).toEqual([
      "MISSING_FIELD",
      2,
      { element: "Record", field: "Date" },
    ]);
    const noId = failure(() =>
      parseCbrDynamic(dynamic('<Record Date="03.03.2025"><Nominal>1</Nominal><Value>1</Value></Record>', "")),
    );
    expect([noId.code, noId.line, noId.params]).toEqual([
      "MISSING_FIELD",
      1,
      { element: "ValCurs", field: "ID" },
    ]);
    const daily = failure(() => parseCbrDynamic(fixture("cbr-daily-2023-09-27.utf-8.xml")));
    expect([daily.code, daily.line, daily.params]).toEqual([
      "WRONG_FORMAT",
      2,
      { expected: "cbr-dynamic", found: "cbr-daily" },
    ]);
    const empty = failure(() => parseCbrDynamic(dynamic("")));
    expect([empty.code, empty.line, empty.params]).toEqual(["EMPTY_FILE", 1, { reason: "no_rates" }]);
  });
});

describe("CFETS central parity CSV", () => {
  it("reads direct and indirect quotes into rates per one base unit", () => {
    const r = parseCfetsCsv(fixture("cfets-central-parity.csv"));
    expect(r.source).toBe("cfets-csv");
    expect(r.publishedOn).toBeNull();
    const day = "2025-01-21";
    expect(pick(r, "USD", "CNY", day)).toEqual({
      date: day,
      base: "USD",
      quote: "CNY",
      rate: "7.1703",
      line: 2,
      raw: { value: "7.1703", nominal: "1" },
    });
    expect(pick(r, "JPY", "CNY", day)).toMatchObject({
      rate: "0.045876",
      raw: { value: "4.5876", nominal: "100" },
    });
    expect(pick(r, "CNY", "RUB", day).rate).toBe("13.844");
    expect(pick(r, "CNY", "KZT", day).rate).toBe("71.234");
    expect(pick(r, "CNY", "MYR", day).rate).toBe("0.61234");
    // The empty CNY/KZT cell of 2025-01-22 is skipped.
    expect(
      r.rates.filter((x) => x.date === "2025-01-22").map((x) => (x.quote === "CNY" ? x.base : x.quote)),
    ).toEqual(["USD", "EUR", "JPY", "HKD", "RUB", "MYR"]);
    expect(r.rates).toHaveLength(13);
  });

  it("reads GB18030 with a title row, Chinese headers and RUB per 100 CNY with a thousands separator", () => {
    const r = parseCfetsCsv(fixture("cfets-central-parity-zh.gb18030.csv"));
    expect(r.rates.map((x) => [x.date, x.base, x.quote, x.rate, x.line])).toEqual([
      ["2025-01-21", "USD", "CNY", "7.1703", 3],
      ["2025-01-21", "JPY", "CNY", "0.045876", 3],
      ["2025-01-21", "CNY", "RUB", "13.844", 3],
      ["2025-01-22", "USD", "CNY", "7.1705", 4],
      ["2025-01-22", "JPY", "CNY", "0.045901", 4],
      ["2025-01-22", "CNY", "RUB", "13.9012", 4],
    ]);
    expect(r.rates[2]?.raw).toEqual({ value: "1,384.4", nominal: "100" });
  });

  it("accepts tab and semicolon separators, UTF-16 with BOM, an index column and other date forms", () => {
    const expected = [["2025-01-21", "CNY", "RUB", "13.844"]];
    const rows = (r: ParsedRates) => r.rates.map((x) => [x.date, x.base, x.quote, x.rate]);
    expect(rows(parseCfetsCsv(utf8("日期\tCNY/RUB\n20250121\t13.844\n")))).toEqual(expected);
    expect(rows(parseCfetsCsv(utf8("Trade_Date;CNY/RUB\n2025.1.21;13.844\n")))).toEqual(expected);
    expect(rows(parseCfetsCsv(utf8("Дата;100CNY/RUB\n21.01.2025;1 384,4\n")))).toEqual(expected);
    expect(rows(parseCfetsCsv(utf8("Date;CNY/RUB\n2025-01-21;13,844\n")))).toEqual(expected);
    expect(rows(parseCfetsCsv(utf8(",CNY/RUB\n2025-01-21 00:00:00,13.844\n")))).toEqual(expected);
    expect(rows(parseCfetsCsv(utf8("Дата,人民币/卢布\n2025年1月21日,13.844\n")))).toEqual(expected);
    const utf16 = new Uint8Array([
      0xff,
      0xfe,
      ...Buffer.from("Date,CNY / RUB\r\n2025/01/21,13.844\r\n", "utf16le"),
    ]);
    expect(rows(parseCfetsCsv(utf16))).toEqual(expected);
  });

  it("skips dash and N/A cells, footnote rows, and columns that are not pairs", () => {
    const csv = "Date,No.,USD/CNY,CNY/RUB\n2025-01-21,1,7.1703,--\n2025-01-22,2,N/A,—\nSource: CFETS,,,\n";
    expect(parseCfetsCsv(utf8(csv)).rates.map((x) => [x.date, x.base, x.rate])).toEqual([
      ["2025-01-21", "USD", "7.1703"],
    ]);
  });

  it("BAD_NUMBER on its line, ambiguous thousands separators and zero included", () => {
    const e = failure(() => parseCfetsCsv(fixture("cfets-malformed-bad-number.csv")));
    expect([e.code, e.line, e.params]).toEqual([
      "BAD_NUMBER",
      3,
      { field: "USD/CNY", value: "7.17O5", reason: "not_a_number" },
    ]);
    const ambiguous = failure(() => parseCfetsCsv(utf8('Date,100CNY/RUB\n2025-01-21,"1,384"\n')));
    expect([ambiguous.line, ambiguous.params.reason]).toEqual([2, "ambiguous_separator"]);
    const zero = failure(() => parseCfetsCsv(utf8("Date,CNY/RUB\n\n2025-01-21,0.000\n")));
    expect([zero.line, zero.params.reason]).toEqual([3, "not_positive"]);
  });

  it("BAD_HEADER: an unreadable pair, no pair column, no date column", () => {
    const pair = failure(() => parseCfetsCsv(utf8("Date,USD/CNY,USD/XX\n2025-01-21,7.17,1\n")));
    expect([pair.code, pair.line, pair.params]).toEqual([
      "BAD_HEADER",
      1,
      { reason: "bad_pair", column: "USD/XX" },
    ]);
    for (const header of ["CNY/CNY", "CNY/100RUB", "0JPY/CNY", "克朗/人民币", "constructor/CNY"]) {
      expect(failure(() => parseCfetsCsv(utf8(`Date,${header}\n2025-01-21,1\n`))).params.reason).toBe(
        "bad_pair",
      );
    }
    const none = failure(() => parseCfetsCsv(utf8("\nDate,Rate\n2025-01-21,7.17\n")));
    expect([none.code, none.line, none.params]).toEqual(["BAD_HEADER", 2, { reason: "no_pair_columns" }]);
    const noDate = failure(() => parseCfetsCsv(utf8("USD/CNY,CNY/RUB\n7.17,13.8\n")));
    expect([noDate.code, noDate.line, noDate.params]).toEqual([
      "BAD_HEADER",
      1,
      { reason: "no_date_column" },
    ]);
  });

  it("BAD_DATE, DUPLICATE date and column, CSV_MALFORMED, EMPTY_FILE, WRONG_FORMAT", () => {
    const date = failure(() => parseCfetsCsv(utf8("Date,USD/CNY\n2025-02-30,7.17\n")));
    expect([date.code, date.line, date.params]).toEqual([
      "BAD_DATE",
      2,
      { field: "date", value: "2025-02-30" },
    ]);
    const monthFirst = failure(() => parseCfetsCsv(utf8("Date,USD/CNY\n2025-01-20,7.17\n01/21/2025,7.17\n")));
    expect([monthFirst.code, monthFirst.line]).toEqual(["BAD_DATE", 3]);
    const twice = failure(() => parseCfetsCsv(utf8("Date,USD/CNY\n2025-01-21,7.17\n2025/01/21,7.18\n")));
    expect([twice.code, twice.line, twice.params]).toEqual([
      "DUPLICATE",
      3,
      { kind: "date", value: "2025-01-21", firstLine: 2 },
    ]);
    const column = failure(() => parseCfetsCsv(utf8("Date,JPY/CNY,100JPY/CNY\n")));
    expect([column.code, column.line, column.params]).toEqual([
      "DUPLICATE",
      1,
      { kind: "column", value: "100JPY/CNY", firstColumn: "JPY/CNY" },
    ]);
    const dateColumns = failure(() => parseCfetsCsv(utf8("Date,日期,USD/CNY\n")));
    expect([dateColumns.code, dateColumns.params]).toEqual(["DUPLICATE", { kind: "column", value: "日期" }]);
    const quote = failure(() => parseCfetsCsv(utf8('Date,USD/CNY\n2025-01-21,"7.17\n')));
    expect([quote.code, quote.line, quote.params]).toEqual([
      "CSV_MALFORMED",
      2,
      { reason: "unterminated_quote" },
    ]);
    // Said with the CSV reader's words.
    expect(describeParseError(quote, "ru-RU")).toBe(
      'Строка 2: ошибка в CSV: поле в кавычках не закрыто (кавычка " без пары).',
    );
    const wide = failure(() => parseCfetsCsv(utf8("Date,USD/CNY\n2025-01-21,7,17\n")));
    expect([wide.code, wide.line, wide.params]).toEqual(["CSV_MALFORMED", 2, { reason: "too_many_fields" }]);
    expect(parseCfetsCsv(utf8("Date,USD/CNY\n2025-01-21,7.17,,\n")).rates).toHaveLength(1);
    const empty = failure(() => parseCfetsCsv(utf8("Date,USD/CNY\n2025-01-21,\n")));
    expect([empty.code, empty.line, empty.params]).toEqual(["EMPTY_FILE", 1, { reason: "no_rates" }]);
    expect(failure(() => parseCfetsCsv(utf8("\uFEFF\n"))).params).toEqual({ reason: "no_content" });
    const xml = failure(() => parseCfetsCsv(fixture("cbr-daily-2023-09-27.utf-8.xml")));
    expect([xml.code, xml.line, xml.params]).toEqual([
      "WRONG_FORMAT",
      1,
      { expected: "cfets-csv", found: "xml" },
    ]);
  });
});

describe("parseRatesFile", () => {
  it("dispatches on the format", () => {
    expect(parseRatesFile("cbr-daily", fixture("cbr-daily-2023-09-27.utf-8.xml")).source).toBe("cbr-daily");
    expect(
      parseRatesFile("cbr-dynamic", fixture("cbr-dynamic-unknown-id.xml"), { charCode: "MNT" }).source,
    ).toBe("cbr-dynamic");
    expect(parseRatesFile("cfets-csv", fixture("cfets-central-parity.csv")).source).toBe("cfets-csv");
  });
});

// ---- Properties ----

interface GeneratedValute {
  charCode: string;
  nominal: number;
  /** Value × 10^4. */
  mantissa: number;
  name: string;
  vunit: boolean;
}

interface Layout {
  eol: "\n" | "\r\n";
  reversed: boolean;
  quote: '"' | "'";
  indent: string;
}

const commaDecimal = (d: Decimal): string => d.toFixed().replace(".", ",");
/** The oracle's own formatting of an exact decimal: no exponent, no trailing zeros. */
function plainDecimal(d: Decimal): string {
  const s = d.toFixed();
  return s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s;
}
const generatedValue = (v: GeneratedValute): Decimal => new Decimal(v.mantissa).div(10_000);
const escapeXml = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** An XML_daily file as the CBR writes it, laid out in one of several equivalent ways. */
function renderDaily(date: string, valutes: GeneratedValute[], layout: Layout): string {
  const { eol, reversed, quote: q, indent } = layout;
  const attrs = (pairs: [string, string][]) =>
    (reversed ? [...pairs].reverse() : pairs).map(([k, v]) => ` ${k}=${q}${v}${q}`).join("");
  const lines = [
    `<?xml version=${q}1.0${q} encoding=${q}windows-1251${q}?>`,
    `<ValCurs${attrs([
      ["Date", date],
      ["name", "Foreign Currency Market"],
    ])}>`,
  ];
  for (const v of valutes) {
    const value = generatedValue(v);
    lines.push(
      `${indent}<Valute${attrs([["ID", `R0${v.mantissa % 1000}`]])}>`,
      `${indent}${indent}<NumCode>000</NumCode><CharCode>${v.charCode}</CharCode>`,
      `${indent}${indent}<Nominal>${v.nominal}</Nominal><Name>${escapeXml(v.name)}</Name>`,
      `${indent}${indent}<Value>${commaDecimal(value)}</Value>`,
      ...(v.vunit ? [`${indent}${indent}<VunitRate>${commaDecimal(value.div(v.nominal))}</VunitRate>`] : []),
      `${indent}</Valute>`,
    );
  }
  lines.push("</ValCurs>");
  return lines.join(eol) + eol;
}

const arbCharCode = fc.stringMatching(/^[A-Z]{3}$/);
const arbValute = (nominals: fc.Arbitrary<number>) =>
  fc.record({
    charCode: arbCharCode,
    nominal: nominals,
    mantissa: fc.integer({ min: 1, max: 999_999_999 }),
    name: fc.oneof(fc.string(), fc.constantFrom("Юань", "Китайский юань", "Армянских драмов", "Ёж ёлка")),
    vunit: fc.boolean(),
  });
const arbValutes = (nominals: fc.Arbitrary<number>) =>
  fc.uniqueArray(arbValute(nominals), { minLength: 1, maxLength: 8, selector: (v) => v.charCode });
const powersOfTen = fc.constantFrom(1, 10, 100, 1000, 10_000, 100_000, 1_000_000);
const arbLayout: fc.Arbitrary<Layout> = fc.record({
  eol: fc.constantFrom<"\n" | "\r\n">("\n", "\r\n"),
  reversed: fc.boolean(),
  quote: fc.constantFrom<'"' | "'">('"', "'"),
  indent: fc.constantFrom("", "  ", "\t"),
});
const arbDate = fc
  .date({ min: new Date("1992-07-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const cbrDateOf = (iso: string): string => iso.split("-").reverse().join(".");
const utf8Safe = (v: GeneratedValute): boolean => [...v.name].every((ch) => (ch.codePointAt(0) ?? 0) < 0x80);

describe("properties", () => {
  it("parse(render(x)) gives exactly Value / Nominal, with or without VunitRate", () => {
    fc.assert(
      fc.property(arbDate, arbValutes(powersOfTen), arbLayout, (date, valutes, layout) => {
        const r = parseCbrDaily(utf8(renderDaily(cbrDateOf(date), valutes, layout)));
        expect(r.publishedOn).toBe(date);
        expect(r.rates.map((x) => [x.base, x.rate, x.date])).toEqual(
          valutes.map((v) => [v.charCode, plainDecimal(generatedValue(v).div(v.nominal)), date]),
        );
      }),
      { numRuns: 300 },
    );
  });

  it("rounds any other nominal at the 10th decimal, never by binary floating point", () => {
    fc.assert(
      fc.property(arbValutes(fc.integer({ min: 1, max: 1_000_000 })), (valutes) => {
        const plain = valutes.map((v) => ({ ...v, vunit: false }));
        const r = parseCbrDaily(
          utf8(renderDaily("01.04.2025", plain, { eol: "\n", reversed: false, quote: '"', indent: "" })),
        );
        for (const [k, v] of plain.entries()) {
          const exact = generatedValue(v).div(v.nominal);
          const rate = new Decimal(r.rates[k]?.rate ?? "NaN");
          expect(rate.minus(exact).abs().lte("0.00000000005")).toBe(true);
          expect(rate.decimalPlaces()).toBeLessThanOrEqual(10);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("reads CRLF and LF files, either attribute order and either quote alike, line numbers included", () => {
    fc.assert(
      fc.property(arbValutes(powersOfTen), arbLayout, arbLayout, (valutes, a, b) => {
        const sameLines = { ...b, indent: a.indent };
        const one = parseCbrDaily(utf8(renderDaily("27.09.2023", valutes, a)));
        const other = parseCbrDaily(utf8(renderDaily("27.09.2023", valutes, sameLines)));
        expect(other).toEqual(one);
      }),
      { numRuns: 200 },
    );
  });

  it("reads a windows-1251 file like its UTF-8 twin", () => {
    fc.assert(
      fc.property(arbValutes(powersOfTen), arbLayout, (valutes, layout) => {
        const cyrillic = valutes.map((v) => (utf8Safe(v) ? v : { ...v, name: "Юань" }));
        const text = renderDaily("01.04.2025", cyrillic, layout);
        const asUtf8 = text.replace("windows-1251", "utf-8");
        expect(parseCbrDaily(cp1251(text))).toEqual(parseCbrDaily(utf8(asUtf8)));
      }),
      { numRuns: 100 },
    );
  });

  it("reads CFETS figures per 1 or per 100 units exactly", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 99_999_999 }),
        fc.integer({ min: 0, max: 5 }),
        fc.constantFrom("", "100"),
        fc.boolean(),
        (digits, decimals, units, grouped) => {
          const value = new Decimal(digits).div(new Decimal(10).pow(decimals));
          const plain = value.toFixed(decimals);
          const text = grouped ? plain.replace(/^\d+/, (int) => int.replace(/\B(?=(\d{3})+$)/g, ",")) : plain;
          fc.pre(!/^\d{1,3},\d{3}$/.test(text)); // "1,384" is ambiguous and refused (tested above)
          const cell = text.includes(",") ? `"${text}"` : text;
          const r = parseCfetsCsv(utf8(`Date,${units}CNY/RUB\n2025-01-21,${cell}\n`));
          expect(r.rates[0]?.rate).toBe(plainDecimal(value.div(units === "" ? 1 : 100)));
          expect(r.rates[0]?.raw).toEqual({ value: text, nominal: units === "" ? "1" : "100" });
        },
      ),
      { numRuns: 300 },
    );
  });

  it("refuses arbitrary bytes and truncated files only with FxParseError", () => {
    const valid = fixture("cbr-daily-2023-09-27.utf-8.xml");
    const parsers = [parseCbrDaily, (b: Uint8Array) => parseCbrDynamic(b), parseCfetsCsv];
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 200 }),
          fc.integer({ min: 0, max: valid.length - 1 }).map((n) => valid.subarray(0, n)),
          fc.string().map((s) => utf8(`<ValCurs Date="01.04.2025">${s}</ValCurs>`)),
        ),
        (bytes) => {
          for (const parse of parsers) {
            try {
              parse(bytes);
            } catch (e) {
              expect(e).toBeInstanceOf(FxParseError);
            }
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

afterAll(() => {
  // Every error code is exercised somewhere above, with its line.
  expect([...codesSeen].sort()).toEqual([...FX_PARSE_ERROR_CODES].sort());
});
