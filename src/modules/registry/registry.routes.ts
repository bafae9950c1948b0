import type { AuthContext } from "../../platform/auth/policy.ts";
import { type AppDeps, operationDeps } from "../../platform/deps.ts";
import { AppError } from "../../platform/errors.ts";
import type { RouteModule, SideScope } from "../../platform/http/app.ts";
import { t } from "../../platform/i18n/i18n.ts";
import { runOperation } from "../../platform/operations.ts";
import { actorOf } from "../identity/identity.service.ts";
import * as directory from "./registry.directory.ts";
import { registryPolicies as policy } from "./registry.policy.ts";
import { presentTrust } from "./registry.presenter.ts";
import * as repo from "./registry.repository.ts";
import {
  ZDecisionRequest,
  ZDirectoryPage,
  ZDirectoryQuery,
  ZEnterprise,
  ZEnterpriseInput,
  ZEnterpriseParams,
  ZEnterprisePrivate,
  ZEnterpriseUpdate,
  ZIdentifierCheck,
  ZIdentifierQuery,
  ZQueuePage,
  ZQueueQuery,
  ZRegistered,
  ZTrustHistory,
} from "./registry.schema.ts";
import { sampleRegistration } from "./registry.seed.ts";
import * as registry from "./registry.service.ts";

const tags = ["registry"];

function authOf(auth: AuthContext | null): AuthContext {
  if (!auth) throw new AppError("UNAUTHENTICATED");
  return auth;
}

/** Registers an enterprise of a side for the route-matrix fixtures. */
async function fixtureEnterprise(deps: AppDeps, side: "CN" | "RU", userId: string | null) {
  const { row } = await runOperation(
    operationDeps(deps),
    registry.registerEnterprise,
    { ...sampleRegistration(side, Math.floor(Math.random() * 1e9)), userId },
    { actor: { userId, label: "matrix", organizationId: null } },
  );
  return row;
}

const enterpriseSide: SideScope = {
  async sideOf(deps, params) {
    return (await repo.findEnterprise(deps.db.db, params.id ?? ""))?.side ?? null;
  },
  async create(deps, side) {
    const row = await fixtureEnterprise(deps, side, null);
    return { params: { id: row.id }, body: { decision: "approve" } };
  },
};

