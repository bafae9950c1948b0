import { beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "../../../test/harness.ts";
import { loadReferenceData } from "../reference/reference.service.ts";
import { unitValueBands } from "./statistics.bands.ts";
import {
  importCaliberFile,
  parseNumber,
  parsePeriod,
  saveCaliber,
  ZCaliberMapping,
} from "./statistics.caliber.ts";
import { localizeIssues } from "./statistics.comtrade.ts";
import { runQuery } from "./statistics.query.ts";
import { ZMirrorQuery, ZQuery } from "./statistics.schema.ts";
import { StatsStore, statsStoreFor } from "./stats.store.ts";

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
  const store = () => statsStoreFor(deps().db.db, deps().config);
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
    expect(r.skipped).toEqual([
      expect.objectContaining({ reason: "贸易方式: 合计", code: "label", count: 1 }),
    ]);
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
    // Rows that map nowhere say so by code, and in the reader's language through the API.
    expect(r.errors[0]).toMatchObject({ code: "unknown_label", params: { value: "反向包裹" } });
    expect(localizeIssues(r, "ru-RU").errors[0]?.message).toBe(
      "метки «反向包裹» нет в соответствиях калибра для поля tradeMode",
    );
    expect(localizeIssues(r, "zh-CN").errors[2]?.message).toMatch(/^不是数字：/);
  });

  it("repeats a merged cell's value down its empty cells for the fields the caliber names, and only those", async () => {
    const merged = [
      "月份,进出口,贸易方式,口岸,商品编码,金额（万美元）",
      "2025年3月,出口,一般贸易,黑河,0808,100",
      ",,旅游购物,黑河,,20",
      ",进口,边境小额贸易,绥芬河,4407,300",
      ",,一般贸易,绥芬河,,50",
    ].join("\n");
    const load = (caliber: string) =>
      importCaliberFile(deps().db.db, store(), merged, {
        caliber,
        fileName: null,
        published: false,
        by: null,
      });
    // Without the option an empty month or flow is an error on its row.
    const strict = await load("hlj-monthly");
    expect(strict.imported).toBe(0);
    expect(strict.errors.map((e) => [e.line, e.field])).toEqual([
      [3, "period"],
      [3, "flow"],
      [4, "period"],
      [5, "period"],
      [5, "flow"],
    ]);
    await saveCaliber(store(), "hlj-merged", { ...MAPPING, fillDown: ["period", "flow"] }, null);
    const r = await load("hlj-merged");
    expect(r.errors).toEqual([]);
    expect(r.imported).toBe(4);
    const q = await runQuery(
      store(),
      {
        dimensions: ["month", "flow", "trade_mode", "hs_heading"],
        measures: ["value"],
        currency: "USD",
        filters: { source: ["hlj-sample"] },
        period: { from: "2025-03", to: "2025-03" },
      },
      true,
    );
    // The HS code is not filled down: the tourism row and the last row keep none.
    expect(q.rows).toEqual([
      { month: "2025-03", flow: "export", trade_mode: "general", hs_heading: "0808", value: "1000000.00" },
      {
        month: "2025-03",
        flow: "export",
        trade_mode: "tourism_shopping",
        hs_heading: null,
        value: "200000.00",
      },
      { month: "2025-03", flow: "import", trade_mode: "general", hs_heading: null, value: "500000.00" },
      {
        month: "2025-03",
        flow: "import",
        trade_mode: "small_border",
        hs_heading: "4407",
        value: "3000000.00",
      },
    ]);
    expect(() => ZCaliberMapping.parse({ ...MAPPING, fillDown: ["value"] })).toThrow();
  });

  it("finds the header below a spreadsheet's title, unit and date lines, counting them", async () => {
    // As Excel saves a sheet whose first rows are the table's title and unit: the title line has
    // no separator at all, the unit line only empty cells after it.
    const titled = [
      "黑龙江省对俄罗斯贸易月度统计（示例，2025年2月）",
      "单位：万美元,,,,,",
      "",
      FILE.replace(/^2025年1月/gm, "2025年2月"),
      "注：本表为示例数据,,,,,",
    ].join("\r\n");
    const withNote = ZCaliberMapping.parse({
      ...MAPPING,
      skipLabels: { 月份: ["注：本表为示例数据"], 贸易方式: ["合计"] },
    });
    await saveCaliber(store(), "hlj-titled", withNote, null);
    const r = await importCaliberFile(deps().db.db, store(), titled, {
      caliber: "hlj-titled",
      fileName: "hlj-2025-02.csv",
      published: false,
      by: null,
    });
    expect(r.errors).toEqual([]);
    expect(r.imported).toBe(3);
    expect(r.skipped).toEqual([
      // The blank line is no row at all; the title and the unit are counted.
      expect.objectContaining({ code: "preamble", count: 2 }),
      expect.objectContaining({ code: "label", params: { column: "贸易方式", label: "合计" }, count: 1 }),
      expect.objectContaining({
        code: "label",
        params: { column: "月份", label: "注：本表为示例数据" },
        count: 1,
      }),
    ]);
    expect(localizeIssues(r, "ru-RU").skipped[0]?.message).toBe(
      "строки над заголовком таблицы (название, единицы, дата)",
    );
    // A header that lacks a mapped column is named by its own line, with what it lacks.
    const lacking = titled.replace("金额（万美元）", "金额（万元）");
    await expect(
      importCaliberFile(deps().db.db, store(), lacking, {
        caliber: "hlj-titled",
        fileName: null,
        published: false,
        by: null,
      }),
    ).rejects.toMatchObject({ code: "STATS_FILE_INVALID", params: { line: 4, columns: "金额（万美元）" } });
  });
});

describeEachDialect("unit-value bands", ({ deps }) => {
  it("give the quartiles of USD per kg by HS6, flow and year", async () => {
    const store = statsStoreFor(deps().db.db, deps().config);
    const base = {
      source: "test",
      caliber: "test",
      dataset_id: null,
      event_id: null,
      published: true,
      month: "2025-05",
      year: 2025,
      quarter: 2,
      reporter: "CN",
      flow: "export" as const,
      partner: "RU",
      port_id: null,
      region: null,
      hs_section: "II",
      hs_chapter: "08",
      hs_heading: "0808",
      hs_subheading: "080810",
      trade_mode: null,
      transport_mode: null,
      value_cny: null,
      value_rub: null,
      quantity_milli: null,
      quantity_unit: null,
      records: 1,
      hs_level: 6,
      orig_value: null,
      orig_currency: null,
    };
    // 1, 2, …, 9 USD per kg: 1000 kg each, value k × 1000 USD.
    const facts = Array.from({ length: 9 }, (_, i) => ({
      ...base,
      fact_id: `b${i}`,
      value_usd: BigInt((i + 1) * 100_000),
      net_g: 1_000_000n,
    }));
    await store.exclusive((c) => StatsStore.appendFacts(c, facts));
    const bands = await unitValueBands(store, { hs6: "080810", includeUnpublished: false });
    expect(bands).toEqual([
      { hs6: "080810", flow: "export", year: 2025, n: 9, q1: "3.0000", median: "5.0000", q3: "7.0000" },
    ]);
  });
});

it("lets the query and the mirror report filter on any source a caliber may name", () => {
  const longest = "s".repeat(60);
  expect(ZCaliberMapping.shape.source.safeParse(longest).success).toBe(true);
  expect(ZCaliberMapping.shape.source.safeParse(`${longest}s`).success).toBe(false);
  expect(ZMirrorQuery.safeParse({ source: longest }).success).toBe(true);
  expect(ZQuery.safeParse({ filters: { source: [longest] } }).success).toBe(true);
});
