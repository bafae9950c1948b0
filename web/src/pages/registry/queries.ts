import { keepPreviousData, useInfiniteQuery, useQueries, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import {
  type DirectoryFilter,
  fetchEnterprise,
  fetchEnterprisePrivate,
  fetchEnterpriseTrust,
  fetchHsNode,
  listRegions,
  listVerificationQueue,
  searchEnterprises,
  validateIdentifier,
} from "../../api";
import type { THsNode, TIdentifierScheme } from "../../contracts";
import { currentLanguage, type Language } from "../../i18n";
import { useHsSections } from "../reference/queries";

// The server words names of regions, trust explanations and problems in the request's language, so
// every key that holds such text ends with the language: a switch fetches the new wording, while
// invalidating a prefix (`["registry", "enterprise", id]`) reaches every language at once.

/** The UI language, re-read on every switch. */
function useLanguage(): Language {
  useTranslation();
  return currentLanguage();
}

export const registryKeys = {
  all: ["registry"] as const,
  directory: ["registry", "directory"] as const,
  enterprise: (id: string) => ["registry", "enterprise", id] as const,
  trust: (id: string) => ["registry", "trust", id] as const,
  private: (id: string) => ["registry", "private", id] as const,
  queue: ["registry", "queue"] as const,
};

/**
 * While the answer in a newly chosen language is on its way, keep showing the previous language's
 * answer for the same thing (`samePrefix` is the key without the language), rather than a spinner.
 */
function previousLanguage(samePrefix: readonly unknown[]) {
  return <T>(previous: T | undefined, previousQuery?: { queryKey: readonly unknown[] }): T | undefined =>
    previousQuery && samePrefix.every((part, index) => previousQuery.queryKey[index] === part)
      ? previous
      : undefined;
}

export const DIRECTORY_PAGE_SIZE = 20;

export function useDirectory(filter: DirectoryFilter) {
  const language = useLanguage();
  return useInfiniteQuery({
    queryKey: [...registryKeys.directory, filter, language],
    queryFn: ({ pageParam, signal }) => searchEnterprises(filter, pageParam, signal, DIRECTORY_PAGE_SIZE),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // Keep the previous results on screen while the next search's answer is on its way.
    placeholderData: keepPreviousData,
  });
}

export function useEnterprise(id: string) {
  const language = useLanguage();
  return useQuery({
    queryKey: [...registryKeys.enterprise(id), language],
    queryFn: ({ signal }) => fetchEnterprise(id, signal),
    placeholderData: previousLanguage(registryKeys.enterprise(id)),
  });
}

export function useEnterpriseTrust(id: string) {
  const language = useLanguage();
  return useQuery({
    queryKey: [...registryKeys.trust(id), language],
    queryFn: ({ signal }) => fetchEnterpriseTrust(id, signal),
    placeholderData: previousLanguage(registryKeys.trust(id)),
    // The profile is computed from outbox events just after a registration commits: ask again a few
    // times while it is not there yet.
    refetchInterval: (query) =>
      query.state.data?.profile === null && query.state.dataUpdateCount < 5 ? 1500 : false,
  });
}

/** Contacts and decisions; asked only when `/me` says the server will answer (else it is a 404). */
export function useEnterprisePrivate(id: string, enabled: boolean) {
  return useQuery({
    queryKey: registryKeys.private(id),
    queryFn: ({ signal }) => fetchEnterprisePrivate(id, signal),
    enabled,
    retry: false,
  });
}

export function useVerificationQueue(enabled: boolean) {
  const language = useLanguage();
  return useQuery({
    queryKey: [...registryKeys.queue, language],
    queryFn: ({ signal }) => listVerificationQueue(signal),
    enabled,
    placeholderData: previousLanguage(registryKeys.queue),
  });
}

/** The live check of an identifier; `value` is already debounced by the caller, "" waits. */
export function useIdentifierCheck(scheme: TIdentifierScheme, value: string) {
  const language = useLanguage();
  return useQuery({
    queryKey: ["registry", "identifier", scheme, value, language],
    queryFn: ({ signal }) => validateIdentifier(scheme, value, signal),
    enabled: value !== "",
    staleTime: Number.POSITIVE_INFINITY,
    placeholderData: keepPreviousData,
  });
}

const REFERENCE_STALE_MS = 10 * 60_000;

export function useRegions() {
  const language = useLanguage();
  return useQuery({
    queryKey: ["registry", "regions", language],
    queryFn: ({ signal }) => listRegions(signal),
    placeholderData: previousLanguage(["registry", "regions"]),
    staleTime: REFERENCE_STALE_MS,
    retry: false,
  });
}

export interface HsChapter {
  code: string;
  /** Null when the names could not be loaded: the pickers then offer bare chapter numbers. */
  names: { zh: string | null; ru: string | null; en: string | null } | null;
}

/** Chapters 01–97 of the HS; 77 is reserved for future use and never assigned. */
export const HS_CHAPTER_CODES: readonly string[] = Array.from({ length: 97 }, (_, index) =>
  String(index + 1).padStart(2, "0"),
).filter((code) => code !== "77");

const CHAPTERS_WITHOUT_NAMES: HsChapter[] = HS_CHAPTER_CODES.map((code) => ({ code, names: null }));

function combineSections(results: { data?: THsNode | undefined; isError: boolean; isPending: boolean }[]) {
  return {
    failed: results.some((result) => result.isError),
    pending: results.some((result) => result.isPending),
    chapters: results
      .flatMap((result) => result.data?.children ?? [])
      .filter((child) => child.level === "chapter")
      .map((child) => ({ code: child.code, names: child.names }))
      .sort((a, b) => a.code.localeCompare(b.code)),
  };
}

/**
 * The HS chapters with their names, gathered from the 21 sections (the same queries the HS browser
 * uses, so the two share one fetch per section). When any part fails, the chapters come without names.
 */
export function useHsChapters(): { chapters: readonly HsChapter[]; pending: boolean } {
  const sections = useHsSections();
  const codes = sections.data?.map((section) => section.code) ?? [];
  const nodes = useQueries({
    queries: codes.map((code) => ({
      queryKey: ["reference", "hs", "node", code],
      queryFn: ({ signal }: { signal: AbortSignal }) => fetchHsNode(code, signal),
      staleTime: REFERENCE_STALE_MS,
    })),
    combine: combineSections,
  });
  if (sections.isError || nodes.failed) return { chapters: CHAPTERS_WITHOUT_NAMES, pending: false };
  if (sections.isPending || nodes.pending) return { chapters: [], pending: true };
  return { chapters: nodes.chapters, pending: false };
}
