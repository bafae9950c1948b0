import type { z } from "zod";
import { type AuthContext, PUBLIC, requireRole, sidesWithRole } from "../../platform/auth/policy.ts";
import type { AppDeps } from "../../platform/deps.ts";
import { operationDeps } from "../../platform/deps.ts";
import { AppError, isAppError } from "../../platform/errors.ts";
import type { OwnedResourceFixture, RouteModule, SideScope } from "../../platform/http/app.ts";
import { fieldErrorOf, problemOf } from "../../platform/http/problem.ts";
import type { Locale } from "../../platform/i18n/i18n.ts";
import { Dec } from "../../platform/money.ts";
import { runOperation } from "../../platform/operations.ts";
import { actorOf } from "../identity/identity.service.ts";
import { findEnterprise } from "../registry/registry.repository.ts";
import { presentAssessment } from "../tariffs/tariffs.presenter.ts";
import { assessLine } from "../tariffs/tariffs.service.ts";
import {
  ensureDeclarationReference,
  ensureEnterprise,
  fixtureDeclarant,
  insertFixtureDeclaration,
  insertValidDraft,
  sampleDeclarationInput,
} from "./declarations.fixtures.ts";
import {
  presentCodeLists,
  presentDeclaration,
  presentRiskRule,
  presentSettings,
  presentSummaries,
} from "./declarations.presenter.ts";
import { portLoad, recognitionReport } from "./declarations.reports.ts";
import * as repo from "./declarations.repository.ts";
import { changeRiskRule, changeRiskSettings, createRiskRule } from "./declarations.risk-admin.ts";
import {
  type TDeclarationInput,
  ZBulkRequest,
  ZBulkResult,
  ZCodeLists,
  ZDeclaration,
  ZDeclarationInput,
  ZDeclarationList,
  ZDeclarationListQuery,
  ZDocumentCheckBody,
  ZIdParams,
  ZInspectionBody,
  ZLineInput,
  ZOptionalReasonBody,
  ZPortLoad,
  ZPortLoadQuery,
  ZPreview,
  ZPreviewBody,
  ZReasonBody,
  ZRecognitionQuery,
  ZRecognitionReport,
  ZRiskRule,
  ZRiskRuleInput,
  ZRiskRuleList,
  ZRiskRuleQuery,
  ZRiskSettings,
  ZRiskSettingsInput,
  ZSideParams,
} from "./declarations.schema.ts";
import {
  actOnDeclaration,
  declarantIdFor,
  type OfficerAction,
  prepareDeclaration,
  submitDeclaration,
} from "./declarations.service.ts";

const tags = ["declarations"];
const ENTERPRISE = requireRole("enterprise_member");
const OFFICER = requireRole("customs_officer");

function idempotencyKey(headers: Record<string, unknown>): string | null {
  const v = headers["idempotency-key"];
  return typeof v === "string" && v.length > 0 && v.length <= 200 ? v : null;
}

/** The list filters both declaration lists take from their query string (whose they are aside). */
function listFilter(q: z.infer<typeof ZDeclarationListQuery>) {
  return { status: q.status, open: q.open === "true", lane: q.lane, flow: q.flow, port: q.port, q: q.q };
}

function authOf(request: { auth: AuthContext | null }): AuthContext {
  if (!request.auth) throw new AppError("UNAUTHENTICATED");
  return request.auth;
}

async function ownDeclaration(deps: AppDeps, auth: AuthContext, id: string) {
  const d = await repo.findDeclaration(deps.db.db, id);
  const member = d && auth.memberships.some((m) => m.organizationId === d.declarant_id);
  if (!d || !member) throw new AppError("NOT_FOUND", { resource: "declaration", id });
  return d;
}

async function present(deps: AppDeps, id: string, locale: Locale, officer: boolean) {
  const d = await repo.findDeclaration(deps.db.db, id);
  if (!d) throw new AppError("NOT_FOUND", { resource: "declaration", id });
  return presentDeclaration(deps.db.db, d, locale, { officer });
}

/** Route-matrix fixture: a declaration owned by the given organization (made an enterprise). */
function owned(status: string, body?: (side: "CN" | "RU") => unknown): OwnedResourceFixture {
  return {
    async create(deps, owner) {
      await ensureDeclarationReference(deps);
      await ensureEnterprise(deps.db.db, owner.organizationId, "CN");
      const id = await insertFixtureDeclaration(deps.db.db, owner.organizationId, "CN", status);
      return { params: { id }, ...(body ? { body: body("CN") } : {}) };
    },
  };
}

