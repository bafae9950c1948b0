import type { TariffRulesTable } from "../../platform/db/schema.ts";
import { operationDeps } from "../../platform/deps.ts";
import { defineOperation, runOperation, SYSTEM_ACTOR } from "../../platform/operations.ts";
import type { DemoSeeder } from "../../platform/seed.ts";
import * as repo from "./tariffs.repository.ts";

type Rule = Omit<
  TariffRulesTable,
  "id" | "version" | "created_at" | "created_by" | "superseded_at" | "rule_key"
>;

const CN_VAT_2019 = "财政部 税务总局 海关总署公告2019年第39号 (VAT 13% / 9% from 2019-04-01)";
const RU_VAT_2019 = "Федеральный закон от 03.08.2018 № 303-ФЗ (НДС 20% с 01.01.2019)";
const RU_VAT_2026 = "НДС 22% с 01.01.2026 (vatupdate.com, 2026-01-13)";
const EAEU_CCT = "Единый таможенный тариф ЕАЭС (Решение Совета ЕЭК № 54 от 16.07.2012)";
const CN_TARIFF = "中华人民共和国进出口税则";

const base = {
  note: null,
  valid_to: null,
  specific_amount: null,
  specific_currency: null,
  specific_unit: null,
} as const;
const adv = (
  r: Partial<Rule> &
    Pick<Rule, "side" | "flow" | "kind" | "hs_prefix" | "valid_from" | "legal_ref" | "source">,
  pct: string,
): Rule => ({
  ...base,
  combination: r.kind === "prohibition" ? "none" : "ad_valorem",
  ad_valorem: pct,
  ...r,
});

/**
 * The tariff rules the demo starts with. VAT rates and the roundwood export ban cite their source
 * (DOMAIN-SOURCES §6); duty rates are illustrative samples (source "sample"), shown as such everywhere.
 */
