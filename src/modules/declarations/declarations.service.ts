import { canonicalJson } from "../../platform/audit/canonical-json.ts";
import { sha256Hex } from "../../platform/auth/crypto.ts";
import type { AuthContext } from "../../platform/auth/policy.ts";
import { hasRole } from "../../platform/auth/policy.ts";
import { newId, randomCrockford } from "../../platform/clock.ts";
import type { Executor } from "../../platform/db/db.ts";
import type {
  DeclarationEventsTable,
  DeclarationLinesTable,
  DeclarationsTable,
  EnterprisesTable,
} from "../../platform/db/schema.ts";
import type { AppDeps } from "../../platform/deps.ts";
import { operationDeps } from "../../platform/deps.ts";
import { AppError, type FieldError, fieldError, isAppError } from "../../platform/errors.ts";
import { I18N_PARAM } from "../../platform/http/problem.ts";
import { Dec } from "../../platform/money.ts";
import {
  defineOperation,
  type OperationContext,
  previousResult,
  runOperation,
} from "../../platform/operations.ts";
import { actorOf } from "../identity/identity.service.ts";
import * as registryRepo from "../registry/registry.repository.ts";
import { type Band, bandLimits, bandsFor, MIN_BAND_OBSERVATIONS } from "../statistics/statistics.bands.ts";
import { rateInForce } from "../tariffs/fx/fx.service.ts";
import { type Assessment, assessLine, NATIONAL_CURRENCY } from "../tariffs/tariffs.service.ts";
import {
  type DeclarationStatus,
  findTradeMode,
  type Lane,
  TRANSPORT_DOCUMENT,
  type TransportMode,
} from "./declarations.codes.ts";
import { LICENCE_CHECKS, type LicenceCheck, WRITE_HOOKS } from "./declarations.hooks.ts";
import { referenceSnapshot, riskSnapshot } from "./declarations.lookup.ts";
import * as repo from "./declarations.repository.ts";
import type { TDeclarationInput } from "./declarations.schema.ts";
import { decideLane, type LinkedInspection, type RiskDecision, type RiskSubject } from "./risk.ts";

/**
 * Declarations: validation at submission (reference codes, parties, documents, prohibitions,
 * licences), assessment through the tariffs module, the lane decision, and the officers' actions.
 * Reads that do not need the transaction (reference data, rules, rates) happen before it, through
 * the in-memory caches; the transaction only writes.
 */

export interface PreparedDeclaration {
  row: DeclarationsTable;
  lines: DeclarationLinesTable[];
  assessments: Assessment[];
  /** The index of the line each assessment belongs to (lines with errors are not assessed). */
  assessedLines: number[];
  declarant: EnterprisesTable;
  counterparty: EnterprisesTable | null;
  errors: FieldError[];
}

/** A status as an error parameter, shown in the reader's language. */
const statusParam = (status: string) => `${I18N_PARAM}declarations.status.${status}`;

/** CN-261122-7K3M9QX2AB: side, date, ten random base-32 characters (50 bits). */
export function declarationNumber(side: "CN" | "RU", date: string): string {
  return `${side}-${date.slice(2, 4)}${date.slice(5, 7)}${date.slice(8, 10)}-${randomCrockford(10)}`;
}

/** The enterprise a user declares for: the given one if they are its member, else their only one. */
export function declarantIdFor(auth: AuthContext, requested: string | undefined): string {
  const mine = auth.memberships.filter(
    (m) => m.roles.includes("enterprise_member") && m.organizationKind === "enterprise",
  );
  if (requested) {
    if (!mine.some((m) => m.organizationId === requested))
      throw new AppError("NOT_FOUND", { resource: "enterprise", id: requested });
    return requested;
  }
  const only = mine[0];
  if (!only) throw new AppError("FORBIDDEN", { required: "enterprise_member" });
  if (mine.length > 1)
    throw new AppError("VALIDATION_FAILED", {}, [
      fieldError("declarantId", "required", "declarations.field.declarant_choose"),
    ]);
  return only.organizationId;
}

const PORT_MODE_OK: Record<TransportMode, readonly string[]> = {
  road: ["road", "bridge"],
  rail: ["rail"],
  river: ["river"],
  pipeline: ["pipeline"],
  air: [],
  post: [],
};

function digits(code: string): string {
  return code.replace(/\D/g, "");
}

function sumDec(values: readonly string[]): string {
  return values.reduce((a, v) => a.plus(v), new Dec(0)).toFixed();
}

