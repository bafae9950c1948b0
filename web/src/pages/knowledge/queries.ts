import { keepPreviousData, skipToken, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { currentLanguage, type Language } from "../../i18n";
import {
  type AppliesQuery,
  type DocumentListFilter,
  fetchApplies,
  fetchDocument,
  fetchVersionHistory,
  listDocuments,
  listNotifications,
  listSubscriptions,
  listTerms,
  searchKnowledge,
  unreadCount,
} from "./api";
import type { TDocLang } from "./contracts";
import type { SearchFilter } from "./search";

// The server words "found through the term bank", the reasons and the notifications in the request's
// language, so the keys of such answers end with the language; invalidating a prefix reaches all of them.

function useLanguage(): Language {
  useTranslation();
  return currentLanguage();
}

export const knowledgeKeys = {
  all: ["knowledge"] as const,
  documents: ["knowledge", "documents"] as const,
  document: (id: string) => ["knowledge", "documents", "one", id] as const,
  terms: ["knowledge", "terms"] as const,
  subscriptions: ["knowledge", "subscriptions"] as const,
  notifications: ["knowledge", "notifications"] as const,
};

export function useKnowledgeSearch(filter: SearchFilter) {
  const language = useLanguage();
  return useQuery({
    queryKey: ["knowledge", "search", filter, language],
    queryFn: filter.q ? ({ signal }) => searchKnowledge(filter, signal) : skipToken,
    placeholderData: keepPreviousData,
  });
}

export function useDocumentList(filter: DocumentListFilter, enabled = true) {
  return useQuery({
    queryKey: [...knowledgeKeys.documents, "list", filter],
    queryFn: ({ signal }) => listDocuments(filter, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useDocument(id: string) {
  return useQuery({
    queryKey: knowledgeKeys.document(id),
    queryFn: ({ signal }) => fetchDocument(id, signal),
  });
}

/** One language's history; `null` waits until the reader opens it. */
export function useVersionHistory(id: string, lang: TDocLang | null) {
  return useQuery({
    queryKey: [...knowledgeKeys.document(id), "history", lang],
    queryFn: lang ? ({ signal }) => fetchVersionHistory(id, lang, signal) : skipToken,
  });
}

export function useApplies(query: AppliesQuery | null) {
  const language = useLanguage();
  return useQuery({
    queryKey: ["knowledge", "applies", query, language],
    queryFn: query ? ({ signal }) => fetchApplies(query, signal) : skipToken,
    placeholderData: keepPreviousData,
  });
}

export function useTerms() {
  return useQuery({ queryKey: knowledgeKeys.terms, queryFn: ({ signal }) => listTerms(signal) });
}

export function useSubscriptions(enabled: boolean) {
  return useQuery({
    queryKey: knowledgeKeys.subscriptions,
    queryFn: ({ signal }) => listSubscriptions(signal),
    enabled,
  });
}

/** The unread count alone, watched while the reader is signed in, for the badge in the navigation. */
export function useUnreadCount(enabled: boolean) {
  return useQuery({
    queryKey: [...knowledgeKeys.notifications, "unread"],
    queryFn: ({ signal }) => unreadCount(signal),
    enabled,
    refetchInterval: 60_000,
  });
}

/** The feed and its unread count; watched while the reader is signed in, for the count in the header. */
export function useNotifications(enabled: boolean) {
  const language = useLanguage();
  return useQuery({
    queryKey: [...knowledgeKeys.notifications, language],
    queryFn: ({ signal }) => listNotifications(signal),
    enabled,
    refetchInterval: 60_000,
  });
}
