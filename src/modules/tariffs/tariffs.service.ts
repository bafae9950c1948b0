import type { Executor } from "../../platform/db/db.ts";
import type { TariffRulesTable } from "../../platform/db/schema.ts";
import { AppError, fieldError } from "../../platform/errors.ts";
import {
  Dec,
  factorOf,
  fromMinor,
  percentOf,
  roundDec,
  roundToMinor,
  type TDec,
  toMinor,
} from "../../platform/money.ts";
import { defineOperation } from "../../platform/operations.ts";
import { poolsInForce } from "../quotas/quotas.repository.ts";
import { type RateInForce, rateInForce } from "./fx/fx.service.ts";
import { currentRules } from "./tariffs.cache.ts";
import { addResidentUsage } from "./tariffs.repository.ts";

/**
 * Assessment of one declaration line: customs value in the national currency at the rate in force on
 * the date, duty by the most specific rule in force, then VAT on value + duty. Every amount is rounded
 * half-up to the national currency's minor unit on its own; a declaration's total is the sum of its
 * rounded line amounts (so the printed lines always add up to the printed total).
 */

export const NATIONAL_CURRENCY = { CN: "CNY", RU: "RUB" } as const;
/** Border residents' mutual trade: CNY 8,000 per person per day free of import duty and taxes (财关税〔2008〕90号). */
export const RESIDENT_DAILY_ALLOWANCE_CNY = "8000";
export const RESIDENT_ALLOWANCE_REF = "财关税〔2008〕90号";

export interface LineInput {
  side: "CN" | "RU";
  flow: "import" | "export";
  hsCode: string;
  date: string;
  value: { amount: string; currency: string };
  quantity?: { value: string; unit: string } | undefined;
  origin?: string | undefined;
  preference?: "border_resident" | undefined;
  /** A free-trade-zone area (FTZ_AREAS): its own rules apply there, before the side's general ones. */
  zone?: string | undefined;
  /** For the border residents' allowance: CNY already used by the same person that day. */
  residentUsedTodayCny?: string | undefined;
}

export interface Explanation {
  key: string;
  params: Record<string, string | number>;
}

export interface AssessedAmount {
  kind: "duty" | "vat";
  amount: string;
  base: string;
  rule: RuleView | null;
  explanation: Explanation;
}

export interface RuleView {
  id: string;
  hsPrefix: string;
  combination: TariffRulesTable["combination"];
  adValorem: string | null;
  specific: { amount: string; currency: string; unit: string } | null;
  validFrom: string;
  validTo: string | null;
  legalRef: string;
  source: "cited" | "sample";
  version: number;
  zone: string | null;
}

export interface Assessment {
  side: "CN" | "RU";
  flow: "import" | "export";
  hsCode: string;
  date: string;
  currency: string;
  customsValue: {
    amount: string;
    original: { amount: string; currency: string };
    rate: RateInForce | null;
    explanation: Explanation;
  };
  prohibited: { rule: RuleView; explanation: Explanation } | null;
  preference: { exempt: string; taxable: string; explanation: Explanation } | null;
  amounts: AssessedAmount[];
  total: string;
  warnings: Explanation[];
}

export function ruleView(r: TariffRulesTable): RuleView {
  return {
    id: r.id,
    hsPrefix: r.hs_prefix,
    combination: r.combination,
    adValorem: r.ad_valorem,
    specific:
      r.specific_amount && r.specific_currency && r.specific_unit
        ? { amount: r.specific_amount, currency: r.specific_currency, unit: r.specific_unit }
        : null,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    legalRef: r.legal_ref,
    source: r.source,
    version: Number(r.version),
    zone: r.zone ?? null,
  };
}

