import { z } from "zod";
import { verifyAuditChain } from "../../platform/audit/audit.ts";
import type { AuthContext } from "../../platform/auth/policy.ts";
import { operationDeps } from "../../platform/deps.ts";
import { AppError } from "../../platform/errors.ts";
import { type AmurApp, type RouteModule, SESSION_COOKIE } from "../../platform/http/app.ts";
import { t } from "../../platform/i18n/i18n.ts";
import { runOperation } from "../../platform/operations.ts";
import { identityPolicies as policy } from "./identity.policy.ts";
import { decodeCursor, encodeCursor, presentAuditEntry } from "./identity.presenter.ts";
import * as repo from "./identity.repository.ts";
import {
  ZAddMembershipRequest,
  ZApiKeyList,
  ZAuditPage,
  ZAuditVerification,
  ZCreateApiKeyRequest,
  ZCreatedApiKey,
  ZCreateOrganizationRequest,
  ZCreateUserRequest,
  ZIdParams,
  ZLoginRequest,
  ZMe,
  ZOrganization,
  ZOrganizationPage,
  ZPageQuery,
  ZSession,
  ZUpdateMeRequest,
  ZUser,
  ZUserPage,
} from "./identity.schema.ts";
import * as identity from "./identity.service.ts";

const tags = ["identity"];

function authOf(auth: AuthContext | null): AuthContext {
  if (!auth) throw new AppError("UNAUTHENTICATED");
  return auth;
}

function idempotencyKey(headers: Record<string, unknown>): string | null {
  const v = headers["idempotency-key"];
  return typeof v === "string" && v.length > 0 && v.length <= 200 ? v : null;
}

