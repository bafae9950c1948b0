import { z } from "zod/mini";

// Shapes of the statistics API (src/modules/statistics/statistics.schema.ts) as the pages rely on them.
// Values are exact decimal strings; codes the pages only show (trade modes, sources) stay strings, so a
// code added on the server is shown by its code instead of breaking the page.

export const DIMENSIONS = [
  "year",
  "quarter",
  "month",
  "reporter",
  "flow",
  "partner",
  "port",
  "region",
  "hs_section",
  "hs_chapter",
  "hs_heading",
  "hs_subheading",
  "trade_mode",
  "transport_mode",
  "source",
] as const;
export type TDimension = (typeof DIMENSIONS)[number];
export const MEASURES = ["value", "net_kg", "quantity", "records"] as const;
export type TMeasure = (typeof MEASURES)[number];
export const CURRENCIES = ["USD", "CNY", "RUB"] as const;
export type TCurrency = (typeof CURRENCIES)[number];
export const FLOWS = ["export", "import"] as const;
export type TFlow = (typeof FLOWS)[number];
export const REPORTERS = ["CN", "RU"] as const;
export type TReporter = (typeof REPORTERS)[number];
/** The unified trade modes of the facts (statistics.caliber.ts); tourism shopping is kept apart. */
export const TRADE_MODES = [
  "general",
  "small_border",
  "border_residents",
  "processing",
  "ecommerce",
  "tourism_shopping",
  "other",
] as const;
export const MIRROR_LEVELS = ["total", "section", "chapter", "heading", "subheading"] as const;
export type TMirrorLevel = (typeof MIRROR_LEVELS)[number];

export interface TQueryFilters {
  reporter?: string[];
  flow?: TFlow[];
  partner?: string[];
  port?: string[];
  region?: string[];
  hs?: string[];
  tradeMode?: string[];
  transportMode?: string[];
  source?: string[];
}

/** The body of `POST /statistics/query`. */
export interface TQuery {
  dimensions: TDimension[];
  measures: TMeasure[];
  currency: TCurrency;
  filters: TQueryFilters;
  period?: { from?: string; to?: string };
  top?: number;
  shares?: boolean;
  yoy?: boolean;
}

export const ZQueryResult = z.object({
  columns: z.array(z.string()),
  rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
  currency: z.string(),
  notes: z.array(z.string()),
});
export type TQueryResult = z.infer<typeof ZQueryResult>;
export type TQueryRow = TQueryResult["rows"][number];

export const ZMirror = z.object({
  exporter: z.string(),
  importer: z.string(),
  cifFobPct: z.string(),
  thresholdPct: z.string(),
  method: z.string(),
  rows: z.array(
    z.object({
      period: z.string(),
      hs: z.nullable(z.string()),
      exportsReported: z.nullable(z.string()),
      importsReportedCif: z.nullable(z.string()),
      importsFob: z.nullable(z.string()),
      difference: z.nullable(z.string()),
      ratio: z.nullable(z.string()),
      flagged: z.boolean(),
      topContributors: z.array(z.object({ hsSubheading: z.string(), difference: z.string() })),
    }),
  ),
});
export type TMirror = z.infer<typeof ZMirror>;
export type TMirrorRow = TMirror["rows"][number];

export interface TMirrorQuery {
  exporter: TReporter;
  level: TMirrorLevel;
  by: "year" | "month";
  from?: string;
  to?: string;
  cifFobPct: string;
  thresholdPct: string;
  top: number;
}

export const ZUnitValues = z.object({
  unit: z.string(),
  method: z.string(),
  items: z.array(
    z.object({
      hs6: z.string(),
      flow: z.string(),
      year: z.number(),
      n: z.number(),
      q1: z.string(),
      median: z.string(),
      q3: z.string(),
    }),
  ),
});
export type TUnitValues = z.infer<typeof ZUnitValues>;
export type TUnitValueBand = TUnitValues["items"][number];

