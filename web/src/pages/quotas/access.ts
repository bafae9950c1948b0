import type { TMe, TSide } from "../../contracts";
import { type DeclarantOption, declarantOptions } from "../declarations/access";

// Who may do what with quotas, read from `/me`. The server decides in the end; this only keeps the pages
// from offering what it would refuse.

/** The sides on which the user is a quota officer (an officer manages only their own side's pools). */
export function quotaOfficerSides(me: TMe | null | undefined): TSide[] {
  if (!me) return [];
  const sides = new Set<TSide>();
  for (const membership of me.memberships) {
    const side = membership.organization.side;
    if (side && membership.roles.includes("quota_officer")) sides.add(side);
  }
  return [...sides];
}

/** The enterprises the user may apply for: those of which they are an enterprise member. */
export function applicantOptions(me: TMe | null | undefined): DeclarantOption[] {
  return declarantOptions(me);
}

export function isEnterpriseMember(me: TMe | null | undefined): boolean {
  return applicantOptions(me).length > 0;
}

/** The user's enterprises that may apply to a pool of this side. */
export function applicantsFor(me: TMe | null | undefined, side: TSide): DeclarantOption[] {
  return applicantOptions(me).filter((option) => option.side === side);
}

/** True for a member of the enterprise holding the licence. */
export function holdsLicence(me: TMe | null | undefined, holderId: string): boolean {
  return applicantOptions(me).some((option) => option.id === holderId);
}