/** Current rules of a kind in force on the date whose HS prefix is a prefix of the code. */
async function candidateRules(
  db: Executor,
  q: {
    side: "CN" | "RU";
    flow: "import" | "export";
    kind: TariffRulesTable["kind"];
    code: string;
    date: string;
    zone?: string | undefined;
  },
): Promise<TariffRulesTable[]> {
  const byPrefix = await currentRules(db, `${q.side}|${q.flow}|${q.kind}`);
  const found: TariffRulesTable[] = [];
  for (let length = 0; length <= q.code.length; length++) {
    const rules = byPrefix.get(q.code.slice(0, length));
    if (!rules) continue;
    for (const r of rules) {
      if (
        r.valid_from <= q.date &&
        (r.valid_to === null || r.valid_to >= q.date) &&
        (r.zone == null || r.zone === q.zone)
      )
        found.push(r);
    }
  }
  return found;
}

/**
 * The rule with the longest HS prefix wins; on a tie, a zone's own rule before the side's general one,
 * then the one in force since the latest date.
 */
export function mostSpecific(rules: readonly TariffRulesTable[]): TariffRulesTable | null {
  let best: TariffRulesTable | null = null;
  const zoned = (r: TariffRulesTable) => (r.zone ? 1 : 0);
  for (const r of rules) {
    if (
      !best ||
      r.hs_prefix.length > best.hs_prefix.length ||
      (r.hs_prefix.length === best.hs_prefix.length && zoned(r) > zoned(best)) ||
      (r.hs_prefix.length === best.hs_prefix.length &&
        zoned(r) === zoned(best) &&
        r.valid_from > best.valid_from)
    ) {
      best = r;
    }
  }
  return best;
}

async function toNational(db: Executor, amount: string, currency: string, national: string, date: string) {
  if (currency === national) return { value: new Dec(amount), rate: null };
  const rate = await rateInForce(db, currency, national, date);
  return { value: new Dec(amount).mul(factorOf(rate.rate)), rate };
}

async function dutyAmount(
  db: Executor,
  rule: TariffRulesTable,
  base: TDec,
  input: LineInput,
  national: string,
): Promise<{ amount: TDec; explanation: Explanation }> {
  const pct = rule.ad_valorem ? factorOf(rule.ad_valorem) : null;
  const adValorem = pct ? percentOf(base, pct) : null;
  let specific: TDec | null = null;
  let specificParams: Record<string, string> = {};
  if (rule.specific_amount && rule.specific_unit && rule.specific_currency) {
    if (!input.quantity || input.quantity.unit !== rule.specific_unit) {
      throw new AppError("VALIDATION_FAILED", {}, [
        fieldError("quantity.unit", "unit_mismatch", "tariffs.QUANTITY_UNIT", {
          unit: rule.specific_unit,
          given: input.quantity?.unit ?? "—",
        }),
      ]);
    }
    const perUnit = await toNational(db, rule.specific_amount, rule.specific_currency, national, input.date);
    specific = perUnit.value.mul(input.quantity.value);
    specificParams = {
      specific: `${rule.specific_amount} ${rule.specific_currency}/${rule.specific_unit}`,
      quantity: `${input.quantity.value} ${input.quantity.unit}`,
      specificAmount: specific.toFixed(2),
    };
  }
  const common = {
    prefix: rule.hs_prefix || "*",
    legalRef: rule.legal_ref,
    base: base.toFixed(2),
    currency: national,
    pct: rule.ad_valorem ?? "0",
  };
  switch (rule.combination) {
    case "ad_valorem":
      return {
        amount: adValorem ?? new Dec(0),
        explanation: { key: "tariffs.explain.duty_ad_valorem", params: common },
      };
    case "specific":
      return {
        amount: specific ?? new Dec(0),
        explanation: { key: "tariffs.explain.duty_specific", params: { ...common, ...specificParams } },
      };
    case "greater_of": {
      const a = adValorem ?? new Dec(0);
      const s = specific ?? new Dec(0);
      return {
        amount: Dec.max(a, s),
        explanation: {
          key: a.gte(s) ? "tariffs.explain.duty_greater_ad_valorem" : "tariffs.explain.duty_greater_specific",
          params: { ...common, ...specificParams },
        },
      };
    }
    case "sum":
      return {
        amount: (adValorem ?? new Dec(0)).plus(specific ?? new Dec(0)),
        explanation: { key: "tariffs.explain.duty_sum", params: { ...common, ...specificParams } },
      };
    case "none":
      return { amount: new Dec(0), explanation: { key: "tariffs.explain.duty_none", params: common } };
  }
}

