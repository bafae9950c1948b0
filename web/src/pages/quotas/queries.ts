import { skipToken, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { currentLanguage, type Language } from "../../i18n";
import {
  fetchLicence,
  fetchPool,
  fetchUtilization,
  listAllocations,
  listMyApplications,
  listMyLicences,
  listPoolApplications,
  listPools,
  verifyLicence,
} from "./api";

// Pools and licences change when officers act, so answers are kept briefly; the server words reasons
// and verification texts in the request's language, so those keys end with the language.

function useLanguage(): Language {
  useTranslation();
  return currentLanguage();
}

export const quotaKeys = {
  all: ["quotas"] as const,
  pools: ["quotas", "pools"] as const,
  pool: (id: string) => ["quotas", "pool", id] as const,
  mine: ["quotas", "mine"] as const,
  licence: (number: string) => ["quotas", "licence", number] as const,
};

export function usePools() {
  return useQuery({ queryKey: quotaKeys.pools, queryFn: ({ signal }) => listPools(undefined, signal) });
}

export function usePool(id: string) {
  return useQuery({
    queryKey: [...quotaKeys.pool(id), "pool"],
    queryFn: ({ signal }) => fetchPool(id, signal),
  });
}

export function useAllocations(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...quotaKeys.pool(id), "allocations"],
    queryFn: ({ signal }) => listAllocations(id, signal),
    enabled,
  });
}

export function useUtilization(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...quotaKeys.pool(id), "utilization"],
    queryFn: ({ signal }) => fetchUtilization(id, signal),
    enabled,
  });
}

export function usePoolApplications(id: string, enabled: boolean) {
  const language = useLanguage();
  return useQuery({
    queryKey: [...quotaKeys.pool(id), "applications", language],
    queryFn: ({ signal }) => listPoolApplications(id, signal),
    enabled,
  });
}

export function useMyApplications(enabled: boolean) {
  const language = useLanguage();
  return useQuery({
    queryKey: [...quotaKeys.mine, "applications", language],
    queryFn: ({ signal }) => listMyApplications(signal),
    enabled,
  });
}

export function useMyLicences(enabled: boolean) {
  return useQuery({
    queryKey: [...quotaKeys.mine, "licences"],
    queryFn: ({ signal }) => listMyLicences(signal),
    enabled,
  });
}

export function useLicence(number: string) {
  return useQuery({
    queryKey: quotaKeys.licence(number),
    queryFn: ({ signal }) => fetchLicence(number, signal),
  });
}

/** The public check of a licence number; null waits for a number. */
export function useVerification(number: string | null) {
  const language = useLanguage();
  return useQuery({
    queryKey: ["quotas", "verify", number, language],
    queryFn: number ? ({ signal }) => verifyLicence(number, signal) : skipToken,
    retry: false,
  });
}
