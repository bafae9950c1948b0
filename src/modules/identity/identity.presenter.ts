import type { MembershipView, Role, Scope } from "../../platform/auth/policy.ts";
import type {
  ApiKeysTable,
  AuditLogTable,
  OrganizationsTable,
  UsersTable,
} from "../../platform/db/schema.ts";
import type { Locale } from "../../platform/i18n/i18n.ts";
import type { MembershipRow } from "./identity.repository.ts";
import type { TApiKey, TMe, TOrganization, TUser } from "./identity.schema.ts";

/** Row → API shape mappers. Only these translate snake_case, 0/1 flags and JSON text. */

export function presentUser(row: Pick<UsersTable, "id" | "email" | "display_name" | "locale">): TUser {
  return { id: row.id, email: row.email, displayName: row.display_name, locale: row.locale };
}

/** Groups membership rows (one per role) into one view per organization. */
export function rowsToMemberships(rows: readonly MembershipRow[]): MembershipView[] {
  const byOrg = new Map<string, MembershipView>();
  for (const r of rows) {
    let m = byOrg.get(r.organization_id);
    if (!m) {
      m = {
        organizationId: r.organization_id,
        organizationName: r.organization_name,
        organizationNames: {
          zh: r.organization_name_zh,
          ru: r.organization_name_ru,
          en: r.organization_name_en,
        },
        organizationKind: r.organization_kind,
        side: r.organization_side,
        roles: [],
      };
      byOrg.set(r.organization_id, m);
    }
    m.roles.push(r.role as Role);
  }
  return [...byOrg.values()];
}

/** The organization's name in the reader's language when it has one, else its registered name. */
export function localizedName(
  names: { zh: string | null; ru: string | null; en: string | null },
  fallback: string,
  locale: Locale,
): string {
  const key = locale === "zh-CN" ? "zh" : locale === "ru-RU" ? "ru" : "en";
  return names[key] ?? fallback;
}

export function presentMemberships(
  memberships: readonly MembershipView[],
  locale: Locale,
): TMe["memberships"] {
  return memberships.map((m) => ({
    organization: {
      id: m.organizationId,
      name: localizedName(m.organizationNames, m.organizationName, locale),
      kind: m.organizationKind,
      side: m.side,
    },
    roles: m.roles,
  }));
}

export function presentOrganization(row: OrganizationsTable): TOrganization {
  return {
    id: row.id,
    kind: row.kind,
    side: row.side,
    name: row.name,
    names: { zh: row.name_zh, ru: row.name_ru, en: row.name_en },
    sample: row.is_sample === 1,
    createdAt: row.created_at,
  };
}

export function presentApiKey(row: ApiKeysTable): TApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: JSON.parse(row.scopes) as Scope[],
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

export function presentAuditEntry(row: AuditLogTable) {
  return {
    seq: Number(row.seq),
    id: row.id,
    occurredAt: row.occurred_at,
    actor: { userId: row.actor_user_id, label: row.actor_label },
    organizationId: row.organization_id,
    action: row.action,
    target: { type: row.target_type, id: row.target_id },
    summary: JSON.parse(row.summary) as Record<string, unknown>,
    requestId: row.request_id,
    hash: row.hash,
  };
}

/** Opaque cursor for (created_at, id) keyset pagination. */
export function encodeCursor(parts: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(parts)).toString("base64url");
}

export function decodeCursor(cursor: string | undefined): Record<string, unknown> | null {
  if (!cursor) return null;
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    return v && typeof v === "object" ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