/**
 * Checks a declaration and assesses its lines. `submit` adds what only submission requires
 * (verified declarant, documents, a known counterparty). Never writes.
 */
export async function prepareDeclaration(
  db: Executor,
  input: TDeclarationInput,
  opts: {
    declarantId: string;
    userId: string | null;
    now: string;
    submit: boolean;
    id?: string;
    sample?: boolean;
    licenceChecks?: readonly LicenceCheck[];
  },
): Promise<PreparedDeclaration> {
  const errors: FieldError[] = [];
  const ref = await referenceSnapshot(db);
  const declarant = await registryRepo.findEnterprise(db, opts.declarantId);
  if (!declarant) throw new AppError("NOT_FOUND", { resource: "enterprise", id: opts.declarantId });
  const side = declarant.side;
  const other = side === "CN" ? "RU" : "CN";
  if (opts.submit && declarant.status !== "verified")
    errors.push(fieldError("declarantId", "not_verified", "declarations.field.declarant_not_verified"));

  const today = opts.now.slice(0, 10);
  const date = input.date ?? today;
  if (date > today) errors.push(fieldError("date", "future", "declarations.field.date_future", { today }));

  const port = ref.ports.get(input.portId);
  if (!port) {
    errors.push(fieldError("portId", "unknown", "declarations.field.port_unknown", { port: input.portId }));
  } else {
    if (side === "RU" && !port.hasRu)
      errors.push(fieldError("portId", "no_side", "declarations.field.port_no_ru", { port: input.portId }));
    const allowed = PORT_MODE_OK[input.transportMode];
    if (port.modes.length > 0 && !port.modes.some((m) => allowed.includes(m)))
      errors.push(
        fieldError("transportMode", "not_at_port", "declarations.field.mode_not_at_port", {
          mode: input.transportMode,
          port: input.portId,
          modes: port.modes.join(", "),
        }),
      );
  }

  const mode = findTradeMode(side, input.tradeMode);
  if (!mode) {
    errors.push(
      fieldError("tradeMode", "unknown", "declarations.field.trade_mode_unknown", {
        code: input.tradeMode,
        side,
      }),
    );
  } else if (!mode.flows.includes(input.flow)) {
    errors.push(
      fieldError("tradeMode", "wrong_flow", "declarations.field.trade_mode_flow", {
        code: input.tradeMode,
        flow: input.flow,
      }),
    );
  }

  if (!ref.currencies.has(input.currency))
    errors.push(
      fieldError("currency", "unknown", "declarations.field.currency_unknown", { code: input.currency }),
    );

  // Counterparty: a registered enterprise of the other side, or a name and a country.
  let counterparty: EnterprisesTable | null = null;
  let counterpartyName = input.counterparty.name ?? "";
  let counterpartyCountry = input.counterparty.country ?? null;
  if (input.counterparty.enterpriseId) {
    counterparty = (await registryRepo.findEnterprise(db, input.counterparty.enterpriseId)) ?? null;
    if (!counterparty) {
      errors.push(
        fieldError("counterparty.enterpriseId", "unknown", "declarations.field.counterparty_unknown"),
      );
    } else {
      if (counterparty.side === side)
        errors.push(
          fieldError("counterparty.enterpriseId", "same_side", "declarations.field.counterparty_same_side", {
            side,
          }),
        );
      counterpartyName =
        (side === "CN" ? counterparty.name_zh : counterparty.name_ru) ??
        counterparty.name_en ??
        counterparty.name_ru ??
        counterparty.name_zh ??
        "";
      counterpartyCountry = counterparty.side;
    }
  } else {
    if (!counterpartyName)
      errors.push(fieldError("counterparty.name", "required", "declarations.field.counterparty_required"));
    if (!counterpartyCountry) {
      errors.push(fieldError("counterparty.country", "required", "declarations.field.country_required"));
    } else if (!ref.countries.has(counterpartyCountry)) {
      errors.push(
        fieldError("counterparty.country", "unknown", "declarations.field.country_unknown", {
          code: counterpartyCountry,
        }),
      );
    } else if (counterpartyCountry === side) {
      errors.push(
        fieldError("counterparty.country", "same_side", "declarations.field.counterparty_same_side", {
          side,
        }),
      );
    }
  }
  if (counterpartyCountry && counterpartyCountry !== other && counterparty === null && opts.submit) {
    // Trade through these ports is with the other side; a third country is allowed but stated.
  }

  if (opts.submit) {
    const kinds = new Set(input.documents.map((d) => d.kind));
    if (!kinds.has("invoice"))
      errors.push(
        fieldError("documents", "missing", "declarations.field.document_missing", {
          kind: `${I18N_PARAM}declarations.document.invoice`,
        }),
      );
    const transportDoc = TRANSPORT_DOCUMENT[input.transportMode];
    if (transportDoc && !kinds.has(transportDoc))
      errors.push(
        fieldError("documents", "missing", "declarations.field.document_missing", {
          kind: `${I18N_PARAM}declarations.document.${transportDoc}`,
        }),
      );
  }

  // Lines: codes exist, origins exist, weights consistent; then assessment (prohibitions, duties).
  const codes = input.lines.map((l) => digits(l.code));
  const lookup = [...new Set(codes.flatMap((c) => [c.slice(0, 6), ...(c.length === 10 ? [c] : [])]))];
  const nodes = await db
    .selectFrom("hs_nodes")
    .select(["code", "level", "scheme", "valid_from", "valid_to"])
    .where("code", "in", lookup)
    .execute();
  const known = new Map(nodes.map((n) => [n.code, n]));
  const assessments: Assessment[] = [];
  const assessedLines: number[] = [];
  const lines: DeclarationLinesTable[] = [];
  const id = opts.id ?? newId();
  let lineErrors = false;
  for (const [i, line] of input.lines.entries()) {
    const code = codes[i] ?? "";
    const before = errors.length;
    if (![6, 8, 10].includes(code.length)) {
      errors.push(
        fieldError(`lines.${i}.code`, "length", "declarations.field.code_length", { code: line.code }),
      );
    } else if (side === "RU" && code.length === 8) {
      errors.push(fieldError(`lines.${i}.code`, "length", "declarations.field.code_tnved_length", { code }));
    } else if (!known.has(code.slice(0, 6)) || known.get(code.slice(0, 6))?.level !== "subheading") {
      errors.push(
        fieldError(`lines.${i}.code`, "unknown", "declarations.field.code_unknown", {
          code: code.slice(0, 6),
        }),
      );
    } else if (side === "RU" && code.length === 10) {
      const n = known.get(code);
      if (n?.scheme !== "TNVED")
        errors.push(
          fieldError(`lines.${i}.code`, "unknown", "declarations.field.code_unknown_tnved", { code }),
        );
      else if ((n.valid_from && n.valid_from > date) || (n.valid_to && n.valid_to < date))
        errors.push(
          fieldError(`lines.${i}.code`, "not_in_force", "declarations.field.code_not_in_force", {
            code,
            date,
          }),
        );
    }
    if (!ref.countries.has(line.origin))
      errors.push(
        fieldError(`lines.${i}.origin`, "unknown", "declarations.field.country_unknown", {
          code: line.origin,
        }),
      );
    if (new Dec(line.grossKg).lt(line.netKg))
      errors.push(fieldError(`lines.${i}.grossKg`, "below_net", "declarations.field.gross_below_net"));

    let assessment: Assessment | null = null;
    if (errors.length === before && ref.currencies.has(input.currency)) {
      try {
        assessment = await assessLine(db, {
          side,
          flow: input.flow,
          hsCode: code,
          date,
          value: { amount: line.value, currency: input.currency },
          quantity: { value: line.quantity.value, unit: line.quantity.unit },
          origin: line.origin,
        });
      } catch (e) {
        if (!isAppError(e)) throw e;
        if (e.code === "FX_RATE_NOT_FOUND") {
          errors.push(
            fieldError("currency", "no_rate", "declarations.field.no_rate", {
              currency: input.currency,
              date,
            }),
          );
        } else if (e.fieldErrors.length > 0) {
          for (const f of e.fieldErrors) errors.push({ ...f, path: `lines.${i}.${f.path}` });
        } else {
          throw e;
        }
      }
      if (assessment?.prohibited)
        errors.push(
          fieldError(`lines.${i}.code`, "prohibited", "declarations.field.prohibited", {
            code,
            legalRef: assessment.prohibited.rule.legalRef,
          }),
        );
    }
    if (errors.length > before) lineErrors = true;
    if (assessment) {
      assessments.push(assessment);
      assessedLines.push(i);
    }
    const amounts = assessment?.amounts ?? [];
    lines.push({
      declaration_id: id,
      line_no: i + 1,
      code,
      hs6: code.slice(0, 6),
      description: line.description,
      origin: line.origin,
      quantity: line.quantity.value,
      unit: line.quantity.unit,
      net_kg: line.netKg,
      gross_kg: line.grossKg,
      value: line.value,
      licence_number: line.licenceNumber ?? null,
      duty: amounts.find((a) => a.kind === "duty")?.amount ?? (assessment ? "0.00" : null),
      vat: amounts.find((a) => a.kind === "vat")?.amount ?? (assessment ? "0.00" : null),
    });
  }

  for (const check of opts.licenceChecks ?? LICENCE_CHECKS) {
    errors.push(
      ...(await check.check(db, {
        side,
        flow: input.flow,
        declarantId: declarant.id,
        date,
        currency: input.currency,
        lines: input.lines.map((l, index) => ({
          index,
          code: codes[index] ?? "",
          licenceNumber: l.licenceNumber ?? null,
          quantity: l.quantity.value,
          unit: l.quantity.unit,
          value: l.value,
        })),
      })),
    );
  }

  const complete = !lineErrors && assessments.length === lines.length;
  const row: DeclarationsTable = {
    id,
    number: declarationNumber(side, date),
    side,
    flow: input.flow,
    status: "draft",
    lane: null,
    declarant_id: declarant.id,
    counterparty_id: counterparty?.id ?? null,
    counterparty_name: counterpartyName,
    counterparty_country: counterpartyCountry,
    port_id: input.portId,
    trade_mode: input.tradeMode,
    unified_mode: mode?.unified ?? "other",
    transport_mode: input.transportMode,
    conveyances: input.conveyances,
    currency: input.currency,
    incoterms: input.incoterms,
    shipment_ref: input.shipmentRef ?? null,
    decl_date: date,
    documents: JSON.stringify(input.documents),
    total_value: sumDec(input.lines.map((l) => l.value)),
    total_net_kg: sumDec(input.lines.map((l) => l.netKg)),
    total_gross_kg: sumDec(input.lines.map((l) => l.grossKg)),
    line_count: input.lines.length,
    national_currency: NATIONAL_CURRENCY[side],
    duty_total: complete ? sumDec(lines.map((l) => l.duty ?? "0")) : null,
    vat_total: complete ? sumDec(lines.map((l) => l.vat ?? "0")) : null,
    assessment: JSON.stringify(assessments),
    risk: null,
    recognition_basis: null,
    recognized_from: null,
    created_by: opts.userId,
    created_at: opts.now,
    submitted_at: null,
    released_at: null,
    closed_at: null,
    updated_at: opts.now,
    is_sample: opts.sample ? 1 : 0,
  };
  return { row, lines, assessments, assessedLines, declarant, counterparty, errors };
}

