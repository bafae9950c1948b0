import { keepPreviousData, skipToken, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { currentLanguage, type Language } from "../../i18n";
import {
  checkFacts,
  fetchMirror,
  fetchUnitValues,
  listCalibers,
  listDatasets,
  listHsLevel,
  runQuery,
} from "./api";
import type { TMirrorQuery, TQuery } from "./contracts";

// Published statistics change with an import or a released declaration, not while someone reads a
// chart: answers are kept for a minute. Notes and methods arrive in the request's language.

function useLanguage(): Language {
  useTranslation();
  return currentLanguage();
}

const STATS_STALE_MS = 60_000;

export const statisticsKeys = {
  all: ["statistics"] as const,
  datasets: ["statistics", "datasets"] as const,
  calibers: ["statistics", "calibers"] as const,
};

export function useStatQuery(query: TQuery) {
  const language = useLanguage();
  return useQuery({
    queryKey: ["statistics", "query", query, language],
    queryFn: ({ signal }) => runQuery(query, signal),
    staleTime: STATS_STALE_MS,
    placeholderData: keepPreviousData,
  });
}

export function useMirror(query: TMirrorQuery) {
  const language = useLanguage();
  return useQuery({
    queryKey: ["statistics", "mirror", query, language],
    queryFn: ({ signal }) => fetchMirror(query, signal),
    staleTime: STATS_STALE_MS,
    placeholderData: keepPreviousData,
  });
}

export function useUnitValues(
  query: { hs6: string; flow?: "export" | "import"; from?: number; to?: number } | null,
) {
  const language = useLanguage();
  return useQuery({
    queryKey: ["statistics", "unit-values", query, language],
    queryFn: query ? ({ signal }) => fetchUnitValues(query, signal) : skipToken,
    staleTime: STATS_STALE_MS,
  });
}

/** Names of HS sections or chapters for labels; reference data, kept long. */
export function useHsLevel(level: "section" | "chapter", enabled = true) {
  return useQuery({
    queryKey: ["reference", "hs", "level", level],
    queryFn: ({ signal }) => listHsLevel(level, signal),
    staleTime: 10 * 60_000,
    enabled,
  });
}

export function useDatasets(enabled: boolean) {
  return useQuery({
    queryKey: statisticsKeys.datasets,
    queryFn: ({ signal }) => listDatasets(signal),
    enabled,
  });
}

export function useFactsCheck(enabled: boolean) {
  return useQuery({
    queryKey: [...statisticsKeys.datasets, "check"],
    queryFn: ({ signal }) => checkFacts(signal),
    enabled,
    retry: false,
  });
}

export function useCalibers(enabled: boolean) {
  return useQuery({
    queryKey: statisticsKeys.calibers,
    queryFn: ({ signal }) => listCalibers(signal),
    enabled,
  });
}
