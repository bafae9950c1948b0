import type { Side } from "../../platform/auth/policy.ts";
import type { EnterprisesTable } from "../../platform/db/schema.ts";
import { type FieldError, fieldError } from "../../platform/errors.ts";
import { type IdentifierScheme, normalizeIdentifier, validateIdentifier } from "./identifiers.ts";
import type { TEnterpriseInput } from "./registry.schema.ts";

/**
 * What a registration needs of its identifiers, and what the directory indexes of it: no database, so
 * the import's worker thread loads it without the rest of the service.
 */

export interface CheckedIdentifiers {
  uscc: string | null;
  inn: string | null;
  ogrn: string | null;
  kpp: string | null;
  errors: FieldError[];
  warnings: FieldError[];
}

/**
 * Which identifiers each side needs: China the USCC; Russia the INN with the OGRN (organizations,
 * 10-digit INN, plus KPP) or the OGRNIP (individual entrepreneurs, 12-digit INN, no KPP).
 */
export function checkIdentifiers(side: Side, ids: TEnterpriseInput["identifiers"]): CheckedIdentifiers {
  const out: CheckedIdentifiers = { uscc: null, inn: null, ogrn: null, kpp: null, errors: [], warnings: [] };
  const run = (
    field: "uscc" | "inn" | "ogrn" | "kpp",
    scheme: IdentifierScheme,
    value: string | undefined,
    required: boolean,
  ) => {
    if (value === undefined || value.trim() === "") {
      if (required) out.errors.push(fieldError(`identifiers.${field}`, "required", "validation.required"));
      return;
    }
    const r = validateIdentifier(scheme, value);
    for (const e of r.errors)
      out.errors.push(fieldError(`identifiers.${field}`, e.code, `identifiers.${e.code}`, e.params));
    for (const w of r.warnings)
      out.warnings.push(fieldError(`identifiers.${field}`, w.code, `identifiers.${w.code}`, w.params));
    if (r.valid) out[field] = r.normalized;
  };
  if (side === "CN") {
    run("uscc", "uscc", ids.uscc, true);
    for (const f of ["inn", "ogrn", "kpp"] as const) {
      if (ids[f])
        out.errors.push(fieldError(`identifiers.${f}`, "not_for_side", "identifiers.NOT_FOR_SIDE", { side }));
    }
    return out;
  }
  if (ids.uscc)
    out.errors.push(fieldError("identifiers.uscc", "not_for_side", "identifiers.NOT_FOR_SIDE", { side }));
  run("inn", "inn", ids.inn, true);
  const individual = normalizeIdentifier("inn", ids.inn ?? "").length === 12;
  run("ogrn", individual ? "ogrnip" : "ogrn", ids.ogrn, true);
  if (individual) {
    if (ids.kpp)
      out.errors.push(
        fieldError("identifiers.kpp", "not_for_individual", "identifiers.KPP_NOT_FOR_INDIVIDUAL"),
      );
  } else {
    run("kpp", "kpp", ids.kpp, true);
  }
  return out;
}

/**
 * Text indexed for the directory: the names. Identifiers are found through their own unique indexes
 * (registry.directory.ts): in the full-text index each would be a word of its own, one or two new
 * words per enterprise that only make its vocabulary, and a bulk import, larger.
 */
export function searchText(row: Pick<EnterprisesTable, "name_zh" | "name_ru" | "name_en">) {
  return [row.name_zh, row.name_ru, row.name_en].filter(Boolean).join(" \n ");
}
