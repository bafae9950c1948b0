import type { TMe } from "../../contracts";

// Who may do what with the statistics, read from `/me`. The server decides in the end.

/** Statisticians import and publish datasets and see unpublished facts. */
export function isStatistician(me: TMe | null | undefined): boolean {
  return Boolean(me?.memberships.some((membership) => membership.roles.includes("statistician")));
}