/** The lane decision for a prepared declaration: rules, linked inspection of the other side, random draw. */
export type BandProvider = () => Promise<Map<string, Band>>;

export async function assignLane(
  db: Executor,
  p: PreparedDeclaration,
  bandsOf?: BandProvider,
): Promise<RiskDecision> {
  const { row } = p;
  const snap = await riskSnapshot(db);
  // The statistics are read only when an active rule of the side asks for unit-value bands.
  const wantsBands = snap.rules.some(
    (r) => r.active && r.side === row.side && r.conditions.unitValueBand === true,
  );
  const bands = wantsBands && bandsOf ? await bandsOf() : null;
  const settings = snap.settings.get(row.side)?.data;
  const trust = await registryRepo.findTrustProfile(db, row.declarant_id);
  const lines: RiskSubject["lines"] = [];
  for (const l of p.lines) {
    let valueUsd: string | null = null;
    if (row.currency === "USD") valueUsd = l.value;
    else {
      try {
        const rate = await rateInForce(db, row.currency, "USD", row.decl_date);
        valueUsd = new Dec(l.value).mul(rate.rate).toFixed();
      } catch (e) {
        if (!isAppError(e)) throw e;
      }
    }
    const band = bands?.get(`${l.hs6}|${row.flow}`);
    lines.push({
      lineNo: l.line_no,
      code: l.code,
      origin: l.origin,
      netKg: l.net_kg,
      valueUsd,
      band:
        band && band.n >= MIN_BAND_OBSERVATIONS
          ? { ...bandLimits(band), median: band.median, n: band.n }
          : null,
    });
  }
  let inspection: LinkedInspection | null = null;
  if (row.flow === "import" && row.shipment_ref) {
    const found = await repo.linkedInspections(db, row.shipment_ref, row.side === "CN" ? "RU" : "CN");
    const f = found[0];
    if (f)
      inspection = {
        id: f.id,
        side: f.side,
        portId: f.port_id,
        at: f.at,
        result: f.result,
        declarationNumber: f.number,
      };
  }
  const isAeo = (e: EnterprisesTable | null) => e?.aeo_level != null && e.status === "verified";
  return decideLane(
    {
      id: row.id,
      side: row.side,
      flow: row.flow,
      portId: row.port_id,
      declarantId: row.declarant_id,
      trustScore: trust ? Number(trust.score) : null,
      lines,
    },
    snap.rules,
    settings ?? (await riskSnapshot(db)).settings.get(row.side)!.data,
    { inspection, declarantAeo: isAeo(p.declarant), counterpartyAeo: isAeo(p.counterparty) },
  );
}

