import { AUTHENTICATED, PUBLIC, requireRole, sidesWithRole } from "../../platform/auth/policy.ts";
import type { TariffRulesTable } from "../../platform/db/schema.ts";
import { operationDeps } from "../../platform/deps.ts";
import { AppError } from "../../platform/errors.ts";
import type { RouteModule, SideScope } from "../../platform/http/app.ts";
import { defineOperation, runOperation } from "../../platform/operations.ts";
import { actorOf } from "../identity/identity.service.ts";
import { invalidateTariffCache } from "./tariffs.cache.ts";
import { presentAssessment, presentRule } from "./tariffs.presenter.ts";
import * as repo from "./tariffs.repository.ts";
import {
  ZAssessment,
  ZAssessRequest,
  ZLandedCost,
  ZLandedCostRequest,
  ZResidentPurchase,
  ZRuleChange,
  ZRuleCreate,
  ZRuleList,
  ZRuleParams,
  ZRuleQuery,
  ZZoneList,
} from "./tariffs.schema.ts";
import { assessLine, landedCost, recordResidentPurchase } from "./tariffs.service.ts";

const tags = ["tariffs"];

/** A new version of a rule; the previous one stays in the history, superseded. */
export const changeRule = defineOperation({
  name: "tariffs.changeRule",
  async run(
    ctx,
    input: {
      id: string;
      change: {
        combination: TariffRulesTable["combination"];
        adValorem: string | null;
        specific: { amount: string; currency: string; unit: string } | null;
        validFrom: string;
        validTo: string | null;
        legalRef: string;
        source: "cited" | "sample";
        note: string | null;
      };
    },
  ) {
    const before = await repo.findRule(ctx.trx, input.id);
    if (!before || before.superseded_at)
      throw new AppError("NOT_FOUND", { resource: "tariff_rule", id: input.id });
    const c = input.change;
    const after: TariffRulesTable = {
      ...before,
      id: crypto.randomUUID(),
      version: Number(before.version) + 1,
      combination: c.combination,
      ad_valorem: c.adValorem,
      specific_amount: c.specific?.amount ?? null,
      specific_currency: c.specific?.currency ?? null,
      specific_unit: c.specific?.unit ?? null,
      valid_from: c.validFrom,
      valid_to: c.validTo,
      legal_ref: c.legalRef,
      source: c.source,
      note: c.note,
      created_at: ctx.now,
      created_by: ctx.actor.userId,
      superseded_at: null,
    };
    await repo.supersede(ctx.trx, before.id, ctx.now);
    await repo.insertRule(ctx.trx, after);
    await ctx.audit({
      action: "tariffs.rule_changed",
      targetType: "tariff_rule",
      targetId: before.rule_key,
      summary: {
        version: after.version,
        from: {
          combination: before.combination,
          adValorem: before.ad_valorem,
          specific: before.specific_amount,
          validFrom: before.valid_from,
          validTo: before.valid_to,
        },
        to: {
          combination: after.combination,
          adValorem: after.ad_valorem,
          specific: after.specific_amount,
          validFrom: after.valid_from,
          validTo: after.valid_to,
        },
      },
    });
    await ctx.emit({
      type: "tariffs.rule_changed",
      aggregateType: "tariff_rule",
      aggregateId: before.rule_key,
      payload: { side: before.side, hsPrefix: before.hs_prefix },
    });
    return after;
  },
});

