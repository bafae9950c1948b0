import { describe, expect, it } from "vitest";
import type { TRiskRule, TRiskSettings } from "./contracts";
import {
  emptyRuleDraft,
  ruleDraftFromRule,
  settingsDraftFrom,
  splitCountries,
  toRuleInput,
  toSettingsInput,
} from "./riskForms";

const RULE: TRiskRule = {
  id: "r1",
  ruleKey: "apples",
  version: 2,
  side: "CN",
  name: "Fresh apples",
  description: null,
  conditions: {
    flow: "export",
    hsPrefix: "0808",
    origins: ["KZ", "MN"],
    valuePerKg: { min: "0.5" },
    trustBelow: 40,
  },
  lane: "red",
  score: null,
  active: true,
  createdAt: "2026-03-01T00:00:00Z",
  createdBy: null,
  supersededAt: null,
};

describe("risk rule form", () => {
  it("sends only the conditions that are set", () => {
    const draft = { ...emptyRuleDraft("RU"), name: " Timber ", score: "25" };
    expect(toRuleInput(draft)).toEqual({
      side: "RU",
      name: "Timber",
      conditions: {},
      lane: null,
      score: 25,
      active: true,
    });
  });

  it("round-trips a rule through the form, as the next version would be sent", () => {
    const input = toRuleInput(ruleDraftFromRule(RULE));
    expect(input).toEqual({
      side: "CN",
      name: "Fresh apples",
      conditions: {
        flow: "export",
        hsPrefix: "0808",
        origins: ["KZ", "MN"],
        valuePerKg: { min: "0.5" },
        trustBelow: 40,
      },
      lane: "red",
      score: null,
      active: true,
    });
  });

  it("reads what people type: country lists, codes with dots, minus signs, decimal commas", () => {
    expect(splitCountries("kz, mn；by、 uz")).toEqual(["KZ", "MN", "BY", "UZ"]);
    const input = toRuleInput({
      ...emptyRuleDraft("CN"),
      unitValueBand: true,
      hsPrefix: "0808.10",
      score: "\u221220",
      valueMax: "3,5",
    });
    expect(input.conditions).toEqual({ hsPrefix: "080810", valuePerKg: { max: "3.5" }, unitValueBand: true });
    expect(input.score).toBe(-20);
    // Not a whole number: sent as typed, so the server's message lands at the field.
    expect(toRuleInput({ ...emptyRuleDraft("CN"), score: "1.5" }).score).toBe("1.5");
  });
});

describe("risk settings form", () => {
  it("round-trips the settings and keeps every corridor row so errors point at the right one", () => {
    const settings: TRiskSettings = {
      side: "CN",
      version: 3,
      updatedAt: "2026-03-01T00:00:00Z",
      updatedBy: null,
      randomRates: { red: "2", yellow: "5" },
      scoreThresholds: { yellow: 30, red: 60 },
      greenCorridor: [{ hsPrefix: "0808", portId: "heihe-blagoveshchensk", note: null }],
    };
    const draft = settingsDraftFrom(settings);
    expect(toSettingsInput(draft)).toEqual({
      randomRates: { red: "2", yellow: "5" },
      scoreThresholds: { yellow: 30, red: 60 },
      greenCorridor: [{ hsPrefix: "0808", portId: "heihe-blagoveshchensk", note: null }],
    });
    const edited = {
      ...draft,
      randomRed: "2,5",
      thresholdRed: "",
      corridor: [...draft.corridor, { key: "k", hsPrefix: " ", portId: "", note: "" }],
    };
    const input = toSettingsInput(edited);
    expect(input.randomRates.red).toBe("2.5");
    expect(input.scoreThresholds.red).toBe("");
    expect(input.greenCorridor).toHaveLength(2);
    expect(input.greenCorridor[1]).toEqual({ hsPrefix: "", portId: null, note: null });
  });
});
