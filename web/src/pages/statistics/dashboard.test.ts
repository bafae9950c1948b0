import { describe, expect, it } from "vitest";
import type { TQueryResult } from "./contracts";
import {
  compositionQuery,
  type DashboardSettings,
  directionFilters,
  exportersTurnover,
  monthRange,
  portQuery,
  slices,
  stacks,
  tradeModeQuery,
  trendQuery,
  trendSeries,
} from "./dashboard";

const SETTINGS: DashboardSettings = { currency: "CNY", direction: "exports", from: "", to: "" };

function result(rows: TQueryResult["rows"]): TQueryResult {
  return { columns: [], rows, currency: "USD", notes: [] };
}

describe("dashboard queries", () => {
  it("asks for the monthly trend of China–Russia trade by reporter and flow", () => {
    expect(trendQuery(SETTINGS)).toEqual({
      dimensions: ["month", "reporter", "flow"],
      measures: ["value"],
      currency: "CNY",
      filters: { reporter: ["CN", "RU"], partner: ["CN", "RU"] },
    });
    expect(trendQuery({ ...SETTINGS, from: "2025-01", to: "" }).period).toEqual({ from: "2025-01" });
  });

  it("counts each shipment once: by the exporters' reports, or by one side's", () => {
    expect(directionFilters("exports")).toEqual({
      reporter: ["CN", "RU"],
      partner: ["CN", "RU"],
      flow: ["export"],
    });
    expect(directionFilters("RU_import")).toEqual({ reporter: ["RU"], partner: ["CN"], flow: ["import"] });
    expect(compositionQuery({ ...SETTINGS, direction: "CN_export" })).toMatchObject({
      dimensions: ["hs_section"],
      shares: true,
      filters: { reporter: ["CN"], partner: ["RU"], flow: ["export"] },
    });
    expect(portQuery(SETTINGS)).toMatchObject({ dimensions: ["port"], top: 12, shares: true });
    expect(tradeModeQuery({ ...SETTINGS, from: "2025", to: "2025" })).toMatchObject({
      dimensions: ["trade_mode", "reporter", "flow"],
      period: { from: "2025", to: "2025" },
    });
  });
});

describe("shaping answers", () => {
  it("lists every month between two, across years", () => {
    expect(monthRange("2024-11", "2025-02")).toEqual(["2024-11", "2024-12", "2025-01", "2025-02"]);
    expect(monthRange("2025-03", "2025-03")).toEqual(["2025-03"]);
    expect(monthRange("2025-04", "2025-03")).toEqual([]);
  });

  it("turns rows into monthly series with gaps and exact totals", () => {
    const trend = trendSeries(
      result([
        { month: "2025-01", reporter: "CN", flow: "export", value: "0.10" },
        { month: "2025-03", reporter: "CN", flow: "export", value: "0.20" },
        { month: "2025-01", reporter: "RU", flow: "export", value: "100.00" },
        { month: "2025-02", reporter: "RU", flow: "export", value: "200.01" },
        { month: "2025-02", reporter: "RU", flow: "import", value: "5" },
        // An annual fact has no month, and a reporter outside the pair is not a series.
        { month: null, reporter: "RU", flow: "export", value: "999" },
        { month: "2025-02", reporter: "KZ", flow: "export", value: "1" },
      ]),
    );
    expect(trend.months).toEqual(["2025-01", "2025-02", "2025-03"]);
    expect(trend.series).toEqual([
      { key: "CN_export", values: ["0.10", null, "0.20"], total: "0.30" },
      { key: "RU_export", values: ["100.00", "200.01", null], total: "300.01" },
      { key: "RU_import", values: [null, "5", null], total: "5" },
    ]);
    expect(exportersTurnover(trend)).toBe("300.31");
    expect(trendSeries(result([]))).toEqual({ months: [], series: [] });
  });

  it("orders slices by value exactly, keeping the server's shares", () => {
    expect(
      slices(
        result([
          { hs_section: "XVI", value: "82855798073.07", value_share_pct: "18.14" },
          { hs_section: "V", value: "214197375921.67", value_share_pct: "46.89" },
          { hs_section: null, value: "1.00", value_share_pct: "0.00" },
        ]),
        "hs_section",
      ),
    ).toEqual([
      { key: "V", value: "214197375921.67", share: "46.89" },
      { key: "XVI", value: "82855798073.07", share: "18.14" },
      { key: "", value: "1.00", share: "0.00" },
    ]);
  });

  it("stacks trade modes by reporter and flow, largest total first", () => {
    expect(
      stacks(
        result([
          { trade_mode: "small_border", reporter: "CN", flow: "export", value: "14.5" },
          { trade_mode: "general", reporter: "RU", flow: "export", value: "273.87" },
          { trade_mode: "general", reporter: "CN", flow: "export", value: "168.22" },
        ]),
        "trade_mode",
      ),
    ).toEqual([
      {
        key: "general",
        total: "442.09",
        parts: [
          { key: "CN_export", value: "168.22" },
          { key: "RU_export", value: "273.87" },
        ],
      },
      { key: "small_border", total: "14.5", parts: [{ key: "CN_export", value: "14.5" }] },
    ]);
  });
});
