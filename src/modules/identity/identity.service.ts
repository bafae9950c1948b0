import {
  hashPassword,
  randomToken,
  safeEqual,
  sha256Hex,
  verifyPassword,
} from "../../platform/auth/crypto.ts";
import type { AuthContext, Role, Scope } from "../../platform/auth/policy.ts";
import { ROLE_ORG_KINDS } from "../../platform/auth/policy.ts";
import { newId } from "../../platform/clock.ts";
import type { Executor } from "../../platform/db/db.ts";
import type { AppDeps } from "../../platform/deps.ts";
import { operationDeps } from "../../platform/deps.ts";
import { AppError, fieldError } from "../../platform/errors.ts";
import { I18N_PARAM } from "../../platform/http/problem.ts";
import type { Locale } from "../../platform/i18n/i18n.ts";
import { type Actor, defineOperation, runOperation } from "../../platform/operations.ts";
import {
  decodeCursor,
  encodeCursor,
  presentApiKey,
  presentMemberships,
  presentOrganization,
  presentUser,
  rowsToMemberships,
} from "./identity.presenter.ts";
import * as repo from "./identity.repository.ts";
import type { TApiKey, TMe, TOrganization } from "./identity.schema.ts";

const SESSION_TOUCH_MS = 5 * 60_000;
const API_KEY_TOUCH_MS = 60_000;
// A valid hash of a random password: verifying against it costs what a real check costs, so a
// missing account cannot be told apart from a wrong password by timing.
let dummyHash: Promise<string> | undefined;

export function actorOf(auth: AuthContext): Actor {
  return {
    userId: auth.user.id,
    label: auth.user.email,
    organizationId: auth.memberships.length === 1 ? (auth.memberships[0]?.organizationId ?? null) : null,
  };
}

export async function loadMemberships(db: Executor, userId: string) {
  return rowsToMemberships(await repo.listMembershipRows(db, [userId]));
}

/** Resolves a session cookie's token to the signed-in user, or null. */
export async function authenticateSession(deps: AppDeps, token: string): Promise<AuthContext | null> {
  const now = deps.clock.now();
  const id = sha256Hex(token);
  const cached = deps.authCache.get(`s:${id}`, now.getTime());
  if (cached) return cached;
  const row = await repo.findLiveSession(deps.db.db, id, now.toISOString());
  if (!row) return null;
  if (now.getTime() - Date.parse(row.last_seen_at) > SESSION_TOUCH_MS) {
    await repo.touchSession(deps.db.db, id, now.toISOString());
  }
  const auth: AuthContext = {
    user: { id: row.id, email: row.email, displayName: row.display_name, locale: row.locale },
    memberships: await loadMemberships(deps.db.db, row.id),
    via: "session",
    sessionId: id,
    csrfToken: row.csrf_token,
    apiKeyId: null,
    scopes: ["read", "write", "admin"],
  };
  deps.authCache.set(`s:${id}`, auth, now.getTime(), Date.parse(row.expires_at));
  return auth;
}

/** API keys look like `amur_<prefix>_<secret>`; the prefix finds the row, the hash proves the secret. */
export async function authenticateApiKey(deps: AppDeps, key: string): Promise<AuthContext | null> {
  const match = /^amur_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{20,})$/.exec(key);
  if (!match?.[1]) return null;
  const cacheKey = `k:${sha256Hex(key)}`;
  const cached = deps.authCache.get(cacheKey, deps.clock.now().getTime());
  if (cached) return cached;
  const row = await repo.findApiKeyWithUser(deps.db.db, match[1]);
  if (!row || row.revoked_at || row.disabled_at) return null;
  if (!safeEqual(sha256Hex(key), row.key_hash)) return null;
  const now = deps.clock.now();
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > API_KEY_TOUCH_MS) {
    await repo.touchApiKey(deps.db.db, row.key_id, now.toISOString());
  }
  const auth: AuthContext = {
    user: { id: row.id, email: row.email, displayName: row.display_name, locale: row.locale },
    memberships: await loadMemberships(deps.db.db, row.id),
    via: "apiKey",
    sessionId: null,
    csrfToken: null,
    apiKeyId: row.key_id,
    scopes: JSON.parse(row.scopes) as Scope[],
  };
  deps.authCache.set(cacheKey, auth, now.getTime());
  return auth;
}

export function presentMe(auth: AuthContext, locale: Locale): TMe {
  return {
    user: auth.user,
    memberships: presentMemberships(auth.memberships, locale),
    csrfToken: auth.csrfToken,
  };
}

const recordLogin = defineOperation({
  name: "identity.login",
  async run(
    ctx,
    input: {
      userId: string;
      sessionId: string;
      csrfToken: string;
      expiresAt: string;
      userAgent: string | null;
    },
  ) {
    await repo.insertSession(ctx.trx, {
      id: input.sessionId,
      user_id: input.userId,
      csrf_token: input.csrfToken,
      created_at: ctx.now,
      expires_at: input.expiresAt,
      last_seen_at: ctx.now,
      user_agent: input.userAgent,
    });
    await ctx.audit({
      action: "auth.login",
      targetType: "user",
      targetId: input.userId,
      summary: { expiresAt: input.expiresAt },
    });
  },
});

