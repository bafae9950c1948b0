import { z } from "zod/mini";
import { ZNames, ZSide } from "../../contracts";

// Response shapes of the quotas API (src/modules/quotas/quotas.schema.ts) as the pages rely on them.
// Amounts are exact decimal strings in the pool's unit (at most three decimals); they are never turned
// into floating-point numbers for anything shown as text.

export const QUOTA_UNITS = ["t", "m3", "kg", "pcs", "value"] as const;
export type TQuotaUnit = (typeof QUOTA_UNITS)[number];
export const ALLOCATION_RULES = ["first_come", "pro_rata", "manual"] as const;
export type TAllocationRule = (typeof ALLOCATION_RULES)[number];
export const POOL_STATUSES = ["draft", "published", "closed"] as const;
export type TPoolStatus = (typeof POOL_STATUSES)[number];
export const DIRECTIONS = ["export", "import"] as const;
export type TDirection = (typeof DIRECTIONS)[number];
export const APPLICATION_STATUSES = ["pending", "allocated", "rejected", "withdrawn"] as const;
export type TApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export const LICENCE_STATUSES = ["active", "revoked"] as const;
export const VERIFICATION_STATUSES = ["active", "revoked", "expired", "not_yet_valid", "unknown"] as const;
export type TVerificationStatus = (typeof VERIFICATION_STATUSES)[number];
export const MOVEMENT_KINDS = ["reserve", "consume", "return"] as const;

export const ZPool = z.object({
  id: z.string(),
  side: ZSide,
  direction: z.enum(DIRECTIONS),
  names: ZNames,
  hsPrefixes: z.array(z.string()),
  periodFrom: z.string(),
  periodTo: z.string(),
  unit: z.enum(QUOTA_UNITS),
  currency: z.nullable(z.string()),
  total: z.string(),
  borderShare: z.string(),
  borderReserved: z.string(),
  allocationRule: z.enum(ALLOCATION_RULES),
  status: z.enum(POOL_STATUSES),
  allocationsPublished: z.boolean(),
  legalRef: z.nullable(z.string()),
  note: z.nullable(z.string()),
  figures: z.object({
    allocated: z.string(),
    allocatedToBorderTrade: z.string(),
    reserved: z.string(),
    used: z.string(),
    remaining: z.string(),
    licences: z.number(),
    applicationsPending: z.number(),
  }),
  version: z.number(),
  updatedAt: z.string(),
  sample: z.boolean(),
});
export type TPool = z.infer<typeof ZPool>;
export const ZPoolList = z.object({ items: z.array(ZPool) });

export const ZApplication = z.object({
  id: z.string(),
  poolId: z.string(),
  enterprise: z.object({ id: z.string(), names: ZNames }),
  amount: z.string(),
  borderTrade: z.boolean(),
  status: z.enum(APPLICATION_STATUSES),
  note: z.nullable(z.string()),
  /** Arrives in the reader's language when the server wrote it (e.g. "nothing was left"). */
  reason: z.nullable(z.string()),
  createdAt: z.string(),
  decidedAt: z.nullable(z.string()),
  licenceNumber: z.nullable(z.string()),
});
export type TApplication = z.infer<typeof ZApplication>;
export const ZApplicationList = z.object({ items: z.array(ZApplication) });

const licenceShape = {
  id: z.string(),
  number: z.string(),
  poolId: z.string(),
  pool: z.object({
    names: ZNames,
    side: ZSide,
    direction: z.enum(DIRECTIONS),
    hsPrefixes: z.array(z.string()),
  }),
  holder: z.object({ id: z.string(), names: ZNames }),
  amount: z.string(),
  reserved: z.string(),
  consumed: z.string(),
  remaining: z.string(),
  unit: z.enum(QUOTA_UNITS),
  currency: z.nullable(z.string()),
  fromBorderShare: z.boolean(),
  validFrom: z.string(),
  validTo: z.string(),
  // Kept as a plain string: a status added on the server is shown by its code.
  status: z.string(),
  issuedAt: z.string(),
  sample: z.boolean(),
};

export const ZLicenceSummary = z.object(licenceShape);
export type TLicenceSummary = z.infer<typeof ZLicenceSummary>;
export const ZLicenceList = z.object({ items: z.array(ZLicenceSummary) });

export const ZLicence = z.object({
  ...licenceShape,
  movements: z.array(
    z.object({
      kind: z.enum(MOVEMENT_KINDS),
      amount: z.string(),
      reference: z.string(),
      declarationNumber: z.nullable(z.string()),
      at: z.string(),
    }),
  ),
});
export type TLicence = z.infer<typeof ZLicence>;
export type TMovement = TLicence["movements"][number];

export const ZAllocationResult = z.object({ licences: z.array(ZLicenceSummary), unallocated: z.string() });
export type TAllocationResult = z.infer<typeof ZAllocationResult>;

export const ZVerification = z.object({
  number: z.string(),
  valid: z.boolean(),
  status: z.enum(VERIFICATION_STATUSES),
  holder: z.nullable(ZNames),
  pool: z.nullable(ZNames),
  /** A quota unit, or the currency of a pool in value. */
  unit: z.nullable(z.string()),
  validFrom: z.nullable(z.string()),
  validTo: z.nullable(z.string()),
  amount: z.nullable(z.string()),
  remaining: z.nullable(z.string()),
  text: z.string(),
});
export type TVerification = z.infer<typeof ZVerification>;

export const ZUtilization = z.object({
  unit: z.string(),
  byMonth: z.array(
    z.object({ month: z.string(), reserved: z.string(), consumed: z.string(), returned: z.string() }),
  ),
  byEnterprise: z.array(
    z.object({
      enterprise: z.object({ id: z.string(), names: ZNames }),
      borderTrade: z.boolean(),
      allocated: z.string(),
      consumed: z.string(),
      reserved: z.string(),
    }),
  ),
});
export type TUtilization = z.infer<typeof ZUtilization>;
export type TUtilizationMonth = TUtilization["byMonth"][number];
export type TUtilizationEnterprise = TUtilization["byEnterprise"][number];

// ---------- Request bodies (ZPoolInput, ZApplicationInput, ZAllocateInput on the server) ----------

export interface TPoolInput {
  side: "CN" | "RU";
  direction: TDirection;
  names: { zh?: string; ru?: string; en?: string };
  hsPrefixes: string[];
  periodFrom: string;
  periodTo: string;
  unit: TQuotaUnit;
  currency?: string;
  total: string;
  borderShare: string;
  allocationRule: TAllocationRule;
  legalRef?: string;
  note?: string;
}

export interface TApplicationInput {
  amount: string;
  note?: string;
  enterpriseId?: string;
}

export interface TManualGrant {
  applicationId: string;
  amount: string;
}
