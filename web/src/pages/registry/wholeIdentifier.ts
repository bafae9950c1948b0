import type { TIdentifierScheme } from "../../contracts";

/**
 * The identifier a directory query is, when it has the length and characters of a whole one: a USCC
 * (18 digits and capitals), an INN (10 or 12 digits), an OGRN (13) or an OGRNIP (15). Spaces and hyphens
 * are ignored, as the server ignores them. Beginnings of identifiers are not: they are searched, not checked.
 */
export function wholeIdentifier(q: string): { scheme: TIdentifierScheme; value: string } | null {
  const value = q.replace(/[\s-]/g, "").toUpperCase();
  if (/^[0-9A-Z]{18}$/.test(value) && /^\d/.test(value)) return { scheme: "uscc", value };
  if (!/^\d+$/.test(value)) return null;
  if (value.length === 10 || value.length === 12) return { scheme: "inn", value };
  if (value.length === 13) return { scheme: "ogrn", value };
  if (value.length === 15) return { scheme: "ogrnip", value };
  return null;
}
