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
