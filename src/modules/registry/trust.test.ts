import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeTrust, type TrustFacts } from "./trust.ts";

const base: TrustFacts = {
  status: "verified",
  verifiedAt: "2024-03-01T00:00:00.000Z",
  aeoLevel: null,
  released: 0,
  rejected: 0,
  inspections: 0,
  inspectionsWithFindings: 0,
  at: "2026-03-01T00:00:00.000Z",
};

const points = (f: TrustFacts, key: string) => computeTrust(f).components.find((c) => c.key === key)?.points;

describe("trust formula v1", () => {
  it("a pending newcomer scores 0, a verified one 30 plus tenure", () => {
    expect(computeTrust({ ...base, status: "pending", verifiedAt: null }).score).toBe(0);
    expect(computeTrust({ ...base, at: base.verifiedAt ?? "" }).score).toBe(30);
    // Two years: 6 tenure points.
    expect(computeTrust(base).score).toBe(36);
  });

  it("AEO adds 12 (general) or 20 (advanced)", () => {
    expect(points({ ...base, aeoLevel: "general" }, "aeo")).toBe(12);
    expect(points({ ...base, aeoLevel: "advanced" }, "aeo")).toBe(20);
  });

  it("tenure stops at five years", () => {
    expect(points({ ...base, at: "2040-01-01T00:00:00.000Z" }, "tenure")).toBe(15);
  });

  it("clearance counts the released share, in full only after 20 decisions", () => {
    expect(points({ ...base, released: 10, rejected: 0 }, "clearance")).toBe(12.5);
    expect(points({ ...base, released: 18, rejected: 2 }, "clearance")).toBe(22.5);
    expect(points({ ...base, released: 40, rejected: 0 }, "clearance")).toBe(25);
  });

  it("inspections with findings cost their share of 10 points", () => {
    expect(points({ ...base, released: 20, inspections: 4, inspectionsWithFindings: 1 }, "inspections")).toBe(
      7.5,
    );
    expect(points({ ...base, released: 20 }, "inspections")).toBe(10);
  });

  it("the best possible record scores 100", () => {
    expect(
      computeTrust({
        ...base,
        aeoLevel: "advanced",
        released: 100,
        inspections: 5,
        at: "2035-01-01T00:00:00.000Z",
      }).score,
    ).toBe(100);
  });

  it("is always an integer within 0..100, and components never exceed their maximum", () => {
    fc.assert(
      fc.property(
        fc.record({
          status: fc.constantFrom("pending", "verified", "rejected"),
          aeoLevel: fc.constantFrom(null, "general", "advanced"),
          released: fc.nat(1000),
          rejected: fc.nat(1000),
          inspections: fc.nat(200),
          findings: fc.nat(200),
          days: fc.nat(5000),
        }),
        (r) => {
          const f: TrustFacts = {
            ...base,
            status: r.status as TrustFacts["status"],
            aeoLevel: r.aeoLevel as TrustFacts["aeoLevel"],
            released: r.released,
            rejected: r.rejected,
            inspections: r.inspections,
            inspectionsWithFindings: Math.min(r.findings, r.inspections),
            at: new Date(Date.parse(base.verifiedAt ?? "") + r.days * 86400000).toISOString(),
          };
          const t = computeTrust(f);
          expect(Number.isInteger(t.score)).toBe(true);
          expect(t.score).toBeGreaterThanOrEqual(0);
          expect(t.score).toBeLessThanOrEqual(100);
          for (const c of t.components) expect(c.points).toBeLessThanOrEqual(c.max);
        },
      ),
    );
  });
});
