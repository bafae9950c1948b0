import { z } from "zod";
import { ROLES, SCOPES } from "../../platform/auth/policy.ts";
import { LOCALES } from "../../platform/i18n/i18n.ts";

export const ZLocale = z.enum(LOCALES);
export const ZRole = z.enum(ROLES);
export const ZScope = z.enum(SCOPES);
export const ZSide = z.enum(["CN", "RU"]);
export const ZOrgKind = z.enum(["enterprise", "authority", "platform"]);
export const ZId = z.string().min(1).max(64);
export const ZEmail = z
  .email()
  .max(254)
  .transform((s) => s.toLowerCase());

export const ZUser = z
  .object({ id: ZId, email: z.string(), displayName: z.string(), locale: ZLocale })
  .meta({ id: "User" });
export type TUser = z.infer<typeof ZUser>;

export const ZOrganization = z
  .object({
    id: ZId,
    kind: ZOrgKind,
    side: ZSide.nullable(),
    name: z.string(),
    names: z.object({ zh: z.string().nullable(), ru: z.string().nullable(), en: z.string().nullable() }),
    sample: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: "Organization" });
export type TOrganization = z.infer<typeof ZOrganization>;

export const ZMembership = z
  .object({
    organization: z.object({ id: ZId, name: z.string(), kind: ZOrgKind, side: ZSide.nullable() }),
    roles: z.array(ZRole),
  })
  .meta({ id: "Membership" });

export const ZMe = z
  .object({ user: ZUser, memberships: z.array(ZMembership), csrfToken: z.string().nullable() })
  .meta({ id: "Me" });
export type TMe = z.infer<typeof ZMe>;
/** GET /api/v1/session: the signed-in user as /me gives it, or null for a visitor. */
export const ZSession = z.object({ me: ZMe.nullable() }).meta({ id: "Session" });

export const ZLoginRequest = z.object({ email: ZEmail, password: z.string().min(1).max(1024) });
export const ZUpdateMeRequest = z
  .object({ displayName: z.string().trim().min(1).max(200).optional(), locale: ZLocale.optional() })
  .strict();

export const ZApiKey = z
  .object({
    id: ZId,
    name: z.string(),
    prefix: z.string(),
    scopes: z.array(ZScope),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: "ApiKey" });
export type TApiKey = z.infer<typeof ZApiKey>;
export const ZApiKeyList = z.object({ items: z.array(ZApiKey) });
export const ZCreateApiKeyRequest = z.object({
  name: z.string().trim().min(1).max(100),
  scopes: z.array(ZScope).min(1).max(3).default(["read", "write"]),
});
export const ZCreatedApiKey = z
  .object({ apiKey: ZApiKey, secret: z.string().describe("Shown once; store it now.") })
  .meta({ id: "CreatedApiKey" });

export const ZIdParams = z.object({ id: ZId });

export const ZPageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

export const ZOrganizationPage = z.object({
  items: z.array(ZOrganization),
  nextCursor: z.string().nullable(),
});
export const ZCreateOrganizationRequest = z.object({
  kind: ZOrgKind,
  side: ZSide.nullable().default(null),
  name: z.string().trim().min(1).max(300),
  names: z
    .object({
      zh: z.string().trim().min(1).max(300).optional(),
      ru: z.string().trim().min(1).max(300).optional(),
      en: z.string().trim().min(1).max(300).optional(),
    })
    .default({}),
});

export const ZAdminUser = ZUser.extend({
  createdAt: z.string(),
  disabled: z.boolean(),
  memberships: z.array(ZMembership),
}).meta({ id: "AdminUser" });
export const ZUserPage = z.object({ items: z.array(ZAdminUser), nextCursor: z.string().nullable() });
export const ZCreateUserRequest = z.object({
  email: ZEmail,
  displayName: z.string().trim().min(1).max(200),
  locale: ZLocale.default("en"),
  password: z.string().min(12).max(1024),
});
export const ZAddMembershipRequest = z.object({ organizationId: ZId, role: ZRole });

export const ZAuditEntry = z
  .object({
    seq: z.number().int(),
    id: z.string(),
    occurredAt: z.string(),
    actor: z.object({ userId: z.string().nullable(), label: z.string() }),
    organizationId: z.string().nullable(),
    action: z.string(),
    target: z.object({ type: z.string(), id: z.string().nullable() }),
    summary: z.record(z.string(), z.unknown()),
    requestId: z.string().nullable(),
    hash: z.string(),
  })
  .meta({ id: "AuditEntry" });
export const ZAuditPage = z.object({ items: z.array(ZAuditEntry), nextCursor: z.string().nullable() });
export const ZAuditVerification = z.object({
  ok: z.boolean(),
  count: z.number().int(),
  head: z.string().nullable(),
  brokenAt: z.number().int().nullable(),
  reason: z.string().nullable(),
  message: z.string(),
});
