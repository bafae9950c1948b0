import { z } from "zod/mini";

// Response shapes of the knowledge base API (src/modules/knowledge/knowledge.schema.ts) as the pages rely
// on them, and the bodies the pages send. The server's schema is built with full zod, which the browser
// bundle does without, so its code lists are repeated here; contracts.test.ts checks they agree.
// Codes the pages only show (rule kinds, sources, reasons) are kept as strings, so a code added on the
// server is shown as it comes instead of breaking the page.

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
export const DOC_LANGS = ["zh", "ru", "en"] as const;
export const RELATION_KINDS = ["amends", "repeals", "implements", "references", "counterpart_of"] as const;
export const STATUSES = ["draft", "review", "published", "repealed"] as const;
export const TRANSLATIONS = ["original", "official", "unofficial"] as const;
export const SUBSCRIPTION_KINDS = ["hs", "port", "topic", "document"] as const;
export const CHANGES = ["published", "amended", "repealed"] as const;
export const DIRECTIONS = ["CN_TO_RU", "RU_TO_CN"] as const;

export type TKind = (typeof KINDS)[number];
export type TKbSide = (typeof KB_SIDES)[number];
export type TDocLang = (typeof DOC_LANGS)[number];
export type TRelationKind = (typeof RELATION_KINDS)[number];
export type TDocStatus = (typeof STATUSES)[number];
export type TTranslation = (typeof TRANSLATIONS)[number];
export type TSubscriptionKind = (typeof SUBSCRIPTION_KINDS)[number];
export type TDirection = (typeof DIRECTIONS)[number];

const ZDocLang = z.enum(DOC_LANGS);
const ZTitles = z.object({
  zh: z.nullable(z.string()),
  ru: z.nullable(z.string()),
  en: z.nullable(z.string()),
});

export const ZDocBrief = z.object({
  id: z.string(),
  kind: z.enum(KINDS),
  side: z.enum(KB_SIDES),
  number: z.nullable(z.string()),
  status: z.enum(STATUSES),
  titles: ZTitles,
  originalLang: ZDocLang,
  effectiveOn: z.nullable(z.string()),
  repealedOn: z.nullable(z.string()),
});
export type TDocBrief = z.infer<typeof ZDocBrief>;

export const ZVersion = z.object({
  lang: ZDocLang,
  version: z.number(),
  title: z.string(),
  body: z.string(),
  /** The body rendered by the server to safe HTML: everything in the Markdown is escaped first. */
  html: z.string(),
  translation: z.enum(TRANSLATIONS),
  isSummary: z.boolean(),
  createdAt: z.string(),
  createdBy: z.nullable(z.string()),
});
export type TVersion = z.infer<typeof ZVersion>;

export const ZRelation = z.object({
  kind: z.enum(RELATION_KINDS),
  direction: z.enum(["outgoing", "incoming"]),
  document: ZDocBrief,
});
export type TRelation = z.infer<typeof ZRelation>;

export const ZDocument = z.extend(ZDocBrief, {
  issuingBody: z.string(),
  issuedOn: z.nullable(z.string()),
  hsPrefixes: z.array(z.string()),
  ports: z.array(z.string()),
  regions: z.array(z.string()),
  topics: z.array(z.string()),
  sourceUrl: z.nullable(z.string()),
  versions: z.array(ZVersion),
  relations: z.array(ZRelation),
  updatedAt: z.string(),
  publishedAt: z.nullable(z.string()),
});
export type TDocument = z.infer<typeof ZDocument>;

export const ZDocumentList = z.object({ items: z.array(ZDocBrief), total: z.number() });
export type TDocumentList = z.infer<typeof ZDocumentList>;

export const ZSnippetPart = z.object({ text: z.string(), hit: z.boolean() });
export type TSnippetPart = z.infer<typeof ZSnippetPart>;

export const ZSearchResult = z.object({
  items: z.array(
    z.object({
      document: ZDocBrief,
      lang: ZDocLang,
      title: z.string(),
      snippet: z.array(ZSnippetPart),
      score: z.number(),
      exactNumber: z.boolean(),
      via: z.nullable(z.object({ term: z.string(), from: ZDocLang, to: ZDocLang, text: z.string() })),
      otherLanguages: z.array(ZDocLang),
    }),
  ),
  expansions: z.array(z.object({ term: z.string(), equivalents: z.array(z.string()) })),
});
export type TSearchResult = z.infer<typeof ZSearchResult>;
export type TSearchHit = TSearchResult["items"][number];