const declarationSide = (status: string, body?: unknown): SideScope => ({
  resource: "declaration",
  async sideOf(deps, params) {
    return (await repo.findDeclaration(deps.db.db, params.id ?? ""))?.side ?? null;
  },
  async create(deps, side) {
    const declarant = await fixtureDeclarant(deps, side);
    const id = await insertFixtureDeclaration(deps.db.db, declarant, side, status);
    return { params: { id }, ...(body !== undefined ? { body } : {}) };
  },
});

const ruleSide: SideScope = {
  resource: "risk_rule",
  async sideOf(deps, params) {
    return (await repo.findRiskRule(deps.db.db, params.id ?? ""))?.side ?? null;
  },
  async create(deps, side) {
    const rule = await runOperation(
      operationDeps(deps),
      createRiskRule,
      {
        side,
        name: "matrix fixture",
        conditions: { hsPrefix: "99" },
        lane: "yellow",
        score: null,
        active: false,
      },
      { actor: { userId: null, label: "matrix", organizationId: null } },
    );
    return {
      params: { id: rule.id },
      body: { side, name: "matrix", conditions: {}, lane: "yellow", score: null, active: false },
    };
  },
};

const settingsSide: SideScope = {
  async sideOf(_deps, params) {
    return params.side === "CN" || params.side === "RU" ? params.side : null;
  },
  async create(_deps, side) {
    return {
      params: { side },
      body: {
        randomRates: { red: "2", yellow: "5" },
        scoreThresholds: { yellow: 30, red: 60 },
        greenCorridor: [],
      },
    };
  },
};