/** Where a lane sends a declaration after it is assigned. */
export function statusForLane(lane: Lane): DeclarationStatus {
  if (lane === "red") return "inspection";
  if (lane === "yellow") return "document_check";
  return "assessed";
}

interface TimelineEntry {
  action: string;
  status: DeclarationStatus;
  reason?: string | null;
  /** A step the platform took by itself (the lane decision and where it sends the declaration). */
  automatic?: boolean;
}

async function recordTimeline(ctx: OperationContext, id: string, entries: readonly TimelineEntry[]) {
  const rows = entries.map((e) => ({
    declaration_id: id,
    at: ctx.now,
    action: e.action,
    status: e.status,
    actor_user_id: e.automatic ? null : ctx.actor.userId,
    actor_label: e.automatic ? null : ctx.actor.label,
    reason: e.reason ?? null,
  }));
  await repo.insertEvents(ctx.trx, ctx.dialect, rows);
  return rows;
}

/** What a save wrote, handed back to the caller so the answer needs no second read. */
export interface SavedDeclaration {
  row: DeclarationsTable;
  lines: DeclarationLinesTable[];
  events: Omit<DeclarationEventsTable, "id">[];
  declarant: EnterprisesTable;
  counterparty: EnterprisesTable | null;
  /** The objects the row's assessment and risk columns were written from (no need to parse them back). */
  assessments: Assessment[];
  risk: RiskDecision | null;
}

