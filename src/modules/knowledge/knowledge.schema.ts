import { z } from "zod";

export const KINDS = [
  "law",
  "regulation",
  "policy",
  "agreement",
  "notice",
  "standard",
  "procedure",
  "faq",
] as const;
export const KB_SIDES = ["CN", "RU", "bilateral"] as const;
export const LANGS = ["zh", "ru", "en"] as const;
export const RELATION_KINDS = ["amends", "repeals", "implements", "references", "counterpart_of"] as const;
export const STATUSES = ["draft", "review", "published", "repealed"] as const;

const ZDate = z.iso.date();
const ZTags = (max: number, re: RegExp) => z.array(z.string().trim().regex(re)).max(max).default([]);

export const ZVersionInput = z.object({
  lang: z.enum(LANGS),
  title: z.string().trim().min(1).max(500),
  body: z.string().max(200_000).describe("Markdown; rendered safely (no raw HTML)"),
  translation: z.enum(["original", "official", "unofficial"]),
  isSummary: z.boolean().default(false).describe("A summary written by the team, not the document's text"),
  note: z.string().trim().max(500).optional(),
});

export const ZDocumentInput = z.object({
  kind: z.enum(KINDS),
  side: z.enum(KB_SIDES),
  issuingBody: z.string().trim().min(1).max(300),
  number: z.string().trim().min(1).max(120).optional(),
  issuedOn: ZDate.optional(),
  effectiveOn: ZDate.optional(),
  repealedOn: ZDate.optional(),
  originalLang: z.enum(LANGS),
  hsPrefixes: ZTags(100, /^\d{2,10}$/),
  ports: ZTags(30, /^[a-z]+(-[a-z]+)*$/),
  regions: ZTags(50, /^(CN|RU)-[A-Z0-9]{1,3}$/),
  topics: ZTags(30, /^[a-z_]{2,40}$/),
  sourceUrl: z
    .url({ protocol: /^https?$/ })
    .max(1000)
    .optional()
    .describe("An http(s) address of the source"),
  versions: z.array(ZVersionInput).min(1).max(3),
  relations: z
    .array(z.object({ kind: z.enum(RELATION_KINDS), targetId: z.string().max(100) }))
    .max(50)
    .default([]),
});
export type TDocumentInput = z.infer<typeof ZDocumentInput>;

