import type { TSide } from "../../contracts";
import { FLOWS, LANES, STATUSES, type TFlow, type TLane, type TStatus } from "./contracts";

// List filters live in the address, so a filtered list can be linked and survives a reload. Pure, so
// the round trip can be unit-tested.

export interface DeclarationFilter {
  status?: TStatus;
  /** Only declarations still with customs (requests only; not kept in the address). */
  open?: boolean;
  lane?: TLane;
  flow?: TFlow;
  port?: string;
  side?: TSide;
  q?: string;
  limit?: number;
  offset?: number;
}

/** The query string of a list filter: members left empty are left out. */
export function filterQuery(filter: DeclarationFilter): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (value !== undefined && value !== "") query.set(key, String(value));
  }
  const text = query.toString();
  return text === "" ? "" : `?${text}`;
}

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return values.find((candidate) => candidate === value);
}

export function filterFromParams(params: URLSearchParams): DeclarationFilter {
  const status = oneOf(STATUSES, params.get("status"));
  const lane = oneOf(LANES, params.get("lane"));
  const flow = oneOf(FLOWS, params.get("flow"));
  const port = params.get("port")?.trim() ?? "";
  const q = params.get("q")?.trim() ?? "";
  const offset = Number(params.get("offset") ?? "0");
  return {
    ...(status ? { status } : {}),
    ...(lane ? { lane } : {}),
    ...(flow ? { flow } : {}),
    ...(/^[a-z0-9-]{1,100}$/.test(port) ? { port } : {}),
    ...(q ? { q: q.slice(0, 100) } : {}),
    ...(Number.isInteger(offset) && offset > 0 ? { offset } : {}),
  };
}

export function paramsFromFilter(filter: DeclarationFilter): Record<string, string> {
  const params: Record<string, string> = {};
  if (filter.status) params.status = filter.status;
  if (filter.lane) params.lane = filter.lane;
  if (filter.flow) params.flow = filter.flow;
  if (filter.port) params.port = filter.port;
  if (filter.q) params.q = filter.q;
  if (filter.offset) params.offset = String(filter.offset);
  return params;
}

/** A changed filter starts again at the first page. */
export function changeFilter(
  filter: DeclarationFilter,
  patch: Partial<DeclarationFilter>,
): DeclarationFilter {
  const next: DeclarationFilter = { ...filter, ...patch };
  if (!("offset" in patch)) delete next.offset;
  for (const key of Object.keys(next) as (keyof DeclarationFilter)[]) {
    if (next[key] === undefined || next[key] === "") delete next[key];
  }
  return next;
}