export interface SubmitInput {
  prepared: PreparedDeclaration;
  risk: RiskDecision | null;
  /** An existing draft being saved again or submitted. */
  replaces?: string;
  /** Filled with what was written (not part of the stored idempotent result). */
  capture?: { saved?: SavedDeclaration };
}

/** Saves a declaration: a draft, or submitted with its lane (one transaction, one audit entry). */
export const saveDeclaration = defineOperation({
  name: "declarations.save",
  async run(ctx, input: SubmitInput) {
    const { prepared, risk } = input;
    const row: DeclarationsTable = {
      ...prepared.row,
      created_at: prepared.row.created_at,
      updated_at: ctx.now,
    };
    const timeline: TimelineEntry[] = [];
    if (risk) {
      const next = statusForLane(risk.lane);
      Object.assign(row, {
        status: next,
        lane: risk.lane,
        risk: JSON.stringify(risk),
        submitted_at: ctx.now,
        recognition_basis: risk.recognition.applied ? risk.recognition.basis : null,
        recognized_from: risk.recognition.applied ? risk.recognition.from : null,
      });
      timeline.push(
        { action: "submitted", status: "submitted" },
        { action: "lane_assigned", status: "lane_assigned", reason: risk.lane, automatic: true },
        { action: `routed_${next}`, status: next, automatic: true },
      );
    } else {
      timeline.push({ action: input.replaces ? "draft_saved" : "draft_created", status: "draft" });
    }
    if (input.replaces) {
      const current = await repo.findDeclaration(ctx.trx, input.replaces);
      if (current?.status !== "draft")
        throw new AppError("DECLARATION_STATE", { status: statusParam(current?.status ?? "cancelled") });
      if (!current) throw new AppError("NOT_FOUND", { resource: "declaration", id: input.replaces });
      row.id = current.id;
      row.number = current.number;
      row.created_at = current.created_at;
      row.created_by = current.created_by;
      await repo.replaceDraft(
        ctx.trx,
        row,
        prepared.lines.map((l) => ({ ...l, declaration_id: current.id })),
      );
    } else {
      await repo.insertDeclaration(ctx.trx, ctx.dialect, row, prepared.lines);
    }
    if (risk) for (const h of WRITE_HOOKS) await h.submitted(ctx, row, prepared.lines);
    const events = await recordTimeline(ctx, row.id, timeline);
    if (input.capture)
      input.capture.saved = {
        row,
        lines: prepared.lines.map((l) => ({ ...l, declaration_id: row.id })),
        events,
        declarant: prepared.declarant,
        counterparty: prepared.counterparty,
        assessments: prepared.assessments,
        risk,
      };
    await ctx.audit({
      action: risk ? "declaration.submitted" : "declaration.draft_saved",
      targetType: "declaration",
      targetId: row.id,
      organizationId: row.declarant_id,
      summary: {
        number: row.number,
        side: row.side,
        flow: row.flow,
        port: row.port_id,
        lines: row.line_count,
        value: `${row.total_value} ${row.currency}`,
        ...(risk
          ? {
              lane: risk.lane,
              score: risk.score,
              rules: risk.fired.map((f) => `${f.ruleKey}@${f.version}`),
              random: risk.random.selected,
              recognition: risk.recognition.applied ? risk.recognition.inspection?.id : null,
            }
          : {}),
      },
    });
    if (risk) {
      const payload = {
        enterpriseId: row.declarant_id,
        number: row.number,
        side: row.side,
        flow: row.flow,
        portId: row.port_id,
      };
      await ctx.emitMany([
        { type: "declaration.submitted", aggregateType: "declaration", aggregateId: row.id, payload },
        {
          type: "declaration.lane_assigned",
          aggregateType: "declaration",
          aggregateId: row.id,
          payload: { ...payload, lane: risk.lane, recognized: risk.recognition.applied },
        },
      ]);
    }
    return { id: row.id, number: row.number, status: row.status as DeclarationStatus, lane: row.lane };
  },
});

