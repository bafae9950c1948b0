import type { Selectable } from "kysely";
import type { Executor } from "../../platform/db/db.ts";
import type {
  DeclarationEventsTable,
  DeclarationsTable,
  EnterprisesTable,
  InspectionsTable,
  RiskRulesTable,
  RiskSettingsTable,
} from "../../platform/db/schema.ts";
import { type Locale, t } from "../../platform/i18n/i18n.ts";
import { Dec } from "../../platform/money.ts";
import * as registryRepo from "../registry/registry.repository.ts";
import { presentAssessment } from "../tariffs/tariffs.presenter.ts";
import type { Assessment, Explanation } from "../tariffs/tariffs.service.ts";
import {
  DOCUMENT_KINDS,
  INCOTERMS,
  QUANTITY_UNITS,
  TRADE_MODES,
  TRANSPORT_MODES,
  type TradeMode,
  type UnifiedTradeMode,
} from "./declarations.codes.ts";
import { referenceSnapshot, riskRuleOf, settingsOf } from "./declarations.lookup.ts";
import * as repo from "./declarations.repository.ts";
import type { SavedDeclaration } from "./declarations.service.ts";
import type { RecognitionDecision, RiskDecision } from "./risk.ts";

const LANE_PARAMS = new Set(["lane", "from", "to", "ruleLane"]);

/** Crossing names by pair id, in three languages ("Heihe — Blagoveshchensk"), from the ports reference. */
const portNames = new Map<string, { zh: string; ru: string; en: string }>();

export async function loadPortNames(db: Executor): Promise<void> {
  if (portNames.size > 0) return;
  const snap = await referenceSnapshot(db);
  for (const [id, p] of snap.ports) {
    const data = JSON.parse(p.data) as {
      cn?: { name?: Record<string, string> };
      ru?: { name?: Record<string, string> } | null;
    };
    const name = (lang: "zh" | "ru" | "en") =>
      [data.cn?.name?.[lang], data.ru?.name?.[lang]].filter((x): x is string => Boolean(x)).join(" — ") || id;
    portNames.set(id, { zh: name("zh"), ru: name("ru"), en: name("en") });
  }
}

const langOf = (locale: Locale) => (locale === "zh-CN" ? "zh" : locale === "ru-RU" ? "ru" : "en");

/** A crossing's name in the reader's language (after loadPortNames); the id when unknown. */
export function portLabel(id: string, locale: Locale): string {
  return portNames.get(id)?.[langOf(locale)] ?? id;
}

/** Explanation parameters that are codes (lanes, flows, sides, ports) become words in the reader's language. */
function localParams(params: Explanation["params"], locale: Locale) {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params)) {
    if (LANE_PARAMS.has(k) && typeof v === "string") out[k] = t(locale, `declarations.lane.${v}`);
    else if (k === "flow" && typeof v === "string") out[k] = t(locale, `declarations.flow.${v}`);
    else if (k === "side" && (v === "CN" || v === "RU")) out[k] = t(locale, `declarations.customs.${v}`);
    else if (k === "port" && typeof v === "string") out[k] = portNames.get(v)?.[langOf(locale)] ?? v;
    else out[k] = v;
  }
  return out;
}

export const explain = (e: Explanation, locale: Locale) => t(locale, e.key, localParams(e.params, locale));

export function tradeModeText(mode: Pick<TradeMode, "code" | "side">, locale: Locale): string {
  return t(locale, `declarations.trade_mode.${mode.side}_${mode.code.replace(/-/g, "_")}`);
}

function presentRecognition(r: RecognitionDecision, locale: Locale) {
  return {
    applied: r.applied,
    basis: r.basis,
    from: r.from,
    to: r.to,
    inspection: r.inspection,
    text: explain(r.explanation, locale),
  };
}

export function presentRisk(risk: RiskDecision, locale: Locale) {
  return {
    score: risk.score,
    ruleLane: risk.ruleLane,
    lane: risk.lane,
    fired: risk.fired.map((f) => ({
      ruleId: f.ruleId,
      ruleKey: f.ruleKey,
      name: f.name,
      version: f.version,
      lane: f.lane,
      score: f.score,
      text: f.matched.map((m) => explain(m, locale)).join("; "),
    })),
    random: {
      selected: risk.random.selected,
      lane: risk.random.lane,
      draw: risk.random.draw,
      text: explain(risk.random.explanation, locale),
    },
    recognition: presentRecognition(risk.recognition, locale),
    summary: explain(risk.summary, locale),
  };
}

function names(e: Pick<EnterprisesTable, "name_zh" | "name_ru" | "name_en"> | undefined) {
  return { zh: e?.name_zh ?? null, ru: e?.name_ru ?? null, en: e?.name_en ?? null };
}

export function presentTimeline(
  events: readonly Omit<Selectable<DeclarationEventsTable>, "id">[],
  locale: Locale,
) {
  return events.map((e) => ({
    at: e.at,
    action: e.action,
    status: e.status as "draft",
    // Steps recorded without an actor are the risk engine's (the lane and where it sends the goods).
    actor: e.actor_label ?? t(locale, "declarations.timeline.actor_automatic"),
    reason: e.reason,
    text: t(locale, `declarations.timeline.${e.action}`, {
      lane: e.action === "lane_assigned" && e.reason ? t(locale, `declarations.lane.${e.reason}`) : "",
      reason: e.reason ?? "",
    }),
  }));
}

function presentInspection(i: InspectionsTable) {
  return {
    id: i.id,
    side: i.side,
    result: i.result,
    findings: i.findings,
    at: i.at,
    officer: i.officer_label,
  };
}

