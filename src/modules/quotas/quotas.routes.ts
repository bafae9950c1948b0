import { z } from "zod";
import {
  AUTHENTICATED,
  type AuthContext,
  hasRole,
  PUBLIC,
  requireRole,
  sidesWithRole,
} from "../../platform/auth/policy.ts";
import type { AppDeps } from "../../platform/deps.ts";
import { operationDeps } from "../../platform/deps.ts";
import { AppError } from "../../platform/errors.ts";
import type { RouteModule, SideScope } from "../../platform/http/app.ts";
import { type Locale, t } from "../../platform/i18n/i18n.ts";
import { runOperation } from "../../platform/operations.ts";
import { declarantIdFor } from "../declarations/declarations.service.ts";
import { actorOf } from "../identity/identity.service.ts";
import { fixtureLicence, fixturePool, samplePoolInput } from "./quotas.fixtures.ts";
import {
  allocationsCsv,
  presentApplications,
  presentLicence,
  presentLicences,
  presentPool,
  utilization,
} from "./quotas.presenter.ts";
import * as repo from "./quotas.repository.ts";
import {
  ZAllocateInput,
  ZAllocationResult,
  ZApplication,
  ZApplicationInput,
  ZApplicationList,
  ZDrawdownInput,
  ZDrawdownResult,
  ZIdParams,
  ZLicence,
  ZLicenceList,
  ZLicenceVerification,
  ZNumberParams,
  ZPool,
  ZPoolInput,
  ZPoolList,
  ZPoolQuery,
  ZReasonBody,
  ZUtilization,
} from "./quotas.schema.ts";
import {
  allocatePool,
  applyForQuota,
  canSeeLicence,
  createPool,
  drawdown,
  fromMilli,
  licenceStatus,
  rejectApplication,
  remainingOf,
  setPoolStatus,
  updatePool,
} from "./quotas.service.ts";

const tags = ["quotas"];
const OFFICER = requireRole("quota_officer");
const ENTERPRISE = requireRole("enterprise_member");
const CUSTOMS = requireRole("customs_officer");

function authOf(request: { auth: AuthContext | null }): AuthContext {
  if (!request.auth) throw new AppError("UNAUTHENTICATED");
  return request.auth;
}

/** Drafts are seen only by the quota officers of the pool's side. */
async function visiblePool(deps: AppDeps, id: string, auth: AuthContext | null) {
  const pool = await repo.findPool(deps.db.db, id);
  if (!pool) throw new AppError("NOT_FOUND", { resource: "quota_pool", id });
  if (pool.status === "draft" && !(auth && hasRole(auth, "quota_officer", pool.side)))
    throw new AppError("NOT_FOUND", { resource: "quota_pool", id });
  return pool;
}

/** The allocation list and utilization are public once the officers publish the allocations. */
function allocationsVisible(
  pool: { allocations_published_at: string | null; side: "CN" | "RU" },
  auth: AuthContext | null,
) {
  return (
    pool.allocations_published_at !== null || (auth !== null && hasRole(auth, "quota_officer", pool.side))
  );
}

const poolSide: SideScope = {
  resource: "quota_pool",
  async sideOf(deps, params) {
    return (await repo.findPool(deps.db.db, params.id ?? ""))?.side ?? null;
  },
  async create(deps, side) {
    const pool = await fixturePool(deps, side);
    return { params: { id: pool.id }, body: samplePoolInput(side) };
  },
};

const applicationSide: SideScope = {
  resource: "quota_application",
  async sideOf(deps, params) {
    const app = await repo.findApplication(deps.db.db, params.id ?? "");
    return app ? ((await repo.findPool(deps.db.db, app.pool_id))?.side ?? null) : null;
  },
  async create(deps, side) {
    const { pool, holder } = await fixtureLicence(deps, side);
    const app = await runOperation(
      operationDeps(deps),
      applyForQuota,
      { poolId: pool.id, enterpriseId: holder, amount: "10" },
      { actor: { userId: null, label: "matrix", organizationId: null } },
    );
    return { params: { id: app.id }, body: { reason: "matrix" } };
  },
};

// A licence's number, pool and the pool's side never change once issued, so the side found for a
// number is kept (per database) and the drawdown routes' side check costs no query after the first.
// Unknown numbers are not kept: a licence issued later is found then.
const knownSides = new WeakMap<object, Map<string, "CN" | "RU">>();
const MAX_KNOWN_SIDES = 10_000;

