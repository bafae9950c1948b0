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
