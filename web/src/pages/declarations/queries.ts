import { keepPreviousData, skipToken, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { TSide } from "../../contracts";
import { currentLanguage, type Language } from "../../i18n";
import {
  fetchCodeLists,
  fetchCustomsDeclaration,
  fetchMyDeclaration,
  fetchPortLoad,
  fetchRecognitionReport,
  fetchRiskSettings,
  listCustomsDeclarations,
  listMyDeclarations,
  listRiskRules,
  previewDeclaration,
} from "./api";
import type { TDeclarationInput } from "./contracts";
import type { DeclarationFilter } from "./filters";

// The server words trade modes, explanations, timelines and problems in the request's language, so the
// keys of such answers end with the language; invalidating a prefix reaches every language at once.

function useLanguage(): Language {
  useTranslation();
  return currentLanguage();
}

export const declarationKeys = {
  all: ["declarations"] as const,
  mine: ["declarations", "mine"] as const,
  customs: ["declarations", "customs"] as const,
  one: (id: string) => ["declarations", "one", id] as const,
  rules: ["declarations", "risk-rules"] as const,
  settings: (side: TSide) => ["declarations", "risk-settings", side] as const,
  ports: ["declarations", "ports"] as const,
};

const CODES_STALE_MS = 10 * 60_000;

export function useCodeLists() {
  const language = useLanguage();
  return useQuery({
    queryKey: ["declarations", "codes", language],
    queryFn: ({ signal }) => fetchCodeLists(signal),
    staleTime: CODES_STALE_MS,
    placeholderData: keepPreviousData,
  });
}

/** The live duty preview; `body` is already debounced by the caller, null waits. */
export function usePreview(body: TDeclarationInput | null) {
  const language = useLanguage();
  return useQuery({
    queryKey: ["declarations", "preview", body, language],
    queryFn: body ? ({ signal }) => previewDeclaration(body, signal) : skipToken,
    staleTime: 60_000,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function useMyDeclarations(filter: DeclarationFilter, enabled: boolean) {
  const language = useLanguage();
  return useQuery({
    queryKey: [...declarationKeys.mine, filter, language],
    queryFn: ({ signal }) => listMyDeclarations(filter, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useCustomsDeclarations(filter: DeclarationFilter, enabled: boolean) {
  const language = useLanguage();
  return useQuery({
    queryKey: [...declarationKeys.customs, filter, language],
    queryFn: ({ signal }) => listCustomsDeclarations(filter, signal),
    enabled,
    placeholderData: keepPreviousData,
    // A queue is watched while work comes in.
    refetchInterval: 30_000,
  });
}

/** One declaration, as its declarant sees it or (`view: "customs"`) with the lane decision. */
export function useDeclaration(id: string, view: "declarant" | "customs") {
  const language = useLanguage();
  return useQuery({
    queryKey: [...declarationKeys.one(id), view, language],
    queryFn: ({ signal }) =>
      view === "customs" ? fetchCustomsDeclaration(id, signal) : fetchMyDeclaration(id, signal),
  });
}

export function useRiskRules(side: TSide | undefined, history: boolean, enabled: boolean) {
  const language = useLanguage();
  return useQuery({
    queryKey: [...declarationKeys.rules, side ?? "all", history, language],
    queryFn: ({ signal }) => listRiskRules({ ...(side ? { side } : {}), history }, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useRiskSettings(side: TSide | null) {
  const language = useLanguage();
  return useQuery({
    queryKey: [...declarationKeys.settings(side ?? "CN"), language],
    queryFn: side ? ({ signal }) => fetchRiskSettings(side, signal) : skipToken,
  });
}

export function usePortLoad(filter: { from: string; to: string; port?: string }, enabled: boolean) {
  const language = useLanguage();
  return useQuery({
    queryKey: [...declarationKeys.ports, "load", filter, language],
    queryFn: ({ signal }) => fetchPortLoad(filter, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useRecognitionReport(range: { from: string; to: string }, enabled: boolean) {
  const language = useLanguage();
  return useQuery({
    queryKey: [...declarationKeys.ports, "recognition", range, language],
    queryFn: ({ signal }) => fetchRecognitionReport(range, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
}