export async function assessLine(db: Executor, input: LineInput): Promise<Assessment> {
  const national = NATIONAL_CURRENCY[input.side];
  const code = input.hsCode.replace(/\D/g, "");
  const warnings: Explanation[] = [];
  const conv = await toNational(db, input.value.amount, input.value.currency, national, input.date);
  const customsValue = roundDec(conv.value, national);
  if (conv.rate?.sample)
    warnings.push({
      key: "tariffs.warn.sample_rate",
      params: { pair: `${conv.rate.base}/${conv.rate.quote}` },
    });

  const prohibition = mostSpecific(
    await candidateRules(db, {
      side: input.side,
      flow: input.flow,
      kind: "prohibition",
      code,
      date: input.date,
      zone: input.zone,
    }),
  );

  // Border residents' mutual trade (China, imports): the first CNY 8,000 per person per day is exempt.
  let taxable = customsValue;
  let preference: Assessment["preference"] = null;
  if (input.preference === "border_resident" && input.side === "CN" && input.flow === "import") {
    const used = new Dec(input.residentUsedTodayCny ?? "0");
    const left = Dec.max(new Dec(0), new Dec(RESIDENT_DAILY_ALLOWANCE_CNY).minus(used));
    const exempt = Dec.min(left, customsValue);
    taxable = customsValue.minus(exempt);
    preference = {
      exempt: exempt.toFixed(2),
      taxable: taxable.toFixed(2),
      explanation: {
        key: "tariffs.explain.resident_allowance",
        params: {
          allowance: RESIDENT_DAILY_ALLOWANCE_CNY,
          used: used.toFixed(2),
          exempt: exempt.toFixed(2),
          taxable: taxable.toFixed(2),
          legalRef: RESIDENT_ALLOWANCE_REF,
        },
      },
    };
  } else if (input.preference === "border_resident") {
    warnings.push({ key: "tariffs.warn.preference_not_applicable", params: {} });
  }

  const amounts: AssessedAmount[] = [];
  const dutyRule = mostSpecific(
    await candidateRules(db, {
      side: input.side,
      flow: input.flow,
      kind: "duty",
      code,
      date: input.date,
      zone: input.zone,
    }),
  );
  let duty = new Dec(0);
  if (dutyRule) {
    const d = await dutyAmount(db, dutyRule, taxable, input, national);
    duty = roundDec(d.amount, national);
    amounts.push({
      kind: "duty",
      amount: duty.toFixed(2),
      base: taxable.toFixed(2),
      rule: ruleView(dutyRule),
      explanation: d.explanation,
    });
    if (dutyRule.source === "sample")
      warnings.push({
        key: "tariffs.warn.sample_rule_duty",
        params: { prefix: dutyRule.hs_prefix || "*" },
      });
  } else {
    warnings.push({
      key: input.flow === "import" ? "tariffs.warn.no_duty_rule" : "tariffs.warn.no_export_duty",
      params: { code },
    });
  }

  let vat: TDec | null = null;
  if (input.flow === "import") {
    const vatRule = mostSpecific(
      await candidateRules(db, {
        side: input.side,
        flow: "import",
        kind: "vat",
        code,
        date: input.date,
        zone: input.zone,
      }),
    );
    if (vatRule?.ad_valorem) {
      const base = taxable.plus(duty);
      vat = roundDec(percentOf(base, vatRule.ad_valorem), national);
      amounts.push({
        kind: "vat",
        amount: vat.toFixed(2),
        base: base.toFixed(2),
        rule: ruleView(vatRule),
        explanation: {
          key: "tariffs.explain.vat",
          params: {
            pct: vatRule.ad_valorem,
            base: base.toFixed(2),
            currency: national,
            legalRef: vatRule.legal_ref,
            prefix: vatRule.hs_prefix || "*",
          },
        },
      });
      if (vatRule.source === "sample")
        warnings.push({
          key: "tariffs.warn.sample_rule_vat",
          params: { prefix: vatRule.hs_prefix || "*" },
        });
    } else {
      warnings.push({ key: "tariffs.warn.no_vat_rule", params: { code } });
    }
  }

  const total = vat ? duty.plus(vat) : duty;
  return {
    side: input.side,
    flow: input.flow,
    hsCode: code,
    date: input.date,
    currency: national,
    customsValue: {
      amount: customsValue.toFixed(2),
      original: input.value,
      rate: conv.rate,
      explanation: conv.rate
        ? {
            key: "tariffs.explain.customs_value",
            params: {
              amount: input.value.amount,
              from: input.value.currency,
              rate: conv.rate.rate,
              publishedOn: conv.rate.publishedOn,
              source: conv.rate.source,
              value: customsValue.toFixed(2),
              currency: national,
            },
          }
        : {
            key: "tariffs.explain.customs_value_national",
            params: { value: customsValue.toFixed(2), currency: national },
          },
    },
    prohibited: prohibition
      ? {
          rule: ruleView(prohibition),
          explanation: {
            key: "tariffs.explain.prohibited",
            params: {
              prefix: prohibition.hs_prefix,
              legalRef: prohibition.legal_ref,
              since: prohibition.valid_from,
            },
          },
        }
      : null,
    preference,
    amounts,
    total: total.toFixed(2),
    warnings,
  };
}