// Officers' and declarants' actions after submission.

export type OfficerAction =
  | { kind: "document_check"; outcome: "ok" | "discrepancy"; note?: string | undefined }
  | { kind: "inspection"; result: "compliant" | "findings"; findings?: string | undefined }
  | { kind: "release" }
  | { kind: "hold"; reason: string }
  | { kind: "reject"; reason: string }
  | { kind: "cancel"; reason?: string | undefined };

const FROM: Record<OfficerAction["kind"], readonly DeclarationStatus[]> = {
  document_check: ["document_check"],
  inspection: ["inspection", "document_check", "held"],
  release: ["assessed", "held"],
  hold: ["document_check", "inspection", "assessed"],
  reject: ["document_check", "inspection", "assessed", "held"],
  cancel: ["draft", "document_check", "inspection", "assessed", "held"],
};

export const actOnDeclaration = defineOperation({
  name: "declarations.act",
  async run(ctx, input: { id: string; action: OfficerAction; officerSide: "CN" | "RU" | null }) {
    const d = await repo.findDeclaration(ctx.trx, input.id);
    if (!d) throw new AppError("NOT_FOUND", { resource: "declaration", id: input.id });
    const a = input.action;
    const allowed = FROM[a.kind];
    if (!allowed.includes(d.status as DeclarationStatus))
      throw new AppError("DECLARATION_STATE", { status: statusParam(d.status) });

    let next: DeclarationStatus;
    let reason: string | null = null;
    let action: string = a.kind;
    const events: { type: string; payload?: Record<string, unknown> }[] = [];
    const set: Partial<DeclarationsTable> = { updated_at: ctx.now };
    switch (a.kind) {
      case "document_check":
        next = a.outcome === "ok" ? "assessed" : "held";
        action = `document_check_${a.outcome}`;
        reason = a.note ?? null;
        break;
      case "inspection": {
        next = a.result === "compliant" ? "assessed" : "held";
        action = `inspection_${a.result}`;
        reason = a.findings ?? null;
        await repo.insertInspection(ctx.trx, {
          id: newId(),
          declaration_id: d.id,
          side: d.side,
          port_id: d.port_id,
          shipment_ref: d.shipment_ref,
          result: a.result,
          findings: a.findings ?? null,
          officer_user_id: ctx.actor.userId,
          officer_label: ctx.actor.label,
          at: ctx.now,
        });
        await repo.bumpClearanceStats(ctx.trx, d.declarant_id, {
          inspections: 1,
          inspectionsWithFindings: a.result === "findings" ? 1 : 0,
        });
        events.push({ type: "declaration.inspected", payload: { result: a.result } });
        break;
      }
      case "release":
        next = "released";
        set.released_at = ctx.now;
        set.closed_at = ctx.now;
        await repo.bumpClearanceStats(ctx.trx, d.declarant_id, { released: 1 });
        events.push({ type: "declaration.released" });
        break;
      case "hold":
        next = "held";
        reason = a.reason;
        events.push({ type: "declaration.held" });
        break;
      case "reject":
        next = "rejected";
        reason = a.reason;
        set.closed_at = ctx.now;
        await repo.bumpClearanceStats(ctx.trx, d.declarant_id, { rejected: 1 });
        events.push({ type: "declaration.rejected" });
        break;
      case "cancel":
        next = "cancelled";
        reason = a.reason ?? null;
        set.closed_at = ctx.now;
        events.push({ type: "declaration.cancelled" });
        break;
    }
    set.status = next;
    if (!(await repo.transition(ctx.trx, d.id, allowed, set)))
      throw new AppError("DECLARATION_STATE", { status: statusParam(d.status) });
    if (next === "released") for (const h of WRITE_HOOKS) await h.released(ctx, d);
    if ((next === "rejected" || next === "cancelled") && d.status !== "draft")
      for (const h of WRITE_HOOKS) await h.closed(ctx, d);
    await recordTimeline(ctx, d.id, [{ action, status: next, reason }]);
    await ctx.audit({
      action: `declaration.${action}`,
      targetType: "declaration",
      targetId: d.id,
      organizationId: d.declarant_id,
      summary: { number: d.number, from: d.status, to: next, ...(reason ? { reason } : {}) },
    });
    const payload = {
      enterpriseId: d.declarant_id,
      number: d.number,
      side: d.side,
      flow: d.flow,
      portId: d.port_id,
    };
    if (events.length > 0)
      await ctx.emitMany(
        events.map((e) => ({
          type: e.type,
          aggregateType: "declaration",
          aggregateId: d.id,
          payload: { ...payload, ...e.payload },
        })),
      );
    return { id: d.id, status: next };
  },
});

