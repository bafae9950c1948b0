import { type Policy, PUBLIC, requireRole } from "../../platform/auth/policy.ts";

/** Reference data is public; only platform administrators configure port capacities. */
export const referencePolicies = {
  read: PUBLIC,
  configurePorts: requireRole("platform_admin"),
} satisfies Record<string, Policy>;