/** A declaration with its lines, assessment, timeline; the lane reasoning only for officers. */
export async function presentDeclaration(
  db: Executor,
  d: DeclarationsTable,
  locale: Locale,
  opts: { officer: boolean; saved?: SavedDeclaration | null },
) {
  await loadPortNames(db);
  const s = opts.saved;
  const [lines, events, inspections, declarant, counterparty] = s
    ? [s.lines, s.events, [], s.declarant, s.counterparty ?? undefined]
    : await Promise.all([
        repo.findLines(db, d.id),
        repo.findEvents(db, d.id),
        repo.findInspections(db, d.id),
        registryRepo.findEnterprise(db, d.declarant_id),
        d.counterparty_id ? registryRepo.findEnterprise(db, d.counterparty_id) : Promise.resolve(undefined),
      ]);
  const risk = s ? s.risk : d.risk ? (JSON.parse(d.risk) as RiskDecision) : null;
  const mode = TRADE_MODES.find((m) => m.side === d.side && m.code === d.trade_mode);
  const assessments = s ? s.assessments : d.assessment ? (JSON.parse(d.assessment) as Assessment[]) : [];
  const taxes =
    d.duty_total !== null && d.vat_total !== null ? new Dec(d.duty_total).plus(d.vat_total).toFixed(2) : null;
  return {
    id: d.id,
    number: d.number,
    side: d.side,
    flow: d.flow,
    status: d.status as "draft",
    lane: d.lane,
    declarant: { id: d.declarant_id, names: names(declarant), aeoLevel: declarant?.aeo_level ?? null },
    counterparty: {
      enterpriseId: d.counterparty_id,
      name: d.counterparty_name,
      country: d.counterparty_country,
      verified: counterparty?.status === "verified",
      names: counterparty ? names(counterparty) : null,
    },
    portId: d.port_id,
    tradeMode: {
      code: d.trade_mode,
      unified: d.unified_mode as UnifiedTradeMode,
      text: mode ? tradeModeText(mode, locale) : d.trade_mode,
    },
    transportMode: d.transport_mode as "road",
    conveyances: Number(d.conveyances),
    currency: d.currency,
    incoterms: d.incoterms,
    shipmentRef: d.shipment_ref,
    date: d.decl_date,
    documents: JSON.parse(d.documents) as { kind: "invoice"; number: string; date?: string }[],
    lines: lines.map((l) => ({
      lineNo: Number(l.line_no),
      code: l.code,
      hsCode: l.hs6,
      description: l.description,
      origin: l.origin,
      quantity: { value: l.quantity, unit: l.unit },
      netKg: l.net_kg,
      grossKg: l.gross_kg,
      value: l.value,
      licenceNumber: l.licence_number,
      duty: l.duty,
      vat: l.vat,
    })),
    totals: {
      value: d.total_value,
      currency: d.currency,
      netKg: d.total_net_kg,
      grossKg: d.total_gross_kg,
      nationalCurrency: d.national_currency,
      duty: d.duty_total,
      vat: d.vat_total,
      taxes,
    },
    assessment: assessments.map((a) => presentAssessment(a, locale)),
    recognition: risk?.recognition.inspection ? presentRecognition(risk.recognition, locale) : null,
    risk: opts.officer && risk ? presentRisk(risk, locale) : null,
    inspections: inspections.map(presentInspection),
    timeline: presentTimeline(events, locale),
    createdAt: d.created_at,
    submittedAt: d.submitted_at,
    releasedAt: d.released_at,
    sample: Number(d.is_sample) === 1,
  };
}

export async function presentSummaries(db: Executor, rows: readonly DeclarationsTable[]) {
  const ids = [
    ...new Set(
      rows.flatMap((r) => (r.counterparty_id ? [r.declarant_id, r.counterparty_id] : [r.declarant_id])),
    ),
  ];
  const enterprises = ids.length ? await registryRepo.findEnterprisesByIds(db, ids) : [];
  const byId = new Map(enterprises.map((e) => [e.id, e]));
  return rows.map((d) => ({
    id: d.id,
    number: d.number,
    side: d.side,
    flow: d.flow,
    status: d.status as "draft",
    lane: d.lane,
    declarant: { id: d.declarant_id, names: names(byId.get(d.declarant_id)) },
    counterpartyName: d.counterparty_name,
    counterpartyNames: d.counterparty_id ? names(byId.get(d.counterparty_id)) : null,
    portId: d.port_id,
    date: d.decl_date,
    value: d.total_value,
    currency: d.currency,
    lineCount: Number(d.line_count),
    submittedAt: d.submitted_at,
    updatedAt: d.updated_at,
  }));
}

export function presentRiskRule(r: RiskRulesTable) {
  const rule = riskRuleOf(r);
  return {
    id: rule.id,
    ruleKey: rule.ruleKey,
    version: rule.version,
    side: rule.side,
    name: rule.name,
    description: r.description,
    conditions: rule.conditions,
    lane: rule.lane,
    score: rule.score,
    active: rule.active,
    createdAt: r.created_at,
    createdBy: r.created_by,
    supersededAt: r.superseded_at,
  };
}

export function presentSettings(side: "CN" | "RU", row: RiskSettingsTable | null | undefined) {
  return {
    side,
    ...settingsOf(row),
    version: row ? Number(row.version) : 0,
    updatedAt: row?.updated_at ?? "",
    updatedBy: row?.updated_by ?? null,
  };
}

export function presentCodeLists(locale: Locale) {
  return {
    tradeModes: TRADE_MODES.map((m) => ({
      code: m.code,
      side: m.side,
      flows: [...m.flows],
      unified: m.unified,
      source: m.source,
      text: tradeModeText(m, locale),
    })),
    transportModes: [...TRANSPORT_MODES],
    incoterms: [...INCOTERMS],
    documentKinds: [...DOCUMENT_KINDS],
    units: [...QUANTITY_UNITS],
  };
}
