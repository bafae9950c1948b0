import { describe, expect, it } from "vitest";
import { AllocationError, allocate, borderReserve } from "./quotas.allocation.ts";

const apps = [
  { id: "a", demand: 400_000, borderTrade: true, createdAt: "2026-01-03" },
  { id: "b", demand: 500_000, borderTrade: false, createdAt: "2026-01-01" },
  { id: "c", demand: 300_000, borderTrade: false, createdAt: "2026-01-02" },
  { id: "d", demand: 100_000, borderTrade: true, createdAt: "2026-01-04" },
];
const pool = { total: 1_000_000, borderSharePct: "30", allocated: 0, allocatedBorder: 0 };
const byId = (grants: { applicationId: string; amount: number }[]) =>
  Object.fromEntries(grants.map((g) => [g.applicationId, g.amount]));

describe("quota allocation", () => {
  it("reserves the border share exactly", () => {
    expect(borderReserve(1_000_000, "30")).toBe(300_000);
    expect(borderReserve(1_000, "33.33")).toBe(333);
    expect(borderReserve(7, "100")).toBe(7);
  });

  it("first come: border-trade enterprises draw on their share first, the rest in order of application", () => {
    const r = allocate(pool, "first_come", apps);
    // G = 700,000: b takes 500,000, c 200,000 (G empty); a takes 300,000 of R; d gets nothing.
    expect(byId(r.grants)).toEqual({ a: 300_000, b: 500_000, c: 200_000, d: 0 });
    expect(r.unallocated).toBe(0);
  });

  it("pro rata: the share among border-trade demand, then the general part among all remaining demand", () => {
    const r = allocate(pool, "pro_rata", apps);
    const g = byId(r.grants);
    // R = 300,000 over border demand 500,000: a 240,000, d 60,000. Residual: a 160,000, b 500,000,
    // c 300,000, d 40,000 = 1,000,000 over G = 700,000 → ×0.7.
    expect(g).toEqual({ a: 240_000 + 112_000, b: 350_000, c: 210_000, d: 60_000 + 28_000 });
    expect(Object.values(g).reduce((s, x) => s + x, 0) + r.unallocated).toBe(1_000_000);
    // Non-border enterprises never get more than the general part.
    expect(g.b! + g.c!).toBeLessThanOrEqual(700_000);
  });

  it("never gives more than asked, and keeps an unused border share reserved", () => {
    const r = allocate(pool, "pro_rata", [{ id: "x", demand: 50_000, borderTrade: false, createdAt: "1" }]);
    expect(byId(r.grants)).toEqual({ x: 50_000 });
    expect(r.unallocated).toBe(950_000);
    const g = allocate({ ...pool, allocated: 750_000, allocatedBorder: 50_000 }, "first_come", [
      { id: "y", demand: 400_000, borderTrade: false, createdAt: "1" },
    ]);
    // G = 700,000 of which 700,000 already went to non-border: nothing left for y; R keeps 250,000.
    expect(byId(g.grants)).toEqual({ y: 0 });
    expect(g.unallocated).toBe(250_000);
  });

  it("checks manual amounts against the limits", () => {
    expect(
      byId(allocate(pool, "manual", apps, [{ applicationId: "a", amount: 400_000 }]).grants),
    ).toMatchObject({ a: 400_000 });
    expect(() =>
      allocate(pool, "manual", apps, [
        { applicationId: "b", amount: 500_000 },
        { applicationId: "c", amount: 300_000 },
      ]),
    ).toThrow(AllocationError);
    expect(() => allocate(pool, "manual", apps, [{ applicationId: "a", amount: 500_000 }])).toThrow(
      /exceeds_demand/,
    );
    expect(() => allocate(pool, "manual", apps, [{ applicationId: "zz", amount: 1 }])).toThrow(
      /unknown_application/,
    );
  });
});
