import {
  QUANTITY_UNITS,
  type TLandedCostRequest,
  type TQuantityUnit,
  TRADE_DIRECTIONS,
  type TTradeDirection,
} from "../../contracts";

// The calculator's inputs live in the address, so a calculation can be linked, bookmarked and opened
// on another device. Pure functions, free of React and i18next, so they can be unit-tested.

export const CURRENCIES = ["CNY", "RUB", "USD", "EUR"] as const;
export type Currency = (typeof CURRENCIES)[number];

export interface CalculatorInput {
  direction: TTradeDirection;
  hsCode: string;
  amount: string;
  currency: Currency;
  quantity: string;
  unit: TQuantityUnit | "";
  date: string;
  origin: string;
  resident: boolean;
  usedToday: string;
}

function oneOf<T extends string>(values: readonly T[], value: string | null): T | null {
  return values.find((candidate) => candidate === value) ?? null;
}

/** Today's date where the reader is, as `YYYY-MM-DD`. */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function inputFromParams(params: URLSearchParams, today: string): CalculatorInput {
  const date = params.get("date") ?? "";
  return {
    direction: oneOf(TRADE_DIRECTIONS, params.get("dir")) ?? "CN_TO_RU",
    hsCode: params.get("hs") ?? "",
    amount: params.get("amount") ?? "",
    currency: oneOf(CURRENCIES, params.get("cur")) ?? "CNY",
    quantity: params.get("qty") ?? "",
    unit: oneOf(QUANTITY_UNITS, params.get("unit")) ?? "",
    date: /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : today,
    origin: /^[A-Z]{2}$/.test(params.get("origin") ?? "") ? (params.get("origin") ?? "") : "",
    resident: params.get("resident") === "1",
    usedToday: params.get("used") ?? "",
  };
}

/** The address of a calculation: only what was entered, so links stay short. */
export function paramsFromInput(input: CalculatorInput): Record<string, string> {
  const params: Record<string, string> = { dir: input.direction };
  if (input.hsCode) params.hs = input.hsCode;
  if (input.amount) params.amount = input.amount;
  params.cur = input.currency;
  if (input.quantity) params.qty = input.quantity;
  if (input.unit) params.unit = input.unit;
  params.date = input.date;
  if (input.origin) params.origin = input.origin;
  if (input.direction === "RU_TO_CN" && input.resident) {
    params.resident = "1";
    if (input.usedToday) params.used = input.usedToday;
  }
  return params;
}

/**
 * An amount as typed, made into the plain decimal the API takes: spaces and apostrophes go, a decimal
 * comma becomes a point ("10 000,50" → "10000.50"), and with both marks the comma is taken as grouping
 * ("10,000.50"). Anything else is left for the server to reject at the field.
 */
export function normalizeDecimal(typed: string): string {
  const compact = typed.trim().replace(/[\s\u00a0\u202f']/g, "");
  if (compact.includes(".") && compact.includes(",")) return compact.replace(/,/g, "");
  if (/^\d+,\d+$/.test(compact)) return compact.replace(",", ".");
  return compact;
}

/** An HS code as typed ("4011.10", "4011 10") → its digits; other text is left for the server to reject. */
export function normalizeHsCode(typed: string): string {
  const compact = typed.trim();
  return /^[\d .]+$/.test(compact) ? compact.replace(/[ .]/g, "") : compact;
}

export function normalizeInput(input: CalculatorInput): CalculatorInput {
  return {
    ...input,
    hsCode: normalizeHsCode(input.hsCode),
    amount: normalizeDecimal(input.amount),
    quantity: normalizeDecimal(input.quantity),
    usedToday: normalizeDecimal(input.usedToday),
  };
}

/** The request for an address, or null while the code or the value is missing (nothing to compute yet). */
export function requestFromInput(input: CalculatorInput): TLandedCostRequest | null {
  if (input.hsCode === "" || input.amount === "") return null;
  const request: TLandedCostRequest = {
    direction: input.direction,
    hsCode: input.hsCode,
    date: input.date,
    value: { amount: input.amount, currency: input.currency },
  };
  // A unit without a number is sent anyway: the server then says at the field what it needs.
  if (input.quantity !== "" && input.unit !== "")
    request.quantity = { value: input.quantity, unit: input.unit };
  if (input.origin) request.origin = input.origin;
  if (input.direction === "RU_TO_CN" && input.resident) {
    request.preference = "border_resident";
    if (input.usedToday) request.residentUsedTodayCny = input.usedToday;
  }
  return request;
}
