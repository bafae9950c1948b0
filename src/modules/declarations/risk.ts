import { createHash } from "node:crypto";
import { Dec } from "../../platform/money.ts";
import type { Explanation } from "../tariffs/tariffs.service.ts";
import { LANES, type Lane, laneRank } from "./declarations.codes.ts";

/**
 * The selectivity engine, in the spirit of ASYCUDA: rules with conditions either put a declaration
 * in a lane or add to its risk score; the score maps to a lane by thresholds; the worst lane wins.
 * Mutual recognition of the other side's compliant inspection then lowers the lane by one step, and
 * random selection finally sends a minimum share of declarations to the yellow and red lanes.
 * Everything here is pure: the caller loads the rules, the settings and the linked inspection.
 */

export interface RiskConditions {
  flow?: "export" | "import" | undefined;
  hsPrefix?: string | undefined;
  origins?: string[] | undefined;
  declarantId?: string | undefined;
  portId?: string | undefined;
  /** USD per net kg; the rule fires when a line is outside [min, max]. */
  valuePerKg?: { min?: string | undefined; max?: string | undefined } | undefined;
  trustBelow?: number | undefined;
  /** Fires when a line's USD per kg is outside the statistics' unit-value band of its HS6 and flow. */
  unitValueBand?: boolean | undefined;
}

export interface RiskRule {
  id: string;
  ruleKey: string;
  version: number;
  side: "CN" | "RU";
  name: string;
  conditions: RiskConditions;
  lane: Lane | null;
  score: number | null;
  active: boolean;
}

export interface GreenCorridorEntry {
  hsPrefix: string;
  portId: string | null;
  note: string | null;
}

export interface RiskSettingsData {
  randomRates: { red: string; yellow: string };
  scoreThresholds: { yellow: number; red: number };
  greenCorridor: GreenCorridorEntry[];
}

/** Until officers configure a side: 2 % red and 5 % yellow at random; score 30 yellow, 60 red. */
export const DEFAULT_RISK_SETTINGS: RiskSettingsData = {
  randomRates: { red: "2", yellow: "5" },
  scoreThresholds: { yellow: 30, red: 60 },
  greenCorridor: [],
};

export interface RiskSubject {
  id: string;
  side: "CN" | "RU";
  flow: "export" | "import";
  portId: string;
  declarantId: string;
  trustScore: number | null;
  lines: {
    lineNo: number;
    code: string;
    origin: string;
    netKg: string;
    valueUsd: string | null;
    /** The unit-value band of the line's HS6 and flow (USD per kg), when the statistics have one. */
    band?: { low: number; high: number; median: number; n: number } | null;
  }[];
}

export interface LinkedInspection {
  id: string;
  side: "CN" | "RU";
  portId: string;
  at: string;
  result: "compliant" | "findings";
  declarationNumber: string;
}

export interface RecognitionInput {
  inspection: LinkedInspection | null;
  declarantAeo: boolean;
  counterpartyAeo: boolean;
}

export interface FiredRule {
  ruleId: string;
  ruleKey: string;
  name: string;
  version: number;
  lane: Lane | null;
  score: number | null;
  matched: Explanation[];
}

export interface RecognitionDecision {
  applied: boolean;
  basis: "aeo" | "green_corridor" | null;
  from: Lane | null;
  to: Lane | null;
  inspection: LinkedInspection | null;
  explanation: Explanation;
}

export interface RiskDecision {
  score: number;
  ruleLane: Lane;
  lane: Lane;
  fired: FiredRule[];
  random: { selected: boolean; lane: Lane | null; draw: string; explanation: Explanation };
  recognition: RecognitionDecision;
  summary: Explanation;
}

/** A reproducible draw in [0, 100) from the declaration's id: the same declaration always draws the same. */
export function drawFor(id: string): string {
  const n = createHash("sha256").update(`amur-selectivity:${id}`).digest().readUInt32BE(0);
  // n · 100 / 2³² to four places, rounded down, in integers: n · 10⁶ < 2⁵³ and dividing by a power
  // of two is exact, so the floor is the exact one.
  const q = Math.floor((n * 1_000_000) / 2 ** 32);
  return `${Math.floor(q / 10_000)}.${String(q % 10_000).padStart(4, "0")}`;
}

