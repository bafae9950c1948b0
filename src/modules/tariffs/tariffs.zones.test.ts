import { beforeAll, expect, it } from "vitest";
import { login, makeUser, type Session } from "../../../test/factories.ts";
import { describeEachDialect } from "../../../test/harness.ts";
import type { AmurApp } from "../../platform/http/app.ts";
import { createServer } from "../../platform/server.ts";
import { tariffsDemoSeeder } from "./tariffs.seed.ts";

describeEachDialect(
  "free-trade-zone tariff rules",
  ({ deps }) => {
    let app: AmurApp;
    let cnOfficer: Session;
    let ruOfficer: Session;
    const call = async (method: "GET" | "POST", url: string, s: Session | null, payload?: unknown) => {
      const res = await app.inject({
        method,
        url,
        headers: s ? s.write : {},
        ...(payload ? { payload: payload as object } : {}),
      });
      return { status: res.statusCode, body: res.json() };
    };
    const assess = (zone?: string) =>
      call("POST", "/api/v1/tariffs/assess", cnOfficer, {
        side: "CN",
        flow: "import",
        hsCode: "4407960000",
        date: "2026-06-01",
        value: { amount: "10000.00", currency: "CNY" },
        ...(zone ? { zone } : {}),
      });

    beforeAll(async () => {
      app = (await createServer(deps())).app;
      await tariffsDemoSeeder.run(deps(), { demoPassword: "x".repeat(12) });
      cnOfficer = await login(app, (await makeUser(deps(), { role: "customs_officer", side: "CN" })).email);
      ruOfficer = await login(app, (await makeUser(deps(), { role: "customs_officer", side: "RU" })).email);
    });

    it("applies a zone's own rule inside the zone and the side's general rule elsewhere", async () => {
      const general = await assess();
      const inZone = await assess("hlj-suifenhe");
      expect(general.status, JSON.stringify(general.body)).toBe(200);
      const duty = (a: {
        amounts: { kind: string; amount: string; rule: { zone: string | null } | null }[];
      }) => a.amounts.find((x) => x.kind === "duty");
      expect(duty(inZone.body)).toMatchObject({ amount: "0.00", rule: { zone: "hlj-suifenhe" } });
      expect(duty(general.body)?.rule?.zone ?? null).toBeNull();
      expect((await call("GET", "/api/v1/tariffs/zones", null)).body.items).toHaveLength(3);
    });

    it("lets customs officers add rules to their own side's schedule, for a zone too", async () => {
      const rule = {
        side: "CN",
        flow: "import",
        kind: "duty",
        hsPrefix: "440796",
        zone: "hlj-heihe",
        combination: "ad_valorem",
        adValorem: "2",
        specific: null,
        validFrom: "2026-01-01",
        validTo: null,
        legalRef: "Test rule",
        source: "sample",
      };
      expect((await call("POST", "/api/v1/tariffs/rules", ruOfficer, rule)).status).toBe(403);
      const created = await call("POST", "/api/v1/tariffs/rules", cnOfficer, rule);
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect(created.body).toMatchObject({ zone: "hlj-heihe", hsPrefix: "440796", version: 1 });
      const heihe = await assess("hlj-heihe");
      expect(heihe.body.amounts.find((x: { kind: string }) => x.kind === "duty")).toMatchObject({
        amount: "200.00",
      });
    });
  },
  { config: { AMUR_LOGIN_RATE_LIMIT: "10000" } },
);
