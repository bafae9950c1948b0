import { z } from "zod";

export const ZSide = z.enum(["CN", "RU"]);
export const ZEnterpriseStatus = z.enum(["pending", "verified", "rejected"]);
export const ZIdentifierScheme = z.enum(["uscc", "inn", "ogrn", "ogrnip", "kpp"]);

const ZOptText = (max: number) => z.string().trim().min(1).max(max).optional();

export const ZIdentifierIssue = z.object({ code: z.string(), message: z.string() });
export const ZIdentifierCheck = z
  .object({
    scheme: ZIdentifierScheme,
    value: z.string(),
    valid: z.boolean(),
    normalized: z.string(),
    errors: z.array(ZIdentifierIssue),
    warnings: z.array(ZIdentifierIssue),
  })
  .meta({ id: "IdentifierCheck" });
export const ZIdentifierQuery = z.object({ scheme: ZIdentifierScheme, value: z.string().max(100) });

export const ZEnterpriseInput = z.object({
  side: ZSide,
  identifiers: z
    .object({
      uscc: z.string().max(40).optional(),
      inn: z.string().max(40).optional(),
      ogrn: z.string().max(40).optional().describe("OGRN (13 digits) or OGRNIP (15 digits)"),
      kpp: z.string().max(40).optional(),
    })
    .default({}),
  names: z.object({ zh: ZOptText(300), ru: ZOptText(300), en: ZOptText(300) }),
  legalForm: ZOptText(100),
  region: z.string().regex(/^(CN|RU)-[A-Z0-9]{1,3}$/),
  address: ZOptText(500),
  contacts: z
    .object({ email: z.email().max(254).optional(), phone: ZOptText(50), website: ZOptText(300) })
    .default({}),
  hsChapters: z
    .array(z.string().regex(/^\d{2}$/))
    .max(97)
    .default([]),
  borderTrade: z.boolean().default(false),
  aeo: z
    .object({ level: z.enum(["general", "advanced"]).nullable(), since: z.iso.date().optional() })
    .default({ level: null }),
  crossBorderEcommerce: z.boolean().default(false),
});
// No component id: with defaults its input and output shapes differ, and OpenAPI documents the input.
export type TEnterpriseInput = z.infer<typeof ZEnterpriseInput>;

export const ZEnterpriseUpdate = z
  .object({
    names: z.object({ zh: ZOptText(300), ru: ZOptText(300), en: ZOptText(300) }).optional(),
    legalForm: ZOptText(100),
    address: ZOptText(500),
    contacts: z
      .object({ email: z.email().max(254).optional(), phone: ZOptText(50), website: ZOptText(300) })
      .optional(),
    hsChapters: z
      .array(z.string().regex(/^\d{2}$/))
      .max(97)
      .optional(),
    crossBorderEcommerce: z.boolean().optional(),
  })
  .strict();

const ZNames = z.object({ zh: z.string().nullable(), ru: z.string().nullable(), en: z.string().nullable() });

export const ZTrustComponent = z.object({
  key: z.string(),
  points: z.number(),
  max: z.number(),
  state: z.string(),
  label: z.string(),
  explanation: z.string(),
});
export const ZTrustSummary = z
  .object({
    score: z.number().int(),
    formulaVersion: z.number().int(),
    computedAt: z.string(),
    components: z.array(ZTrustComponent),
  })
  .meta({ id: "TrustProfile" });

export const ZEnterprise = z
  .object({
    id: z.string(),
    side: ZSide,
    status: ZEnterpriseStatus,
    name: z.string().describe("In the reader's language when the enterprise has a name in it"),
    names: ZNames,
    identifiers: z.object({
      uscc: z.string().nullable(),
      inn: z.string().nullable(),
      ogrn: z.string().nullable(),
      kpp: z.string().nullable(),
    }),
    legalForm: z.string().nullable(),
    region: z.object({ code: z.string(), name: z.string() }),
    address: z.string().nullable(),
    hsChapters: z.array(z.string()),
    borderTrade: z.boolean(),
    aeo: z.object({ level: z.enum(["general", "advanced"]).nullable(), since: z.string().nullable() }),
    crossBorderEcommerce: z.boolean(),
    registeredAt: z.string(),
    verifiedSince: z.string().nullable(),
    sample: z.boolean(),
    trust: ZTrustSummary.nullable(),
  })
  .meta({ id: "Enterprise" });
export type TEnterprise = z.infer<typeof ZEnterprise>;

export const ZEnterprisePrivate = z
  .object({
    id: z.string(),
    contacts: z.object({
      email: z.string().nullable(),
      phone: z.string().nullable(),
      website: z.string().nullable(),
    }),
    decisionReason: z.string().nullable(),
    decisions: z.array(
      z.object({
        action: z.string(),
        reason: z.string().nullable(),
        at: z.string(),
        actor: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: "EnterprisePrivate" });

export const ZRegistered = z
  .object({
    enterprise: ZEnterprise,
    warnings: z.array(z.object({ path: z.string(), code: z.string(), message: z.string() })),
  })
  .meta({ id: "EnterpriseRegistered" });

export const ZDirectoryQuery = z.object({
  q: z.string().trim().max(200).optional(),
  side: ZSide.optional(),
  region: z.string().max(10).optional(),
  hsChapter: z
    .string()
    .regex(/^\d{2}$/)
    .optional(),
  verified: z.enum(["true", "false"]).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(20).optional(),
});
export const ZDirectoryPage = z.object({ items: z.array(ZEnterprise), nextCursor: z.string().nullable() });

export const ZQueueQuery = z.object({
  status: ZEnterpriseStatus.default("pending"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const ZQueuePage = z.object({
  items: z.array(ZEnterprise.extend({ registeredBy: z.string().nullable() })),
});

/** A rejection needs a reason (checked in the service, which reports it on the `reason` field). */
export const ZDecisionRequest = z.object({
  decision: z.enum(["approve", "reject"]),
  reason: z.string().trim().max(1000).optional(),
});

export const ZTrustHistory = z.object({
  profile: ZTrustSummary.nullable(),
  history: z.array(
    z.object({
      score: z.number().int(),
      previousScore: z.number().int().nullable(),
      eventType: z.string(),
      at: z.string(),
    }),
  ),
});

export const ZEnterpriseParams = z.object({ id: z.string().max(64) });
