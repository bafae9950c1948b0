import { z } from "zod/mini";

// Response shapes of the server API as this client relies on them. Parsing every answer turns a drift
// between server and client into one clear error instead of `undefined` deep inside a page. Unknown
// fields are stripped, so the server may add fields freely. `zod/mini` keeps this to a few kilobytes. When the server's module schemas
// (`src/**/*.schema.ts`) can be shared with the browser build, import them here instead.

export const ZLocale = z.enum(["zh-CN", "ru-RU", "en"]);

export const ROLES = [
  "enterprise_member",
  "customs_officer",
  "quota_officer",
  "statistician",
  "editor",
  "platform_admin",
] as const;
export type TRole = (typeof ROLES)[number];

export const ZUser = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  locale: ZLocale,
});
export type TUser = z.infer<typeof ZUser>;

export const ZOrganizationKind = z.enum(["enterprise", "authority", "platform"]);
export type TOrganizationKind = z.infer<typeof ZOrganizationKind>;

export const ZSide = z.enum(["CN", "RU"]);
export type TSide = z.infer<typeof ZSide>;

export const ZMembership = z.object({
  organization: z.object({
    id: z.string(),
    name: z.string(),
    kind: ZOrganizationKind,
    side: z.nullable(ZSide),
  }),
  // Kept as plain strings: a role added on the server must not break the account page before the
  // client learns its name; unknown roles are shown by their code.
  roles: z.array(z.string()),
});
export type TMembership = z.infer<typeof ZMembership>;

export const ZMe = z.object({
  user: ZUser,
  memberships: z.array(ZMembership),
  csrfToken: z.nullable(z.string()),
});
export type TMe = z.infer<typeof ZMe>;
export const ZSession = z.object({ me: z.nullable(ZMe) });

export const ZApiKey = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.string()),
  createdAt: z.string(),
  lastUsedAt: z.nullable(z.string()),
  revokedAt: z.nullable(z.string()),
});
export type TApiKey = z.infer<typeof ZApiKey>;

export const ZApiKeyList = z.object({ items: z.array(ZApiKey) });

export const ZCreatedApiKey = z.object({ apiKey: ZApiKey, secret: z.string() });
export type TCreatedApiKey = z.infer<typeof ZCreatedApiKey>;

/** RFC 9457 problem details as the server sends them; every member is optional to read defensively. */
export const ZProblem = z.object({
  type: z.optional(z.string()),
  status: z.optional(z.number()),
  code: z.optional(z.string()),
  title: z.optional(z.string()),
  detail: z.optional(z.string()),
  requestId: z.optional(z.string()),
  errors: z.optional(
    z.array(
      z.object({
        path: z.optional(z.union([z.string(), z.array(z.union([z.string(), z.number()]))])),
        code: z.optional(z.string()),
        message: z.optional(z.string()),
      }),
    ),
  ),
});

// ---------- Reference data: HS / TN VED nomenclature and border crossing points ----------

/** Names by language; null where the data has no name in that language (never an empty string). */
export const ZNames = z.object({
  en: z.nullable(z.string()),
  ru: z.nullable(z.string()),
  zh: z.nullable(z.string()),
});
export type TNames = z.infer<typeof ZNames>;

export const HS_LEVELS = ["section", "chapter", "heading", "subheading", "national"] as const;
export const ZHsLevel = z.enum(HS_LEVELS);
export type THsLevel = z.infer<typeof ZHsLevel>;

export const ZHsBrief = z.object({ code: z.string(), level: ZHsLevel, names: ZNames });
export type THsBrief = z.infer<typeof ZHsBrief>;

export const ZHsSearchResult = z.object({
  items: z.array(z.object({ code: z.string(), level: ZHsLevel, names: ZNames, path: z.array(z.string()) })),
});
export type THsSearchHit = z.infer<typeof ZHsSearchResult>["items"][number];

export const ZHsNode = z.object({
  code: z.string(),
  level: ZHsLevel,
  scheme: z.enum(["HS", "EAEU", "CN"]),
  names: ZNames,
  // Kept as plain strings: a new source must not break the page; unknown ones are shown by their code.
  nameSources: z.object({ ru: z.nullable(z.string()), zh: z.nullable(z.string()) }),
  sectionCode: z.nullable(z.string()),
  validFrom: z.nullable(z.string()),
  validTo: z.nullable(z.string()),
  note: z.nullable(z.string()),
  path: z.array(ZHsBrief),
  children: z.array(ZHsBrief),
});
export type THsNode = z.infer<typeof ZHsNode>;

