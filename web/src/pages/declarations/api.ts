import { request } from "../../api";
import type { TSide } from "../../contracts";
import {
  type TCodeLists,
  type TDeclaration,
  type TDeclarationInput,
  type TDeclarationList,
  type TPortLoad,
  type TPreview,
  type TRecognitionReport,
  type TRiskRule,
  type TRiskRuleInput,
  type TRiskSettings,
  type TRiskSettingsInput,
  ZCodeLists,
  ZDeclaration,
  ZDeclarationList,
  ZPortLoad,
  ZPreview,
  ZRecognitionReport,
  ZRiskRule,
  ZRiskRuleList,
  ZRiskSettings,
} from "./contracts";
import { type DeclarationFilter, filterQuery } from "./filters";

// The declarations API: the enterprise's own declarations under /declarations, the customs' work under
// /customs. Every answer is checked against its contract; problems arrive as ApiError in the reader's
// language.

const id = (value: string) => encodeURIComponent(value);

export async function fetchCodeLists(signal?: AbortSignal): Promise<TCodeLists> {
  return request("/declarations/codes", ZCodeLists, { signal });
}

/** Duties, taxes and problems of a declaration as it stands; the server saves nothing. */
export async function previewDeclaration(body: TDeclarationInput, signal?: AbortSignal): Promise<TPreview> {
  return request("/declarations/preview", ZPreview, { method: "POST", body, signal });
}

/** Saves a draft (`draft: true`) or submits; the key makes a resent submission create one declaration. */
export async function createDeclaration(
  body: TDeclarationInput,
  idempotencyKey: string,
): Promise<TDeclaration> {
  return request("/declarations", ZDeclaration, {
    method: "POST",
    body,
    headers: { "Idempotency-Key": idempotencyKey },
  });
}

/** Saves a draft again (`draft: true`) or submits it as changed; the key works as for a new declaration. */
export async function updateDraft(
  declarationId: string,
  body: TDeclarationInput,
  idempotencyKey: string,
): Promise<TDeclaration> {
  return request(`/declarations/${id(declarationId)}`, ZDeclaration, {
    method: "PUT",
    body,
    headers: { "Idempotency-Key": idempotencyKey },
  });
}

export async function submitDraft(declarationId: string): Promise<TDeclaration> {
  return request(`/declarations/${id(declarationId)}/submit`, ZDeclaration, { method: "POST", body: {} });
}

/** Cancels a draft, or withdraws a declaration customs has not decided on yet. */
export async function cancelDeclaration(declarationId: string): Promise<TDeclaration> {
  return request(`/declarations/${id(declarationId)}/cancel`, ZDeclaration, { method: "POST", body: {} });
}

export async function listMyDeclarations(
  filter: DeclarationFilter,
  signal?: AbortSignal,
): Promise<TDeclarationList> {
  return request(`/declarations${filterQuery(filter)}`, ZDeclarationList, { signal });
}

export async function fetchMyDeclaration(declarationId: string, signal?: AbortSignal): Promise<TDeclaration> {
  return request(`/declarations/${id(declarationId)}`, ZDeclaration, { signal });
}

// ---------- Customs ----------

export async function listCustomsDeclarations(
  filter: DeclarationFilter,
  signal?: AbortSignal,
): Promise<TDeclarationList> {
  return request(`/customs/declarations${filterQuery(filter)}`, ZDeclarationList, { signal });
}

export async function fetchCustomsDeclaration(
  declarationId: string,
  signal?: AbortSignal,
): Promise<TDeclaration> {
  return request(`/customs/declarations/${id(declarationId)}`, ZDeclaration, { signal });
}

/** What an officer records or decides; each is one POST on the declaration. */
export type OfficerAction =
  | { kind: "document-check"; outcome: "ok" | "discrepancy"; note?: string }
  | { kind: "inspection"; result: "compliant" | "findings"; findings?: string }
  | { kind: "release" }
  | { kind: "hold"; reason: string }
  | { kind: "reject"; reason: string };

export function officerActionBody(action: OfficerAction): Record<string, string> {
  switch (action.kind) {
    case "document-check":
      return { outcome: action.outcome, ...(action.note ? { note: action.note } : {}) };
    case "inspection":
      return { result: action.result, ...(action.findings ? { findings: action.findings } : {}) };
    case "release":
      return {};
    case "hold":
    case "reject":
      return { reason: action.reason };
  }
}

export async function actOnDeclaration(declarationId: string, action: OfficerAction): Promise<TDeclaration> {
  return request(`/customs/declarations/${id(declarationId)}/${action.kind}`, ZDeclaration, {
    method: "POST",
    body: officerActionBody(action),
  });
}

export async function listRiskRules(
  filter: { side?: TSide; history: boolean },
  signal?: AbortSignal,
): Promise<TRiskRule[]> {
  const query = new URLSearchParams({ history: String(filter.history) });
  if (filter.side) query.set("side", filter.side);
  return (await request(`/customs/risk-rules?${query}`, ZRiskRuleList, { signal })).items;
}

export async function createRiskRule(body: TRiskRuleInput): Promise<TRiskRule> {
  return request("/customs/risk-rules", ZRiskRule, { method: "POST", body });
}

/** Changes a rule by adding a version; the previous one is kept in the history. */
export async function reviseRiskRule(ruleId: string, body: TRiskRuleInput): Promise<TRiskRule> {
  return request(`/customs/risk-rules/${id(ruleId)}`, ZRiskRule, { method: "PUT", body });
}

export async function fetchRiskSettings(side: TSide, signal?: AbortSignal): Promise<TRiskSettings> {
  return request(`/customs/risk-settings/${side}`, ZRiskSettings, { signal });
}

export async function saveRiskSettings(side: TSide, body: TRiskSettingsInput): Promise<TRiskSettings> {
  return request(`/customs/risk-settings/${side}`, ZRiskSettings, { method: "PUT", body });
}

export async function fetchPortLoad(
  filter: { from?: string; to?: string; port?: string },
  signal?: AbortSignal,
): Promise<TPortLoad> {
  const query = new URLSearchParams();
  if (filter.from) query.set("from", filter.from);
  if (filter.to) query.set("to", filter.to);
  if (filter.port) query.set("port", filter.port);
  return request(`/customs/ports/load?${query}`, ZPortLoad, { signal });
}

export async function fetchRecognitionReport(
  range: { from?: string; to?: string },
  signal?: AbortSignal,
): Promise<TRecognitionReport> {
  const query = new URLSearchParams();
  if (range.from) query.set("from", range.from);
  if (range.to) query.set("to", range.to);
  return request(`/customs/recognition-report?${query}`, ZRecognitionReport, { signal });
}