/** A new rule of a side's schedule (version 1 of a new rule key). */
export const createRule = defineOperation({
  name: "tariffs.createRule",
  async run(
    ctx,
    input: {
      side: "CN" | "RU";
      flow: "import" | "export";
      kind: TariffRulesTable["kind"];
      hsPrefix: string;
      zone: string | null;
      combination: TariffRulesTable["combination"];
      adValorem: string | null;
      specific: { amount: string; currency: string; unit: string } | null;
      validFrom: string;
      validTo: string | null;
      legalRef: string;
      source: "cited" | "sample";
      note: string | null;
    },
  ) {
    const row: TariffRulesTable = {
      id: crypto.randomUUID(),
      rule_key: `${input.side.toLowerCase()}-${input.flow}-${input.kind}-${input.hsPrefix || "all"}${input.zone ? `-${input.zone}` : ""}-${crypto.randomUUID().slice(0, 6)}`,
      version: 1,
      side: input.side,
      flow: input.flow,
      kind: input.kind,
      hs_prefix: input.hsPrefix,
      combination: input.kind === "prohibition" ? "none" : input.combination,
      ad_valorem: input.adValorem,
      specific_amount: input.specific?.amount ?? null,
      specific_currency: input.specific?.currency ?? null,
      specific_unit: input.specific?.unit ?? null,
      valid_from: input.validFrom,
      valid_to: input.validTo,
      legal_ref: input.legalRef,
      source: input.source,
      note: input.note,
      created_at: ctx.now,
      created_by: ctx.actor.userId,
      superseded_at: null,
      zone: input.zone,
    };
    await repo.insertRule(ctx.trx, row);
    await ctx.audit({
      action: "tariffs.rule_created",
      targetType: "tariff_rule",
      targetId: row.rule_key,
      summary: {
        side: row.side,
        flow: row.flow,
        kind: row.kind,
        hsPrefix: row.hs_prefix,
        zone: row.zone ?? null,
        adValorem: row.ad_valorem,
        validFrom: row.valid_from,
      },
    });
    await ctx.emit({
      type: "tariffs.rule_changed",
      aggregateType: "tariff_rule",
      aggregateId: row.rule_key,
      payload: { side: row.side, hsPrefix: row.hs_prefix },
    });
    return row;
  },
});

const ruleSide: SideScope = {
  async sideOf(deps, params) {
    return (await repo.findRule(deps.db.db, params.id ?? ""))?.side ?? null;
  },
  async create(deps, side) {
    const row: TariffRulesTable = {
      id: crypto.randomUUID(),
      rule_key: `matrix-${crypto.randomUUID()}`,
      version: 1,
      side,
      flow: "import",
      kind: "duty",
      hs_prefix: "9999",
      combination: "ad_valorem",
      ad_valorem: "1",
      specific_amount: null,
      specific_currency: null,
      specific_unit: null,
      valid_from: "2024-01-01",
      valid_to: null,
      legal_ref: "route matrix fixture",
      source: "sample",
      note: null,
      created_at: new Date().toISOString(),
      created_by: null,
      superseded_at: null,
    };
    await repo.insertRule(deps.db.db, row);
    return {
      params: { id: row.id },
      body: {
        combination: "ad_valorem",
        adValorem: "5",
        specific: null,
        validFrom: "2024-01-01",
        validTo: null,
        legalRef: "matrix",
        source: "sample",
      },
    };
  },
};

