import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CsvError,
  csvProblemText,
  csvText,
  decodeImportFile,
  parseCsv,
  parseCsvRecords,
  spreadsheetDate,
  spreadsheetNumber,
} from "./csv.ts";

const rows = (text: string, separator?: string): string[][] => [
  ...parseCsv(text, separator === undefined ? {} : { separator }),
];

describe("parseCsv", () => {
  it("splits plain fields and lines", () => {
    expect(rows("a,b,c\n1,2,3\n")).toEqual([
      ["a", "b", "c"],
      ["1", "2", "3"],
    ]);
  });

  it("accepts CRLF, LF and CR line endings and a missing final line break", () => {
    expect(rows("a,b\r\n1,2\r3,4\n5,6")).toEqual([
      ["a", "b"],
      ["1", "2"],
      ["3", "4"],
      ["5", "6"],
    ]);
  });

  it("strips a UTF-8 BOM", () => {
    expect(rows("\uFEFFsection,name\nI,x\n")).toEqual([
      ["section", "name"],
      ["I", "x"],
    ]);
  });

  it("keeps separators, doubled quotes and line breaks inside quoted fields", () => {
    expect(rows('1,"a, b","say ""hi""","two\nlines","crlf\r\nline"\n2,x,y,z,w')).toEqual([
      ["1", "a, b", 'say "hi"', "two\nlines", "crlf\r\nline"],
      ["2", "x", "y", "z", "w"],
    ]);
  });

  it("keeps empty fields, quoted or not, including a trailing one", () => {
    expect(rows(',"",a,\n""\n,\n')).toEqual([["", "", "a", ""], [""], ["", ""]]);
    expect(rows("a,")).toEqual([["a", ""]]);
  });

  it("skips blank lines", () => {
    expect(rows("\n\na\n\r\n\nb\n\n")).toEqual([["a"], ["b"]]);
    expect(rows("")).toEqual([]);
  });

  it("reads the UN/LOCODE mix of quoted and bare fields", () => {
    expect(rows(',"CN","HEK","Heihe","Heihe","23","1-----7-","AS","1601",,"5014N 12729E",""')).toEqual([
      ["", "CN", "HEK", "Heihe", "Heihe", "23", "1-----7-", "AS", "1601", "", "5014N 12729E", ""],
    ]);
  });

  it("supports another separator", () => {
    expect(rows("a|b|\n1|2|", "|")).toEqual([
      ["a", "b", ""],
      ["1", "2", ""],
    ]);
  });

  it("rejects malformed quoting with the line number", () => {
    expect(() => rows('a\n"open')).toThrowError(CsvError);
    expect(() => rows('a\n"open')).toThrowError(/line 2: unterminated/);
    expect(() => rows('"a"b,c')).toThrowError(/text after a closing quote/);
    expect(() => rows('ab"c,d')).toThrowError(/quote inside an unquoted field/);
    expect(() => rows('x\n"a\nb"\n"c"d')).toThrowError(/line 4/);
    // Each with a problem code that imports show in the reader's language.
    const problem = (text: string) => {
      try {
        rows(text);
      } catch (e) {
        if (e instanceof CsvError) return [e.problem, csvProblemText(e, "zh-CN")];
      }
      return null;
    };
    expect(problem('a\n"open')).toEqual(["unterminated_quote", '带引号的字段未闭合（引号 " 不成对）']);
    expect(problem('"a"b,c')?.[0]).toBe("text_after_quote");
    expect(problem('ab"c,d')?.[0]).toBe("quote_in_field");
  });

  it("round-trips any table written the RFC 4180 way", () => {
    const field = fc.string({ unit: fc.constantFrom("a", "я", "中", ",", '"', "\n", "\r\n", " ", "1") });
    const table = fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(table, (t) => {
        const quote = (s: string): string => `"${s.replace(/"/g, '""')}"`;
        const text = t.map((r) => r.map(quote).join(",")).join("\r\n");
        expect(rows(text)).toEqual(t);
      }),
    );
  });
});

describe("parseCsvRecords", () => {
  it("keys rows by header and fills missing trailing fields", () => {
    expect([...parseCsvRecords("code,name,note\n01,Animals\n02,Meat,x\n")]).toEqual([
      { code: "01", name: "Animals", note: "" },
      { code: "02", name: "Meat", note: "x" },
    ]);
  });

  it("keeps values like NA as strings", () => {
    expect([...parseCsvRecords("alpha2\nNA\n")]).toEqual([{ alpha2: "NA" }]);
  });

  it("rejects rows longer than the header", () => {
    expect(() => [...parseCsvRecords("a,b\n1,2,3\n")]).toThrowError(/3 fields/);
    try {
      [...parseCsvRecords("a,b\n1,2,3\n")];
    } catch (e) {
      expect(e instanceof CsvError && csvProblemText(e, "ru-RU")).toBe("полей 3, а в заголовке 2");
    }
  });
});

