import type { TMe, TSide } from "../../contracts";
import { officerSides } from "../registry/access";

// Who may do what with declarations, read from `/me`. The server decides in the end; this only keeps the
// pages from offering what it would refuse.

export { officerSides };

export interface DeclarantOption {
  id: string;
  name: string;
  side: TSide;
}

/** The enterprises the user may declare for: those of which they are an enterprise member. */
export function declarantOptions(me: TMe | null | undefined): DeclarantOption[] {
  if (!me) return [];
  return me.memberships.flatMap((membership) => {
    const { organization } = membership;
    if (organization.kind !== "enterprise" || organization.side === null) return [];
    if (!membership.roles.includes("enterprise_member")) return [];
    return [{ id: organization.id, name: organization.name, side: organization.side }];
  });
}

export function isDeclarant(me: TMe | null | undefined): boolean {
  return declarantOptions(me).length > 0;
}

export function isOfficer(me: TMe | null | undefined): boolean {
  return officerSides(me).length > 0;
}
