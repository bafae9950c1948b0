import type { TSide } from "../../contracts";
import { normalizeDecimal } from "../tariffs/calculatorInput";
import type { TFlow, TLane, TRiskRule, TRiskRuleInput, TRiskSettings, TRiskSettingsInput } from "./contracts";
import { newRowKey } from "./draft";

// The forms of the risk rules and the risk settings, and the requests built from them. Pure, so they can
// be unit-tested. Empty fields are left out: a condition that is not set does not narrow the rule.

export interface RuleDraft {
  side: TSide;
  name: string;
  description: string;
  flow: TFlow | "";
  hsPrefix: string;
  /** Country codes as typed: "KZ, MN" or "KZ MN". */
  origins: string;
  declarantId: string;
  portId: string;
  valueMin: string;
  valueMax: string;
  trustBelow: string;
  /** Fires when a line's USD per kg is outside the statistical unit-value band of its HS6. */
  unitValueBand: boolean;
  lane: TLane | "";
  score: string;
  active: boolean;
}

export function emptyRuleDraft(side: TSide): RuleDraft {
  return {
    side,
    name: "",
    description: "",
    flow: "",
    hsPrefix: "",
    origins: "",
    declarantId: "",
    portId: "",
    valueMin: "",
    valueMax: "",
    trustBelow: "",
    unitValueBand: false,
    lane: "",
    score: "",
    active: true,
  };
}

export function ruleDraftFromRule(rule: TRiskRule): RuleDraft {
  const c = rule.conditions;
  return {
    side: rule.side,
    name: rule.name,
    description: rule.description ?? "",
    flow: c.flow ?? "",
    hsPrefix: c.hsPrefix ?? "",
    origins: (c.origins ?? []).join(", "),
    declarantId: c.declarantId ?? "",
    portId: c.portId ?? "",
    valueMin: c.valuePerKg?.min ?? "",
    valueMax: c.valuePerKg?.max ?? "",
    trustBelow: c.trustBelow === undefined ? "" : String(c.trustBelow),
    unitValueBand: c.unitValueBand === true,
    lane: rule.lane ?? "",
    score: rule.score === null ? "" : String(rule.score),
    active: rule.active,
  };
}

/**
 * "-20" → -20, "" → null; anything else is sent as typed, so the server's message about it lands at the
 * field instead of the value silently becoming "not set".
 */
export function integer(typed: string): number | string | null {
  const trimmed = typed.trim().replace(/^\u2212/, "-");
  if (trimmed === "") return null;
  return /^[+-]?\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

export function splitCountries(typed: string): string[] {
  return typed
    .split(/[\s,;，；、]+/)
    .map((code) => code.trim().toUpperCase())
    .filter((code) => code !== "");
}

export function toRuleInput(draft: RuleDraft): TRiskRuleInput {
  const conditions: TRiskRuleInput["conditions"] = {};
  if (draft.flow) conditions.flow = draft.flow;
  const hsPrefix = draft.hsPrefix.replace(/[\s.]/g, "");
  if (hsPrefix) conditions.hsPrefix = hsPrefix;
  const origins = splitCountries(draft.origins);
  if (origins.length > 0) conditions.origins = origins;
  if (draft.declarantId) conditions.declarantId = draft.declarantId;
  if (draft.portId) conditions.portId = draft.portId;
  const min = normalizeDecimal(draft.valueMin);
  const max = normalizeDecimal(draft.valueMax);
  if (min || max) conditions.valuePerKg = { ...(min ? { min } : {}), ...(max ? { max } : {}) };
  const trust = integer(draft.trustBelow);
  if (trust !== null) conditions.trustBelow = trust;
  if (draft.unitValueBand) conditions.unitValueBand = true;
  const description = draft.description.trim();
  return {
    side: draft.side,
    name: draft.name.trim(),
    ...(description ? { description } : {}),
    conditions,
    lane: draft.lane === "" ? null : draft.lane,
    score: integer(draft.score),
    active: draft.active,
  };
}

export interface CorridorDraft {
  key: string;
  hsPrefix: string;
  portId: string;
  note: string;
}

export interface SettingsDraft {
  randomRed: string;
  randomYellow: string;
  thresholdYellow: string;
  thresholdRed: string;
  corridor: CorridorDraft[];
}

export function settingsDraftFrom(settings: TRiskSettings): SettingsDraft {
  return {
    randomRed: settings.randomRates.red,
    randomYellow: settings.randomRates.yellow,
    thresholdYellow: String(settings.scoreThresholds.yellow),
    thresholdRed: String(settings.scoreThresholds.red),
    corridor: settings.greenCorridor.map((entry) => ({
      key: newRowKey(),
      hsPrefix: entry.hsPrefix,
      portId: entry.portId ?? "",
      note: entry.note ?? "",
    })),
  };
}

export function toSettingsInput(draft: SettingsDraft): TRiskSettingsInput {
  return {
    randomRates: { red: normalizeDecimal(draft.randomRed), yellow: normalizeDecimal(draft.randomYellow) },
    scoreThresholds: {
      yellow: integer(draft.thresholdYellow) ?? "",
      red: integer(draft.thresholdRed) ?? "",
    },
    // Every row goes out, blank ones too, so the server's errors point at the rows as shown.
    greenCorridor: draft.corridor.map((entry) => ({
      hsPrefix: entry.hsPrefix.replace(/[\s.]/g, ""),
      portId: entry.portId || null,
      note: entry.note.trim() || null,
    })),
  };
}