/** Port names always come in all three languages. */
const ZPortNames = z.object({ zh: z.string(), ru: z.string(), en: z.string() });
export type TPortNames = z.infer<typeof ZPortNames>;

export const PORT_MODES = ["road", "rail", "river", "bridge", "pipeline"] as const;
export const ZPortMode = z.enum(PORT_MODES);
export type TPortMode = z.infer<typeof ZPortMode>;

export const PORT_STATUSES = ["open", "temporarily_closed", "unknown"] as const;
export type TPortStatus = (typeof PORT_STATUSES)[number];

const ZPortSide = z.object({
  names: ZPortNames,
  region: z.object({ code: z.string(), names: ZPortNames }),
  locality: z.nullable(z.object({ zh: z.nullable(z.string()), ru: z.nullable(z.string()), en: z.string() })),
  confirmed: z.boolean(),
  locode: z.nullable(z.string()),
  coordinates: z.nullable(
    z.object({ lat: z.number(), lon: z.number(), basis: z.enum(["unlocode", "approximate"]) }),
  ),
  checkpoints: z.array(
    z.object({
      names: ZPortNames,
      modes: z.array(z.string()),
      locode: z.nullable(z.string()),
      note: z.string(),
    }),
  ),
});
export type TPortSide = z.infer<typeof ZPortSide>;

export const ZBorderPort = z.object({
  id: z.string(),
  cn: ZPortSide,
  ru: z.nullable(ZPortSide),
  modes: z.array(ZPortMode),
  status: z.enum(PORT_STATUSES),
  statusBasis: z.string(),
  statusNote: z.string(),
  facts: z.array(
    z.object({
      kind: z.string(),
      date: z.nullable(z.string()),
      text: z.string(),
      sources: z.array(z.string()),
      confidence: z.string(),
    }),
  ),
  capacity: z.object({
    vehiclesPerDay: z.nullable(z.number()),
    wagonsPerDay: z.nullable(z.number()),
    tonnesPerDay: z.nullable(z.number()),
    source: z.string(),
    basis: z.nullable(z.string()),
    note: z.nullable(z.string()),
    updatedAt: z.nullable(z.string()),
  }),
  sources: z.array(z.string()),
  unconfirmed: z.array(z.string()),
});
export type TBorderPort = z.infer<typeof ZBorderPort>;

export const ZBorderPortList = z.object({ items: z.array(ZBorderPort) });

// ---------- Enterprise registry ----------

export const IDENTIFIER_SCHEMES = ["uscc", "inn", "ogrn", "ogrnip", "kpp"] as const;
export type TIdentifierScheme = (typeof IDENTIFIER_SCHEMES)[number];

const ZIdentifierIssue = z.object({ code: z.string(), message: z.string() });
export type TIdentifierIssue = z.infer<typeof ZIdentifierIssue>;

/** `GET /identifiers/validate`: messages arrive in the reader's language and name the failing position. */
export const ZIdentifierCheck = z.object({
  scheme: z.enum(IDENTIFIER_SCHEMES),
  value: z.string(),
  valid: z.boolean(),
  normalized: z.string(),
  errors: z.array(ZIdentifierIssue),
  warnings: z.array(ZIdentifierIssue),
});
export type TIdentifierCheck = z.infer<typeof ZIdentifierCheck>;

export const ENTERPRISE_STATUSES = ["pending", "verified", "rejected"] as const;
export type TEnterpriseStatus = (typeof ENTERPRISE_STATUSES)[number];

export const AEO_LEVELS = ["general", "advanced"] as const;
export type TAeoLevel = (typeof AEO_LEVELS)[number];

const ZTrustProfile = z.object({
  score: z.number(),
  formulaVersion: z.number(),
  computedAt: z.string(),
  components: z.array(
    z.object({
      // Kept as plain strings: a component added by a new formula version is shown with the server's
      // own label and explanation, which arrive translated.
      key: z.string(),
      points: z.number(),
      max: z.number(),
      state: z.string(),
      label: z.string(),
      explanation: z.string(),
    }),
  ),
});
export type TTrustProfile = z.infer<typeof ZTrustProfile>;
export type TTrustComponent = TTrustProfile["components"][number];