const maxLane = (a: Lane, b: Lane): Lane => (laneRank(a) >= laneRank(b) ? a : b);

/** The conditions a rule matched, or null when it does not fire. */
export function matchRule(rule: RiskRule, s: RiskSubject): Explanation[] | null {
  const c = rule.conditions;
  const matched: Explanation[] = [];
  if (c.flow !== undefined) {
    if (c.flow !== s.flow) return null;
    matched.push({ key: "declarations.risk.cond.flow", params: { flow: c.flow } });
  }
  if (c.portId !== undefined) {
    if (c.portId !== s.portId) return null;
    matched.push({ key: "declarations.risk.cond.port", params: { port: c.portId } });
  }
  if (c.declarantId !== undefined) {
    if (c.declarantId !== s.declarantId) return null;
    matched.push({ key: "declarations.risk.cond.declarant", params: {} });
  }
  if (c.trustBelow !== undefined) {
    if (s.trustScore === null || s.trustScore >= c.trustBelow) return null;
    matched.push({
      key: "declarations.risk.cond.trust",
      params: { score: s.trustScore, threshold: c.trustBelow },
    });
  }
  const lineLevel =
    c.hsPrefix !== undefined ||
    c.origins !== undefined ||
    c.valuePerKg !== undefined ||
    c.unitValueBand === true;
  if (!lineLevel) return matched;
  for (const line of s.lines) {
    const lineMatched: Explanation[] = [];
    if (c.hsPrefix !== undefined) {
      if (!line.code.startsWith(c.hsPrefix)) continue;
      lineMatched.push({
        key: "declarations.risk.cond.hs",
        params: { line: line.lineNo, code: line.code, prefix: c.hsPrefix },
      });
    }
    if (c.origins !== undefined) {
      if (!c.origins.includes(line.origin)) continue;
      lineMatched.push({
        key: "declarations.risk.cond.origin",
        params: { line: line.lineNo, origin: line.origin },
      });
    }
    if (c.valuePerKg !== undefined) {
      if (line.valueUsd === null || new Dec(line.netKg).isZero()) continue;
      const perKg = new Dec(line.valueUsd).div(line.netKg);
      const below = c.valuePerKg.min !== undefined && perKg.lt(c.valuePerKg.min);
      const above = c.valuePerKg.max !== undefined && perKg.gt(c.valuePerKg.max);
      if (!below && !above) continue;
      lineMatched.push({
        key: below ? "declarations.risk.cond.value_below" : "declarations.risk.cond.value_above",
        params: {
          line: line.lineNo,
          perKg: perKg.toDecimalPlaces(4, Dec.ROUND_HALF_UP).toFixed(),
          min: c.valuePerKg.min ?? "—",
          max: c.valuePerKg.max ?? "—",
        },
      });
    }
    if (c.unitValueBand === true) {
      if (line.valueUsd === null || !line.band || new Dec(line.netKg).isZero()) continue;
      const perKg = new Dec(line.valueUsd).div(line.netKg);
      const below = perKg.lt(line.band.low);
      const above = perKg.gt(line.band.high);
      if (!below && !above) continue;
      lineMatched.push({
        key: below ? "declarations.risk.cond.band_below" : "declarations.risk.cond.band_above",
        params: {
          line: line.lineNo,
          perKg: perKg.toDecimalPlaces(4, Dec.ROUND_HALF_UP).toFixed(),
          low: line.band.low.toFixed(4),
          high: line.band.high.toFixed(4),
          median: line.band.median.toFixed(4),
          n: line.band.n,
        },
      });
    }
    return [...matched, ...lineMatched];
  }
  return null;
}

export function laneForScore(score: number, t: RiskSettingsData["scoreThresholds"]): Lane {
  if (score >= t.red) return "red";
  if (score >= t.yellow) return "yellow";
  return "green";
}

/** Every line's HS code falls under a green-corridor category configured for this port (or all ports). */
export function inGreenCorridor(s: RiskSubject, corridor: readonly GreenCorridorEntry[]): boolean {
  return (
    s.lines.length > 0 &&
    s.lines.every((l) =>
      corridor.some((g) => l.code.startsWith(g.hsPrefix) && (g.portId === null || g.portId === s.portId)),
    )
  );
}

