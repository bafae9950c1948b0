import { describe, expect, it } from "vitest";
import {
  caliberFormFrom,
  caliberFormProblems,
  emptyCaliberForm,
  lineList,
  mappingFromForm,
  newRowId,
  summarizeImport,
} from "./caliberForm";
import type { TCaliber } from "./contracts";

// A province's monthly file (as in src/modules/statistics/statistics.caliber.test.ts).
const HLJ: TCaliber = {
  name: "hlj-monthly",
  mapping: {
    source: "hlj-sample",
    reporter: "CN",
    currency: "USD",
    valueScale: "10000",
    decimalComma: false,
    columns: { period: "月份", flow: "进出口", tradeMode: "贸易方式", port: "口岸", value: "金额（万美元）" },
    fixed: { partner: "RU", region: "CN-HL" },
    values: {
      flow: { 出口: "export", 进口: "import" },
      tradeMode: { 一般贸易: "general", 旅游购物: "tourism_shopping" },
      partner: {},
      port: { 黑河: "heihe-blagoveshchensk" },
      region: {},
      transportMode: {},
    },
    skipLabels: { 贸易方式: ["合计", "小计"] },
  },
};

describe("the caliber form", () => {
  it("shows a saved caliber as rows and gives back the same mapping", () => {
    const form = caliberFormFrom(HLJ);
    expect(form.name).toBe("hlj-monthly");
    expect(form.columns.period).toBe("月份");
    expect(form.columns.partner).toBe("");
    expect(form.fixed.partner).toBe("RU");
    expect(form.values.flow.map((row) => [row.label, row.value])).toEqual([
      ["出口", "export"],
      ["进口", "import"],
    ]);
    expect(form.skip.map((row) => [row.column, row.labels])).toEqual([["贸易方式", "合计\n小计"]]);
    expect(mappingFromForm(form)).toEqual(HLJ.mapping);
  });

  it("fills in what an older mapping leaves out", () => {
    const form = caliberFormFrom({
      name: "minimal",
      mapping: { source: "s", reporter: "RU", currency: "RUB", columns: { value: "v" } },
    });
    expect(form).toMatchObject({ valueScale: "1", decimalComma: false, separator: "", skip: [] });
    expect(form.values.tradeMode).toEqual([]);
    expect(form.fixed.flow).toBe("");
  });

  it("trims what is typed, leaves out empty boxes and rows, and sends the separator only when chosen", () => {
    const form = emptyCaliberForm();
    form.source = "  amur-customs ";
    form.reporter = "RU";
    form.currency = "RUB";
    form.valueScale = "1000";
    form.decimalComma = true;
    form.separator = ";";
    form.columns.period = " Период ";
    form.columns.value = "Стоимость, тыс. руб.";
    form.fixed.flow = "import";
    form.values.partner = [
      { id: newRowId(), label: " Китай ", value: "CN" },
      { id: newRowId(), label: "", value: "" },
    ];
    form.skip = [
      { id: newRowId(), column: "Страна", labels: "Итого\n\n  Всего \n" },
      { id: newRowId(), column: "", labels: " " },
    ];
    expect(mappingFromForm(form)).toEqual({
      source: "amur-customs",
      reporter: "RU",
      currency: "RUB",
      valueScale: "1000",
      decimalComma: true,
      separator: ";",
      columns: { period: "Период", value: "Стоимость, тыс. руб." },
      fixed: { flow: "import" },
      values: { flow: {}, tradeMode: {}, partner: { Китай: "CN" }, port: {}, region: {}, transportMode: {} },
      skipLabels: { Страна: ["Итого", "Всего"] },
    });
    form.separator = "";
    form.valueScale = " ";
    const mapping = mappingFromForm(form);
    expect("separator" in mapping).toBe(false);
    expect("valueScale" in mapping).toBe(false);
  });

  it("sends the merged-cell fields in the fields' order, and nothing when none is ticked", () => {
    const form = caliberFormFrom({ ...HLJ, mapping: { ...HLJ.mapping, fillDown: ["period"] } });
    expect(form.fillDown).toEqual(["period"]);
    form.fillDown.push("port", "flow");
    expect(mappingFromForm(form).fillDown).toEqual(["period", "flow", "port"]);
    form.fillDown = [];
    expect("fillDown" in mappingFromForm(form)).toBe(false);
  });
});

describe("checks before saving", () => {
  it("needs a period, a flow and a value, each from a column or fixed", () => {
    const form = emptyCaliberForm();
    form.columns.period = "月份";
    form.fixed.flow = "export";
    expect(caliberFormProblems(form, { creating: false, takenNames: [] })).toEqual([
      { path: "columns.value", code: "notMapped" },
    ]);
  });

  it("refuses a new caliber under a name already taken, but not saving the same one again", () => {
    const form = caliberFormFrom(HLJ);
    expect(caliberFormProblems(form, { creating: true, takenNames: ["hlj-monthly"] })).toEqual([
      { path: "name", code: "nameTaken" },
    ]);
    expect(caliberFormProblems(form, { creating: false, takenNames: ["hlj-monthly"] })).toEqual([]);
  });

  it("finds labels listed twice, labels without a meaning and meanings without a label", () => {
    const form = caliberFormFrom(HLJ);
    form.values.tradeMode.push(
      { id: newRowId(), label: "一般贸易 ", value: "other" },
      { id: newRowId(), label: "边民互市贸易", value: "" },
      { id: newRowId(), label: "", value: "processing" },
      { id: newRowId(), label: "", value: "" },
    );
    form.skip.push({ id: newRowId(), column: "", labels: "合计" });
    expect(caliberFormProblems(form, { creating: false, takenNames: [] })).toEqual([
      { path: "values.tradeMode.一般贸易", code: "labelDuplicate" },
      { path: "values.tradeMode.边民互市贸易", code: "meaningMissing" },
      { path: "values.tradeMode.", code: "labelMissing" },
      { path: "skipLabels.", code: "skipColumnMissing" },
    ]);
  });
});

describe("the import report", () => {
  it("groups the labels the caliber does not know with their lines, and the other problems by line", () => {
    const summary = summarizeImport({
      datasetId: null,
      alreadyImported: false,
      rows: 9,
      imported: 0,
      skipped: [{ reason: "贸易方式: 合计", count: 2, message: "贸易方式：合计" }],
      errors: [
        { line: 6, field: "tradeMode", code: "unknown_label", params: { value: "反向包裹" }, message: "…" },
        { line: 7, field: "flow", code: "unknown_label", params: { value: "转口" }, message: "…" },
        { line: 8, field: "value", code: "not_number", params: { value: "abc" }, message: `не число: «abc»` },
        {
          line: 8,
          field: "period",
          code: "not_period",
          params: { value: "2025年13月" },
          message: `не период`,
        },
        { line: 9, field: "tradeMode", code: "unknown_label", params: { value: "反向包裹" }, message: "…" },
      ],
    });
    expect(summary.unknownLabels).toEqual([
      { field: "tradeMode", label: "反向包裹", lines: [6, 9] },
      { field: "flow", label: "转口", lines: [7] },
    ]);
    expect(summary.badRows).toEqual([
      {
        line: 8,
        problems: [
          { field: "value", message: `не число: «abc»` },
          { field: "period", message: `не период` },
        ],
      },
    ]);
    expect(summary.refusedLines).toBe(4);
    expect(summary.skippedRows).toBe(2);
  });

  it("keeps long lists of lines short", () => {
    expect(lineList([12, 3, 5], 2)).toEqual({ shown: [3, 5], more: 1 });
    expect(lineList([4])).toEqual({ shown: [4], more: 0 });
  });
});
