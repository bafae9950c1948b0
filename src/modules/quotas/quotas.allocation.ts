/**
 * Allocation of a quota pool among pending applications, in integer thousandths of the unit.
 *
 * The pool's total splits into the border share R = ⌊total × share% / 100⌋, which only border
 * small-scale trade enterprises may receive, and the general part G = total − R, open to everyone.
 * Border-trade enterprises draw from R first and compete for G with their remaining demand, so they
 * are preferred; what R leaves unused stays reserved for later border-trade applications.
 *
 * - first come: in order of application, each gets what is left, up to its demand;
 * - pro rata: when demand exceeds what is left, each gets ⌊left × demand / all demand⌋ (never more than
 *   it asked for); R among border-trade demand first, then G among all remaining demand. Rounding
 *   down leaves at most a few thousandths unallocated, and says how much;
 * - manual: the officer's amounts, checked against the same limits.
 */

export interface Application {
  id: string;
  demand: number;
  borderTrade: boolean;
  createdAt: string;
}

export interface Grant {
  applicationId: string;
  amount: number;
  borderTrade: boolean;
}

export interface PoolState {
  total: number;
  borderSharePct: string;
  /** Already allocated, in total and to border-trade enterprises. */
  allocated: number;
  allocatedBorder: number;
}

export type AllocationErrorReason =
  | "exceeds_general"
  | "exceeds_total"
  | "exceeds_demand"
  | "unknown_application";

export class AllocationError extends Error {
  readonly reason: AllocationErrorReason;
  readonly applicationId: string | null;

  constructor(reason: AllocationErrorReason, applicationId: string | null) {
    super(reason);
    this.reason = reason;
    this.applicationId = applicationId;
  }
}

/** ⌊total × pct / 100⌋ with the percentage as a decimal string (two decimals at most). */
export function borderReserve(total: number, pct: string): number {
  const [int = "0", frac = ""] = pct.split(".");
  const hundredths = BigInt(int) * 100n + BigInt(`${frac}00`.slice(0, 2));
  return Number((BigInt(total) * hundredths) / 10_000n);
}

function available(pool: PoolState) {
  const reserve = borderReserve(pool.total, pool.borderSharePct);
  const general = pool.total - reserve;
  const generalUsed = pool.allocated - pool.allocatedBorder;
  // Border-trade allocations beyond R came from G.
  const borderFromReserve = Math.min(pool.allocatedBorder, reserve);
  const borderFromGeneral = pool.allocatedBorder - borderFromReserve;
  return {
    reserve: Math.max(0, reserve - borderFromReserve),
    general: Math.max(0, general - generalUsed - borderFromGeneral),
  };
}

function proRata(left: number, demands: readonly number[]): number[] {
  const all = demands.reduce((a, d) => a + d, 0);
  if (all <= left) return [...demands];
  return demands.map((d) => Number((BigInt(left) * BigInt(d)) / BigInt(all)));
}

export function allocate(
  pool: PoolState,
  rule: "first_come" | "pro_rata" | "manual",
  applications: readonly Application[],
  manual?: readonly { applicationId: string; amount: number }[],
): { grants: Grant[]; unallocated: number } {
  let { reserve, general } = available(pool);
  const grants = new Map<string, number>();
  if (manual) {
    const byId = new Map(applications.map((a) => [a.id, a]));
    for (const m of manual) {
      const a = byId.get(m.applicationId);
      if (!a) throw new AllocationError("unknown_application", m.applicationId);
      if (m.amount > a.demand) throw new AllocationError("exceeds_demand", a.id);
      if (a.borderTrade) {
        const fromReserve = Math.min(m.amount, reserve);
        reserve -= fromReserve;
        general -= m.amount - fromReserve;
      } else {
        general -= m.amount;
      }
      if (general < 0) throw new AllocationError(a.borderTrade ? "exceeds_total" : "exceeds_general", a.id);
      grants.set(a.id, (grants.get(a.id) ?? 0) + m.amount);
    }
  } else if (rule === "first_come") {
    for (const a of [...applications].sort(
      (x, y) => x.createdAt.localeCompare(y.createdAt) || x.id.localeCompare(y.id),
    )) {
      let want = a.demand;
      let got = 0;
      if (a.borderTrade) {
        const x = Math.min(want, reserve);
        reserve -= x;
        got += x;
        want -= x;
      }
      const y = Math.min(want, general);
      general -= y;
      got += y;
      grants.set(a.id, got);
    }
  } else {
    const border = applications.filter((a) => a.borderTrade);
    const fromReserve = proRata(
      reserve,
      border.map((a) => a.demand),
    );
    for (const [i, a] of border.entries()) grants.set(a.id, fromReserve[i] ?? 0);
    reserve -= fromReserve.reduce((s, x) => s + x, 0);
    const residual = applications.map((a) => a.demand - (grants.get(a.id) ?? 0));
    const fromGeneral = proRata(general, residual);
    for (const [i, a] of applications.entries())
      grants.set(a.id, (grants.get(a.id) ?? 0) + (fromGeneral[i] ?? 0));
    general -= fromGeneral.reduce((s, x) => s + x, 0);
  }
  const grantsOut = applications
    .filter((a) => grants.has(a.id))
    .map((a) => ({ applicationId: a.id, amount: grants.get(a.id) ?? 0, borderTrade: a.borderTrade }));
  return { grants: grantsOut, unallocated: reserve + general };
}