export const registryRoutes: RouteModule = (app, deps) => {
  app.route({
    method: "GET",
    url: "/api/v1/identifiers/validate",
    config: { policy: policy.validate },
    schema: {
      tags,
      summary: "Check a USCC, INN, OGRN, OGRNIP or KPP: which character or check digit failed",
      querystring: ZIdentifierQuery,
      response: { 200: ZIdentifierCheck },
    },
    handler: async (request) =>
      registry.checkIdentifier(request.query.scheme, request.query.value, request.locale),
  });

  app.route({
    method: "GET",
    url: "/api/v1/enterprises",
    config: { policy: policy.directory },
    schema: {
      tags,
      summary:
        "Public directory: search names in any language and identifiers; filter by side, region, HS chapter, verified",
      querystring: ZDirectoryQuery,
      response: { 200: ZDirectoryPage },
    },
    handler: async (request) => directory.searchDirectory(deps, request.query, request.locale),
  });

  app.route({
    method: "POST",
    url: "/api/v1/enterprises",
    config: { policy: policy.register },
    schema: {
      tags,
      summary: "Register an enterprise (status pending until a customs officer of its side verifies it)",
      body: ZEnterpriseInput,
      response: { 201: ZRegistered },
    },
    handler: async (request, reply) => {
      const auth = authOf(request.auth);
      const { row, warnings } = await runOperation(
        operationDeps(deps),
        registry.registerEnterprise,
        { ...request.body, userId: auth.user.id },
        {
          actor: actorOf(auth),
          requestId: request.id,
          idempotencyKey: (request.headers["idempotency-key"] as string | undefined) ?? null,
        },
      );
      // The user is now a member of the new enterprise.
      deps.authCache.forgetUser(auth.user.id);
      const enterprise = await directory.presentOne(deps, row, request.locale);
      return reply.status(201).send({
        enterprise,
        warnings: warnings.map((w) => ({
          path: w.path,
          code: w.code,
          message: w.key ? t(request.locale, w.key, w.params ?? {}) : w.message,
        })),
      });
    },
  });

  app.route({
    method: "GET",
    url: "/api/v1/enterprises/:id",
    config: { policy: policy.directory },
    schema: {
      tags,
      summary: "Public profile with verified status and trust profile",
      params: ZEnterpriseParams,
      response: { 200: ZEnterprise },
    },
    handler: async (request) => {
      const row = await repo.findEnterprise(deps.db.db, request.params.id);
      // A rejected registration is visible to its members and officers only.
      if (!row || (row.status === "rejected" && !registry.canSeePrivate(request.auth, row))) {
        throw new AppError("NOT_FOUND", { resource: "enterprise", id: request.params.id });
      }
      const enterprise = await directory.presentOne(deps, row, request.locale);
      return enterprise;
    },
  });

  app.route({
    method: "GET",
    url: "/api/v1/enterprises/:id/private",
    config: {
      policy: policy.readPrivate,
      ownedResource: {
        async create(d, owner) {
          return { params: { id: (await fixtureEnterprise(d, "CN", owner.userId)).id } };
        },
      },
    },
    schema: {
      tags,
      summary: "Contacts and decision history: the enterprise's members and its side's customs officers",
      params: ZEnterpriseParams,
      response: { 200: ZEnterprisePrivate },
    },
    handler: async (request) => {
      const row = await repo.findEnterprise(deps.db.db, request.params.id);
      if (!row || !registry.canSeePrivate(request.auth, row))
        throw new AppError("NOT_FOUND", { resource: "enterprise", id: request.params.id });
      const decisions = await repo.listDecisions(deps.db.db, row.id);
      return {
        id: row.id,
        contacts: { email: row.contact_email, phone: row.contact_phone, website: row.website },
        decisionReason: row.decision_reason,
        decisions: decisions.map((d) => ({
          action: d.action,
          reason: d.reason,
          at: d.at,
          actor: d.actor ?? null,
        })),
      };
    },
  });

  app.route({
    method: "PATCH",
    url: "/api/v1/enterprises/:id",
    config: {
      policy: policy.memberEdit,
      ownedResource: {
        async create(d, owner) {
          const row = await fixtureEnterprise(d, "RU", owner.userId);
          return { params: { id: row.id }, body: { address: "Благовещенск, ул. Амурская, 1 (образец)" } };
        },
      },
    },
    schema: {
      tags,
      summary: "Members update their enterprise's profile (audited)",
      params: ZEnterpriseParams,
      body: ZEnterpriseUpdate,
      response: { 200: ZEnterprise },
    },
    handler: async (request) => {
      const auth = authOf(request.auth);
      const row = await repo.findEnterprise(deps.db.db, request.params.id);
      if (!row || !registry.isMemberOf(auth, row.id))
        throw new AppError("NOT_FOUND", { resource: "enterprise", id: request.params.id });
      const after = await runOperation(
        operationDeps(deps),
        registry.updateEnterpriseProfile,
        { id: row.id, patch: request.body },
        { actor: actorOf(auth), requestId: request.id },
      );
      const enterprise = await directory.presentOne(deps, after, request.locale);
      return enterprise;
    },
  });

  app.route({
    method: "GET",
    url: "/api/v1/verification-queue",
    config: { policy: policy.verify },
    schema: {
      tags,
      summary: "Registrations of my side awaiting verification (customs officers)",
      querystring: ZQueueQuery,
      response: { 200: ZQueuePage },
    },
    handler: async (request) => {
      const auth = authOf(request.auth);
      const sides = registry.officerSides(auth);
      const rows = await repo.listQueue(deps.db.db, sides, request.query.status, request.query.limit);
      const presented = await directory.presentMany(deps, rows, request.locale);
      return {
        items: presented.map((p, i) => ({ ...p, registeredBy: rows[i]?.registered_by_email ?? null })),
      };
    },
  });

  app.route({
    method: "POST",
    url: "/api/v1/enterprises/:id/verification",
    config: { policy: policy.verify, sideScope: enterpriseSide },
    schema: {
      tags,
      summary: "Approve or reject a registration (customs officer of the enterprise's side; audited)",
      params: ZEnterpriseParams,
      body: ZDecisionRequest,
      response: { 200: ZEnterprise },
    },
    handler: async (request) => {
      const auth = authOf(request.auth);
      const after = await runOperation(
        operationDeps(deps),
        registry.decideVerification,
        {
          id: request.params.id,
          officer: auth,
          decision: request.body.decision,
          reason: request.body.reason,
        },
        { actor: actorOf(auth), requestId: request.id },
      );
      const enterprise = await directory.presentOne(deps, after, request.locale);
      return enterprise;
    },
  });

  app.route({
    method: "GET",
    url: "/api/v1/enterprises/:id/trust",
    config: { policy: policy.directory },
    schema: {
      tags,
      summary: "Trust profile with its components explained, and its history",
      params: ZEnterpriseParams,
      response: { 200: ZTrustHistory },
    },
    handler: async (request) => {
      const row = await repo.findEnterprise(deps.db.db, request.params.id);
      if (!row || (row.status === "rejected" && !registry.canSeePrivate(request.auth, row))) {
        throw new AppError("NOT_FOUND", { resource: "enterprise", id: request.params.id });
      }
      const profile = await repo.findTrustProfile(deps.db.db, row.id);
      const history = await repo.listTrustHistory(deps.db.db, row.id);
      return {
        profile: profile ? presentTrust(profile, request.locale) : null,
        history: history.map((h) => ({
          score: Number(h.score),
          previousScore: h.previous_score === null ? null : Number(h.previous_score),
          eventType: h.event_type,
          at: h.at,
        })),
      };
    },
  });
};
