import { z } from "zod";

export const QUOTA_UNITS = ["t", "m3", "kg", "pcs", "value"] as const;
export const ALLOCATION_RULES = ["first_come", "pro_rata", "manual"] as const;
export const POOL_STATUSES = ["draft", "published", "closed"] as const;

/** Up to three decimals (amounts are kept in thousandths of the unit). */
const ZAmount = z
  .string()
  .trim()
  .regex(/^\d{1,13}(\.\d{1,3})?$/, "amount")
  .refine((s) => /[1-9]/.test(s), "validation.positive");
const ZPct = z
  .string()
  .trim()
  .regex(/^(100(\.0{1,2})?|\d{1,2}(\.\d{1,2})?)$/, "percent");
const ZNames = z.object({
  zh: z.string().trim().min(1).max(300).optional(),
  ru: z.string().trim().min(1).max(300).optional(),
  en: z.string().trim().min(1).max(300).optional(),
});

export const ZPoolInput = z
  .object({
    side: z.enum(["CN", "RU"]),
    direction: z.enum(["export", "import"]),
    names: ZNames,
    hsPrefixes: z
      .array(z.string().regex(/^\d{2,10}$/))
      .min(1)
      .max(50),
    periodFrom: z.iso.date(),
    periodTo: z.iso.date(),
    unit: z.enum(QUOTA_UNITS),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional()
      .describe("For pools in value: the currency"),
    total: ZAmount,
    borderShare: ZPct.describe("Percent of the total reserved for border small-scale trade enterprises"),
    allocationRule: z.enum(ALLOCATION_RULES),
    legalRef: z.string().trim().max(500).optional(),
    note: z.string().trim().max(2000).optional(),
  })
  .refine((p) => p.periodTo >= p.periodFrom, { message: "validation.period_order", path: ["periodTo"] })
  .refine((p) => (p.unit === "value") === (p.currency !== undefined), {
    message: "quotas.field.currency_for_value",
    path: ["currency"],
  });
export type TPoolInput = z.infer<typeof ZPoolInput>;

const ZNamesOut = z.object({
  zh: z.string().nullable(),
  ru: z.string().nullable(),
  en: z.string().nullable(),
});

export const ZPool = z
  .object({
    id: z.string(),
    side: z.enum(["CN", "RU"]),
    direction: z.enum(["export", "import"]),
    names: ZNamesOut,
    hsPrefixes: z.array(z.string()),
    periodFrom: z.string(),
    periodTo: z.string(),
    unit: z.enum(QUOTA_UNITS),
    currency: z.string().nullable(),
    total: z.string(),
    borderShare: z.string(),
    borderReserved: z.string().describe("The part of the total reserved for border-trade enterprises"),
    allocationRule: z.enum(ALLOCATION_RULES),
    status: z.enum(POOL_STATUSES),
    allocationsPublished: z.boolean(),
    legalRef: z.string().nullable(),
    note: z.string().nullable(),
    figures: z.object({
      allocated: z.string(),
      allocatedToBorderTrade: z.string(),
      reserved: z.string().describe("Held by submitted declarations, not yet released"),
      used: z.string(),
      remaining: z.string().describe("Total less allocated"),
      licences: z.number().int(),
      applicationsPending: z.number().int(),
    }),
    version: z.number().int(),
    updatedAt: z.string(),
    sample: z.boolean(),
  })
  .meta({ id: "QuotaPool" });
export const ZPoolList = z.object({ items: z.array(ZPool) });
export const ZPoolQuery = z.object({ side: z.enum(["CN", "RU"]).optional() });

export const ZApplicationInput = z.object({
  amount: ZAmount,
  note: z.string().trim().max(2000).optional(),
  enterpriseId: z.uuid().optional(),
});

