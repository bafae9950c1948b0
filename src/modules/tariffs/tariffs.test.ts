import fc from "fast-check";
import { beforeAll, expect, it } from "vitest";
import { login, makeUser } from "../../../test/factories.ts";
import { describeEachDialect } from "../../../test/harness.ts";
import { operationDeps } from "../../platform/deps.ts";
import type { AmurApp } from "../../platform/http/app.ts";
import { Dec } from "../../platform/money.ts";
import { runOperation, SYSTEM_ACTOR } from "../../platform/operations.ts";
import { createServer } from "../../platform/server.ts";
import { importRates } from "./fx/fx.service.ts";
import { tariffsDemoSeeder } from "./tariffs.seed.ts";
import { assessLine } from "./tariffs.service.ts";

describeEachDialect("tariffs and landed cost", ({ deps }) => {
  let app: AmurApp;
  const post = async (url: string, payload: object, lang = "en", headers: Record<string, string> = {}) => {
    const res = await app.inject({
      method: "POST",
      url,
      payload,
      headers: { "accept-language": lang, ...headers },
    });
    return { status: res.statusCode, body: res.json() };
  };

  beforeAll(async () => {
    app = (await createServer(deps())).app;
    await tariffsDemoSeeder.run(deps(), { demoPassword: "x".repeat(12) });
    const rates = [];
    for (const date of ["2025-06-10", "2026-03-10"]) {
      rates.push(
        { date, base: "CNY", quote: "RUB", rate: "11.5" },
        { date, base: "USD", quote: "RUB", rate: "80" },
        { date, base: "EUR", quote: "RUB", rate: "90" },
      );
    }
    await runOperation(
      operationDeps(deps()),
      importRates,
      { source: "cbr", publishedOn: null, rates },
      { actor: SYSTEM_ACTOR },
    );
  });

  it("assesses an import into Russia: value at the rate in force, duty, then VAT on value + duty, VAT 22% from 2026", async () => {
    const { email } = await makeUser(deps());
    const s = await login(app, email);
    const line = {
      side: "RU",
      flow: "import",
      hsCode: "4011.10",
      date: "2026-03-10",
      value: { amount: "10000.00", currency: "CNY" },
    };
    const res = await post("/api/v1/tariffs/assess", line, "ru-RU", s.write);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const a = res.body;
    expect(a.customsValue.amount).toBe("115000.00");
    expect(a.amounts).toEqual([
      expect.objectContaining({ kind: "duty", amount: "11500.00", base: "115000.00" }),
      expect.objectContaining({ kind: "vat", amount: "27830.00", base: "126500.00" }),
    ]);
    expect(a.total).toBe("39330.00");
    expect(a.amounts[1].explanation.text).toMatch(/НДС 22%/);
    // Amounts in the reader's format, and no placeholder for "all codes".
    expect(a.amounts[0].explanation.text).toContain("115\u00a0000,00");
    expect(a.amounts[1].explanation.text).toContain("ставка для всех товаров");
    expect(a.amounts[1].explanation.text).not.toContain("*");
    expect(a.amounts[1].rule.source).toBe("cited");
    expect(a.warnings.map((w: { key: string }) => w.key)).toContain("tariffs.warn.sample_rule_duty");
    const zh = await post("/api/v1/tariffs/assess", line, "zh-CN", s.write);
    expect(zh.body.amounts[1].explanation.text).toContain("（规则适用范围：所有商品；");
    const before = await post("/api/v1/tariffs/assess", { ...line, date: "2025-06-10" }, "en", s.write);
    expect(before.body.amounts[1]).toMatchObject({ amount: "25300.00" });
  });

  it("refuses roundwood of conifers for export from Russia and says why", async () => {
    const a = await assessLine(deps().db.db, {
      side: "RU",
      flow: "export",
      hsCode: "4403210000",
      date: "2026-03-10",
      value: { amount: "1000", currency: "USD" },
    });
    expect(a.prohibited?.rule.legalRef).toMatch(/01.01.2022/);
    expect(a.prohibited?.rule.validFrom).toBe("2022-01-01");
    const birch = await assessLine(deps().db.db, {
      side: "RU",
      flow: "export",
      hsCode: "4403950000",
      date: "2026-03-10",
      value: { amount: "1000", currency: "USD" },
    });
    expect(birch.prohibited).toBeNull();
  });

  it("exempts a border resident's first CNY 8,000 a day and taxes the rest, explained in Chinese", async () => {
    const res = await post(
      "/api/v1/tariffs/landed-cost",
      {
        direction: "RU_TO_CN",
        hsCode: "0808",
        date: "2026-03-10",
        value: { amount: "9000", currency: "CNY" },
        preference: "border_resident",
      },
      "zh-CN",
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const imp = res.body.import;
    expect(imp.preference).toMatchObject({ exempt: "8000.00", taxable: "1000.00" });
    expect(imp.amounts.map((x: { amount: string }) => x.amount)).toEqual(["100.00", "99.00"]);
    expect(imp.preference.explanation.text).toContain("边民互市");
    expect(res.body.totals.CNY).toMatchObject({
      goods: "9000.00",
      taxes: "99.00",
      duties: "100.00",
      total: "9199.00",
    });
    expect(res.body.totals.RUB.total).toBe(new Dec("9199").mul("11.5").toFixed(2));
    expect(res.body.totals.USD).not.toBeNull();
  });

  it("tracks a border resident's day: purchases share the CNY 8,000, also when they arrive together", async () => {
    const resident = await makeUser(deps(), { role: null });
    const s = await login(app, resident.email);
    const buy = (amount: string, lang = "en") =>
      post(
        "/api/v1/tariffs/resident-purchases",
        { hsCode: "0808", date: "2026-03-11", value: { amount, currency: "CNY" } },
        lang,
        s.write,
      );
    const first = await buy("5000");
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.preference).toMatchObject({ exempt: "5000.00", taxable: "0.00" });
    const second = await buy("4000", "zh-CN");
    expect(second.body.preference).toMatchObject({ exempt: "3000.00", taxable: "1000.00" });
    expect(second.body.preference.explanation.text).toContain("当日已用 5,000.00");
    // Three purchases at once by another resident: together they get exactly the CNY 8,000.
    const other = await login(app, (await makeUser(deps(), { role: null })).email);
    const all = await Promise.all(
      ["3000", "3000", "3000"].map((amount) =>
        post(
          "/api/v1/tariffs/resident-purchases",
          { hsCode: "0808", date: "2026-03-11", value: { amount, currency: "CNY" } },
          "en",
          other.write,
        ),
      ),
    );
    const exempt = all.reduce((sum, r) => sum.plus(r.body.preference.exempt), new Dec(0));
    expect(exempt.toFixed(2)).toBe("8000.00");
  });

  it("charges the greater of ad valorem and specific duty, and asks for the quantity in the rule's unit", async () => {
    const base = {
      direction: "CN_TO_RU",
      hsCode: "640399",
      date: "2026-03-10",
      value: { amount: "1000", currency: "CNY" },
    };
    const cheap = await post("/api/v1/tariffs/landed-cost", {
      ...base,
      quantity: { value: "200", unit: "pair" },
    });
    const duty = cheap.body.import.amounts.find((x: { kind: string }) => x.kind === "duty");
    // 10% of 11,500 RUB = 1,150 < 200 pairs × EUR 1 × 90 = 18,000.
    expect(duty.amount).toBe("18000.00");
    expect(duty.explanation.key).toBe("tariffs.explain.duty_greater_specific");
    const wrong = await post(
      "/api/v1/tariffs/landed-cost",
      { ...base, quantity: { value: "20", unit: "kg" } },
      "ru-RU",
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0]).toMatchObject({ path: "quantity.unit" });
    expect(wrong.body.errors[0].message).toContain("pair");
  });

  it("lets an officer of the rule's side change it: a new version, the old one kept and audited", async () => {
    const rules = (await app.inject({ method: "GET", url: "/api/v1/tariffs/rules?side=RU&hs=4011" })).json()
      .items;
    const duty = rules.find(
      (r: { kind: string; hsPrefix: string }) => r.kind === "duty" && r.hsPrefix === "4011",
    );
    const officer = await makeUser(deps(), { role: "customs_officer", side: "RU" });
    const s = await login(app, officer.email);
    const res = await app.inject({
      method: "PUT",
      url: `/api/v1/tariffs/rules/${duty.id}`,
      headers: s.write,
      payload: {
        combination: "ad_valorem",
        adValorem: "12",
        specific: null,
        validFrom: "2024-01-01",
        validTo: null,
        legalRef: "test change",
        source: "sample",
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ version: 2, adValorem: "12" });
    const history = (
      await app.inject({ method: "GET", url: "/api/v1/tariffs/rules?side=RU&hs=4011&history=true" })
    ).json().items;
    expect(
      history
        .filter((r: { ruleKey: string }) => r.ruleKey === duty.ruleKey)
        .map((r: { version: number }) => r.version),
    ).toEqual([1, 2]);
    const a = await assessLine(deps().db.db, {
      side: "RU",
      flow: "import",
      hsCode: "401110",
      date: "2026-03-10",
      value: { amount: "100", currency: "RUB" },
    });
    expect(a.amounts[0]?.amount).toBe("12.00");
  });

  it("is monotone in value, and every printed amount is its exact value rounded half-up", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        async (fen, extra) => {
          const value = (n: number) => new Dec(n).div(100).toFixed(2);
          const a = await assessLine(deps().db.db, {
            side: "RU",
            flow: "import",
            hsCode: "8431",
            date: "2026-03-10",
            value: { amount: value(fen), currency: "CNY" },
          });
          const b = await assessLine(deps().db.db, {
            side: "RU",
            flow: "import",
            hsCode: "8431",
            date: "2026-03-10",
            value: { amount: value(fen + extra), currency: "CNY" },
          });
          expect(new Dec(b.total).gte(a.total)).toBe(true);
          const sum = a.amounts.reduce((s, x) => s.plus(x.amount), new Dec(0));
          expect(sum.toFixed(2)).toBe(a.total);
          const exactDuty = new Dec(a.customsValue.amount).mul(5).div(100);
          expect(new Dec(a.amounts[0]?.amount ?? "0").minus(exactDuty).abs().lte("0.005")).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });
});
