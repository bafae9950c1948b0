import { AUTHENTICATED, type Policy, PUBLIC, requireRole } from "../../platform/auth/policy.ts";

/**
 * Who may call the registry routes. Reading the directory is public; registering needs an account;
 * members edit their own enterprise (checked in the route: another enterprise's is 404); customs
 * officers verify enterprises of their own side (side scope: the other side gets 403).
 */
export const registryPolicies = {
  validate: PUBLIC,
  directory: PUBLIC,
  register: AUTHENTICATED,
  memberEdit: requireRole("enterprise_member"),
  readPrivate: AUTHENTICATED,
  verify: requireRole("customs_officer"),
} satisfies Record<string, Policy>;