export const ZApplication = z
  .object({
    id: z.string(),
    poolId: z.string(),
    pool: z
      .object({ names: ZNamesOut, unit: z.enum(["t", "m3", "kg", "pcs", "value"]) })
      .describe("The pool applied to: its names and the unit of the amount"),
    enterprise: z.object({ id: z.string(), names: ZNamesOut }),
    amount: z.string(),
    borderTrade: z.boolean(),
    status: z.enum(["pending", "allocated", "rejected", "withdrawn"]),
    note: z.string().nullable(),
    reason: z.string().nullable(),
    createdAt: z.string(),
    decidedAt: z.string().nullable(),
    licenceNumber: z.string().nullable(),
  })
  .meta({ id: "QuotaApplication" });
export const ZApplicationList = z.object({ items: z.array(ZApplication) });

export const ZAllocateInput = z.object({
  manual: z
    .array(z.object({ applicationId: z.string(), amount: ZAmount }))
    .max(1000)
    .optional()
    .describe("For manual pools (or to override the rule): amounts per application"),
});

export const ZLicence = z
  .object({
    id: z.string(),
    number: z.string(),
    poolId: z.string(),
    pool: z.object({
      names: ZNamesOut,
      side: z.enum(["CN", "RU"]),
      direction: z.enum(["export", "import"]),
      hsPrefixes: z.array(z.string()),
    }),
    holder: z.object({ id: z.string(), names: ZNamesOut }),
    amount: z.string(),
    reserved: z.string(),
    consumed: z.string(),
    remaining: z.string(),
    unit: z.enum(QUOTA_UNITS),
    currency: z.string().nullable(),
    fromBorderShare: z.boolean(),
    validFrom: z.string(),
    validTo: z.string(),
    status: z.enum(["active", "revoked"]),
    issuedAt: z.string(),
    movements: z.array(
      z.object({
        kind: z.enum(["reserve", "consume", "return"]),
        amount: z.string(),
        reference: z.string(),
        declarationNumber: z.string().nullable(),
        at: z.string(),
      }),
    ),
    sample: z.boolean(),
  })
  .meta({ id: "Licence" });
export const ZLicenceList = z.object({ items: z.array(ZLicence.omit({ movements: true })) });

export const ZAllocationResult = z.object({
  licences: z.array(ZLicence.omit({ movements: true })),
  unallocated: z.string(),
});

export const ZLicenceVerification = z
  .object({
    number: z.string(),
    valid: z.boolean(),
    status: z.enum(["active", "revoked", "expired", "not_yet_valid", "unknown"]),
    holder: ZNamesOut.nullable(),
    pool: ZNamesOut.nullable(),
    unit: z.string().nullable(),
    validFrom: z.string().nullable(),
    validTo: z.string().nullable(),
    amount: z.string().nullable().describe("Only for the holder and officers of the side"),
    remaining: z.string().nullable().describe("Only for the holder and officers of the side"),
    text: z.string(),
  })
  .meta({ id: "LicenceVerification" });

export const ZUtilization = z.object({
  unit: z.string(),
  byMonth: z.array(
    z.object({ month: z.string(), reserved: z.string(), consumed: z.string(), returned: z.string() }),
  ),
  byEnterprise: z.array(
    z.object({
      enterprise: z.object({ id: z.string(), names: ZNamesOut }),
      borderTrade: z.boolean(),
      allocated: z.string(),
      consumed: z.string(),
      reserved: z.string(),
    }),
  ),
});

export const ZDrawdownInput = z.object({
  reference: z
    .string()
    .trim()
    .min(1)
    .max(120)
    .describe("The caller's reference of the line (unique per licence)"),
  amount: ZAmount,
});
export const ZDrawdownResult = z.object({
  number: z.string(),
  reference: z.string(),
  kind: z.enum(["reserve", "consume", "return"]),
  applied: z.boolean().describe("false when this reference already had this movement (a retry)"),
  amount: z.string(),
  reserved: z.string(),
  consumed: z.string(),
  remaining: z.string(),
});

export const ZIdParams = z.object({ id: z.string().max(100) });
export const ZNumberParams = z.object({ number: z.string().max(60) });
export const ZReasonBody = z.object({ reason: z.string().trim().min(1).max(1000) });
