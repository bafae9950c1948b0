import type { TMe, TSide } from "../../contracts";

// What the signed-in user may do in the registry, read from `/me`. The server decides in the end; this
// only keeps the pages from offering what it would refuse.

/** The sides on which the user is a customs officer (an officer verifies only their own side). */
export function officerSides(me: TMe | null | undefined): TSide[] {
  if (!me) return [];
  const sides = new Set<TSide>();
  for (const membership of me.memberships) {
    const side = membership.organization.side;
    if (side && membership.roles.includes("customs_officer")) sides.add(side);
  }
  return [...sides];
}

/** True for a member of the enterprise: registry entries and organizations share their id. */
export function isMemberOf(me: TMe | null | undefined, enterpriseId: string): boolean {
  return Boolean(
    me?.memberships.some(
      (membership) =>
        membership.organization.id === enterpriseId && membership.roles.includes("enterprise_member"),
    ),
  );
}

/** Members of the enterprise and customs officers of its side see its contacts and decisions. */
export function maySeePrivate(me: TMe | null | undefined, enterprise: { id: string; side: TSide }): boolean {
  if (!me) return false;
  if (me.memberships.some((membership) => membership.organization.id === enterprise.id)) return true;
  return officerSides(me).includes(enterprise.side);
}

/** The side a new registration most likely belongs to: the user's enterprise's, else the UI language's. */
export function defaultSide(me: TMe | null | undefined, language: string): TSide {
  const enterpriseSides = new Set(
    (me?.memberships ?? [])
      .filter((membership) => membership.organization.kind === "enterprise")
      .map((membership) => membership.organization.side)
      .filter((side) => side !== null),
  );
  if (enterpriseSides.size === 1) {
    const [only] = enterpriseSides;
    if (only) return only;
  }
  return language.startsWith("ru") ? "RU" : "CN";
}

/**
 * The HTML `lang` of an enterprise's display name when it is not in the reader's language (the server
 * falls back to the enterprise's native name), so that it is read out and drawn in its own language.
 */
export function nameLang(
  enterprise: { name: string; names: { zh: string | null; ru: string | null; en: string | null } },
  reader: "zh" | "ru" | "en",
): "zh-CN" | "ru-RU" | "en" | undefined {
  if (enterprise.names[reader] === enterprise.name) return undefined;
  if (enterprise.names.zh === enterprise.name) return "zh-CN";
  if (enterprise.names.ru === enterprise.name) return "ru-RU";
  if (enterprise.names.en === enterprise.name) return "en";
  return undefined;
}