const ZVersion = z.object({
  lang: z.enum(LANGS),
  version: z.number().int(),
  title: z.string(),
  body: z.string(),
  html: z.string().describe("The body rendered to safe HTML"),
  translation: z.enum(["original", "official", "unofficial"]),
  isSummary: z.boolean(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});

const ZDocBrief = z.object({
  id: z.string(),
  kind: z.enum(KINDS),
  side: z.enum(KB_SIDES),
  number: z.string().nullable(),
  status: z.enum(STATUSES),
  titles: z.object({ zh: z.string().nullable(), ru: z.string().nullable(), en: z.string().nullable() }),
  originalLang: z.enum(LANGS),
  effectiveOn: z.string().nullable(),
  repealedOn: z.string().nullable(),
});

export const ZDocument = ZDocBrief.extend({
  issuingBody: z.string(),
  issuedOn: z.string().nullable(),
  hsPrefixes: z.array(z.string()),
  ports: z.array(z.string()),
  regions: z.array(z.string()),
  topics: z.array(z.string()),
  sourceUrl: z.string().nullable(),
  versions: z.array(ZVersion).describe("The current version in each language"),
  relations: z.array(
    z.object({
      kind: z.enum(RELATION_KINDS),
      direction: z.enum(["outgoing", "incoming"]),
      document: ZDocBrief,
    }),
  ),
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
}).meta({ id: "KnowledgeDocument" });

export const ZDocumentList = z.object({ items: z.array(ZDocBrief), total: z.number().int() });
export const ZDocumentListQuery = z.object({
  status: z.enum(STATUSES).optional(),
  side: z.enum(KB_SIDES).optional(),
  kind: z.enum(KINDS).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const ZSearchQuery = z.object({
  q: z.string().trim().min(1).max(200),
  kind: z.enum(KINDS).optional(),
  side: z.enum(KB_SIDES).optional(),
  status: z.enum(STATUSES).optional(),
  hs: z
    .string()
    .regex(/^\d{2,10}$/)
    .optional(),
  port: z.string().max(100).optional(),
  topic: z.string().max(40).optional(),
  inForce: ZDate.optional().describe("Only documents in force on this date"),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const ZSearchResult = z.object({
  items: z.array(
    z.object({
      document: ZDocBrief,
      lang: z.enum(LANGS),
      title: z.string(),
      snippet: z.array(z.object({ text: z.string(), hit: z.boolean() })),
      score: z.number(),
      exactNumber: z.boolean(),
      via: z
        .object({ term: z.string(), from: z.enum(LANGS), to: z.enum(LANGS), text: z.string() })
        .nullable()
        .describe("Found through the term bank: the query's term and the equivalent that matched"),
      otherLanguages: z.array(z.enum(LANGS)),
    }),
  ),
  expansions: z.array(z.object({ term: z.string(), equivalents: z.array(z.string()) })),
});

export const ZVersionsQuery = z.object({ lang: z.enum(LANGS) });
export const ZVersionHistory = z.object({
  lang: z.enum(LANGS),
  versions: z.array(
    z.object({
      version: z.number().int(),
      title: z.string(),
      createdAt: z.string(),
      createdBy: z.string().nullable(),
      note: z.string().nullable(),
      diff: z
        .array(z.object({ op: z.enum(["same", "added", "removed"]), text: z.string() }))
        .describe("Against the previous version"),
    }),
  ),
});

export const ZAppliesQuery = z.object({
  hs: z.string().regex(/^\d{4,10}$/),
  direction: z.enum(["CN_TO_RU", "RU_TO_CN"]),
  port: z.string().max(100).optional(),
  date: ZDate.optional(),
});

const ZText = z.object({ key: z.string(), text: z.string() });
export const ZApplies = z
  .object({
    hs: z.string(),
    direction: z.enum(["CN_TO_RU", "RU_TO_CN"]),
    date: z.string(),
    sides: z.array(
      z.object({
        side: z.enum(["CN", "RU"]),
        flow: z.enum(["export", "import"]),
        documents: z.array(ZDocBrief.extend({ reason: z.string() })),
        rules: z.array(
          z.object({
            kind: z.string(),
            hsPrefix: z.string(),
            text: z.string(),
            legalRef: z.string(),
            source: z.string(),
          }),
        ),
        prohibited: z.boolean().describe("The whole code is prohibited"),
        prohibitedPart: z.boolean().describe("Some subdivisions of the code are prohibited (see rules)"),
        quotas: z.array(
          z.object({ poolId: z.string(), names: ZDocBrief.shape.titles, unit: z.string(), text: z.string() }),
        ),
      }),
    ),
    bilateral: z.array(ZDocBrief.extend({ reason: z.string() })),
    notes: z.array(ZText),
  })
  .meta({ id: "WhatAppliesToMe" });

export const ZTermInput = z.object({
  zh: z.string().trim().min(1).max(200),
  ru: z.string().trim().min(1).max(200),
  en: z.string().trim().min(1).max(200),
  note: z.string().trim().max(500).optional(),
});
export const ZTerm = ZTermInput.extend({
  id: z.string(),
  note: z.string().nullable(),
  updatedAt: z.string(),
});
export const ZTermList = z.object({ items: z.array(ZTerm) });

export const ZSubscriptionInput = z
  .object({
    kind: z.enum(["hs", "port", "topic", "document"]),
    value: z.string().trim().min(1).max(100),
    webhookUrl: z.url().max(1000).optional(),
    email: z.boolean().default(false),
  })
  .refine((s) => s.kind !== "hs" || /^\d{2,10}$/.test(s.value), {
    message: "validation.hs_prefix",
    path: ["value"],
  });
export const ZSubscription = z.object({
  id: z.string(),
  kind: z.enum(["hs", "port", "topic", "document"]),
  value: z.string(),
  webhookUrl: z.string().nullable(),
  webhookSecret: z.string().nullable().describe("Shown once, when created: verifies X-Amur-Signature"),
  email: z.boolean(),
  createdAt: z.string(),
});
export const ZSubscriptionList = z.object({ items: z.array(ZSubscription) });

export const ZNotificationList = z.object({
  unread: z.number().int(),
  items: z.array(
    z.object({
      id: z.number().int(),
      change: z.enum(["published", "amended", "repealed"]),
      document: ZDocBrief,
      reason: z.string(),
      text: z.string(),
      createdAt: z.string(),
      read: z.boolean(),
    }),
  ),
});
export const ZReadInput = z.object({
  ids: z.array(z.number().int()).max(500).optional(),
  all: z.boolean().optional(),
});
export const ZIdParams = z.object({ id: z.string().max(100) });
export const ZRepealInput = z.object({ repealedOn: ZDate.optional() });
