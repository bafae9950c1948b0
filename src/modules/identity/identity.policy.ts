import { AUTHENTICATED, type Policy, PUBLIC, requireRole } from "../../platform/auth/policy.ts";

/** Who may call the identity routes. Tenancy (own keys only) is enforced in the service. */
export const identityPolicies = {
  login: PUBLIC,
  logout: AUTHENTICATED,
  me: AUTHENTICATED,
  /** Who is signed in, if anyone: asked by every page, also a visitor's. */
  session: PUBLIC,
  apiKeys: AUTHENTICATED,
  administer: { ...requireRole("platform_admin"), scope: "admin" },
} satisfies Record<string, Policy>;
