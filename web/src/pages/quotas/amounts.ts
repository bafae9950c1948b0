import {
  compareDecimals,
  minDecimal,
  percentOf,
  subtractDecimals,
  sumDecimals,
  trimZeros,
} from "../statistics/decimal";
import type { TApplication, TDirection, TManualGrant, TPool, TPoolInput, TQuotaUnit } from "./contracts";

// Pure helpers of the quotas pages: how a pool's total divides, amounts typed by people, and the pool
// form's body. Amounts stay exact decimal strings throughout.

export interface ShareSegment {
  key: "borderTrade" | "others" | "unallocated";
  amount: string;
  /** Percent of the total, one decimal, for the bar's width and the legend. */
  pct: string;
}

export interface PoolSplit {
  segments: ShareSegment[];
  /** Where the border-trade reserve ends, in percent of the total (the pool's `borderShare`). */
  reservePct: string;
  /** What of the reserve border-trade enterprises have not received yet. */
  reserveLeft: string;
  /** Used (consumed by released goods) in percent of the allocated amount; null before any allocation. */
  usedPct: string | null;
}

const nonNegative = (value: string | null) =>
  value === null || compareDecimals(value, "0") < 0 ? "0" : trimZeros(value);

/**
 * How the total divides: allocated to border small-scale trade enterprises, allocated to others, not
 * allocated. Border-trade enterprises draw on the reserve first, so what they took of it is the smaller
 * of their allocations and the reserve.
 */
export function poolSplit(pool: TPool): PoolSplit {
  const { allocated, allocatedToBorderTrade, used } = pool.figures;
  const others = nonNegative(subtractDecimals(allocated, allocatedToBorderTrade));
  const unallocated = nonNegative(subtractDecimals(pool.total, allocated));
  const pct = (amount: string) => percentOf(amount, pool.total) ?? "0.0";
  return {
    segments: [
      { key: "borderTrade", amount: allocatedToBorderTrade, pct: pct(allocatedToBorderTrade) },
      { key: "others", amount: others, pct: pct(others) },
      { key: "unallocated", amount: unallocated, pct: pct(unallocated) },
    ],
    reservePct: pool.borderShare,
    reserveLeft: nonNegative(
      subtractDecimals(pool.borderReserved, minDecimal(allocatedToBorderTrade, pool.borderReserved)),
    ),
    usedPct: compareDecimals(allocated, "0") > 0 ? percentOf(used, allocated) : null,
  };
}

/**
 * An amount as people type it — "1 500,5", "1,500.5", "1500.5 " — as the API's decimal ("1500.5"); what
 * cannot be read is returned trimmed, so the server's message about it lands at the field.
 */
export function normalizeAmount(input: string): string {
  const compact = input.trim().replace(/[\s\u00a0\u202f']/g, "");
  // "1,500.5": commas group thousands when a point follows; "1500,5": a lone comma is the decimal mark.
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(compact)) return compact.replace(/,/g, "");
  if (/^\d+,\d+$/.test(compact)) return compact.replace(",", ".");
  return compact;
}

/**
 * The officer's amounts as the `manual` list of the allocation: one entry per pending application with
 * an amount typed; an empty box leaves the application pending.
 */
export function manualGrants(
  applications: readonly TApplication[],
  amounts: Readonly<Record<string, string>>,
): TManualGrant[] {
  return applications
    .filter((application) => application.status === "pending")
    .flatMap((application) => {
      const typed = normalizeAmount(amounts[application.id] ?? "");
      return typed === "" ? [] : [{ applicationId: application.id, amount: typed }];
    });
}

/** The total of what the officer typed, for the summary under the list; unreadable boxes count as 0. */
export function manualTotal(grants: readonly TManualGrant[]): string {
  return trimZeros(sumDecimals(grants.map((grant) => grant.amount)));
}

/** HS codes typed as "4407, 4408 44.09；4409" → ["4407", "4408", "4409"]. */
export function parseHsPrefixes(input: string): string[] {
  return input
    .split(/[\s,;，；、]+/)
    .map((code) => code.replace(/\./g, ""))
    .filter((code) => code !== "");
}

export interface PoolFormValues {
  side: "CN" | "RU";
  direction: TDirection;
  nameZh: string;
  nameRu: string;
  nameEn: string;
  hsPrefixes: string;
  periodFrom: string;
  periodTo: string;
  unit: TQuotaUnit;
  currency: string;
  total: string;
  borderShare: string;
  allocationRule: TPoolInput["allocationRule"];
  legalRef: string;
  note: string;
}

/** The pool form's values as the body of `POST` / `PUT /quotas/pools`; empty texts are left out. */
export function poolInput(values: PoolFormValues): TPoolInput {
  const text = (value: string) => value.trim();
  const names = {
    ...(text(values.nameZh) ? { zh: text(values.nameZh) } : {}),
    ...(text(values.nameRu) ? { ru: text(values.nameRu) } : {}),
    ...(text(values.nameEn) ? { en: text(values.nameEn) } : {}),
  };
  return {
    side: values.side,
    direction: values.direction,
    names,
    hsPrefixes: parseHsPrefixes(values.hsPrefixes),
    periodFrom: values.periodFrom,
    periodTo: values.periodTo,
    unit: values.unit,
    ...(values.unit === "value" ? { currency: text(values.currency).toUpperCase() } : {}),
    total: normalizeAmount(values.total),
    borderShare: normalizeAmount(values.borderShare),
    allocationRule: values.allocationRule,
    ...(text(values.legalRef) ? { legalRef: text(values.legalRef) } : {}),
    ...(text(values.note) ? { note: text(values.note) } : {}),
  };
}

/** A pool as the form's values, to edit it. */
export function poolFormValues(pool: TPool): PoolFormValues {
  return {
    side: pool.side,
    direction: pool.direction,
    nameZh: pool.names.zh ?? "",
    nameRu: pool.names.ru ?? "",
    nameEn: pool.names.en ?? "",
    hsPrefixes: pool.hsPrefixes.join(", "),
    periodFrom: pool.periodFrom,
    periodTo: pool.periodTo,
    unit: pool.unit,
    currency: pool.currency ?? "",
    total: pool.total,
    borderShare: pool.borderShare,
    allocationRule: pool.allocationRule,
    legalRef: pool.legalRef ?? "",
    note: pool.note ?? "",
  };
}

/** A new pool's starting values: the officer's side, this calendar year. */
export function emptyPoolValues(side: "CN" | "RU", today: string): PoolFormValues {
  const year = today.slice(0, 4);
  return {
    side,
    direction: "export",
    nameZh: "",
    nameRu: "",
    nameEn: "",
    hsPrefixes: "",
    periodFrom: `${year}-01-01`,
    periodTo: `${year}-12-31`,
    unit: "t",
    currency: "",
    total: "",
    borderShare: "0",
    allocationRule: "first_come",
    legalRef: "",
    note: "",
  };
}