function lowered(lane: Lane): Lane {
  if (lane === "red") return "yellow";
  if (lane === "yellow") return "green";
  return lane;
}

export function recognize(
  s: RiskSubject,
  lane: Lane,
  settings: RiskSettingsData,
  r: RecognitionInput,
): RecognitionDecision {
  const none = (key: string, params: Explanation["params"] = {}): RecognitionDecision => ({
    applied: false,
    basis: null,
    from: null,
    to: null,
    inspection: r.inspection,
    explanation: { key, params },
  });
  if (s.flow !== "import") return none("declarations.recognition.not_import");
  const insp = r.inspection;
  if (!insp) return none("declarations.recognition.no_inspection");
  const cite = {
    number: insp.declarationNumber,
    side: insp.side,
    port: insp.portId,
    at: insp.at.slice(0, 10),
  };
  if (insp.result !== "compliant") return none("declarations.recognition.findings", cite);
  const basis =
    r.declarantAeo && r.counterpartyAeo
      ? "aeo"
      : inGreenCorridor(s, settings.greenCorridor)
        ? "green_corridor"
        : null;
  if (!basis) return none("declarations.recognition.not_eligible", cite);
  const to = lowered(lane);
  if (to === lane) {
    return {
      applied: false,
      basis,
      from: lane,
      to: lane,
      inspection: insp,
      explanation: { key: "declarations.recognition.nothing_to_lower", params: { ...cite, lane } },
    };
  }
  return {
    applied: true,
    basis,
    from: lane,
    to,
    inspection: insp,
    explanation: {
      key:
        basis === "aeo"
          ? "declarations.recognition.applied_aeo"
          : "declarations.recognition.applied_corridor",
      params: { ...cite, from: lane, to },
    },
  };
}

export function decideLane(
  s: RiskSubject,
  rules: readonly RiskRule[],
  settings: RiskSettingsData,
  recognition: RecognitionInput,
  draw: string = drawFor(s.id),
): RiskDecision {
  const fired: FiredRule[] = [];
  let score = 0;
  let ruleLane: Lane = "green";
  for (const rule of rules) {
    if (!rule.active || rule.side !== s.side) continue;
    const matched = matchRule(rule, s);
    if (!matched) continue;
    fired.push({
      ruleId: rule.id,
      ruleKey: rule.ruleKey,
      name: rule.name,
      version: rule.version,
      lane: rule.lane,
      score: rule.score,
      matched,
    });
    if (rule.score !== null) score += rule.score;
    if (rule.lane !== null) ruleLane = maxLane(ruleLane, rule.lane);
  }
  ruleLane = maxLane(ruleLane, laneForScore(score, settings.scoreThresholds));

  const rec = recognize(s, ruleLane, settings, recognition);
  let lane = rec.applied && rec.to ? rec.to : ruleLane;

  const red = new Dec(settings.randomRates.red);
  const yellow = new Dec(settings.randomRates.yellow);
  let random: RiskDecision["random"] = {
    selected: false,
    lane: null,
    draw,
    explanation: {
      key: "declarations.risk.random_not_selected",
      params: { draw, red: red.toFixed(), yellow: yellow.toFixed() },
    },
  };
  if (new Dec(draw).lt(red) && lane !== "red") {
    random = {
      selected: true,
      lane: "red",
      draw,
      explanation: { key: "declarations.risk.random_red", params: { draw, rate: red.toFixed() } },
    };
    lane = "red";
  } else if (new Dec(draw).lt(red.plus(yellow)) && laneRank(lane) < laneRank("yellow")) {
    random = {
      selected: true,
      lane: "yellow",
      draw,
      explanation: { key: "declarations.risk.random_yellow", params: { draw, rate: yellow.toFixed() } },
    };
    lane = "yellow";
  }
  return {
    score,
    ruleLane,
    lane,
    fired,
    random,
    recognition: rec,
    summary: {
      key: "declarations.risk.summary",
      params: { lane, score, fired: fired.length, ruleLane },
    },
  };
}

export const isLane = (v: unknown): v is Lane =>
  typeof v === "string" && (LANES as readonly string[]).includes(v);
