import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { fetchHsNode, listBorderPorts, searchHs } from "../../api";

// Reference data changes with a data load, not while someone reads it: keep answers for a while so
// the tree, the search and the detail panel share one fetch per code.
const REFERENCE_STALE_MS = 10 * 60_000;

export function useHsSections() {
  return useQuery({
    queryKey: ["reference", "hs", "sections"],
    queryFn: ({ signal }) => searchHs("", signal),
    staleTime: REFERENCE_STALE_MS,
  });
}

/** One code with its path and children; `null` waits (a collapsed tree node, nothing selected). */
export function useHsNode(code: string | null) {
  return useQuery({
    queryKey: ["reference", "hs", "node", code],
    queryFn: ({ signal }) => fetchHsNode(code ?? "", signal),
    enabled: code !== null,
    staleTime: REFERENCE_STALE_MS,
  });
}

export const HS_SEARCH_LIMIT = 20;

export function useHsSearch(q: string) {
  return useQuery({
    queryKey: ["reference", "hs", "search", q],
    queryFn: ({ signal }) => searchHs(q, signal, HS_SEARCH_LIMIT),
    enabled: q !== "",
    staleTime: REFERENCE_STALE_MS,
    // Keep the previous results on screen while the next keystroke's answer is on its way.
    placeholderData: keepPreviousData,
  });
}

export function useBorderPorts() {
  return useQuery({
    queryKey: ["reference", "ports"],
    queryFn: ({ signal }) => listBorderPorts(signal),
    staleTime: REFERENCE_STALE_MS,
  });
}
