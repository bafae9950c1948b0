import { z } from "zod";

const ZCurrencyCode = z
  .string()
  .regex(/^[A-Za-z]{3}$/)
  .transform((s) => s.toUpperCase());

export const ZRateQuery = z.object({ base: ZCurrencyCode, quote: ZCurrencyCode, date: z.iso.date() });
export const ZRate = z
  .object({
    base: z.string(),
    quote: z.string(),
    date: z.string(),
    rate: z.string().describe("Quote units per one unit of base, decimal string"),
    source: z.string(),
    publishedOn: z.string(),
    via: z.string().optional().describe("Pivot currency of a cross rate"),
    sample: z.boolean().describe("True for illustrative sample rates (demo data), never official"),
  })
  .meta({ id: "ExchangeRate" });

export const ZMonthlyQuery = z.object({
  base: ZCurrencyCode,
  quote: ZCurrencyCode,
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
});
export const ZMonthlyRate = z
  .object({
    base: z.string(),
    quote: z.string(),
    month: z.string(),
    rate: z.string(),
    days: z.number().int(),
    via: z.string().optional(),
    sample: z.boolean(),
  })
  .meta({ id: "MonthlyExchangeRate" });