/** Checks the password and opens a session. Returns the cookie token (never stored) and the context. */
export async function login(
  deps: AppDeps,
  input: { email: string; password: string },
  meta: { requestId: string; userAgent: string | null },
): Promise<{ token: string; expiresAt: Date; auth: AuthContext }> {
  const user = await repo.findUserByEmail(deps.db.db, input.email);
  if (!user?.password_hash || user.disabled_at) {
    dummyHash ??= hashPassword(randomToken());
    await verifyPassword(input.password, await dummyHash);
    throw new AppError("INVALID_CREDENTIALS");
  }
  if (!(await verifyPassword(input.password, user.password_hash))) throw new AppError("INVALID_CREDENTIALS");
  const token = randomToken(32);
  const csrfToken = randomToken(24);
  const expiresAt = new Date(deps.clock.now().getTime() + deps.config.sessionTtlHours * 3600_000);
  await runOperation(
    operationDeps(deps),
    recordLogin,
    {
      userId: user.id,
      sessionId: sha256Hex(token),
      csrfToken,
      expiresAt: expiresAt.toISOString(),
      userAgent: meta.userAgent,
    },
    { actor: { userId: user.id, label: user.email, organizationId: null }, requestId: meta.requestId },
  );
  return {
    token,
    expiresAt,
    auth: {
      user: presentUser(user),
      memberships: await loadMemberships(deps.db.db, user.id),
      via: "session",
      sessionId: sha256Hex(token),
      csrfToken,
      apiKeyId: null,
      scopes: ["read", "write", "admin"],
    },
  };
}

const recordLogout = defineOperation({
  name: "identity.logout",
  async run(ctx, input: { sessionId: string; userId: string }) {
    await repo.deleteSession(ctx.trx, input.sessionId);
    await ctx.audit({ action: "auth.logout", targetType: "user", targetId: input.userId, summary: {} });
  },
});

export async function logout(deps: AppDeps, auth: AuthContext, requestId: string): Promise<void> {
  if (!auth.sessionId) return;
  deps.authCache.forget(`s:${auth.sessionId}`);
  await runOperation(
    operationDeps(deps),
    recordLogout,
    { sessionId: auth.sessionId, userId: auth.user.id },
    {
      actor: actorOf(auth),
      requestId,
    },
  );
}

export const updateMyProfile = defineOperation({
  name: "identity.updateProfile",
  async run(ctx, input: { userId: string; displayName?: string | undefined; locale?: Locale | undefined }) {
    const before = await repo.findUserById(ctx.trx, input.userId);
    if (!before) throw new AppError("NOT_FOUND", { resource: "user", id: input.userId });
    const patch = {
      ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
      ...(input.locale !== undefined ? { locale: input.locale } : {}),
    };
    await repo.updateUser(ctx.trx, input.userId, { ...patch, updated_at: ctx.now });
    const changes = Object.fromEntries(
      Object.entries(patch).map(([k, v]) => [k, { from: before[k as keyof typeof patch], to: v }]),
    );
    await ctx.audit({
      action: "user.profile_updated",
      targetType: "user",
      targetId: input.userId,
      summary: changes,
    });
    await ctx.emit({
      type: "user.profile_updated",
      aggregateType: "user",
      aggregateId: input.userId,
      payload: changes,
    });
    return presentUser({ ...before, ...patch });
  },
});

export async function listMyApiKeys(deps: AppDeps, auth: AuthContext): Promise<TApiKey[]> {
  return (await repo.listApiKeysOfUser(deps.db.db, auth.user.id)).map(presentApiKey);
}

export const createApiKey = defineOperation({
  name: "identity.createApiKey",
  async run(ctx, input: { userId: string; name: string; scopes: Scope[] }) {
    const prefix = randomToken(9).replace(/[-_]/g, "x").slice(0, 12);
    const secret = `amur_${prefix}_${randomToken(32)}`;
    const row = {
      id: newId(),
      user_id: input.userId,
      name: input.name,
      prefix,
      key_hash: sha256Hex(secret),
      scopes: JSON.stringify(input.scopes),
      created_at: ctx.now,
      last_used_at: null,
      revoked_at: null,
    };
    await repo.insertApiKey(ctx.trx, row);
    await ctx.audit({
      action: "api_key.created",
      targetType: "api_key",
      targetId: row.id,
      summary: { name: input.name, prefix, scopes: input.scopes },
    });
    return { apiKey: presentApiKey(row), secret };
  },
});

export const revokeApiKey = defineOperation({
  name: "identity.revokeApiKey",
  async run(ctx, input: { userId: string; id: string }) {
    // Another user's key is reported as missing, never as forbidden: its existence is not disclosed.
    const row = await repo.findApiKeyOfUser(ctx.trx, input.userId, input.id);
    if (!row) throw new AppError("NOT_FOUND", { resource: "api_key", id: input.id });
    if (row.revoked_at) return;
    await repo.revokeApiKeyRow(ctx.trx, row.id, ctx.now);
    await ctx.audit({
      action: "api_key.revoked",
      targetType: "api_key",
      targetId: row.id,
      summary: { prefix: row.prefix },
    });
  },
});

