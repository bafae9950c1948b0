import {
  addMembership,
  createOrganization,
  createUser,
  hashNewPassword,
} from "../src/modules/identity/identity.service.ts";
import type { Role, Side } from "../src/platform/auth/policy.ts";
import { ROLE_ORG_KINDS } from "../src/platform/auth/policy.ts";
import type { AppDeps } from "../src/platform/deps.ts";
import { operationDeps } from "../src/platform/deps.ts";
import type { AmurApp } from "../src/platform/http/app.ts";
import { runOperation, SYSTEM_ACTOR } from "../src/platform/operations.ts";

export const TEST_PASSWORD = "correct horse battery staple";
let passwordHash: Promise<string> | undefined;
let counter = 0;

export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}

export async function makeOrganization(
  deps: AppDeps,
  input: { kind?: "enterprise" | "authority" | "platform"; side?: Side | null; name?: string } = {},
) {
  const kind = input.kind ?? "enterprise";
  return runOperation(
    operationDeps(deps),
    createOrganization,
    {
      kind,
      side: input.side === undefined ? (kind === "platform" ? null : "CN") : input.side,
      name: input.name ?? unique(`org-${kind}`),
      names: {},
      sample: true,
    },
    { actor: SYSTEM_ACTOR },
  );
}

/**
 * A user with a role, in a new organization of the kind that role belongs to (creating the missing
 * parent, as the factories do throughout). `role: null` makes a user without any membership.
 */
export async function makeUser(
  deps: AppDeps,
  input: { role?: Role | null; side?: Side | null; organizationId?: string; email?: string } = {},
) {
  passwordHash ??= hashNewPassword(TEST_PASSWORD);
  const email = input.email ?? `${unique("user")}@test.amur.local`;
  const user = await runOperation(
    operationDeps(deps),
    createUser,
    { email, displayName: email.split("@")[0] ?? email, locale: "en", passwordHash: await passwordHash },
    { actor: SYSTEM_ACTOR },
  );
  const role = input.role === undefined ? "enterprise_member" : input.role;
  let organizationId = input.organizationId ?? null;
  if (role) {
    if (!organizationId) {
      const kind = ROLE_ORG_KINDS[role][0] ?? "enterprise";
      const side = kind === "platform" ? null : (input.side ?? "CN");
      organizationId = (await makeOrganization(deps, { kind, side })).id;
    }
    await runOperation(
      operationDeps(deps),
      addMembership,
      { userId: user.id, organizationId, role },
      { actor: SYSTEM_ACTOR },
    );
  }
  return { user, email, password: TEST_PASSWORD, organizationId };
}

export interface Session {
  cookie: string;
  csrf: string;
  headers: Record<string, string>;
  /** Headers for a mutation: cookie plus CSRF token. */
  write: Record<string, string>;
}

export async function login(app: AmurApp, email: string, password = TEST_PASSWORD): Promise<Session> {
  const res = await app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === "amur_session");
  if (!cookie) throw new Error("no session cookie");
  const csrf = (res.json() as { csrfToken: string }).csrfToken;
  const headers = { cookie: `amur_session=${cookie.value}` };
  return { cookie: cookie.value, csrf, headers, write: { ...headers, "x-csrf-token": csrf } };
}
