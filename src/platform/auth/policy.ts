/** Roles from DESIGN.md's role table; which organization kinds may hold each. */
export const ROLES = [
  "enterprise_member",
  "customs_officer",
  "quota_officer",
  "statistician",
  "editor",
  "platform_admin",
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_ORG_KINDS: Record<Role, readonly ("enterprise" | "authority" | "platform")[]> = {
  enterprise_member: ["enterprise"],
  customs_officer: ["authority"],
  quota_officer: ["authority"],
  statistician: ["authority"],
  editor: ["authority", "platform"],
  platform_admin: ["platform"],
};

export type Side = "CN" | "RU";
export type OrgKind = "enterprise" | "authority" | "platform";

/** API key scopes. A key acts as its user, narrowed to these. */
export const SCOPES = ["read", "write", "admin"] as const;
export type Scope = (typeof SCOPES)[number];

/**
 * Who may call a route. Every route declares one; the server refuses to start with a route that
 * does not, and the route-matrix test exercises each one.
 * - public: anyone, signed in or not.
 * - authenticated: any signed-in user (session or API key).
 * - role: a user holding one of the roles in some organization; services narrow further by side
 *   or organization and answer 404 for resources of another tenant.
 */
export type Policy =
  | { access: "public" }
  | { access: "authenticated"; scope?: Scope }
  | { access: "role"; roles: readonly Role[]; scope?: Scope };

export const PUBLIC: Policy = { access: "public" };
export const AUTHENTICATED: Policy = { access: "authenticated" };
export function requireRole(...roles: Role[]): Extract<Policy, { access: "role" }> {
  return { access: "role", roles };
}

export interface MembershipView {
  organizationId: string;
  organizationName: string;
  organizationNames: { zh: string | null; ru: string | null; en: string | null };
  organizationKind: OrgKind;
  side: Side | null;
  roles: Role[];
}

export interface AuthContext {
  user: { id: string; email: string; displayName: string; locale: "zh-CN" | "ru-RU" | "en" };
  memberships: MembershipView[];
  via: "session" | "apiKey";
  sessionId: string | null;
  csrfToken: string | null;
  apiKeyId: string | null;
  scopes: readonly Scope[];
}

export function hasRole(auth: AuthContext, role: Role, side?: Side): boolean {
  return auth.memberships.some((m) => m.roles.includes(role) && (side === undefined || m.side === side));
}

/** Sides on which the user holds the role (an officer sees only their own side). */
export function sidesWithRole(auth: AuthContext, role: Role): Side[] {
  return [
    ...new Set(auth.memberships.filter((m) => m.roles.includes(role) && m.side).map((m) => m.side as Side)),
  ];
}

/** The scope a route needs from an API key when it does not say: reads need read, the rest write. */
export function defaultScope(method: string): Scope {
  return method === "GET" || method === "HEAD" ? "read" : "write";
}

export type PolicyDecision =
  | { ok: true }
  | { ok: false; code: "UNAUTHENTICATED" | "FORBIDDEN" | "SCOPE_MISSING"; detail: string };

export function checkPolicy(policy: Policy, auth: AuthContext | null, method: string): PolicyDecision {
  if (policy.access === "public") return { ok: true };
  if (!auth) return { ok: false, code: "UNAUTHENTICATED", detail: "" };
  if (auth.via === "apiKey") {
    const scope = policy.scope ?? defaultScope(method);
    if (!auth.scopes.includes(scope)) return { ok: false, code: "SCOPE_MISSING", detail: scope };
  }
  if (policy.access === "role" && !policy.roles.some((r) => hasRole(auth, r))) {
    return { ok: false, code: "FORBIDDEN", detail: policy.roles.join(", ") };
  }
  return { ok: true };
}
