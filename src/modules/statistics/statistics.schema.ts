import { z } from "zod";
import { ZCaliberMapping } from "./statistics.caliber.ts";
import { CURRENCIES, DIMENSIONS, MEASURES } from "./statistics.query.ts";

// Codes and ids: sides, countries, regions, modes, sources, and border crossings such as
// tongjiang-nizhneleninskoye (26 characters).
const codes = z.array(z.string().trim().min(1).max(100)).max(200).optional();
const ZPeriod = z.string().regex(/^\d{4}(-\d{2})?$/, "YYYY or YYYY-MM");

export const ZQuery = z.object({
  dimensions: z
    .array(z.enum(Object.keys(DIMENSIONS) as [keyof typeof DIMENSIONS, ...(keyof typeof DIMENSIONS)[]]))
    .max(6)
    .default([]),
  measures: z.array(z.enum(MEASURES)).min(1).max(4).default(["value"]),
  currency: z.enum(Object.keys(CURRENCIES) as ["USD", "CNY", "RUB"]).default("USD"),
  filters: z
    .object({
      reporter: codes,
      flow: z.array(z.enum(["export", "import"])).optional(),
      partner: codes,
      port: codes,
      region: codes,
      hs: z
        .array(z.string().regex(/^\d{1,10}$/))
        .max(100)
        .optional(),
      tradeMode: codes,
      transportMode: codes,
      source: codes,
    })
    .default({}),
  period: z.object({ from: ZPeriod.optional(), to: ZPeriod.optional() }).optional(),
  top: z.number().int().min(1).max(10_000).optional(),
  shares: z.boolean().optional(),
  yoy: z.boolean().optional(),
});
export const ZQueryFormat = z.object({ format: z.enum(["json", "csv", "xlsx"]).default("json") });

export const ZQueryResult = z
  .object({
    columns: z.array(z.string()),
    rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
    currency: z.string(),
    notes: z.array(z.string()),
  })
  .meta({ id: "StatisticsResult" });

export const ZMirrorQuery = z.object({
  exporter: z.enum(["CN", "RU"]).default("CN"),
  level: z.enum(["total", "section", "chapter", "heading", "subheading"]).default("chapter"),
  by: z.enum(["year", "month"]).default("year"),
  from: ZPeriod.optional(),
  to: ZPeriod.optional(),
  source: z.string().max(100).optional(),
  cifFobPct: z
    .string()
    .regex(/^\d{1,2}(\.\d{1,2})?$/)
    .default("5"),
  thresholdPct: z
    .string()
    .regex(/^\d{1,3}(\.\d{1,2})?$/)
    .default("10"),
  top: z.coerce.number().int().min(1).max(20).default(5),
});

export const ZMirror = z
  .object({
    exporter: z.string(),
    importer: z.string(),
    cifFobPct: z.string(),
    thresholdPct: z.string(),
    method: z.string(),
    rows: z.array(
      z.object({
        period: z.string(),
        hs: z.string().nullable(),
        exportsReported: z.string().nullable(),
        importsReportedCif: z.string().nullable(),
        importsFob: z.string().nullable(),
        difference: z.string().nullable(),
        ratio: z.string().nullable(),
        flagged: z.boolean(),
        topContributors: z.array(z.object({ hsSubheading: z.string(), difference: z.string() })),
      }),
    ),
  })
  .meta({ id: "MirrorReport" });

export const ZComtradeImport = z.object({
  fileName: z.string().max(300).optional(),
  content: z.string().min(1),
  published: z.boolean().default(false),
});

export const ZImportReport = z.object({
  datasetId: z.string().nullable(),
  alreadyImported: z.boolean(),
  rows: z.number().int(),
  imported: z.number().int(),
  skipped: z.array(
    z.object({
      reason: z.string().meta({ description: "What happened to the rows, in English" }),
      code: z.string(),
      count: z.number().int(),
      message: z.string().meta({ description: "The same in the reader's language" }),
    }),
  ),
  errors: z.array(
    z.object({
      line: z.number().int(),
      field: z.string(),
      code: z
        .enum([
          "missing",
          "unknown_m49",
          "not_year",
          "not_month",
          "not_period",
          "not_hs",
          "not_number",
          "unknown_label",
        ])
        .describe("unknown_label: a label the caliber does not map (params.value) — the row maps nowhere"),
      params: z.record(z.string(), z.string()),
      message: z.string(),
    }),
  ),
});

export const ZDatasetList = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      source: z.string(),
      caliber: z.string(),
      fileName: z.string(),
      rows: z.number().int(),
      published: z.boolean(),
      importedAt: z.string(),
    }),
  ),
});
export const ZDatasetParams = z.object({ id: z.string().max(100) });
export const ZCheck = z.object({
  ok: z.boolean(),
  lines: z.array(
    z.object({
      check: z.enum(["lines", "net_weight", "value", "dataset_rows"]),
      params: z.record(z.string(), z.string()),
      what: z.string(),
      source: z.string(),
      expected: z.string(),
      actual: z.string(),
      ok: z.boolean(),
    }),
  ),
});

export const ZCaliberParams = z.object({ name: z.string().regex(/^[a-z0-9][a-z0-9-]{1,59}$/) });
export const ZCaliberList = z.object({
  items: z.array(z.object({ name: z.string(), mapping: ZCaliberMapping })),
});

export const ZUnitValueQuery = z.object({
  hs6: z
    .string()
    .regex(/^\d{2,6}$/)
    .optional(),
  flow: z.enum(["export", "import"]).optional(),
  from: z.coerce.number().int().min(1950).max(2100).optional(),
  to: z.coerce.number().int().min(1950).max(2100).optional(),
});
export const ZUnitValues = z.object({
  unit: z.string(),
  method: z.string(),
  items: z.array(
    z.object({
      hs6: z.string(),
      flow: z.string(),
      year: z.number().int(),
      n: z.number().int(),
      q1: z.string(),
      median: z.string(),
      q3: z.string(),
    }),
  ),
});
