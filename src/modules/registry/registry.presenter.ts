import type { EnterprisesTable, RegionsTable, TrustProfilesTable } from "../../platform/db/schema.ts";
import { type Locale, t } from "../../platform/i18n/i18n.ts";
import type { TEnterprise } from "./registry.schema.ts";
import type { TrustComponent } from "./trust.ts";

const LANG: Record<Locale, "zh" | "ru" | "en"> = { "zh-CN": "zh", "ru-RU": "ru", en: "en" };

/** A name in the reader's language, else the enterprise's native one, else any. */
export function pickName(
  names: { zh: string | null; ru: string | null; en: string | null },
  locale: Locale,
  side: "CN" | "RU",
) {
  return names[LANG[locale]] ?? names[side === "CN" ? "zh" : "ru"] ?? names.en ?? names.zh ?? names.ru ?? "";
}

export function regionName(region: RegionsTable | undefined, code: string, locale: Locale): string {
  if (!region) return code;
  return region[`name_${LANG[locale]}`] ?? region.name_en ?? region.name_local;
}

export function presentTrust(profile: TrustProfilesTable, locale: Locale) {
  const components = JSON.parse(profile.components) as TrustComponent[];
  return {
    score: Number(profile.score),
    formulaVersion: Number(profile.formula_version),
    computedAt: profile.computed_at,
    components: components.map((c) => ({
      key: c.key,
      points: c.points,
      max: c.max,
      state: c.state,
      label: t(locale, `trust.${c.key}.label`),
      explanation: t(locale, `trust.${c.key}.${c.state}`, { ...c.params, points: c.points, max: c.max }),
    })),
  };
}

export function presentEnterprise(
  row: EnterprisesTable,
  locale: Locale,
  region: RegionsTable | undefined,
  trust: TrustProfilesTable | undefined,
): TEnterprise {
  const names = { zh: row.name_zh, ru: row.name_ru, en: row.name_en };
  return {
    id: row.id,
    side: row.side,
    status: row.status,
    name: pickName(names, locale, row.side),
    names,
    identifiers: { uscc: row.uscc, inn: row.inn, ogrn: row.ogrn, kpp: row.kpp },
    legalForm: row.legal_form,
    region: { code: row.region, name: regionName(region, row.region, locale) },
    address: row.address,
    hsChapters: JSON.parse(row.hs_chapters) as string[],
    borderTrade: Number(row.is_border_trade) === 1,
    aeo: { level: row.aeo_level, since: row.aeo_since },
    crossBorderEcommerce: Number(row.is_cross_border_ecommerce) === 1,
    registeredAt: row.registered_at,
    verifiedSince: row.status === "verified" ? row.verified_at : null,
    sample: Number(row.is_sample) === 1,
    trust: trust ? presentTrust(trust, locale) : null,
  };
}
