import type { TariffRulesTable } from "../../platform/db/schema.ts";
import { type Locale, t } from "../../platform/i18n/i18n.ts";
import { type Assessment, type Explanation, ruleView } from "./tariffs.service.ts";

// Parameters that hold amounts or rates: shown with the reader's digit grouping and decimal mark.
const NUMERIC = new Set([
  "amount",
  "value",
  "base",
  "used",
  "exempt",
  "taxable",
  "specificAmount",
  "allowance",
  "rate",
]);

/** "128374.00" → "128 374,00" (ru), "128,374.00" (en, zh); the exact digits are kept. */
export function formatDecimal(value: string, locale: Locale): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value);
  if (!m) return value;
  const [, sign, int = "", frac] = m;
  const group = locale === "ru-RU" ? "\u00a0" : ",";
  const point = locale === "ru-RU" ? "," : ".";
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return `${sign}${grouped}${frac ? `${point}${frac}` : ""}`;
}

/** "ТН ВЭД 8431" / "HS 8431", or "всех товаров" / "all goods" for a rule that covers every code. */
export function codesLabel(locale: Locale, prefix: string): string {
  return prefix === "*" || prefix === ""
    ? t(locale, "tariffs.all_codes")
    : t(locale, "tariffs.codes_from", { prefix });
}

const NAME_SUFFIX: Record<Locale, string> = { "zh-CN": "_zh", "ru-RU": "_ru", en: "_en" };

function localizedParams(params: Explanation["params"], locale: Locale) {
  const suffix = NAME_SUFFIX[locale];
  const out: Record<string, string | number> = {};
  for (const k in params) {
    const v = params[k] as string | number;
    // A name given in three languages (pool_zh, pool_ru, pool_en) is shown in the reader's.
    const named = params[k + suffix];
    if (typeof named === "string" && named !== "") out[k] = named;
    else if (k === "prefix") out[k] = codesLabel(locale, String(v));
    else if (k === "source") {
      const key = `tariffs.source.${v}`;
      const said = t(locale, key);
      out[k] = said === key ? String(v) : said;
    } else if (typeof v === "string" && NUMERIC.has(k)) out[k] = formatDecimal(v, locale);
    else out[k] = v;
  }
  return out;
}

const text = (e: Explanation, locale: Locale) => ({
  key: e.key,
  text: t(locale, e.key, localizedParams(e.params, locale)),
});

/** Explanations become sentences in the reader's language; the keys stay for machines. */
export function presentAssessment(a: Assessment, locale: Locale) {
  return {
    side: a.side,
    flow: a.flow,
    hsCode: a.hsCode,
    date: a.date,
    currency: a.currency,
    customsValue: {
      amount: a.customsValue.amount,
      original: a.customsValue.original,
      rate: a.customsValue.rate
        ? {
            rate: a.customsValue.rate.rate,
            source: a.customsValue.rate.source,
            publishedOn: a.customsValue.rate.publishedOn,
            ...(a.customsValue.rate.via ? { via: a.customsValue.rate.via } : {}),
            sample: a.customsValue.rate.sample,
          }
        : null,
      explanation: text(a.customsValue.explanation, locale),
    },
    prohibited: a.prohibited
      ? { rule: a.prohibited.rule, explanation: text(a.prohibited.explanation, locale) }
      : null,
    preference: a.preference
      ? { ...a.preference, explanation: text(a.preference.explanation, locale) }
      : null,
    amounts: a.amounts.map((x) => ({ ...x, explanation: text(x.explanation, locale) })),
    total: a.total,
    rounding: t(locale, "tariffs.rounding"),
    warnings: a.warnings.map((w) => text(w, locale)),
  };
}

export function presentRule(r: TariffRulesTable) {
  return {
    ...ruleView(r),
    side: r.side,
    flow: r.flow,
    kind: r.kind,
    note: r.note,
    ruleKey: r.rule_key,
    supersededAt: r.superseded_at,
  };
}
