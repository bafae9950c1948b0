import { describe, expect, it } from "vitest";
import { makeInn10, makeInn12, makeOgrn, makeOgrnip, makeUscc } from "./identifiers.ts";
import {
  bodyRecords,
  type CheckerInput,
  checkedChunks,
  IMPORT_COLUMNS,
  packChunk,
  packRow,
} from "./registry.import.check.ts";
import { ENTERPRISE_COLUMNS } from "./registry.repository.ts";
import { newEnterpriseRow, pushEnterpriseRowValues } from "./registry.service.ts";

describe("enterprise import rows between threads", () => {
  it("become the same enterprise rows as a registration makes, every field, set or not", () => {
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
    // The worker posts the packed chunk as JSON: nothing may be lost on the way (no undefined).
    const packed = packChunk(chunk);
    expect(JSON.parse(JSON.stringify(packed))).toEqual(packed);
    // The import's parameters are exactly the row newEnterpriseRow makes, column by column.
    for (const row of chunk.valid) {
      const a = {
        id: `id-${row.line}`,
        registeredBy: "user-1",
        at: "2026-11-22T10:00:00.000Z",
        sample: true,
      };
      const expected = newEnterpriseRow({ ...a, input: row.input, ids: row.ids, chapters: row.chapters });
      expect(Object.keys(expected)).toEqual([...ENTERPRISE_COLUMNS]);
      const values: unknown[] = [];
      pushEnterpriseRowValues(values, packRow(row), a);
      expect(values).toEqual(ENTERPRISE_COLUMNS.map((c) => expected[c]));
    }
  });
});