describe("decodeImportFile", () => {
  const cp1251 = new Uint8Array([0xcf, 0xf0, 0xe8, 0xec, 0xe5, 0xf0]); // «Пример» in windows-1251

  it("reads UTF-8, or the encoding given, and refuses what it cannot read instead of replacing it", () => {
    expect(decodeImportFile(new TextEncoder().encode("\uFEFFинн,名称"))).toBe("инн,名称");
    expect(() => decodeImportFile(cp1251)).toThrow(expect.objectContaining({ code: "FILE_NOT_IN_ENCODING" }));
    expect(decodeImportFile(cp1251, "windows-1251")).toBe("Пример");
    // «企业» in GB18030
    expect(decodeImportFile(new Uint8Array([0xc6, 0xf3, 0xd2, 0xb5]), "gb18030")).toBe("企业");
    expect(() => decodeImportFile(cp1251, "klingon")).toThrow(
      expect.objectContaining({ code: "FILE_ENCODING_UNKNOWN", params: { encoding: "klingon" } }),
    );
  });

  it("honours a UTF-16 byte order mark (Excel's Unicode text) when no encoding is named", () => {
    const le = new Uint8Array([0xff, 0xfe, 0x1f, 0x04, 0x09, 0x00, 0x41, 0x00]); // BOM, «П», tab, «A»
    expect(decodeImportFile(le)).toBe("П\tA");
    const be = new Uint8Array([0xfe, 0xff, 0x04, 0x1f, 0x00, 0x41]);
    expect(decodeImportFile(be)).toBe("ПA");
  });
});

describe("spreadsheetDate", () => {
  it("reads the unambiguous dates Russian and Chinese spreadsheets write, and leaves the rest for validation", () => {
    for (const v of [
      "2026-11-22",
      "22.11.2026",
      "2026/11/22",
      "2026.11.22",
      "2026年11月22日",
      " 2026-11-22 ",
    ])
      expect(spreadsheetDate(v)).toBe("2026-11-22");
    expect(spreadsheetDate("1.2.2026")).toBe("2026-02-01");
    expect(spreadsheetDate("2026年2月1日")).toBe("2026-02-01");
    expect(spreadsheetDate("2026/2/1")).toBe("2026-02-01");
    // Day or month first? Not guessed.
    for (const v of ["11/22/2026", "22/11/2026", "2026年11月22", "2026/11/22日", "yesterday", ""])
      expect(spreadsheetDate(v)).toBe(v);
  });
});

describe("spreadsheetNumber", () => {
  it("reads thousands spaces, decimal commas and both kinds of thousands marks; leaves the rest for validation", () => {
    const cases: [string, string][] = [
      ["1234.5", "1234.5"],
      ["1234,5", "1234.5"],
      ["1 160 000,00", "1160000.00"],
      ["1\u00a0160\u00a0000,00", "1160000.00"],
      ["1\u202f160\u202f000,00", "1160000.00"],
      ["1.160.000,50", "1160000.50"],
      ["1,160,000.50", "1160000.50"],
      [" 27000,5 ", "27000.5"],
    ];
    for (const [given, read] of cases) expect(spreadsheetNumber(given), given).toBe(read);
    // Not numbers as written: left for the validation to name.
    for (const v of ["1,160,000", "12 34", "abc", "1 2345"]) expect(spreadsheetNumber(v)).toBe(v);
  });
});

describe("csvText", () => {
  it("writes what spreadsheets read: a byte order mark, CRLF, quotes only where a field needs them", () => {
    expect(
      csvText(
        ["a", "b"],
        [
          ["x", 1],
          ['say "hi", ok', null],
          ["1;2", "две\nстроки"],
        ],
      ),
    ).toBe('\uFEFFa,b\r\nx,1\r\n"say ""hi"", ok",\r\n"1;2","две\nстроки"\r\n');
    // What it writes reads back the same.
    const text = csvText(["名称", "note"], [["黑河", 'a "b"; c']]);
    expect([...parseCsv(text)]).toEqual([
      ["名称", "note"],
      ["黑河", 'a "b"; c'],
    ]);
  });
});
