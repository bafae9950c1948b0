import { describe, expect, it } from "vitest";
import { makeInn10, makeInn12, makeOgrn, makeOgrnip, makeUscc } from "./identifiers.ts";
import {
  bodyRecords,
  type CheckerInput,
  checkedChunks,
  IMPORT_COLUMNS,
  packChunk,
  unpackChunk,
} from "./registry.import.check.ts";

describe("enterprise import chunks between threads", () => {
  it("come out of packChunk and unpackChunk as they went in, every field, set or not", () => {
    const header = [...IMPORT_COLUMNS];
    const row = (values: Record<string, string>) => header.map((h) => values[h] ?? "").join(";");
    const lines = [
      header.join(";"),
      row({
        side: "CN",
        uscc: makeUscc("91231100AM7000001"),
        name_zh: "黑河测试果蔬有限公司",
        name_en: "Heihe Test Fruit",
        legal_form: "有限责任公司",
        region: "CN-HL",
        address: "黑河市中央街1号",
        email: "office@heihe-fruit.example",
        phone: "+86 456 000 0000",
        website: "https://heihe-fruit.example",
        hs_chapters: "08,07,08",
        border_trade: "是",
        aeo_level: "advanced",
        aeo_since: "22.11.2024",
        cross_border_ecommerce: "1",
      }),
      row({
        side: "RU",
        inn: makeInn10("280777001"),
        ogrn: makeOgrn("112287770001"),
        kpp: "280101001",
        name_ru: "ООО «Тест»",
        region: "RU-AMU",
      }),
      row({
        side: "RU",
        inn: makeInn12("2807770010"),
        ogrn: makeOgrnip("31228770000001"),
        name_ru: "ИП Тестов",
        region: "RU-AMU",
        hs_chapters: "44",
      }),
      row({ side: "CN", uscc: "broken", name_zh: "坏代码公司", region: "CN-HL" }),
    ];
    const input: CheckerInput = {
      text: lines.join("\n"),
      separator: ";",
      header,
      regions: [
        ["CN-HL", "CN"],
        ["RU-AMU", "RU"],
      ],
      locale: "zh-CN",
    };
    const chunks = [...checkedChunks(input, bodyRecords(input))];
    expect(chunks).toHaveLength(1);
    const chunk = chunks[0];
    if (!chunk) throw new Error("no chunk");
    expect(chunk.valid.map((v) => v.line)).toEqual([2, 3, 4]);
    expect(chunk.invalid.map((v) => v.line)).toEqual([5]);
    expect(chunk.valid[0]?.input).toMatchObject({
      aeo: { level: "advanced", since: "2024-11-22" },
      contacts: { email: "office@heihe-fruit.example" },
      crossBorderEcommerce: true,
    });
    expect(unpackChunk(packChunk(chunk))).toEqual(chunk);
  });
});