export const declarationsRoutes: RouteModule = (app, deps) => {
  app.route({
    method: "GET",
    url: "/api/v1/declarations/codes",
    config: { policy: PUBLIC },
    schema: {
      tags,
      summary: "Code lists for the declaration form: trade modes per side (GACC, EAEU), transport, Incoterms",
      response: { 200: ZCodeLists },
    },
    handler: async (request) => presentCodeLists(request.locale),
  });

  app.route({
    method: "POST",
    url: "/api/v1/declarations/preview",
    config: { policy: ENTERPRISE },
    schema: {
      tags,
      summary:
        "Check and assess a declaration without saving it, also half-filled: per-field errors, and the duties of the lines that are complete",
      body: ZPreviewBody,
      response: { 200: ZPreview },
    },
    handler: async (request) => {
      const auth = authOf(request);
      const locale = request.locale;
      const parsed = ZDeclarationInput.safeParse(request.body);
      if (parsed.success) {
        const prepared = await prepareDeclaration(deps.db.db, parsed.data, {
          declarantId: declarantIdFor(auth, parsed.data.declarantId),
          userId: auth.user.id,
          now: deps.clock.now().toISOString(),
          submit: true,
        });
        const r = prepared.row;
        return {
          side: r.side,
          assessment: prepared.assessments.map((a) => presentAssessment(a, locale)),
          lineIndexes: prepared.assessedLines,
          totals: {
            value: r.total_value,
            currency: r.currency,
            netKg: r.total_net_kg,
            grossKg: r.total_gross_kg,
            nationalCurrency: r.national_currency,
            duty: r.duty_total,
            vat: r.vat_total,
            taxes:
              r.duty_total !== null && r.vat_total !== null
                ? new Dec(r.duty_total).plus(r.vat_total).toFixed(2)
                : null,
          },
          errors: problemOf(new AppError("VALIDATION_FAILED", {}, prepared.errors), locale, request.id)
            .errors,
        };
      }
      // A form still being filled in: report what is missing, assess the lines that are complete.
      const raw = request.body as Record<string, unknown>;
      const declarantId = declarantIdFor(
        auth,
        typeof raw.declarantId === "string" ? raw.declarantId : undefined,
      );
      const declarant = await findEnterprise(deps.db.db, declarantId);
      if (!declarant) throw new AppError("NOT_FOUND", { resource: "enterprise", id: declarantId });
      const side = declarant.side;
      const flow = raw.flow === "export" || raw.flow === "import" ? raw.flow : null;
      const currency =
        typeof raw.currency === "string" && /^[A-Za-z]{3}$/.test(raw.currency)
          ? raw.currency.toUpperCase()
          : null;
      const date =
        typeof raw.date === "string" && /^\d{4}-\d{2}-\d{2}$/.test(raw.date)
          ? raw.date
          : deps.clock.now().toISOString().slice(0, 10);
      const assessments = [];
      const lineIndexes: number[] = [];
      let value = new Dec(0);
      let duty = new Dec(0);
      let vat = new Dec(0);
      const rawLines = Array.isArray(raw.lines) ? raw.lines : [];
      for (const [i, l] of rawLines.entries()) {
        const line = ZLineInput.safeParse(l);
        if (!line.success || !flow || !currency) continue;
        try {
          const a = await assessLine(deps.db.db, {
            side,
            flow,
            hsCode: line.data.code,
            date,
            value: { amount: line.data.value, currency },
            quantity: { value: line.data.quantity.value, unit: line.data.quantity.unit },
            origin: line.data.origin,
          });
          assessments.push(presentAssessment(a, locale));
          lineIndexes.push(i);
          value = value.plus(line.data.value);
          for (const x of a.amounts) {
            if (x.kind === "duty") duty = duty.plus(x.amount);
            else vat = vat.plus(x.amount);
          }
        } catch (e) {
          if (!isAppError(e)) throw e;
        }
      }
      return {
        side,
        assessment: assessments,
        lineIndexes,
        totals: {
          value: value.toFixed(),
          currency: currency ?? "",
          netKg: "0",
          grossKg: "0",
          nationalCurrency: side === "CN" ? "CNY" : "RUB",
          duty: assessments.length ? duty.toFixed(2) : null,
          vat: assessments.length ? vat.toFixed(2) : null,
          taxes: assessments.length ? duty.plus(vat).toFixed(2) : null,
        },
        errors: parsed.error.issues.map((issue) => fieldErrorOf(issue, locale)),
      };
    },
  });

  app.route({
    method: "POST",
    url: "/api/v1/declarations",
    config: { policy: ENTERPRISE },
    schema: {
      tags,
      summary:
        "File a declaration (or save a draft with draft: true). Accepts Idempotency-Key: the same key and body return the first result; the same key with another body is 409",
      body: ZDeclarationInput,
      response: { 201: ZDeclaration },
    },
    handler: async (request, reply) => {
      const auth = authOf(request);
      const { id, saved } = await submitDeclaration(deps, auth, request.body, {
        key: idempotencyKey(request.headers),
        requestId: request.id,
      });
      reply.code(201);
      if (saved) return presentDeclaration(deps.db.db, saved.row, request.locale, { officer: false, saved });
      return present(deps, id, request.locale, false);
    },
  });

  app.route({
    method: "POST",
    url: "/api/v1/declarations/bulk",
    config: { policy: ENTERPRISE },
    schema: {
      tags,
      summary:
        "File up to 100 declarations; each item succeeds or fails on its own, with per-item results (Idempotency-Key applies per item as KEY:index)",
      body: ZBulkRequest,
      response: { 200: ZBulkResult },
    },
    handler: async (request) => {
      const auth = authOf(request);
      const key = idempotencyKey(request.headers);
      const results = [];
      for (const [index, raw] of request.body.items.entries()) {
        const parsed = ZDeclarationInput.safeParse(raw);
        if (!parsed.success) {
          const p = problemOf(new AppError("VALIDATION_FAILED"), request.locale, request.id);
          results.push({
            index,
            ok: false,
            error: {
              code: p.code,
              title: p.title,
              detail: p.detail,
              errors: parsed.error.issues.map((i) => fieldErrorOf(i, request.locale)),
            },
          });
          continue;
        }
        try {
          const { id } = await submitDeclaration(deps, auth, parsed.data, {
            key: key ? `${key}:${index}` : null,
            requestId: request.id,
          });
          const d = await repo.findDeclaration(deps.db.db, id);
          results.push({
            index,
            ok: true,
            declaration: {
              id,
              number: d?.number ?? "",
              status: (d?.status ?? "draft") as "draft",
              lane: d?.lane ?? null,
            },
          });
        } catch (e) {
          if (!isAppError(e)) throw e;
          const p = problemOf(e, request.locale, request.id);
          results.push({
            index,
            ok: false,
            error: { code: p.code, title: p.title, detail: p.detail, errors: p.errors },
          });
        }
      }
      const accepted = results.filter((r) => r.ok).length;
      return { results, accepted, failed: results.length - accepted };
    },
  });

  app.route({
    method: "GET",
    url: "/api/v1/declarations",
    config: { policy: ENTERPRISE },
    schema: {
      tags,
      summary: "My enterprise's declarations, newest change first",
      querystring: ZDeclarationListQuery,
      response: { 200: ZDeclarationList },
    },
    handler: async (request) => {
      const auth = authOf(request);
      const q = request.query;
      const mine = auth.memberships
        .filter((m) => m.organizationKind === "enterprise" && m.roles.includes("enterprise_member"))
        .map((m) => m.organizationId);
      const { items, total } = await repo.listDeclarations(
        deps.db.db,
        { declarantIds: mine, ...listFilter(q) },
        q.limit,
        q.offset,
      );
      return { items: await presentSummaries(deps.db.db, items), total };
    },
  });

  app.route({
    method: "GET",
    url: "/api/v1/declarations/:id",
    config: { policy: ENTERPRISE, ownedResource: owned("draft") },
    schema: {
      tags,
      summary: "One of my declarations: lines, assessment, timeline, recognition",
      params: ZIdParams,
      response: { 200: ZDeclaration },
    },
    handler: async (request) => {
      const d = await ownDeclaration(deps, authOf(request), request.params.id);
      return presentDeclaration(deps.db.db, d, request.locale, { officer: false });
    },
  });

  app.route({
    method: "PUT",
    url: "/api/v1/declarations/:id",
    config: {
      policy: ENTERPRISE,
      ownedResource: owned("draft", (side) => ({ ...sampleDeclarationInput(side, "export"), draft: true })),
    },
    schema: {
      tags,
      summary: "Change a draft (draft: true keeps it a draft; otherwise it is submitted)",
      params: ZIdParams,
      body: ZDeclarationInput,
      response: { 200: ZDeclaration },
    },
    handler: async (request) => {
      const auth = authOf(request);
      await ownDeclaration(deps, auth, request.params.id);
      const { id } = await submitDeclaration(deps, auth, request.body, {
        key: idempotencyKey(request.headers),
        requestId: request.id,
        replaces: request.params.id,
      });
      return present(deps, id, request.locale, false);
    },
  });

  app.route({
    method: "POST",
    url: "/api/v1/declarations/:id/submit",
    config: {
      policy: ENTERPRISE,
      ownedResource: {
        async create(deps, owner) {
          return { params: { id: await insertValidDraft(deps, owner.organizationId) } };
        },
      },
    },
    schema: {
      tags,
      summary: "Submit a draft as it is",
      params: ZIdParams,
      response: { 200: ZDeclaration },
    },
    handler: async (request) => {
      const auth = authOf(request);
      const d = await ownDeclaration(deps, auth, request.params.id);
      const current = await presentDeclaration(deps.db.db, d, request.locale, { officer: false });
      const body: TDeclarationInput = {
        declarantId: d.declarant_id,
        flow: d.flow,
        portId: d.port_id,
        tradeMode: d.trade_mode,
        transportMode: current.transportMode,
        conveyances: current.conveyances,
        currency: d.currency,
        incoterms: d.incoterms as "FCA",
        ...(d.shipment_ref ? { shipmentRef: d.shipment_ref } : {}),
        date: d.decl_date,
        counterparty: d.counterparty_id
          ? { enterpriseId: d.counterparty_id }
          : {
              name: d.counterparty_name,
              ...(d.counterparty_country ? { country: d.counterparty_country } : {}),
            },
        documents: current.documents,
        lines: current.lines.map((l) => ({
          code: l.code,
          description: l.description,
          origin: l.origin,
          quantity: { value: l.quantity.value, unit: l.quantity.unit as "kg" },
          netKg: l.netKg,
          grossKg: l.grossKg,
          value: l.value,
          ...(l.licenceNumber ? { licenceNumber: l.licenceNumber } : {}),
        })),
        draft: false,
      };
      if (d.status !== "draft") return current;
      const { id } = await submitDeclaration(deps, auth, body, {
        key: idempotencyKey(request.headers),
        requestId: request.id,
        replaces: d.id,
      });
      return present(deps, id, request.locale, false);
    },
  });

  app.route({
    method: "POST",
    url: "/api/v1/declarations/:id/cancel",
    config: { policy: ENTERPRISE, ownedResource: owned("draft", () => ({})) },
    schema: {
      tags,
      summary: "Withdraw a declaration before it is released or rejected",
      params: ZIdParams,
      body: ZOptionalReasonBody,
      response: { 200: ZDeclaration },
    },
    handler: async (request) => {
      const auth = authOf(request);
      await ownDeclaration(deps, auth, request.params.id);
      await runOperation(
        operationDeps(deps),
        actOnDeclaration,
        { id: request.params.id, action: { kind: "cancel", reason: request.body.reason }, officerSide: null },
        { actor: actorOf(auth), requestId: request.id },
      );
      return present(deps, request.params.id, request.locale, false);
    },
  });

  // Customs officers: their side's declarations, lane queues and actions.

  app.route({
    method: "GET",
    url: "/api/v1/customs/declarations",
    config: { policy: OFFICER },
    schema: {
      tags,
      summary: "Declarations of my side (lane queues: filter by lane and status)",
      querystring: ZDeclarationListQuery,
      response: { 200: ZDeclarationList },
    },
    handler: async (request) => {
      const auth = authOf(request);
      const q = request.query;
      const sides = sidesWithRole(auth, "customs_officer").filter((s) => !q.side || s === q.side);
      const { items, total } = await repo.listDeclarations(
        deps.db.db,
        { sides, ...listFilter(q) },
        q.limit,
        q.offset,
      );
      return { items: await presentSummaries(deps.db.db, items), total };
    },
  });

  app.route({
    method: "GET",
    url: "/api/v1/customs/declarations/:id",
    config: { policy: OFFICER, sideScope: declarationSide("document_check") },
    schema: {
      tags,
      summary: "A declaration of my side, with the lane decision and why",
      params: ZIdParams,
      response: { 200: ZDeclaration },
    },
    handler: async (request) => present(deps, request.params.id, request.locale, true),
  });

  const action = (
    url: string,
    summary: string,
    body:
      | typeof ZDocumentCheckBody
      | typeof ZInspectionBody
      | typeof ZReasonBody
      | typeof ZOptionalReasonBody,
    toAction: (b: Record<string, string | undefined>) => OfficerAction,
    fixture: { status: string; body: unknown },
  ) =>
    app.route({
      method: "POST",
      url: `/api/v1/customs/declarations/:id/${url}`,
      config: { policy: OFFICER, sideScope: declarationSide(fixture.status, fixture.body) },
      schema: { tags, summary, params: ZIdParams, body, response: { 200: ZDeclaration } },
      handler: async (request) => {
        const auth = authOf(request);
        const d = await repo.findDeclaration(deps.db.db, request.params.id);
        await runOperation(
          operationDeps(deps),
          actOnDeclaration,
          {
            id: request.params.id,
            action: toAction(request.body as Record<string, string | undefined>),
            officerSide: d?.side ?? null,
          },
          { actor: actorOf(auth), requestId: request.id },
        );
        return present(deps, request.params.id, request.locale, true);
      },
    });

  action(
    "document-check",
    "Record the document check: ok → assessed, discrepancy → held",
    ZDocumentCheckBody,
    (b) => ({ kind: "document_check", outcome: b.outcome as "ok", note: b.note }),
    { status: "document_check", body: { outcome: "ok" } },
  );
  action(
    "inspection",
    "Record the physical inspection: compliant → assessed, findings → held; shared with the other side for the linked shipment",
    ZInspectionBody,
    (b) => ({ kind: "inspection", result: b.result as "compliant", findings: b.findings }),
    { status: "inspection", body: { result: "compliant" } },
  );
  action("release", "Release the goods", ZOptionalReasonBody, () => ({ kind: "release" }), {
    status: "assessed",
    body: {},
  });
  action(
    "hold",
    "Hold the declaration, with the reason",
    ZReasonBody,
    (b) => ({ kind: "hold", reason: b.reason ?? "" }),
    {
      status: "assessed",
      body: { reason: "matrix" },
    },
  );
  action(
    "reject",
    "Reject the declaration, with the reason",
    ZReasonBody,
    (b) => ({ kind: "reject", reason: b.reason ?? "" }),
    { status: "assessed", body: { reason: "matrix" } },
  );

  // Risk rules and settings.

  app.route({
    method: "GET",
    url: "/api/v1/customs/risk-rules",
    config: { policy: OFFICER },
    schema: {
      tags,
      summary: "Risk rules of my side; ?history=true includes earlier versions",
      querystring: ZRiskRuleQuery,
      response: { 200: ZRiskRuleList },
    },
    handler: async (request) => {
      const sides = sidesWithRole(authOf(request), "customs_officer").filter(
        (s) => !request.query.side || s === request.query.side,
      );
      const rows = await repo.listRiskRules(deps.db.db, sides, request.query.history === "true");
      return { items: rows.map(presentRiskRule) };
    },
  });

  app.route({
    method: "POST",
    url: "/api/v1/customs/risk-rules",
    config: { policy: OFFICER },
    schema: {
      tags,
      summary: "Add a risk rule for my side",
      body: ZRiskRuleInput,
      response: { 201: ZRiskRule },
    },
    handler: async (request, reply) => {
      const auth = authOf(request);
      if (!sidesWithRole(auth, "customs_officer").includes(request.body.side))
        throw new AppError("FORBIDDEN_SIDE", { side: request.body.side });
      const row = await runOperation(operationDeps(deps), createRiskRule, request.body, {
        actor: actorOf(auth),
        requestId: request.id,
      });
      reply.code(201);
      return presentRiskRule(row);
    },
  });

  app.route({
    method: "PUT",
    url: "/api/v1/customs/risk-rules/:id",
    config: { policy: OFFICER, sideScope: ruleSide },
    schema: {
      tags,
      summary: "Change a risk rule: a new version is recorded, the old one kept in the history",
      params: ZIdParams,
      body: ZRiskRuleInput,
      response: { 200: ZRiskRule },
    },
    handler: async (request) => {
      const row = await runOperation(
        operationDeps(deps),
        changeRiskRule,
        { id: request.params.id, change: request.body },
        { actor: actorOf(authOf(request)), requestId: request.id },
      );
      return presentRiskRule(row);
    },
  });

  app.route({
    method: "GET",
    url: "/api/v1/customs/risk-settings/:side",
    config: { policy: OFFICER, sideScope: settingsSide },
    schema: {
      tags,
      summary: "Random-selection rates, score thresholds and green-corridor categories of a side",
      params: ZSideParams,
      response: { 200: ZRiskSettings },
    },
    handler: async (request) =>
      presentSettings(request.params.side, await repo.findCurrentSettings(deps.db.db, request.params.side)),
  });

  app.route({
    method: "PUT",
    url: "/api/v1/customs/risk-settings/:side",
    config: { policy: OFFICER, sideScope: settingsSide },
    schema: {
      tags,
      summary: "Change my side's risk settings (versioned and audited)",
      params: ZSideParams,
      body: ZRiskSettingsInput,
      response: { 200: ZRiskSettings },
    },
    handler: async (request) => {
      const row = await runOperation(
        operationDeps(deps),
        changeRiskSettings,
        { side: request.params.side, data: request.body },
        { actor: actorOf(authOf(request)), requestId: request.id },
      );
      return presentSettings(request.params.side, row);
    },
  });

  app.route({
    method: "GET",
    url: "/api/v1/customs/ports/load",
    config: { policy: OFFICER },
    schema: {
      tags,
      summary:
        "Ports' load per day for my side: submitted, released, tonnes, vehicles and wagons against capacity, queue by lane, median and p90 clearance time",
      querystring: ZPortLoadQuery,
      response: { 200: ZPortLoad },
    },
    handler: async (request) =>
      portLoad(
        deps.db.db,
        sidesWithRole(authOf(request), "customs_officer"),
        request.query,
        deps.clock.now(),
      ),
  });

  app.route({
    method: "GET",
    url: "/api/v1/customs/recognition-report",
    config: { policy: OFFICER },
    schema: {
      tags,
      summary:
        "Mutual recognition per port and month: inspections and document checks avoided, clearance time saved",
      querystring: ZRecognitionQuery,
      response: { 200: ZRecognitionReport },
    },
    handler: async (request) =>
      recognitionReport(
        deps.db.db,
        sidesWithRole(authOf(request), "customs_officer"),
        request.query,
        request.locale,
        deps.clock.now(),
      ),
  });
};
