import type { TariffRulesTable } from "../../platform/db/schema.ts";
import { type Locale, t } from "../../platform/i18n/i18n.ts";
import { type Assessment, type Explanation, ruleView } from "./tariffs.service.ts";

const text = (e: Explanation, locale: Locale) => ({ key: e.key, text: t(locale, e.key, e.params) });

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