export interface LandedCostInput {
  direction: "CN_TO_RU" | "RU_TO_CN";
  hsCode: string;
  date: string;
  value: { amount: string; currency: string };
  quantity?: { value: string; unit: string } | undefined;
  origin?: string | undefined;
  preference?: "border_resident" | undefined;
  residentUsedTodayCny?: string | undefined;
  zone?: string | undefined;
}

/**
 * What the goods cost at the border: the exporting side's export duty and the importing side's
 * import duty and VAT, then totals in CNY, RUB and USD at the rates in force on the date.
 */
export async function landedCost(db: Executor, input: LandedCostInput) {
  const [exporter, importer] =
    input.direction === "CN_TO_RU" ? (["CN", "RU"] as const) : (["RU", "CN"] as const);
  const common = {
    hsCode: input.hsCode,
    date: input.date,
    value: input.value,
    quantity: input.quantity,
    origin: input.origin ?? exporter,
  };
  // A zone is an area of the Chinese side: its rules apply to the Chinese leg.
  const zoneOf = (side: "CN" | "RU") => (side === "CN" ? input.zone : undefined);
  const exportSide = await assessLine(db, {
    ...common,
    side: exporter,
    flow: "export",
    zone: zoneOf(exporter),
  });
  const importSide = await assessLine(db, {
    ...common,
    side: importer,
    flow: "import",
    preference: input.preference,
    residentUsedTodayCny: input.residentUsedTodayCny,
    zone: zoneOf(importer),
  });
  const sum = (a: Assessment, kind: "duty" | "vat") =>
    a.amounts.filter((x) => x.kind === kind).reduce((s, x) => s.plus(x.amount), new Dec(0));
  const parts = [
    { amount: new Dec(input.value.amount), currency: input.value.currency, role: "goods" as const },
    { amount: sum(exportSide, "duty"), currency: exportSide.currency, role: "duties" as const },
    { amount: sum(importSide, "duty"), currency: importSide.currency, role: "duties" as const },
    { amount: sum(importSide, "vat"), currency: importSide.currency, role: "taxes" as const },
  ];
  const totalsIn = async (target: string) => {
    const acc = { goods: new Dec(0), duties: new Dec(0), taxes: new Dec(0) };
    for (const p of parts) {
      const rate = p.currency === target ? "1" : (await rateInForce(db, p.currency, target, input.date)).rate;
      acc[p.role] = acc[p.role].plus(p.amount.mul(rate));
    }
    const r = (d: TDec) => roundToMinor(d, target);
    return {
      goods: r(acc.goods),
      duties: r(acc.duties),
      taxes: r(acc.taxes),
      total: r(acc.goods.plus(acc.duties).plus(acc.taxes)),
    };
  };
  let usd: Awaited<ReturnType<typeof totalsIn>> | null = null;
  const warnings: Explanation[] = [];
  try {
    usd = await totalsIn("USD");
  } catch (e) {
    if (!(e instanceof AppError && e.code === "FX_RATE_NOT_FOUND")) throw e;
    warnings.push({ key: "tariffs.warn.no_usd_rate", params: { date: input.date } });
  }
  if (exportSide.prohibited)
    warnings.push({ key: "tariffs.warn.prohibited_export", params: { side: exporter } });
  if (importSide.prohibited)
    warnings.push({ key: "tariffs.warn.prohibited_import", params: { side: importer } });
  if (importer === "CN" && !input.preference)
    warnings.push({
      key: "tariffs.warn.resident_preference_hint",
      params: { allowance: RESIDENT_DAILY_ALLOWANCE_CNY },
    });
  // Quotas: goods under a published pool of either side need a licence from it.
  const code = input.hsCode.replace(/\D/g, "");
  for (const [side, flow] of [
    [exporter, "export"],
    [importer, "import"],
  ] as const) {
    for (const p of await poolsInForce(db, side, flow, input.date)) {
      if (!(JSON.parse(p.hs_prefixes) as string[]).some((prefix) => code.startsWith(prefix))) continue;
      warnings.push({
        key: flow === "export" ? "tariffs.warn.licence_export" : "tariffs.warn.licence_import",
        params: {
          side,
          pool: p.name_en ?? p.name_ru ?? p.name_zh ?? p.id,
          pool_zh: p.name_zh ?? "",
          pool_ru: p.name_ru ?? "",
          pool_en: p.name_en ?? "",
          poolId: p.id,
        },
      });
    }
  }
  warnings.push({ key: "tariffs.warn.invoice_value", params: {} });
  return {
    direction: input.direction,
    date: input.date,
    goods: input.value,
    export: exportSide,
    import: importSide,
    totals: { CNY: await totalsIn("CNY"), RUB: await totalsIn("RUB"), USD: usd },
    prohibited: Boolean(exportSide.prohibited || importSide.prohibited),
    warnings,
  };
}

