import { describe, expect, it } from "vitest";
import {
  DEFAULT_RISK_SETTINGS,
  decideLane,
  drawFor,
  inGreenCorridor,
  laneForScore,
  matchRule,
  type RecognitionInput,
  type RiskRule,
  type RiskSettingsData,
  type RiskSubject,
} from "./risk.ts";

const subject: RiskSubject = {
  id: "d-1",
  side: "RU",
  flow: "import",
  portId: "heihe-blagoveshchensk",
  declarantId: "e-1",
  trustScore: 55,
  lines: [
    { lineNo: 1, code: "0808108001", origin: "CN", netKg: "1000", valueUsd: "300" },
    { lineNo: 2, code: "0702000000", origin: "CN", netKg: "500", valueUsd: "1000" },
  ],
};

const rule = (over: Partial<RiskRule>): RiskRule => ({
  id: "r",
  ruleKey: "k",
  version: 1,
  side: "RU",
  name: "rule",
  conditions: {},
  lane: null,
  score: null,
  active: true,
  ...over,
});

const quiet: RiskSettingsData = { ...DEFAULT_RISK_SETTINGS, randomRates: { red: "0", yellow: "0" } };
const noRecognition: RecognitionInput = { inspection: null, declarantAeo: false, counterpartyAeo: false };
const compliant: RecognitionInput = {
  inspection: {
    id: "i-1",
    side: "CN",
    portId: "heihe-blagoveshchensk",
    at: "2026-11-21T10:00:00.000Z",
    result: "compliant",
    declarationNumber: "CN-261121-AAAAAAAAAA",
  },
  declarantAeo: true,
  counterpartyAeo: true,
};

describe("risk rules", () => {
  it("fire only when every condition holds, line conditions on the same line", () => {
    expect(matchRule(rule({ conditions: { hsPrefix: "0808", origins: ["CN"] } }), subject)).toHaveLength(2);
    // HS of line 1 and origin of line 2 would both match, but not on one line.
    expect(matchRule(rule({ conditions: { hsPrefix: "0702", origins: ["RU"] } }), subject)).toBeNull();
    expect(matchRule(rule({ conditions: { flow: "export" } }), subject)).toBeNull();
    expect(
      matchRule(rule({ conditions: { portId: "heihe-blagoveshchensk", trustBelow: 60 } }), subject),
    ).toHaveLength(2);
    expect(matchRule(rule({ conditions: { trustBelow: 50 } }), subject)).toBeNull();
    expect(matchRule(rule({ conditions: {} }), subject)).toEqual([]);
  });

  it("check the value per kg against the band, and say by how much", () => {
    // Line 1: 0.30 USD/kg; line 2: 2 USD/kg.
    const below = matchRule(rule({ conditions: { valuePerKg: { min: "0.5" } } }), subject);
    expect(below?.[0]).toMatchObject({
      key: "declarations.risk.cond.value_below",
      params: { line: 1, perKg: "0.3" },
    });
    const above = matchRule(rule({ conditions: { valuePerKg: { max: "1.5" } } }), subject);
    expect(above?.[0]).toMatchObject({
      key: "declarations.risk.cond.value_above",
      params: { line: 2, perKg: "2" },
    });
    expect(matchRule(rule({ conditions: { valuePerKg: { min: "0.1", max: "3" } } }), subject)).toBeNull();
    // Without a USD value the band cannot be checked, and the rule does not fire on a guess.
    const unknown = { ...subject, lines: subject.lines.map((l) => ({ ...l, valueUsd: null })) };
    expect(matchRule(rule({ conditions: { valuePerKg: { min: "100" } } }), unknown)).toBeNull();
  });

  it("map scores to lanes by thresholds; the worst lane of rules and score wins", () => {
    expect(laneForScore(29, quiet.scoreThresholds)).toBe("green");
    expect(laneForScore(30, quiet.scoreThresholds)).toBe("yellow");
    expect(laneForScore(60, quiet.scoreThresholds)).toBe("red");
    const d = decideLane(
      subject,
      [
        rule({ id: "a", conditions: { hsPrefix: "08" }, score: 20 }),
        rule({ id: "b", conditions: { origins: ["CN"] }, score: 15 }),
        rule({ id: "c", conditions: {}, lane: "blue" }),
        rule({ id: "d", conditions: { hsPrefix: "44" }, lane: "red" }),
        rule({ id: "e", side: "CN", conditions: {}, lane: "red" }),
        rule({ id: "f", active: false, conditions: {}, lane: "red" }),
      ],
      quiet,
      noRecognition,
    );
    expect(d.fired.map((f) => f.ruleId)).toEqual(["a", "b", "c"]);
    expect(d.score).toBe(35);
    expect(d.ruleLane).toBe("yellow");
    expect(d.lane).toBe("yellow");
  });
});

