import {
  KB_SIDES,
  KINDS,
  STATUSES,
  type TDocStatus,
  type TKbSide,
  type TKind,
  type TSnippetPart,
} from "./contracts";

// The search lives in the address (`/knowledge?q=原木&side=RU`), so a search can be linked and survives
// a reload. Pure, so the round trip can be unit-tested.

export interface SearchFilter {
  q: string;
  kind?: TKind;
  side?: TKbSide;
  status?: TDocStatus;
  /** An HS prefix of 2 to 10 digits. */
  hs?: string;
  port?: string;
  topic?: string;
  /** Only documents in force on this day (YYYY-MM-DD). */
  inForce?: string;
}

export const SEARCH_LIMIT = 20;
const MAX_QUERY = 200;

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return values.find((candidate) => candidate === value);
}

/** Digits only, as the server wants them: "4403.21" and "4403 21" are both 440321. */
export function normalizeHs(value: string): string {
  return value.replace(/[\s.]/g, "");
}

export function isHsPrefix(value: string): boolean {
  return /^\d{2,10}$/.test(value);
}

export function isIsoDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}

export function filterFromParams(params: URLSearchParams): SearchFilter {
  const q = (params.get("q") ?? "").trim().slice(0, MAX_QUERY);
  const kind = oneOf(KINDS, params.get("kind"));
  const side = oneOf(KB_SIDES, params.get("side"));
  const status = oneOf(STATUSES, params.get("status"));
  const hs = normalizeHs(params.get("hs") ?? "");
  const port = (params.get("port") ?? "").trim();
  const topic = (params.get("topic") ?? "").trim();
  const inForce = params.get("inForce") ?? "";
  return {
    q,
    ...(kind ? { kind } : {}),
    ...(side ? { side } : {}),
    ...(status ? { status } : {}),
    ...(isHsPrefix(hs) ? { hs } : {}),
    ...(/^[a-z]+(-[a-z]+)*$/.test(port) ? { port } : {}),
    ...(/^[a-z_]{2,40}$/.test(topic) ? { topic } : {}),
    ...(isIsoDate(inForce) ? { inForce } : {}),
  };
}

/** The address's query of a search; members left empty are left out. */
export function paramsFromFilter(filter: SearchFilter): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(filter)) {
    if (typeof value === "string" && value !== "") params[key] = value;
  }
  return params;
}

/** The query string the search API is asked with. */
export function searchQuery(filter: SearchFilter, limit = SEARCH_LIMIT): string {
  return new URLSearchParams({ ...paramsFromFilter(filter), limit: String(limit) }).toString();
}

/** How many filters besides the words are set, for the "Filters (2)" summary. */
export function activeFilters(filter: SearchFilter): number {
  return Object.entries(filter).filter(([key, value]) => key !== "q" && value !== undefined && value !== "")
    .length;
}

/**
 * A snippet as the server cut it, with neighbouring parts of the same kind merged (the server may cut a
 * hit in two) and empty parts dropped, so each highlighted run is one <mark>.
 */
export function mergeSnippet(parts: readonly TSnippetPart[]): TSnippetPart[] {
  const merged: TSnippetPart[] = [];
  for (const part of parts) {
    if (part.text === "") continue;
    const last = merged.at(-1);
    if (last && last.hit === part.hit)
      merged[merged.length - 1] = { text: last.text + part.text, hit: last.hit };
    else merged.push({ ...part });
  }
  return merged;
}