export const ZEnterprise = z.object({
  id: z.string(),
  side: ZSide,
  status: z.enum(ENTERPRISE_STATUSES),
  /** In the reader's language when the enterprise has a name in it, else its native name. */
  name: z.string(),
  names: ZNames,
  identifiers: z.object({
    uscc: z.nullable(z.string()),
    inn: z.nullable(z.string()),
    ogrn: z.nullable(z.string()),
    kpp: z.nullable(z.string()),
  }),
  legalForm: z.nullable(z.string()),
  region: z.object({ code: z.string(), name: z.string() }),
  address: z.nullable(z.string()),
  hsChapters: z.array(z.string()),
  borderTrade: z.boolean(),
  aeo: z.object({ level: z.nullable(z.enum(AEO_LEVELS)), since: z.nullable(z.string()) }),
  crossBorderEcommerce: z.boolean(),
  registeredAt: z.string(),
  verifiedSince: z.nullable(z.string()),
  sample: z.boolean(),
  trust: z.nullable(ZTrustProfile),
});
export type TEnterprise = z.infer<typeof ZEnterprise>;

export const ZDirectoryPage = z.object({ items: z.array(ZEnterprise), nextCursor: z.nullable(z.string()) });
export type TDirectoryPage = z.infer<typeof ZDirectoryPage>;

export const ZQueueEntry = z.extend(ZEnterprise, { registeredBy: z.nullable(z.string()) });
export type TQueueEntry = z.infer<typeof ZQueueEntry>;
export const ZQueuePage = z.object({ items: z.array(ZQueueEntry) });

export const ZEnterprisePrivate = z.object({
  id: z.string(),
  contacts: z.object({
    email: z.nullable(z.string()),
    phone: z.nullable(z.string()),
    website: z.nullable(z.string()),
  }),
  decisionReason: z.nullable(z.string()),
  decisions: z.array(
    z.object({
      // Plain string: an action added on the server is shown by its code until the client learns it.
      action: z.string(),
      reason: z.nullable(z.string()),
      at: z.string(),
      actor: z.nullable(z.string()),
    }),
  ),
});
export type TEnterprisePrivate = z.infer<typeof ZEnterprisePrivate>;

export const ZTrustHistory = z.object({
  profile: z.nullable(ZTrustProfile),
  history: z.array(
    z.object({
      score: z.number(),
      previousScore: z.nullable(z.number()),
      eventType: z.string(),
      at: z.string(),
    }),
  ),
});
export type TTrustHistory = z.infer<typeof ZTrustHistory>;

export const ZRegistered = z.object({
  enterprise: ZEnterprise,
  warnings: z.array(z.object({ path: z.string(), code: z.string(), message: z.string() })),
});
export type TRegistered = z.infer<typeof ZRegistered>;

export const ZRegionList = z.object({
  items: z.array(
    z.object({
      code: z.string(),
      country: z.string(),
      /** In the reader's language. */
      name: z.string(),
      names: z.optional(ZNames),
    }),
  ),
});
export type TRegion = z.infer<typeof ZRegionList>["items"][number];

/** The body of `POST /enterprises`; optional members are left out rather than sent empty. */
export interface TEnterpriseRegistration {
  side: TSide;
  identifiers: { uscc?: string; inn?: string; ogrn?: string; kpp?: string };
  names: { zh?: string; ru?: string; en?: string };
  legalForm?: string;
  /** Required; left out while none is chosen, so the server answers "required" at the field. */
  region?: string;
  address?: string;
  contacts: { email?: string; phone?: string; website?: string };
  hsChapters: string[];
  borderTrade: boolean;
  aeo: { level: TAeoLevel | null; since?: string };
  crossBorderEcommerce: boolean;
}

/** The body of `PATCH /enterprises/{id}`: what members may change. */
export interface TEnterpriseUpdate {
  names?: { zh?: string; ru?: string; en?: string };
  legalForm?: string;
  address?: string;
  contacts?: { email?: string; phone?: string; website?: string };
  hsChapters?: string[];
  crossBorderEcommerce?: boolean;
}