export const TARIFF_RULES: Rule[] = [
  adv(
    {
      side: "CN",
      flow: "import",
      kind: "vat",
      hs_prefix: "",
      valid_from: "2019-04-01",
      legal_ref: CN_VAT_2019,
      source: "cited",
    },
    "13",
  ),
  ...["07", "08", "10"].map((p) =>
    adv(
      {
        side: "CN",
        flow: "import",
        kind: "vat",
        hs_prefix: p,
        valid_from: "2019-04-01",
        legal_ref: CN_VAT_2019,
        source: "sample",
        note: "Which goods take the 9% rate is simplified here to whole chapters",
      },
      "9",
    ),
  ),
  adv(
    {
      side: "RU",
      flow: "import",
      kind: "vat",
      hs_prefix: "",
      valid_from: "2019-01-01",
      valid_to: "2025-12-31",
      legal_ref: RU_VAT_2019,
      source: "cited",
    },
    "20",
  ),
  adv(
    {
      side: "RU",
      flow: "import",
      kind: "vat",
      hs_prefix: "",
      valid_from: "2026-01-01",
      legal_ref: RU_VAT_2026,
      source: "cited",
    },
    "22",
  ),
  ...["02", "03", "04", "07", "10"].map((p) =>
    adv(
      {
        side: "RU",
        flow: "import",
        kind: "vat",
        hs_prefix: p,
        valid_from: "2019-01-01",
        legal_ref: "НК РФ ст. 164 п. 2 (10%) — list simplified to whole chapters",
        source: "sample",
        note: "Reduced 10% rate; the statutory list is narrower than whole chapters",
      },
      "10",
    ),
  ),
  ...(
    [
      ["0303", "10"],
      ["0306", "7"],
      ["2701", "3"],
      ["44", "0"],
      ["74", "2"],
      ["84", "5"],
      ["85", "8"],
      ["87", "15"],
      ["0808", "10"],
    ] as const
  ).map(([p, pct]) =>
    adv(
      {
        side: "CN",
        flow: "import",
        kind: "duty",
        hs_prefix: p,
        valid_from: "2024-01-01",
        legal_ref: CN_TARIFF,
        source: "sample",
      },
      pct,
    ),
  ),
  {
    ...base,
    side: "CN",
    flow: "export",
    kind: "duty",
    hs_prefix: "",
    combination: "none",
    ad_valorem: null,
    valid_from: "2019-01-01",
    legal_ref: CN_TARIFF,
    source: "sample",
    note: "China levies export duties on a short list of goods only; none is modelled here",
  },
  ...(
    [
      ["0702", "15"],
      ["0808", "10"],
      ["4011", "10"],
      ["84", "5"],
      ["85", "7.5"],
      ["87", "15"],
      ["61", "10"],
      ["62", "10"],
    ] as const
  ).map(([p, pct]) =>
    adv(
      {
        side: "RU",
        flow: "import",
        kind: "duty",
        hs_prefix: p,
        valid_from: "2024-01-01",
        legal_ref: EAEU_CCT,
        source: "sample",
      },
      pct,
    ),
  ),
  {
    ...base,
    side: "RU",
    flow: "import",
    kind: "duty",
    hs_prefix: "64",
    combination: "greater_of",
    ad_valorem: "10",
    specific_amount: "1",
    specific_currency: "EUR",
    specific_unit: "pair",
    valid_from: "2024-01-01",
    legal_ref: EAEU_CCT,
    source: "sample",
  },
  {
    ...base,
    side: "RU",
    flow: "export",
    kind: "duty",
    hs_prefix: "4403",
    combination: "greater_of",
    ad_valorem: "10",
    specific_amount: "13",
    specific_currency: "EUR",
    specific_unit: "m3",
    valid_from: "2021-01-01",
    valid_to: "2021-12-31",
    legal_ref:
      "Вывозная пошлина на лесоматериалы в 2021 г.: 10%, но не менее 13 евро за м³ (madeinrussia.ru/en/news/4725)",
    source: "cited",
  },
  ...["440311", "440321", "440322", "440323", "440324", "440325", "440326"].map((p) =>
    adv(
      {
        side: "RU",
        flow: "export",
        kind: "prohibition",
        hs_prefix: p,
        valid_from: "2022-01-01",
        legal_ref:
          "Запрет вывоза необработанных лесоматериалов хвойных пород с 01.01.2022 (постановление № 396)",
        source: "cited",
        note: "Valuable hardwoods are also covered by the ban; their codes are not modelled here",
      },
      "0",
    ),
  ),
  // Free-trade-zone areas: illustrative rules only, to show how a zone's own rule takes precedence.
  ...(["hlj-harbin", "hlj-heihe", "hlj-suifenhe"] as const).map((zone) =>
    adv(
      {
        side: "CN",
        flow: "import",
        kind: "duty",
        hs_prefix: "4407",
        zone,
        valid_from: "2020-01-01",
        legal_ref: "Sample rule for a Heilongjiang pilot FTZ area (illustration, not an official measure)",
        source: "sample",
        note: "Imported sawn wood for processing inside the area: no duty (sample)",
      },
      "0",
    ),
  ),
];

const seedRules = defineOperation({
  name: "tariffs.seedRules",
  async run(ctx, input: { rules: Rule[] }) {
    for (const [i, r] of input.rules.entries()) {
      await repo.insertRule(ctx.trx, {
        ...r,
        ad_valorem: r.kind === "prohibition" ? null : r.ad_valorem,
        id: crypto.randomUUID(),
        rule_key: `base-${r.side}-${r.flow}-${r.kind}-${r.hs_prefix || "all"}-${r.valid_from}-${i}`,
        version: 1,
        created_at: ctx.now,
        created_by: null,
        superseded_at: null,
      });
    }
    await ctx.audit({
      action: "tariffs.rules_seeded",
      targetType: "tariff_rules",
      targetId: null,
      summary: { count: input.rules.length },
    });
    return input.rules.length;
  },
});

export const tariffsDemoSeeder: DemoSeeder = {
  name: "tariffs",
  async run(deps) {
    if (Number((await repo.countRules(deps.db.db)).n) > 0) return { created: 0 };
    const created = await runOperation(
      operationDeps(deps),
      seedRules,
      { rules: TARIFF_RULES },
      { actor: SYSTEM_ACTOR },
    );
    return { created };
  },
};