export const ZDiffLine = z.object({ op: z.enum(["same", "added", "removed"]), text: z.string() });
export type TDiffLine = z.infer<typeof ZDiffLine>;

export const ZVersionHistory = z.object({
  lang: ZDocLang,
  versions: z.array(
    z.object({
      version: z.number(),
      title: z.string(),
      createdAt: z.string(),
      createdBy: z.nullable(z.string()),
      note: z.nullable(z.string()),
      diff: z.array(ZDiffLine),
    }),
  ),
});
export type TVersionHistory = z.infer<typeof ZVersionHistory>;
export type THistoryEntry = TVersionHistory["versions"][number];

const ZReasoned = z.extend(ZDocBrief, { reason: z.string() });
export type TReasonedDoc = z.infer<typeof ZReasoned>;

export const ZApplies = z.object({
  hs: z.string(),
  direction: z.enum(DIRECTIONS),
  date: z.string(),
  sides: z.array(
    z.object({
      side: z.enum(["CN", "RU"]),
      flow: z.enum(["export", "import"]),
      documents: z.array(ZReasoned),
      rules: z.array(
        z.object({
          kind: z.string(),
          hsPrefix: z.string(),
          text: z.string(),
          legalRef: z.string(),
          source: z.string(),
        }),
      ),
      prohibited: z.boolean(),
      quotas: z.array(z.object({ poolId: z.string(), names: ZTitles, unit: z.string(), text: z.string() })),
    }),
  ),
  bilateral: z.array(ZReasoned),
  notes: z.array(z.object({ key: z.string(), text: z.string() })),
});
export type TApplies = z.infer<typeof ZApplies>;
export type TAppliesSide = TApplies["sides"][number];

export const ZTerm = z.object({
  id: z.string(),
  zh: z.string(),
  ru: z.string(),
  en: z.string(),
  note: z.nullable(z.string()),
  updatedAt: z.string(),
});
export type TTerm = z.infer<typeof ZTerm>;
export const ZTermList = z.object({ items: z.array(ZTerm) });

export const ZSubscription = z.object({
  id: z.string(),
  kind: z.enum(SUBSCRIPTION_KINDS),
  value: z.string(),
  webhookUrl: z.nullable(z.string()),
  /** Only in the answer to the subscription's creation: shown once. */
  webhookSecret: z.nullable(z.string()),
  email: z.boolean(),
  createdAt: z.string(),
});
export type TSubscription = z.infer<typeof ZSubscription>;
export const ZSubscriptionList = z.object({ items: z.array(ZSubscription) });

export const ZNotificationList = z.object({
  unread: z.number(),
  items: z.array(
    z.object({
      id: z.number(),
      change: z.enum(CHANGES),
      document: ZDocBrief,
      reason: z.string(),
      /** The whole message in the reader's language, written by the server. */
      text: z.string(),
      createdAt: z.string(),
      read: z.boolean(),
    }),
  ),
});
export type TNotificationList = z.infer<typeof ZNotificationList>;
export type TNotification = TNotificationList["items"][number];

export const ZUnread = z.object({ unread: z.number() });

// ---------- Request bodies ----------

export interface TVersionInput {
  lang: TDocLang;
  title: string;
  body: string;
  translation: TTranslation;
  isSummary: boolean;
  note?: string;
}

/** The body of `POST /kb/documents` and `PUT /kb/documents/{id}`; empty optional members are left out. */
export interface TDocumentInput {
  kind: TKind;
  side: TKbSide;
  issuingBody: string;
  number?: string;
  issuedOn?: string;
  effectiveOn?: string;
  repealedOn?: string;
  originalLang: TDocLang;
  hsPrefixes: string[];
  ports: string[];
  regions: string[];
  topics: string[];
  sourceUrl?: string;
  versions: TVersionInput[];
  relations: { kind: TRelationKind; targetId: string }[];
}

export interface TTermInput {
  zh: string;
  ru: string;
  en: string;
  note?: string;
}

export interface TSubscriptionInput {
  kind: TSubscriptionKind;
  value: string;
  webhookUrl?: string;
  email: boolean;
}