// ---------- Tariffs and exchange rates ----------

export const TRADE_DIRECTIONS = ["CN_TO_RU", "RU_TO_CN"] as const;
export type TTradeDirection = (typeof TRADE_DIRECTIONS)[number];

export const QUANTITY_UNITS = ["kg", "t", "m3", "l", "pcs", "pair"] as const;
export type TQuantityUnit = (typeof QUANTITY_UNITS)[number];

/** A sentence the server wrote in the reader's language, with the key it was made from. */
const ZExplained = z.object({ key: z.string(), text: z.string() });
export type TExplained = z.infer<typeof ZExplained>;

const ZTariffRule = z.object({
  hsPrefix: z.string(),
  // Plain strings: a combination or source added on the server is shown by its code, not rejected.
  combination: z.string(),
  adValorem: z.nullable(z.string()),
  specific: z.nullable(z.object({ amount: z.string(), currency: z.string(), unit: z.string() })),
  legalRef: z.string(),
  source: z.string(),
  validFrom: z.string(),
  validTo: z.nullable(z.string()),
  version: z.number(),
});
export type TTariffRule = z.infer<typeof ZTariffRule>;

const ZRateUsed = z.object({
  rate: z.string(),
  source: z.string(),
  publishedOn: z.string(),
  via: z.optional(z.string()),
  sample: z.boolean(),
});
export type TRateUsed = z.infer<typeof ZRateUsed>;

export const ZAssessment = z.object({
  side: ZSide,
  flow: z.enum(["import", "export"]),
  hsCode: z.string(),
  date: z.string(),
  currency: z.string(),
  customsValue: z.object({
    amount: z.string(),
    original: z.object({ amount: z.string(), currency: z.string() }),
    rate: z.nullable(ZRateUsed),
    explanation: ZExplained,
  }),
  prohibited: z.nullable(z.object({ rule: ZTariffRule, explanation: ZExplained })),
  preference: z.nullable(z.object({ exempt: z.string(), taxable: z.string(), explanation: ZExplained })),
  amounts: z.array(
    z.object({
      kind: z.string(),
      amount: z.string(),
      base: z.string(),
      rule: z.nullable(ZTariffRule),
      explanation: ZExplained,
    }),
  ),
  total: z.string(),
  rounding: z.string(),
  warnings: z.array(ZExplained),
});
export type TAssessment = z.infer<typeof ZAssessment>;

const ZCostTotals = z.object({ goods: z.string(), duties: z.string(), taxes: z.string(), total: z.string() });
export type TCostTotals = z.infer<typeof ZCostTotals>;

export const ZLandedCost = z.object({
  direction: z.enum(TRADE_DIRECTIONS),
  date: z.string(),
  goods: z.object({ amount: z.string(), currency: z.string() }),
  export: ZAssessment,
  import: ZAssessment,
  totals: z.object({ CNY: ZCostTotals, RUB: ZCostTotals, USD: z.nullable(ZCostTotals) }),
  prohibited: z.boolean(),
  warnings: z.array(ZExplained),
});
export type TLandedCost = z.infer<typeof ZLandedCost>;

/** The body of `POST /tariffs/landed-cost`; optional members are left out rather than sent empty. */
export interface TLandedCostRequest {
  direction: TTradeDirection;
  hsCode: string;
  date: string;
  value: { amount: string; currency: string };
  quantity?: { value: string; unit: TQuantityUnit };
  origin?: string;
  preference?: "border_resident";
  residentUsedTodayCny?: string;
}

export const ZExchangeRate = z.object({
  base: z.string(),
  quote: z.string(),
  date: z.string(),
  rate: z.string(),
  source: z.string(),
  publishedOn: z.string(),
  via: z.optional(z.string()),
  sample: z.boolean(),
});
export type TExchangeRate = z.infer<typeof ZExchangeRate>;

export const ZMonthlyRate = z.object({
  base: z.string(),
  quote: z.string(),
  month: z.string(),
  rate: z.string(),
  days: z.number(),
  via: z.optional(z.string()),
  sample: z.boolean(),
});
export type TMonthlyRate = z.infer<typeof ZMonthlyRate>;