/** Who may read a declaration: its declarant's members, and customs officers of its side. */
export function canRead(auth: AuthContext, d: Pick<DeclarationsTable, "declarant_id" | "side">): boolean {
  return (
    auth.memberships.some(
      (m) => m.organizationId === d.declarant_id && m.roles.includes("enterprise_member"),
    ) || hasRole(auth, "customs_officer", d.side)
  );
}

/** Validates, assesses, decides the lane and saves; the whole submission path, used by every entry point. */
export async function submitDeclaration(
  deps: AppDeps,
  auth: AuthContext,
  body: TDeclarationInput,
  opts: { key: string | null; requestId: string | null; replaces?: string },
): Promise<{ id: string; saved: SavedDeclaration | null }> {
  const declarantId = declarantIdFor(auth, body.declarantId);
  const requestHash = opts.key ? sha256Hex(canonicalJson({ body, replaces: opts.replaces ?? null })) : "";
  if (opts.key) {
    const earlier = await previousResult<{ id: string }>(deps.db.db, {
      userId: auth.user.id,
      key: opts.key,
      operation: saveDeclaration.name,
      requestHash,
    });
    if (earlier) return { id: earlier.id, saved: null };
  }
  const now = deps.clock.now().toISOString();
  const prepared = await prepareDeclaration(deps.db.db, body, {
    declarantId,
    userId: auth.user.id,
    now,
    submit: !body.draft,
  });
  if (!body.draft && prepared.errors.length > 0) throw new AppError("VALIDATION_FAILED", {}, prepared.errors);
  const risk = body.draft ? null : await assignLane(deps.db.db, prepared, () => bandsFor(deps));
  const capture: { saved?: SavedDeclaration } = {};
  const result = await runOperation(
    operationDeps(deps),
    saveDeclaration,
    { prepared, risk, capture, ...(opts.replaces ? { replaces: opts.replaces } : {}) },
    { actor: actorOf(auth), requestId: opts.requestId, idempotencyKey: opts.key, requestHash },
  );
  // A concurrent first use of the same key may have answered with its own declaration.
  const saved = capture.saved?.row.id === result.id ? capture.saved : null;
  return { id: result.id, saved };
}