/**
 * A border resident's purchase (imports into China): the value in CNY is added to the person's day
 * first, in the same transaction, so the allowance left is exact even for simultaneous purchases; then
 * the line is assessed with what was used before it.
 */
export const recordResidentPurchase = defineOperation({
  name: "tariffs.residentPurchase",
  async run(
    ctx,
    input: { residentKey: string; hsCode: string; date: string; value: { amount: string; currency: string } },
  ) {
    const line: LineInput = {
      side: "CN",
      flow: "import",
      hsCode: input.hsCode,
      date: input.date,
      value: input.value,
      preference: "border_resident",
    };
    // The value in CNY at the rate in force decides how much of the allowance the purchase uses.
    const probe = await assessLine(ctx.trx, { ...line, residentUsedTodayCny: "0" });
    const fen = toMinor(probe.customsValue.amount, "CNY");
    const before = await addResidentUsage(ctx.trx, input.residentKey, input.date, fen);
    const assessed = await assessLine(ctx.trx, { ...line, residentUsedTodayCny: fromMinor(before, "CNY") });
    await ctx.audit({
      action: "tariffs.resident_purchase",
      targetType: "resident_day",
      targetId: input.date,
      summary: {
        hsCode: assessed.hsCode,
        valueCny: assessed.customsValue.amount,
        usedBefore: fromMinor(before, "CNY"),
        taxable: assessed.preference?.taxable ?? null,
      },
    });
    return assessed;
  },
});