const licenceSide = (body: unknown): SideScope => ({
  resource: "licence",
  async sideOf(deps, params) {
    const number = params.number ?? "";
    let known = knownSides.get(deps.db);
    if (!known) {
      known = new Map();
      knownSides.set(deps.db, known);
    }
    const cached = known.get(number);
    if (cached) return cached;
    const side = (await repo.licenceSide(deps.db.db, number))?.side ?? null;
    if (side === "CN" || side === "RU") {
      if (known.size >= MAX_KNOWN_SIDES) known.clear();
      known.set(number, side);
    }
    return side;
  },
  async create(deps, side) {
    const { number } = await fixtureLicence(deps, side);
    return { params: { number }, body };
  },
});

function verificationText(status: string, locale: Locale, number: string) {
  return t(locale, `quotas.verify.${status}`, { number });
}

export const quotasRoutes: RouteModule = (app, deps) => {
  app.route({
    method: "GET",
    url: "/api/v1/quotas/pools",
    config: { policy: PUBLIC },
    schema: {
      tags,
      summary: "Quota pools: published ones for everyone, drafts too for quota officers of their side",
      querystring: ZPoolQuery,
      response: { 200: ZPoolList },
    },
    handler: async (request) => {
      const rows = await repo.listPools(deps.db.db, {
        publishedOnly: false,
        ...(request.query.side ? { side: request.query.side } : {}),
      });
      const mine = request.auth ? sidesWithRole(request.auth, "quota_officer") : [];
      const visible = rows.filter((p) => p.status !== "draft" || mine.includes(p.side));
      return { items: await Promise.all(visible.map((p) => presentPool(deps.db.db, p))) };
    },
  });

  app.route({
    method: "GET",
    url: "/api/v1/quotas/pools/:id",
    config: { policy: PUBLIC },
    schema: {
      tags,
      summary: "A pool: total, allocated (and to border-trade enterprises), used, remaining",
      params: ZIdParams,
      response: { 200: ZPool },
    },
    handler: async (request) =>
      presentPool(deps.db.db, await visiblePool(deps, request.params.id, request.auth)),
  });

  app.route({
    method: "GET",
    url: "/api/v1/quotas/pools/:id/allocations",
    config: { policy: PUBLIC },
    schema: {
      tags,
      summary: "The allocation list (holders and amounts), public once the allocations are published",
      params: ZIdParams,
      response: { 200: ZLicenceList },
    },
    handler: async (request) => {
      const pool = await visiblePool(deps, request.params.id, request.auth);
      if (!allocationsVisible(pool, request.auth)) return { items: [] };
      return {
        items: await presentLicences(deps.db.db, await repo.listLicences(deps.db.db, { poolId: pool.id })),
      };
    },
  });

  app.route({
    method: "GET",
    url: "/api/v1/quotas/pools/:id/allocations.csv",
    config: { policy: PUBLIC },
    schema: {
      tags,
      summary: "The allocation list as CSV (UTF-8 with BOM, opens in spreadsheets)",
      params: ZIdParams,
    },
    handler: async (request, reply) => {
      const pool = await visiblePool(deps, request.params.id, request.auth);
      const rows = allocationsVisible(pool, request.auth)
        ? await presentLicences(deps.db.db, await repo.listLicences(deps.db.db, { poolId: pool.id }))
        : [];
      reply
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="quota-${pool.id}-allocations.csv"`);
      return allocationsCsv(rows, pool);
    },
  });

  app.route({
    method: "GET",
    url: "/api/v1/quotas/pools/:id/utilization",
    config: { policy: PUBLIC },
    schema: {
      tags,
      summary:
        "Utilization by month (reserved, consumed, returned) and by enterprise, once allocations are published",
      params: ZIdParams,
      response: { 200: ZUtilization },
    },
    handler: async (request) => {
      const pool = await visiblePool(deps, request.params.id, request.auth);
      if (!allocationsVisible(pool, request.auth)) return { unit: pool.unit, byMonth: [], byEnterprise: [] };
      return utilization(deps.db.db, pool);
    },
  });

  app.route({
    method: "POST",
    url: "/api/v1/quotas/pools",
    config: { policy: OFFICER },
    schema: {
      tags,
      summary: "Create a quota pool of my side (a draft)",
      body: ZPoolInput,
      response: { 201: ZPool },
    },
    handler: async (request, reply) => {
      const auth = authOf(request);
      if (!sidesWithRole(auth, "quota_officer").includes(request.body.side))
        throw new AppError("FORBIDDEN_SIDE", { side: request.body.side });
      const row = await runOperation(operationDeps(deps), createPool, request.body, {
        actor: actorOf(auth),
        requestId: request.id,
      });
      reply.code(201);
      return presentPool(deps.db.db, row);
    },
  });

  app.route({
    method: "PUT",
    url: "/api/v1/quotas/pools/:id",
    config: { policy: OFFICER, sideScope: poolSide },
    schema: {
      tags,
      summary: "Change a pool (versioned, audited)",
      params: ZIdParams,
      body: ZPoolInput,
      response: { 200: ZPool },
    },
    handler: async (request) => {
      const row = await runOperation(
        operationDeps(deps),
        updatePool,
        { id: request.params.id, change: request.body },
        { actor: actorOf(authOf(request)), requestId: request.id },
      );
      return presentPool(deps.db.db, row);
    },
  });

  for (const [path, action, summary] of [
    ["publish", "publish", "Publish the pool: enterprises may apply"],
    ["close", "close", "Close the pool to applications"],
    ["publish-allocations", "publish_allocations", "Publish the allocation list and utilization"],
  ] as const) {
    app.route({
      method: "POST",
      url: `/api/v1/quotas/pools/:id/${path}`,
      config: { policy: OFFICER, sideScope: poolSide },
      schema: { tags, summary, params: ZIdParams, response: { 200: ZPool } },
      handler: async (request) => {
        const row = await runOperation(
          operationDeps(deps),
          setPoolStatus,
          { id: request.params.id, action },
          { actor: actorOf(authOf(request)), requestId: request.id },
        );
        return presentPool(deps.db.db, row);
      },
    });
  }

  app.route({
    method: "GET",
    url: "/api/v1/quotas/pools/:id/applications",
    config: { policy: OFFICER, sideScope: poolSide },
    schema: {
      tags,
      summary: "Applications to a pool of my side",
      params: ZIdParams,
      response: { 200: ZApplicationList },
    },
    handler: async (request) => ({
      items: await presentApplications(
        deps.db.db,
        await repo.listApplications(deps.db.db, { poolId: request.params.id }),
        request.locale,
      ),
    }),
  });

  app.route({
    method: "POST",
    url: "/api/v1/quotas/pools/:id/allocate",
    config: { policy: OFFICER, sideScope: poolSide },
    schema: {
      tags,
      summary:
        "Allocate the pending applications by the pool's rule (or the amounts given): each grant becomes a licence",
      params: ZIdParams,
      body: ZAllocateInput,
      response: { 200: ZAllocationResult },
    },
    handler: async (request) => {
      const r = await runOperation(
        operationDeps(deps),
        allocatePool,
        { poolId: request.params.id, manual: request.body.manual },
        { actor: actorOf(authOf(request)), requestId: request.id },
      );
      return { licences: await presentLicences(deps.db.db, r.issued), unallocated: fromMilli(r.unallocated) };
    },
  });

  app.route({
    method: "POST",
    url: "/api/v1/quotas/applications/:id/reject",
    config: { policy: OFFICER, sideScope: applicationSide },
    schema: {
      tags,
      summary: "Reject an application, with the reason",
      params: ZIdParams,
      body: ZReasonBody,
      response: { 200: ZApplication },
    },
    handler: async (request) => {
      const row = await runOperation(
        operationDeps(deps),
        rejectApplication,
        { id: request.params.id, reason: request.body.reason },
        { actor: actorOf(authOf(request)), requestId: request.id },
      );
      const [out] = await presentApplications(deps.db.db, [row], request.locale);
      return out;
    },
  });

  app.route({
    method: "POST",
    url: "/api/v1/quotas/pools/:id/applications",
    config: { policy: ENTERPRISE },
    schema: {
      tags,
      summary: "Apply for an amount of a published pool",
      params: ZIdParams,
      body: ZApplicationInput,
      response: { 201: ZApplication },
    },
    handler: async (request, reply) => {
      const auth = authOf(request);
      const enterpriseId = declarantIdFor(auth, request.body.enterpriseId);
      const row = await runOperation(
        operationDeps(deps),
        applyForQuota,
        { poolId: request.params.id, enterpriseId, amount: request.body.amount, note: request.body.note },
        { actor: actorOf(auth), requestId: request.id },
      );
      reply.code(201);
      const [out] = await presentApplications(deps.db.db, [row], request.locale);
      return out;
    },
  });

  app.route({
    method: "GET",
    url: "/api/v1/quotas/applications",
    config: { policy: ENTERPRISE },
    schema: { tags, summary: "My enterprise's applications", response: { 200: ZApplicationList } },
    handler: async (request) => {
      const mine = authOf(request)
        .memberships.filter((m) => m.organizationKind === "enterprise")
        .map((m) => m.organizationId);
      return {
        items: await presentApplications(
          deps.db.db,
          await repo.listApplications(deps.db.db, { enterpriseIds: mine }),
          request.locale,
        ),
      };
    },
  });

  app.route({
    method: "GET",
    url: "/api/v1/licences",
    config: { policy: ENTERPRISE },
    schema: {
      tags,
      summary: "My enterprise's licences with what is left on each",
      response: { 200: ZLicenceList },
    },
    handler: async (request) => {
      const mine = authOf(request)
        .memberships.filter((m) => m.organizationKind === "enterprise")
        .map((m) => m.organizationId);
      return {
        items: await presentLicences(deps.db.db, await repo.listLicences(deps.db.db, { holderIds: mine })),
      };
    },
  });

  app.route({
    method: "GET",
    url: "/api/v1/licences/:number",
    config: {
      policy: AUTHENTICATED,
      ownedResource: {
        async create(deps, owner) {
          const { number } = await fixtureLicence(deps, "CN", owner.organizationId);
          return { params: { number } };
        },
      },
    },
    schema: {
      tags,
      summary:
        "A licence with its movements (the printable licence): for its holder and the officers of its side",
      params: ZNumberParams,
      response: { 200: ZLicence },
    },
    handler: async (request) => {
      const auth = authOf(request);
      const l = await repo.findLicenceByNumber(deps.db.db, request.params.number.trim().toUpperCase());
      const pool = l ? await repo.findPool(deps.db.db, l.pool_id) : undefined;
      if (!l || !pool || !canSeeLicence(auth, l, pool.side))
        throw new AppError("NOT_FOUND", { resource: "licence", id: request.params.number });
      return presentLicence(deps.db.db, l);
    },
  });

  app.route({
    method: "GET",
    url: "/api/v1/licences/:number/verify",
    config: { policy: PUBLIC },
    schema: {
      tags,
      summary:
        "Verify a licence number: valid or not, holder, pool; amounts only for the holder and officers",
      params: ZNumberParams,
      response: { 200: ZLicenceVerification },
    },
    handler: async (request) => {
      const l = await repo.findLicenceByNumber(deps.db.db, request.params.number.trim().toUpperCase());
      const pool = l ? await repo.findPool(deps.db.db, l.pool_id) : undefined;
      const status = licenceStatus(l, deps.clock.now().toISOString().slice(0, 10));
      const number = l?.number ?? request.params.number.trim().toUpperCase();
      if (!l || !pool)
        return {
          number,
          valid: false,
          status,
          holder: null,
          pool: null,
          unit: null,
          validFrom: null,
          validTo: null,
          amount: null,
          remaining: null,
          text: verificationText(status, request.locale, number),
        };
      const [presented] = await presentLicences(deps.db.db, [l]);
      const full = canSeeLicence(request.auth, l, pool.side);
      return {
        number,
        valid: status === "active",
        status,
        holder: presented?.holder.names ?? null,
        pool: presented?.pool.names ?? null,
        unit: pool.unit === "value" ? pool.currency : pool.unit,
        validFrom: l.valid_from,
        validTo: l.valid_to,
        amount: full ? fromMilli(l.amount_milli) : null,
        remaining: full ? fromMilli(remainingOf(l)) : null,
        text: verificationText(status, request.locale, number),
      };
    },
  });

  for (const kind of ["reserve", "consume", "return"] as const) {
    app.route({
      method: "POST",
      url: `/api/v1/licences/:number/${kind}`,
      config: { policy: CUSTOMS, sideScope: licenceSide({ reference: "matrix", amount: "1" }) },
      schema: {
        tags,
        summary:
          kind === "reserve"
            ? "Reserve an amount of a licence for a reference (a customs system's declaration line); once per reference, LICENCE_EXHAUSTED when short"
            : `${kind === "consume" ? "Consume" : "Return"} what a reference reserved; once per reference`,
        params: ZNumberParams,
        body: kind === "reserve" ? ZDrawdownInput : ZDrawdownInput.extend({ amount: z.string().optional() }),
        response: { 200: ZDrawdownResult },
      },
      handler: async (request) => {
        const r = await runOperation(
          operationDeps(deps),
          drawdown,
          {
            number: request.params.number,
            reference: request.body.reference,
            kind,
            amount: request.body.amount,
          },
          { actor: actorOf(authOf(request)), requestId: request.id },
        );
        return {
          number: r.licence.number,
          reference: request.body.reference,
          kind,
          applied: r.applied,
          amount: fromMilli(r.amount),
          reserved: fromMilli(r.licence.reserved_milli),
          consumed: fromMilli(r.licence.consumed_milli),
          remaining: fromMilli(remainingOf(r.licence)),
        };
      },
    });
  }
};
