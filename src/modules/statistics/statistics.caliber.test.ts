import { beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "../../../test/harness.ts";
import { loadReferenceData } from "../reference/reference.service.ts";
import {
  importCaliberFile,
  parseNumber,
  parsePeriod,
  saveCaliber,
  ZCaliberMapping,
} from "./statistics.caliber.ts";
import { runQuery } from "./statistics.query.ts";
import { statsStoreFor } from "./stats.store.ts";

it("reads the period and number spellings sources use", () => {
  expect(parsePeriod("2025年3月")).toEqual({ year: 2025, month: 3 });
  expect(parsePeriod("202503")).toEqual({ year: 2025, month: 3 });
  expect(parsePeriod("03.2025")).toEqual({ year: 2025, month: 3 });
  expect(parsePeriod("2025 г.")).toEqual({ year: 2025, month: null });
  expect(parsePeriod("2025-13")).toBeNull();
  expect(parseNumber("1,234.5", false)).toBe("1234.5");
  expect(parseNumber("1 234,5", true)).toBe("1234.5");
  expect(parseNumber("12a", false)).toBe("NaN");
  expect(parseNumber("—", false)).toBeNull();
});

// A province's monthly file as it comes: Chinese labels, values in 10,000 USD, a subtotal row,
// tourism shopping (旅游购物) as a trade mode of its own.
const MAPPING = ZCaliberMapping.parse({
  source: "hlj-sample",
  reporter: "CN",
  currency: "USD",
  valueScale: "10000",
  columns: {
    period: "月份",
    flow: "进出口",
    tradeMode: "贸易方式",
    port: "口岸",
    value: "金额（万美元）",
    hs: "商品编码",
  },
  fixed: { partner: "RU", region: "CN-HL" },
  values: {
    flow: { 出口: "export", 进口: "import" },
    tradeMode: {
      一般贸易: "general",
      边境小额贸易: "small_border",
      边民互市贸易: "border_residents",
      旅游购物: "tourism_shopping",
    },
    port: { 黑河: "heihe-blagoveshchensk", 绥芬河: "suifenhe-pogranichny" },
  },
  skipLabels: { 贸易方式: ["合计"] },
});
const FILE = [
  "月份,进出口,贸易方式,口岸,商品编码,金额（万美元）",
  '2025年1月,出口,一般贸易,黑河,0808,"1,250.5"',
  "2025年1月,出口,旅游购物,黑河,,80",
  "2025年1月,进口,边境小额贸易,绥芬河,4407,300",
  '2025年1月,出口,合计,,,"1,330.5"',
].join("\n");

describeEachDialect("statistics calibers", ({ deps }) => {
  const store = () => statsStoreFor(deps().db.db, deps().config.statsPath);
  beforeAll(async () => {
    await loadReferenceData(deps(), { only: ["hs", "countries"] });
    await saveCaliber(store(), "hlj-monthly", MAPPING, null);
  });

  it("maps a source's labels into the unified dimensions, tourism shopping kept apart, subtotals skipped", async () => {
    const r = await importCaliberFile(deps().db.db, store(), FILE, {
      caliber: "hlj-monthly",
      fileName: "hlj.csv",
      published: true,
      by: null,
    });
    expect(r).toMatchObject({ imported: 3, errors: [] });
    expect(r.skipped).toEqual([{ reason: "贸易方式: 合计", count: 1 }]);
    const q = await runQuery(
      store(),
      {
        dimensions: ["trade_mode", "flow"],
        measures: ["value"],
        currency: "USD",
        filters: { source: ["hlj-sample"] },
      },
      false,
    );
    expect(q.rows).toEqual([
      { trade_mode: "general", flow: "export", value: "12505000.00" },
      { trade_mode: "small_border", flow: "import", value: "3000000.00" },
      { trade_mode: "tourism_shopping", flow: "export", value: "800000.00" },
    ]);
    expect(
      (
        await importCaliberFile(deps().db.db, store(), FILE, {
          caliber: "hlj-monthly",
          fileName: null,
          published: true,
          by: null,
        })
      ).alreadyImported,
    ).toBe(true);
  });

  it("reports every row whose label the caliber does not know, and imports nothing", async () => {
    const file = `${FILE}\n2025年2月,出口,反向包裹,黑河,,5\n2025年2月,转口,一般贸易,黑河,,5\n2025年2月,出口,一般贸易,黑河,,abc`;
    const r = await importCaliberFile(deps().db.db, store(), file, {
      caliber: "hlj-monthly",
      fileName: null,
      published: true,
      by: null,
    });
    expect(r.imported).toBe(0);
    expect(r.errors.map((e) => [e.line, e.field])).toEqual([
      [6, "tradeMode"],
      [7, "flow"],
      [8, "value"],
    ]);
    expect(r.errors[0]?.message).toContain("反向包裹");
  });
});
