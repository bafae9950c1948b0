import { describe, expect, it } from "vitest";
import {
  emptyPoolValues,
  manualGrants,
  manualTotal,
  normalizeAmount,
  parseHsPrefixes,
  poolFormValues,
  poolInput,
  poolSplit,
} from "./amounts";
import type { TApplication, TPool } from "./contracts";

const POOL: TPool = {
  id: "p1",
  side: "CN",
  direction: "import",
  names: { zh: "锯材", ru: null, en: "Sawn wood" },
  hsPrefixes: ["4407"],
  periodFrom: "2026-01-01",
  periodTo: "2026-12-31",
  unit: "m3",
  currency: null,
  total: "20000",
  borderShare: "40",
  borderReserved: "8000",
  allocationRule: "first_come",
  status: "published",
  allocationsPublished: false,
  legalRef: null,
  note: null,
  figures: {
    allocated: "9500.5",
    allocatedToBorderTrade: "1500.5",
    reserved: "0",
    used: "950.05",
    remaining: "10499.5",
    licences: 2,
    applicationsPending: 0,
  },
  version: 1,
  updatedAt: "2026-11-22T09:18:30.857Z",
  sample: true,
};

function application(id: string, status: TApplication["status"]): TApplication {
  return {
    id,
    poolId: "p1",
    enterprise: { id: `e-${id}`, names: { zh: null, ru: null, en: id } },
    amount: "100",
    borderTrade: false,
    status,
    note: null,
    reason: null,
    createdAt: "2026-11-22T09:00:00Z",
    decidedAt: null,
    licenceNumber: null,
  };
}

describe("pool split", () => {
  it("divides the total into border-trade, other and unallocated, with the reserve marked", () => {
    expect(poolSplit(POOL)).toEqual({
      segments: [
        { key: "borderTrade", amount: "1500.5", pct: "7.5" },
        { key: "others", amount: "8000", pct: "40.0" },
        { key: "unallocated", amount: "10499.5", pct: "52.5" },
      ],
      reservePct: "40",
      reserveLeft: "6499.5",
      usedPct: "10.0",
    });
  });

  it("leaves nothing of the reserve when border-trade enterprises took more than it", () => {
    const split = poolSplit({
      ...POOL,
      figures: { ...POOL.figures, allocated: "12000", allocatedToBorderTrade: "12000", used: "0" },
    });
    expect(split.reserveLeft).toBe("0");
    expect(split.segments[1]).toEqual({ key: "others", amount: "0", pct: "0.0" });
  });

  it("has no used share before anything is allocated", () => {
    expect(poolSplit({ ...POOL, figures: { ...POOL.figures, allocated: "0" } }).usedPct).toBeNull();
  });
});

describe("typed amounts", () => {
  it("reads the ways people write amounts", () => {
    expect(normalizeAmount(" 1 500,5 ")).toBe("1500.5");
    expect(normalizeAmount("1,500.5")).toBe("1500.5");
    expect(normalizeAmount("1\u00a0500")).toBe("1500");
    expect(normalizeAmount("12,5")).toBe("12.5");
    expect(normalizeAmount("abc")).toBe("abc");
  });

  it("sends the officer's amounts for pending applications only, empty boxes left pending", () => {
    const applications = [
      application("a", "pending"),
      application("b", "pending"),
      application("c", "rejected"),
    ];
    const grants = manualGrants(applications, { a: "1 000,5", b: " ", c: "5" });
    expect(grants).toEqual([{ applicationId: "a", amount: "1000.5" }]);
    expect(manualTotal([...grants, { applicationId: "x", amount: "0.5" }])).toBe("1001");
  });

  it("splits HS codes typed in any separator", () => {
    expect(parseHsPrefixes("4407, 4408 44.09；4409、2701")).toEqual(["4407", "4408", "4409", "4409", "2701"]);
    expect(parseHsPrefixes("  ")).toEqual([]);
  });
});

describe("pool form", () => {
  it("builds the request body, leaving out empty texts and the currency of pools in units", () => {
    const values = {
      ...emptyPoolValues("RU", "2027-03-01"),
      nameRu: " Уголь ",
      hsPrefixes: "2701",
      total: "500 000",
    };
    expect(poolInput(values)).toEqual({
      side: "RU",
      direction: "export",
      names: { ru: "Уголь" },
      hsPrefixes: ["2701"],
      periodFrom: "2027-01-01",
      periodTo: "2027-12-31",
      unit: "t",
      total: "500000",
      borderShare: "0",
      allocationRule: "first_come",
    });
    expect(poolInput({ ...values, unit: "value", currency: "cny" }).currency).toBe("CNY");
  });

  it("round-trips a pool through the form", () => {
    expect(poolInput(poolFormValues(POOL))).toEqual({
      side: "CN",
      direction: "import",
      names: { zh: "锯材", en: "Sawn wood" },
      hsPrefixes: ["4407"],
      periodFrom: "2026-01-01",
      periodTo: "2026-12-31",
      unit: "m3",
      total: "20000",
      borderShare: "40",
      allocationRule: "first_come",
    });
  });
});