export const ZDataset = z.object({
  id: z.string(),
  source: z.string(),
  caliber: z.string(),
  fileName: z.string(),
  rows: z.number(),
  published: z.boolean(),
  importedAt: z.string(),
});
export type TDataset = z.infer<typeof ZDataset>;
export const ZDatasetList = z.object({ items: z.array(ZDataset) });

export const ZImportReport = z.object({
  datasetId: z.nullable(z.string()),
  alreadyImported: z.boolean(),
  rows: z.number(),
  imported: z.number(),
  skipped: z.array(z.object({ reason: z.string(), count: z.number(), message: z.string() })),
  errors: z.array(
    z.object({
      line: z.number(),
      field: z.string(),
      // "unknown_label": a label the caliber does not map (params.value); other codes are shown as worded.
      code: z.optional(z.string()),
      params: z.optional(z.record(z.string(), z.string())),
      message: z.string(),
    }),
  ),
});
export type TImportReport = z.infer<typeof ZImportReport>;

export const ZCheck = z.object({
  ok: z.boolean(),
  lines: z.array(
    z.object({
      what: z.string(),
      source: z.string(),
      expected: z.string(),
      actual: z.string(),
      ok: z.boolean(),
    }),
  ),
});
export type TCheck = z.infer<typeof ZCheck>;

export const ZSectionList = z.object({
  items: z.array(
    z.object({
      code: z.string(),
      level: z.string(),
      names: z.object({ en: z.nullable(z.string()), ru: z.nullable(z.string()), zh: z.nullable(z.string()) }),
    }),
  ),
});
export type THsBriefList = z.infer<typeof ZSectionList>["items"];

/** What a caliber can read from a source's table (statistics.caliber.ts), in the order the form shows. */
export const CALIBER_FIELDS = [
  "period",
  "flow",
  "partner",
  "hs",
  "tradeMode",
  "transportMode",
  "port",
  "region",
  "value",
  "netKg",
  "quantity",
  "unit",
] as const;
export type TCaliberField = (typeof CALIBER_FIELDS)[number];
/** The fields whose empty cells a caliber may fill from the row above (merged cells): not the measures. */
export const FILL_DOWN_FIELDS = CALIBER_FIELDS.filter(
  (field): field is Exclude<TCaliberField, "value" | "netKg" | "quantity"> =>
    field !== "value" && field !== "netKg" && field !== "quantity",
);
export type TFillDownField = (typeof FILL_DOWN_FIELDS)[number];
/** The fields whose labels a caliber translates into the unified codes. */
export const LABEL_TABLES = ["flow", "tradeMode", "partner", "port", "region", "transportMode"] as const;
export type TLabelTable = (typeof LABEL_TABLES)[number];
export const CALIBER_SEPARATORS = [",", ";", "\t"] as const;
export type TCaliberSeparator = (typeof CALIBER_SEPARATORS)[number];

const ZLabelTable = z.optional(z.record(z.string(), z.string()));

/** A caliber's mapping, as `GET /statistics/calibers` answers and `PUT /statistics/calibers/{name}` takes it. */
export const ZCaliberMapping = z.object({
  source: z.string(),
  reporter: z.enum(REPORTERS),
  currency: z.enum(CURRENCIES),
  valueScale: z.optional(z.string()),
  decimalComma: z.optional(z.boolean()),
  separator: z.optional(z.enum(CALIBER_SEPARATORS)),
  columns: z.record(z.string(), z.string()),
  fixed: z.optional(z.record(z.string(), z.string())),
  values: z.optional(
    z.object({
      flow: ZLabelTable,
      tradeMode: ZLabelTable,
      partner: ZLabelTable,
      port: ZLabelTable,
      region: ZLabelTable,
      transportMode: ZLabelTable,
    }),
  ),
  skipLabels: z.optional(z.record(z.string(), z.array(z.string()))),
  fillDown: z.optional(z.array(z.enum(FILL_DOWN_FIELDS))),
});
export type TCaliberMapping = z.infer<typeof ZCaliberMapping>;
export const ZCaliber = z.object({ name: z.string(), mapping: ZCaliberMapping });
export type TCaliber = z.infer<typeof ZCaliber>;
export const ZCaliberList = z.object({ items: z.array(ZCaliber) });