export const tariffsRoutes: RouteModule = (app, deps) => {
  app.route({
    method: "POST",
    url: "/api/v1/tariffs/assess",
    config: { policy: AUTHENTICATED },
    schema: {
      tags,
      summary:
        "Assess one declaration line: customs value, duty, VAT, each amount explained in the reader's language",
      body: ZAssessRequest,
      response: { 200: ZAssessment },
    },
    handler: async (request) => presentAssessment(await assessLine(deps.db.db, request.body), request.locale),
  });

  app.route({
    method: "POST",
    url: "/api/v1/tariffs/landed-cost",
    config: { policy: PUBLIC },
    schema: {
      tags,
      summary:
        "Landed cost across the border: export side and import side duties and taxes, totals in CNY, RUB and USD",
      body: ZLandedCostRequest,
      response: { 200: ZLandedCost },
    },
    handler: async (request) => {
      const r = await landedCost(deps.db.db, request.body);
      return {
        ...r,
        export: presentAssessment(r.export, request.locale),
        import: presentAssessment(r.import, request.locale),
        warnings: presentAssessment({ ...r.import, warnings: r.warnings }, request.locale).warnings,
      };
    },
  });

  app.route({
    method: "POST",
    url: "/api/v1/tariffs/resident-purchases",
    config: { policy: AUTHENTICATED },
    schema: {
      tags,
      summary:
        "A border resident records a purchase: the day's CNY 8,000 allowance is tracked per person, the excess assessed",
      body: ZResidentPurchase,
      response: { 200: ZAssessment },
    },
    handler: async (request) => {
      if (!request.auth) throw new AppError("UNAUTHENTICATED");
      const a = await runOperation(
        operationDeps(deps),
        recordResidentPurchase,
        { residentKey: request.auth.user.id, ...request.body },
        {
          actor: actorOf(request.auth),
          requestId: request.id,
        },
      );
      return presentAssessment(a, request.locale);
    },
  });

  app.route({
    method: "GET",
    url: "/api/v1/tariffs/rules",
    config: { policy: PUBLIC },
    schema: {
      tags,
      summary:
        "Tariff rules (duties, VAT, prohibitions) per side; ?hs= narrows to a code; ?history=true includes past versions",
      querystring: ZRuleQuery,
      response: { 200: ZRuleList },
    },
    handler: async (request) => ({
      items: (
        await repo.listRules(deps.db.db, {
          side: request.query.side,
          hs: request.query.hs,
          history: request.query.history === "true",
        })
      ).map(presentRule),
    }),
  });

  app.route({
    method: "GET",
    url: "/api/v1/tariffs/zones",
    config: { policy: PUBLIC },
    schema: {
      tags,
      summary: "Free-trade-zone areas whose own rules the assessment applies when asked",
      response: { 200: ZZoneList },
    },
    handler: async () => ({
      items: [
        {
          id: "hlj-harbin" as const,
          side: "CN" as const,
          names: {
            zh: "黑龙江自贸试验区哈尔滨片区",
            ru: "Харбинский участок пилотной зоны свободной торговли Хэйлунцзяна",
            en: "Harbin area, Heilongjiang pilot FTZ",
          },
        },
        {
          id: "hlj-heihe" as const,
          side: "CN" as const,
          names: {
            zh: "黑龙江自贸试验区黑河片区",
            ru: "Хэйхэский участок пилотной зоны свободной торговли Хэйлунцзяна",
            en: "Heihe area, Heilongjiang pilot FTZ",
          },
        },
        {
          id: "hlj-suifenhe" as const,
          side: "CN" as const,
          names: {
            zh: "黑龙江自贸试验区绥芬河片区",
            ru: "Суйфэньхэский участок пилотной зоны свободной торговли Хэйлунцзяна",
            en: "Suifenhe area, Heilongjiang pilot FTZ",
          },
        },
      ],
    }),
  });

  app.route({
    method: "POST",
    url: "/api/v1/tariffs/rules",
    config: { policy: requireRole("customs_officer") },
    schema: {
      tags,
      summary:
        "Add a rule to my side's schedule (optionally for one free-trade-zone area); audited, versioned from then on",
      body: ZRuleCreate,
      response: { 201: ZRuleList.shape.items.element },
    },
    handler: async (request, reply) => {
      if (!request.auth) throw new AppError("UNAUTHENTICATED");
      if (!sidesWithRole(request.auth, "customs_officer").includes(request.body.side))
        throw new AppError("FORBIDDEN_SIDE", { side: request.body.side });
      const row = await runOperation(operationDeps(deps), createRule, request.body, {
        actor: actorOf(request.auth),
        requestId: request.id,
      });
      invalidateTariffCache(deps.db.db);
      reply.code(201);
      return presentRule(row);
    },
  });

  app.route({
    method: "PUT",
    url: "/api/v1/tariffs/rules/:id",
    config: { policy: requireRole("customs_officer"), sideScope: ruleSide },
    schema: {
      tags,
      summary: "Change a rule of my side: a new version is recorded and audited",
      params: ZRuleParams,
      body: ZRuleChange,
      response: { 200: ZRuleList.shape.items.element },
    },
    handler: async (request) => {
      if (!request.auth) throw new AppError("UNAUTHENTICATED");
      const after = await runOperation(
        operationDeps(deps),
        changeRule,
        { id: request.params.id, change: request.body },
        { actor: actorOf(request.auth), requestId: request.id },
      );
      invalidateTariffCache(deps.db.db);
      return presentRule(after);
    },
  });
};
