import { describe, expect, it } from "vitest";
import { STATUSES } from "./contracts";
import { declarantActions, isFinal, LANES_BY_SEVERITY, officerActions } from "./lifecycle";

describe("declaration lifecycle", () => {
  it("offers the officer the lane's next step first", () => {
    expect(officerActions("document_check")[0]).toBe("document-check");
    expect(officerActions("inspection")[0]).toBe("inspection");
    expect(officerActions("assessed")[0]).toBe("release");
    expect(officerActions("held")).toEqual(["release", "inspection", "reject"]);
    // A documentary check can be escalated to an inspection.
    expect(officerActions("document_check")).toContain("inspection");
  });

  it("offers nothing on drafts and on decided declarations", () => {
    for (const status of ["draft", "released", "rejected", "cancelled"] as const) {
      expect(officerActions(status)).toEqual([]);
      expect(isFinal(status) || status === "draft").toBe(true);
    }
    expect(declarantActions("released")).toEqual([]);
  });

  it("lets the declarant finish a draft, or withdraw what customs has not decided", () => {
    expect(declarantActions("draft")).toEqual(["edit", "submit", "cancel"]);
    expect(declarantActions("inspection")).toEqual(["withdraw"]);
    expect(declarantActions("held")).toEqual(["withdraw"]);
  });

  it("knows every status and orders lanes from the strictest", () => {
    for (const status of STATUSES) expect(Array.isArray(officerActions(status))).toBe(true);
    expect(LANES_BY_SEVERITY).toEqual(["red", "yellow", "blue", "green"]);
  });
});