describe("mutual recognition", () => {
  const red = [rule({ conditions: {}, lane: "red" })];

  it("lowers red to yellow and yellow to green when both parties are AEO, citing the inspection", () => {
    const d = decideLane(subject, red, quiet, compliant);
    expect(d.ruleLane).toBe("red");
    expect(d.lane).toBe("yellow");
    expect(d.recognition).toMatchObject({ applied: true, basis: "aeo", from: "red", to: "yellow" });
    expect(d.recognition.explanation.params).toMatchObject({
      number: "CN-261121-AAAAAAAAAA",
      at: "2026-11-21",
    });
    const y = decideLane(subject, [rule({ conditions: {}, lane: "yellow" })], quiet, compliant);
    expect(y.lane).toBe("green");
  });

  it("needs a compliant result, an import, and AEO on both sides or a green-corridor category", () => {
    const findings = { ...compliant, inspection: { ...compliant.inspection!, result: "findings" as const } };
    expect(decideLane(subject, red, quiet, findings).lane).toBe("red");
    expect(decideLane({ ...subject, flow: "export" }, red, quiet, compliant).lane).toBe("red");
    const oneAeo = { ...compliant, counterpartyAeo: false };
    expect(decideLane(subject, red, quiet, oneAeo).recognition.applied).toBe(false);
    const corridor = {
      ...quiet,
      greenCorridor: [
        { hsPrefix: "08", portId: "heihe-blagoveshchensk", note: null },
        { hsPrefix: "07", portId: null, note: null },
      ],
    };
    expect(inGreenCorridor(subject, corridor.greenCorridor)).toBe(true);
    const d = decideLane(subject, red, corridor, oneAeo);
    expect(d.recognition).toMatchObject({ applied: true, basis: "green_corridor" });
    // The corridor entry for another port does not count.
    const elsewhere = {
      ...quiet,
      greenCorridor: [{ hsPrefix: "0", portId: "manzhouli-zabaykalsk", note: null }],
    };
    expect(decideLane(subject, red, elsewhere, oneAeo).recognition.applied).toBe(false);
  });

  it("has nothing to lower on a green lane and says so", () => {
    const d = decideLane(subject, [], quiet, compliant);
    expect(d.lane).toBe("green");
    expect(d.recognition.applied).toBe(false);
    expect(d.recognition.explanation.key).toBe("declarations.recognition.nothing_to_lower");
  });
});

describe("random selection", () => {
  it("draws reproducibly from the declaration id, uniformly over [0, 100)", () => {
    expect(drawFor("abc")).toBe(drawFor("abc"));
    const draws = Array.from({ length: 4000 }, (_, i) => Number(drawFor(`id-${i}`)));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(100);
    const share = draws.filter((d) => d < 10).length / draws.length;
    expect(share).toBeGreaterThan(0.08);
    expect(share).toBeLessThan(0.12);
  });

  it("sends the minimum shares to red and yellow, after recognition", () => {
    const settings = { ...quiet, randomRates: { red: "2", yellow: "5" } };
    expect(decideLane(subject, [], settings, noRecognition, "1.5").random).toMatchObject({
      selected: true,
      lane: "red",
    });
    expect(decideLane(subject, [], settings, noRecognition, "1.5").lane).toBe("red");
    expect(decideLane(subject, [], settings, noRecognition, "6.9").lane).toBe("yellow");
    expect(decideLane(subject, [], settings, noRecognition, "7").lane).toBe("green");
    // Recognition lowered red to yellow; a random yellow selection changes nothing, a random red does.
    const red = [rule({ conditions: {}, lane: "red" })];
    expect(decideLane(subject, red, settings, compliant, "3").lane).toBe("yellow");
    expect(decideLane(subject, red, settings, compliant, "0.5").lane).toBe("red");
  });
});

describe("unit-value bands", () => {
  it("flag a line outside its HS6 band, and only with a band behind it", () => {
    const banded = {
      ...subject,
      lines: [
        { ...subject.lines[0]!, band: { low: 0.5, high: 2, median: 1, n: 40 } },
        { ...subject.lines[1]!, band: null },
      ],
    };
    const fired = matchRule(rule({ conditions: { unitValueBand: true } }), banded);
    expect(fired).toEqual([
      {
        key: "declarations.risk.cond.band_below",
        params: expect.objectContaining({ line: 1, perKg: "0.3", low: "0.5000", n: 40 }),
      },
    ]);
    const inside = {
      ...subject,
      lines: [{ ...subject.lines[0]!, band: { low: 0.1, high: 2, median: 1, n: 40 } }],
    };
    expect(matchRule(rule({ conditions: { unitValueBand: true } }), inside)).toBeNull();
  });
});
