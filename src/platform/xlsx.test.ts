import zlib from "node:zlib";
import { expect, it } from "vitest";
import { zipEntries as entries } from "../../test/zip.ts";
import { crc32, xlsx } from "./xlsx.ts";

it("computes CRC-32 as zlib does", () => {
  const data = Buffer.from("阿穆尔 Амур Amur");
  expect(crc32(data)).toBe(zlib.crc32(data));
});

it("writes a workbook whose sheet keeps exact numbers and escapes text", () => {
  const file = xlsx(
    "Trade",
    ["year", "партнёр", "value"],
    [
      ["2025", "RU", "1100000000.50"],
      ["2026", "<CN & co>", null],
    ],
  );
  const parts = entries(file);
  expect([...parts.keys()]).toEqual([
    "[Content_Types].xml",
    "_rels/.rels",
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
    "xl/worksheets/sheet1.xml",
  ]);
  const sheet = parts.get("xl/worksheets/sheet1.xml") ?? "";
  expect(sheet).toContain('<c r="C2"><v>1100000000.50</v></c>');
  expect(sheet).toContain('<t xml:space="preserve">партнёр</t>');
  expect(sheet).toContain("&lt;CN &amp; co&gt;");
  expect(sheet).not.toContain('r="C3"');
});

it("keeps codes with a leading zero as text, and whole columns as text when asked", () => {
  const parts = entries(
    xlsx(
      "Codes",
      ["hs_chapter", "year", "value"],
      [
        ["08", "2025", "0.50"],
        ["84", "2025", "0"],
      ],
      { text: [true, false, false] },
    ),
  );
  const sheet = parts.get("xl/worksheets/sheet1.xml") ?? "";
  expect(sheet).toContain('<c r="A2" t="inlineStr"><is><t xml:space="preserve">08</t></is></c>');
  expect(sheet).toContain('<c r="A3" t="inlineStr"><is><t xml:space="preserve">84</t></is></c>');
  expect(sheet).toContain('<c r="B2"><v>2025</v></c>');
  expect(sheet).toContain('<c r="C2"><v>0.50</v></c>');
  expect(sheet).toContain('<c r="C3"><v>0</v></c>');
  // Without the column marked, "08" is still text: a leading zero is a code's.
  const plain =
    entries(xlsx("Codes", ["hs"], [["08"], ["-0.5"], ["007"]])).get("xl/worksheets/sheet1.xml") ?? "";
  expect(plain).toContain('<t xml:space="preserve">08</t>');
  expect(plain).toContain('<t xml:space="preserve">007</t>');
  expect(plain).toContain('<c r="A3"><v>-0.5</v></c>');
});
