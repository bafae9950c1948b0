import { keepPreviousData, skipToken, useQuery } from "@tanstack/react-query";
import { calculateLandedCost, fetchExchangeRate, fetchMonthlyRate, isApiError } from "../../api";
import type { TExchangeRate, TLandedCostRequest } from "../../contracts";
import { currentLanguage } from "../../i18n";

// Rules and rates change with an import, not while someone reads: a calculation is kept for a while.
const TARIFF_STALE_MS = 5 * 60_000;

/**
 * The landed cost of the request in the address. A query rather than a mutation: the calculation
 * changes nothing, and the answer belongs to the address (and the language its explanations are in).
 */
export function useLandedCost(request: TLandedCostRequest | null) {
  const language = currentLanguage();
  return useQuery({
    queryKey: ["tariffs", "landed-cost", request, language],
    queryFn: request ? ({ signal }) => calculateLandedCost(request, signal) : skipToken,
    staleTime: TARIFF_STALE_MS,
    placeholderData: keepPreviousData,
  });
}

export function useExchangeRate(pair: { base: string; quote: string; date: string } | null) {
  return useQuery({
    queryKey: ["fx", "rate", pair, currentLanguage()],
    queryFn: pair ? ({ signal }) => fetchExchangeRate(pair, signal) : skipToken,
    staleTime: TARIFF_STALE_MS,
  });
}

export function useMonthlyRate(pair: { base: string; quote: string; month: string } | null) {
  return useQuery({
    queryKey: ["fx", "monthly", pair, currentLanguage()],
    queryFn: pair ? ({ signal }) => fetchMonthlyRate(pair, signal) : skipToken,
    staleTime: TARIFF_STALE_MS,
  });
}

/** Every day of a month (`YYYY-MM`) as `YYYY-MM-DD`. */
export function daysOfMonth(month: string): string[] {
  const [year, monthNumber] = month.split("-").map(Number);
  if (!year || !monthNumber) return [];
  const count = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  return Array.from({ length: count }, (_, index) => `${month}-${String(index + 1).padStart(2, "0")}`);
}

/**
 * The rate in force on each day of a month. The API answers one date at a time, so this asks up to 31
 * times, one after another to keep the load on the server small; days before the first published rate
 * are left out.
 */
export function useDailyRates(pair: { base: string; quote: string; month: string } | null) {
  return useQuery({
    queryKey: ["fx", "daily", pair],
    queryFn: pair
      ? async ({ signal }) => {
          const rates: TExchangeRate[] = [];
          for (const date of daysOfMonth(pair.month)) {
            try {
              rates.push(await fetchExchangeRate({ base: pair.base, quote: pair.quote, date }, signal));
            } catch (error) {
              if (isApiError(error) && error.code === "FX_RATE_NOT_FOUND") continue;
              throw error;
            }
          }
          return rates;
        }
      : skipToken,
    staleTime: TARIFF_STALE_MS,
  });
}
