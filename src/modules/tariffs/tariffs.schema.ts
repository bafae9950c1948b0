import { z } from "zod";

const ZDecimal = z.string().regex(/^\d{1,15}(\.\d{1,6})?$/, "decimal");
const ZCurrency = z
  .string()
  .regex(/^[A-Za-z]{3}$/)
  .transform((s) => s.toUpperCase());
const ZHsCode = z.string().regex(/^[\d .]{2,16}$/);

export const ZMoneyInput = z.object({ amount: ZDecimal, currency: ZCurrency });
export const ZQuantity = z.object({ value: ZDecimal, unit: z.enum(["kg", "t", "m3", "l", "pcs", "pair"]) });

/** The areas of the Heilongjiang pilot free trade zone (GLOSSARY: Harbin, Heihe, Suifenhe). */
export const FTZ_AREAS = ["hlj-harbin", "hlj-heihe", "hlj-suifenhe"] as const;
export const ZZone = z
  .enum(FTZ_AREAS)
  .describe("A free-trade-zone area whose own rules apply (Chinese side)");

export const ZAssessRequest = z.object({
  zone: ZZone.optional(),
  side: z.enum(["CN", "RU"]),
  flow: z.enum(["import", "export"]),
  hsCode: ZHsCode,
  date: z.iso.date(),
  value: ZMoneyInput,
  quantity: ZQuantity.optional(),
  origin: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
  preference: z.enum(["border_resident"]).optional(),
  residentUsedTodayCny: ZDecimal.optional(),
});

export const ZLandedCostRequest = z.object({
  zone: ZZone.optional(),
  direction: z.enum(["CN_TO_RU", "RU_TO_CN"]),
  hsCode: ZHsCode,
  date: z.iso.date(),
  value: ZMoneyInput,
  quantity: ZQuantity.optional(),
  origin: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
  preference: z.enum(["border_resident"]).optional(),
  residentUsedTodayCny: ZDecimal.optional(),
});

const ZText = z.object({ key: z.string(), text: z.string() });
const ZRule = z.object({
  id: z.string(),
  hsPrefix: z.string(),
  combination: z.string(),
  adValorem: z.string().nullable(),
  specific: z.object({ amount: z.string(), currency: z.string(), unit: z.string() }).nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  legalRef: z.string(),
  source: z.enum(["cited", "sample"]),
  version: z.number().int(),
  zone: z.string().nullable(),
});

export const ZAssessment = z
  .object({
    side: z.enum(["CN", "RU"]),
    flow: z.enum(["import", "export"]),
    hsCode: z.string(),
    date: z.string(),
    currency: z.string(),
    customsValue: z.object({
      amount: z.string(),
      original: z.object({ amount: z.string(), currency: z.string() }),
      rate: z
        .object({
          rate: z.string(),
          source: z.string(),
          publishedOn: z.string(),
          via: z.string().optional(),
          sample: z.boolean(),
        })
        .nullable(),
      explanation: ZText,
    }),
    prohibited: z.object({ rule: ZRule, explanation: ZText }).nullable(),
    preference: z.object({ exempt: z.string(), taxable: z.string(), explanation: ZText }).nullable(),
    amounts: z.array(
      z.object({
        kind: z.enum(["duty", "vat"]),
        amount: z.string(),
        base: z.string(),
        rule: ZRule.nullable(),
        explanation: ZText,
      }),
    ),
    total: z.string(),
    rounding: z.string(),
    warnings: z.array(ZText),
  })
  .meta({ id: "Assessment" });

const ZTotals = z.object({ goods: z.string(), duties: z.string(), taxes: z.string(), total: z.string() });
export const ZLandedCost = z
  .object({
    direction: z.enum(["CN_TO_RU", "RU_TO_CN"]),
    date: z.string(),
    goods: z.object({ amount: z.string(), currency: z.string() }),
    export: ZAssessment,
    import: ZAssessment,
    totals: z.object({ CNY: ZTotals, RUB: ZTotals, USD: ZTotals.nullable() }),
    prohibited: z.boolean(),
    warnings: z.array(ZText),
  })
  .meta({ id: "LandedCost" });

export const ZRuleList = z.object({
  items: z.array(
    ZRule.extend({
      side: z.string(),
      flow: z.string(),
      kind: z.string(),
      note: z.string().nullable(),
      ruleKey: z.string(),
      supersededAt: z.string().nullable(),
    }),
  ),
});
export const ZRuleQuery = z.object({
  side: z.enum(["CN", "RU"]).optional(),
  hs: z
    .string()
    .regex(/^\d{2,10}$/)
    .optional(),
  history: z.enum(["true", "false"]).default("false"),
});

export const ZRuleChange = z.object({
  combination: z.enum(["ad_valorem", "specific", "greater_of", "sum", "none"]),
  adValorem: ZDecimal.nullable(),
  specific: z
    .object({ amount: ZDecimal, currency: ZCurrency, unit: z.enum(["kg", "t", "m3", "l", "pcs", "pair"]) })
    .nullable(),
  validFrom: z.iso.date(),
  validTo: z.iso.date().nullable(),
  legalRef: z.string().trim().min(1).max(500),
  source: z.enum(["cited", "sample"]),
  note: z.string().trim().max(1000).nullable().default(null),
});
export const ZRuleParams = z.object({ id: z.string().max(64) });

export const ZResidentPurchase = z.object({
  hsCode: ZHsCode,
  date: z.iso.date(),
  value: ZMoneyInput,
});

export const ZRuleCreate = ZRuleChange.extend({
  side: z.enum(["CN", "RU"]),
  flow: z.enum(["import", "export"]),
  kind: z.enum(["duty", "vat", "prohibition"]),
  hsPrefix: z.string().regex(/^(\d{2,10})?$/, "HS prefix"),
  zone: ZZone.nullable().default(null),
});

export const ZZoneList = z.object({
  items: z.array(
    z.object({
      id: z.enum(FTZ_AREAS),
      side: z.literal("CN"),
      names: z.object({ zh: z.string(), ru: z.string(), en: z.string() }),
    }),
  ),
});