export const createOrganization = defineOperation({
  name: "identity.createOrganization",
  async run(
    ctx,
    input: {
      kind: "enterprise" | "authority" | "platform";
      side: "CN" | "RU" | null;
      name: string;
      names: { zh?: string | undefined; ru?: string | undefined; en?: string | undefined };
      sample?: boolean;
    },
  ): Promise<TOrganization> {
    if (input.kind === "authority" && !input.side) {
      throw new AppError("VALIDATION_FAILED", {}, [fieldError("side", "required", "validation.required")]);
    }
    const row = {
      id: newId(),
      kind: input.kind,
      side: input.side,
      name: input.name,
      name_zh: input.names.zh ?? null,
      name_ru: input.names.ru ?? null,
      name_en: input.names.en ?? null,
      is_sample: input.sample ? 1 : 0,
      created_at: ctx.now,
    };
    await repo.insertOrganization(ctx.trx, row);
    await ctx.audit({
      action: "organization.created",
      targetType: "organization",
      targetId: row.id,
      organizationId: row.id,
      summary: { kind: row.kind, side: row.side, name: row.name },
    });
    await ctx.emit({
      type: "organization.created",
      aggregateType: "organization",
      aggregateId: row.id,
      payload: { kind: row.kind, side: row.side },
    });
    return presentOrganization(row);
  },
});

export const createUser = defineOperation({
  name: "identity.createUser",
  async run(
    ctx,
    input: { email: string; displayName: string; locale: Locale; passwordHash: string; sample?: boolean },
  ) {
    if (await repo.findUserByEmail(ctx.trx, input.email))
      throw new AppError("EMAIL_TAKEN", { email: input.email });
    const row = {
      id: newId(),
      email: input.email,
      display_name: input.displayName,
      locale: input.locale,
      password_hash: input.passwordHash,
      is_sample: input.sample ? 1 : 0,
      created_at: ctx.now,
      updated_at: ctx.now,
      disabled_at: null,
    };
    await repo.insertUser(ctx.trx, row);
    await ctx.audit({
      action: "user.created",
      targetType: "user",
      targetId: row.id,
      summary: { email: row.email },
    });
    return presentUser(row);
  },
});

export const addMembership = defineOperation({
  name: "identity.addMembership",
  async run(ctx, input: { userId: string; organizationId: string; role: Role }) {
    const org = await repo.findOrganization(ctx.trx, input.organizationId);
    if (!org) throw new AppError("NOT_FOUND", { resource: "organization", id: input.organizationId });
    if (!(await repo.findUserById(ctx.trx, input.userId))) {
      throw new AppError("NOT_FOUND", { resource: "user", id: input.userId });
    }
    if (!ROLE_ORG_KINDS[input.role].includes(org.kind)) {
      throw new AppError("CONFLICT", {
        reason: `${I18N_PARAM}identity.role_org_kind`,
        role: input.role,
        kind: org.kind,
      });
    }
    const added = await repo.insertMembership(ctx.trx, {
      user_id: input.userId,
      organization_id: org.id,
      role: input.role,
      created_at: ctx.now,
    });
    if (added) {
      await ctx.audit({
        action: "membership.added",
        targetType: "user",
        targetId: input.userId,
        organizationId: org.id,
        summary: { role: input.role },
      });
    }
  },
});

export async function hashNewPassword(password: string): Promise<string> {
  return hashPassword(password);
}

export async function listOrganizations(deps: AppDeps, limit: number, cursor: string | undefined) {
  const after = decodeCursor(cursor);
  const rows = await repo.listOrganizationsPage(
    deps.db.db,
    limit,
    after && typeof after.c === "string" && typeof after.i === "string"
      ? { createdAt: after.c, id: after.i }
      : null,
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(presentOrganization),
    nextCursor: rows.length > limit && last ? encodeCursor({ c: last.created_at, i: last.id }) : null,
  };
}

export async function listUsers(deps: AppDeps, limit: number, cursor: string | undefined, locale: Locale) {
  const after = decodeCursor(cursor);
  const rows = await repo.listUsersPage(
    deps.db.db,
    limit,
    after && typeof after.c === "string" && typeof after.i === "string"
      ? { createdAt: after.c, id: after.i }
      : null,
  );
  const page = rows.slice(0, limit);
  const memberships = await repo.listMembershipRows(
    deps.db.db,
    page.map((u) => u.id),
  );
  const last = page.at(-1);
  return {
    items: page.map((u) => ({
      ...presentUser(u),
      createdAt: u.created_at,
      disabled: u.disabled_at !== null,
      memberships: presentMemberships(
        rowsToMemberships(memberships.filter((m) => m.user_id === u.id)),
        locale,
      ),
    })),
    nextCursor: rows.length > limit && last ? encodeCursor({ c: last.created_at, i: last.id }) : null,
  };
}