export const identityRoutes: RouteModule = (app: AmurApp, deps) => {
  const secure = deps.config.secureCookies;

  app.route({
    method: "POST",
    url: "/api/v1/auth/login",
    config: { policy: policy.login, rateLimit: { max: deps.config.loginRateLimit, timeWindow: "1 minute" } },
    schema: {
      tags,
      summary: "Sign in with email and password; sets the session cookie",
      body: ZLoginRequest,
      response: { 200: ZMe },
    },
    handler: async (request, reply) => {
      const { token, expiresAt, auth } = await identity.login(deps, request.body, {
        requestId: request.id,
        userAgent: request.headers["user-agent"]?.slice(0, 300) ?? null,
      });
      reply.setCookie(SESSION_COOKIE, token, {
        path: "/",
        httpOnly: true,
        sameSite: "lax",
        secure: secure === "auto" ? request.protocol === "https" : secure === "true",
        expires: expiresAt,
      });
      return identity.presentMe(auth, request.locale);
    },
  });

  app.route({
    method: "POST",
    url: "/api/v1/auth/logout",
    config: { policy: policy.logout },
    schema: { tags, summary: "Sign out: ends the session", response: { 204: z.null() } },
    handler: async (request, reply) => {
      await identity.logout(deps, authOf(request.auth), request.id);
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return reply.status(204).send(null);
    },
  });

  app.route({
    method: "GET",
    url: "/api/v1/me",
    config: { policy: policy.me },
    schema: { tags, summary: "The signed-in user, memberships and CSRF token", response: { 200: ZMe } },
    handler: async (request) => identity.presentMe(authOf(request.auth), request.locale),
  });

  // The web app's first look at the session on every page: a visitor is an answer (null), not an error,
  // so a public page raises no 401 in the browser's console.
  app.route({
    method: "GET",
    url: "/api/v1/session",
    config: { policy: policy.session },
    schema: {
      tags,
      summary: "Who is signed in: the same as GET /api/v1/me, or null for a visitor (never 401)",
      response: { 200: ZSession },
    },
    handler: async (request) => ({
      me: request.auth ? identity.presentMe(request.auth, request.locale) : null,
    }),
  });

  app.route({
    method: "PATCH",
    url: "/api/v1/me",
    config: { policy: policy.me },
    schema: {
      tags,
      summary: "Change display name or preferred language (audited)",
      body: ZUpdateMeRequest,
      response: { 200: ZMe },
    },
    handler: async (request) => {
      const auth = authOf(request.auth);
      const user = await runOperation(
        operationDeps(deps),
        identity.updateMyProfile,
        { userId: auth.user.id, ...request.body },
        {
          actor: identity.actorOf(auth),
          requestId: request.id,
        },
      );
      // Cached sign-ins of this user carry the new name and language from now on.
      deps.authCache.refreshUser(user);
      return identity.presentMe({ ...auth, user }, request.locale);
    },
  });

  app.route({
    method: "GET",
    url: "/api/v1/api-keys",
    config: { policy: policy.apiKeys },
    schema: { tags, summary: "My API keys (secrets are never shown again)", response: { 200: ZApiKeyList } },
    handler: async (request) => ({ items: await identity.listMyApiKeys(deps, authOf(request.auth)) }),
  });

  app.route({
    method: "POST",
    url: "/api/v1/api-keys",
    config: { policy: policy.apiKeys },
    schema: {
      tags,
      summary: "Create an API key; the secret is returned once",
      body: ZCreateApiKeyRequest,
      response: { 201: ZCreatedApiKey },
    },
    handler: async (request, reply) => {
      const auth = authOf(request.auth);
      const created = await runOperation(
        operationDeps(deps),
        identity.createApiKey,
        { userId: auth.user.id, name: request.body.name, scopes: request.body.scopes },
        { actor: identity.actorOf(auth), requestId: request.id },
      );
      return reply.status(201).send(created);
    },
  });

  app.route({
    method: "DELETE",
    url: "/api/v1/api-keys/:id",
    config: {
      policy: policy.apiKeys,
      ownedResource: {
        async create(d, owner) {
          const { apiKey } = await runOperation(
            operationDeps(d),
            identity.createApiKey,
            { userId: owner.userId, name: "matrix", scopes: ["read"] },
            { actor: { userId: owner.userId, label: "matrix", organizationId: owner.organizationId } },
          );
          return { params: { id: apiKey.id } };
        },
      },
    },
    schema: { tags, summary: "Revoke one of my API keys", params: ZIdParams, response: { 204: z.null() } },
    handler: async (request, reply) => {
      const auth = authOf(request.auth);
      await runOperation(
        operationDeps(deps),
        identity.revokeApiKey,
        { userId: auth.user.id, id: request.params.id },
        {
          actor: identity.actorOf(auth),
          requestId: request.id,
        },
      );
      deps.authCache.forgetWhere((a) => a.apiKeyId === request.params.id);
      return reply.status(204).send(null);
    },
  });

  // Platform administration: organizations, users, memberships, audit.
  const adminTags = ["administration"];

  app.route({
    method: "GET",
    url: "/api/v1/admin/organizations",
    config: { policy: policy.administer },
    schema: {
      tags: adminTags,
      summary: "List organizations",
      querystring: ZPageQuery,
      response: { 200: ZOrganizationPage },
    },
    handler: async (request) => identity.listOrganizations(deps, request.query.limit, request.query.cursor),
  });

  app.route({
    method: "POST",
    url: "/api/v1/admin/organizations",
    config: { policy: policy.administer },
    schema: {
      tags: adminTags,
      summary: "Create an organization (accepts Idempotency-Key)",
      body: ZCreateOrganizationRequest,
      response: { 201: ZOrganization },
    },
    handler: async (request, reply) => {
      const auth = authOf(request.auth);
      const org = await runOperation(operationDeps(deps), identity.createOrganization, request.body, {
        actor: identity.actorOf(auth),
        requestId: request.id,
        idempotencyKey: idempotencyKey(request.headers),
      });
      return reply.status(201).send(org);
    },
  });

  app.route({
    method: "GET",
    url: "/api/v1/admin/users",
    config: { policy: policy.administer },
    schema: {
      tags: adminTags,
      summary: "List users with memberships",
      querystring: ZPageQuery,
      response: { 200: ZUserPage },
    },
    handler: async (request) =>
      identity.listUsers(deps, request.query.limit, request.query.cursor, request.locale),
  });

  app.route({
    method: "POST",
    url: "/api/v1/admin/users",
    config: { policy: policy.administer },
    schema: {
      tags: adminTags,
      summary: "Create a user (accepts Idempotency-Key)",
      body: ZCreateUserRequest,
      response: { 201: ZUser },
    },
    handler: async (request, reply) => {
      const auth = authOf(request.auth);
      const { password, ...rest } = request.body;
      const user = await runOperation(
        operationDeps(deps),
        identity.createUser,
        { ...rest, passwordHash: await identity.hashNewPassword(password) },
        {
          actor: identity.actorOf(auth),
          requestId: request.id,
          idempotencyKey: idempotencyKey(request.headers),
        },
      );
      return reply.status(201).send(user);
    },
  });

  app.route({
    method: "POST",
    url: "/api/v1/admin/users/:id/memberships",
    config: { policy: policy.administer },
    schema: {
      tags: adminTags,
      summary: "Give a user a role in an organization",
      params: ZIdParams,
      body: ZAddMembershipRequest,
      response: { 204: z.null() },
    },
    handler: async (request, reply) => {
      const auth = authOf(request.auth);
      await runOperation(
        operationDeps(deps),
        identity.addMembership,
        { userId: request.params.id, ...request.body },
        {
          actor: identity.actorOf(auth),
          requestId: request.id,
        },
      );
      deps.authCache.forgetUser(request.params.id);
      return reply.status(204).send(null);
    },
  });

  app.route({
    method: "GET",
    url: "/api/v1/admin/audit",
    config: { policy: policy.administer },
    schema: {
      tags: adminTags,
      summary: "Audit log, newest first",
      querystring: ZPageQuery,
      response: { 200: ZAuditPage },
    },
    handler: async (request) => {
      const cursor = decodeCursor(request.query.cursor);
      const before = cursor && typeof cursor.s === "number" ? cursor.s : null;
      const rows = await repo.listAuditPage(deps.db.db, request.query.limit, before);
      const page = rows.slice(0, request.query.limit);
      const last = page.at(-1);
      return {
        items: page.map(presentAuditEntry),
        nextCursor: rows.length > request.query.limit && last ? encodeCursor({ s: Number(last.seq) }) : null,
      };
    },
  });

  app.route({
    method: "GET",
    url: "/api/v1/admin/audit/verify",
    config: { policy: policy.administer },
    schema: {
      tags: adminTags,
      summary: "Recompute the audit hash chain",
      response: { 200: ZAuditVerification },
    },
    handler: async (request) => {
      const v = await verifyAuditChain(deps.db.db);
      return v.ok
        ? {
            ok: true,
            count: v.count,
            head: v.head,
            brokenAt: null,
            reason: null,
            message: t(request.locale, "audit.verify_ok", { count: v.count, head: v.head.slice(0, 12) }),
          }
        : {
            ok: false,
            count: v.count,
            head: null,
            brokenAt: v.brokenAt,
            reason: v.reason,
            message: t(request.locale, "audit.verify_broken", { seq: v.brokenAt, reason: v.reason }),
          };
    },
  });
};
