/**
 * ISO 3166 countries with their Chinese and Russian names (data/reference/iso3166) and ISO 4217
 * currencies with minor units (data/reference/iso4217).
 */
import { parseCsvRecords } from "../../platform/csv.ts";

export interface Country {
  alpha2: string;
  alpha3: string;
  /** ISO 3166-1 numeric, zero-padded to 3 digits ("004"). */
  numeric: string;
  /** The UN short names the data calls official_name_en / _ru / _cn, e.g. China / Китай / 中国. */
  names: { en: string; ru: string | null; zh: string | null };
  /** ISO 4217 codes in use, as the data lists them ("INR,BTN" → ["INR", "BTN"]). */
  currencyCodes: string[];
}

/** iso3166/country-codes.csv (56 columns; only the ones named here are read). */
export function parseCountries(text: string): Country[] {
  const out: Country[] = [];
  for (const r of parseCsvRecords(text)) {
    const alpha2 = (r["ISO3166-1-Alpha-2"] ?? "").trim();
    const alpha3 = (r["ISO3166-1-Alpha-3"] ?? "").trim();
    const numeric = (r["ISO3166-1-numeric"] ?? "").trim();
    if (!/^[A-Z]{2}$/.test(alpha2) || !/^[A-Z]{3}$/.test(alpha3) || !/^\d{1,3}$/.test(numeric)) {
      throw new Error(`country-codes: bad codes in ${JSON.stringify([alpha2, alpha3, numeric])}`);
    }
    out.push({
      alpha2,
      alpha3,
      numeric: numeric.padStart(3, "0"),
      names: {
        en: (r.official_name_en ?? "").trim(),
        ru: blankToNull(r.official_name_ru),
        zh: blankToNull(r.official_name_cn),
      },
      currencyCodes: (r["ISO4217-currency_alphabetic_code"] ?? "")
        .split(",")
        .map((c) => c.trim())
        .filter((c) => c !== ""),
    });
  }
  return out.sort((a, b) => (a.alpha2 < b.alpha2 ? -1 : 1));
}

export interface Currency {
  code: string;
  numeric: string | null;
  /** Digits after the decimal point; null where ISO gives none ("-" for gold, SDR, ... or blank for withdrawn). */
  minorUnit: number | null;
  /** ISO publishes English names only; Russian and Chinese names are not in the data. */
  names: { en: string; ru: string | null; zh: string | null };
  /** In use by at least one entity (no withdrawal date on some row). */
  current: boolean;
  /** For a withdrawn currency, the latest withdrawal date as printed ("2004-01", "1989 to 1990"). */
  withdrawn: string | null;
  /** The entities using it (current) or that used it (withdrawn), as ISO prints them. */
  entities: string[];
}

interface CurrencyRow {
  entity: string;
  name: string;
  code: string;
  numeric: string;
  minorUnit: string;
  withdrawal: string;
}

/**
 * iso4217/codes-all.csv: Entity,Currency,AlphabeticCode,NumericCode,MinorUnit,WithdrawalDate — one row per
 * using entity, current (Table A.1) and historic (A.3). Grouped to one record per code; rows without a
 * code ("No universal currency") are skipped.
 */
export function parseCurrencies(text: string): Currency[] {
  const groups = new Map<string, CurrencyRow[]>();
  for (const r of parseCsvRecords(text)) {
    const code = (r.AlphabeticCode ?? "").trim();
    if (code === "") continue;
    if (!/^[A-Z]{3}$/.test(code)) throw new Error(`codes-all: bad currency code ${JSON.stringify(code)}`);
    const row: CurrencyRow = {
      entity: (r.Entity ?? "").replace(/\s+/g, " ").trim(),
      name: (r.Currency ?? "").trim(),
      code,
      numeric: (r.NumericCode ?? "").trim(),
      minorUnit: (r.MinorUnit ?? "").trim(),
      withdrawal: (r.WithdrawalDate ?? "").trim(),
    };
    const group = groups.get(code);
    if (group) group.push(row);
    else groups.set(code, [row]);
  }
  const out: Currency[] = [];
  for (const [code, rows] of groups) {
    const inUse = rows.filter((r) => r.withdrawal === "");
    const current = inUse.length > 0;
    const relevant = current ? inUse : [...rows].sort((a, b) => (a.withdrawal < b.withdrawal ? 1 : -1));
    const lead = relevant[0];
    if (!lead) continue;
    out.push({
      code,
      numeric: lead.numeric === "" ? null : lead.numeric,
      minorUnit: /^\d+$/.test(lead.minorUnit) ? Number(lead.minorUnit) : null,
      names: { en: lead.name, ru: null, zh: null },
      current,
      withdrawn: current ? null : lead.withdrawal,
      entities: [...new Set(relevant.map((r) => r.entity))],
    });
  }
  return out.sort((a, b) => (a.code < b.code ? -1 : 1));
}

function blankToNull(value: string | undefined): string | null {
  const trimmed = (value ?? "").trim();
  return trimmed === "" ? null : trimmed;
}
