import { beforeAll, expect, it } from "vitest";
import { login, makeUser, type Session } from "../../../test/factories.ts";
import { describeEachDialect } from "../../../test/harness.ts";
import type { AmurApp } from "../../platform/http/app.ts";
import { createServer } from "../../platform/server.ts";
import {
  ensureDeclarationReference,
  ensureEnterprise,
  sampleDeclarationInput,
} from "../declarations/declarations.fixtures.ts";
import { fxDemoSeeder } from "../tariffs/fx/fx.seed.ts";

describeEachDialect(
  "quotas and licences",
  ({ deps }) => {
    let app: AmurApp;
    let officer: Session;
    let cnOfficer: Session;
    let customs: Session;
    let coal: Session;
    let border: Session;
    let other: Session;
    let coalId: string;
    let borderId: string;

    const call = async (
      method: "GET" | "POST" | "PUT",
      url: string,
      s: Session | null,
      payload?: unknown,
      lang = "en",
    ) => {
      const res = await app.inject({
        method,
        url,
        headers: { ...(s ? s.write : {}), "accept-language": lang },
        ...(payload !== undefined ? { payload: payload as object } : {}),
      });
      return {
        status: res.statusCode,
        body: res.headers["content-type"]?.includes("json") ? res.json() : res.body,
      };
    };

    const coalLine = (quantity: string, licenceNumber?: string, unit: "t" | "kg" = "t") => ({
      code: "2701121000",
      description: "Каменный уголь",
      origin: "RU",
      quantity: { value: quantity, unit },
      netKg: String(Number(quantity) * 1000 || 1),
      grossKg: String(Number(quantity) * 1000 || 1),
      value: "7000.00",
      ...(licenceNumber ? { licenceNumber } : {}),
    });
    const coalDeclaration = (lines: ReturnType<typeof coalLine>[]) =>
      sampleDeclarationInput("RU", "export", {
        portId: "manzhouli-zabaykalsk",
        transportMode: "rail",
        documents: [
          { kind: "invoice", number: "I" },
          { kind: "smgs", number: "S" },
        ],
        lines,
      });

    /** reserved + consumed + remaining = amount, and the columns agree with the movements. */
    const checkInvariant = async (number: string) => {
      const l = await deps()
        .db.db.selectFrom("licences")
        .selectAll()
        .where("number", "=", number)
        .executeTakeFirstOrThrow();
      const moves = await deps()
        .db.db.selectFrom("licence_movements")
        .selectAll()
        .where("licence_id", "=", l.id)
        .execute();
      const sum = (k: string) =>
        moves.filter((m) => m.kind === k).reduce((s, m) => s + Number(m.amount_milli), 0);
      const reserved = sum("reserve") - sum("consume") - sum("return");
      expect(Number(l.reserved_milli)).toBe(reserved);
      expect(Number(l.consumed_milli)).toBe(sum("consume"));
      const remaining = Number(l.amount_milli) - Number(l.reserved_milli) - Number(l.consumed_milli);
      expect(remaining).toBeGreaterThanOrEqual(0);
      return { reserved: Number(l.reserved_milli), consumed: Number(l.consumed_milli), remaining };
    };

    beforeAll(async () => {
      app = (await createServer(deps())).app;
      await ensureDeclarationReference(deps());
      await fxDemoSeeder.run(deps(), { demoPassword: "x".repeat(12) });
      const q = await makeUser(deps(), { role: "quota_officer", side: "RU" });
      const qcn = await makeUser(deps(), { role: "quota_officer", side: "CN" });
      const c = await makeUser(deps(), { role: "customs_officer", side: "RU" });
      const e1 = await makeUser(deps(), { role: "enterprise_member", side: "RU" });
      const e2 = await makeUser(deps(), { role: "enterprise_member", side: "RU" });
      const e3 = await makeUser(deps(), { role: "enterprise_member", side: "RU" });
      coalId = e1.organizationId as string;
      borderId = e2.organizationId as string;
      await ensureEnterprise(deps().db.db, coalId, "RU");
      await ensureEnterprise(deps().db.db, borderId, "RU");
      await ensureEnterprise(deps().db.db, e3.organizationId as string, "RU");
      await deps()
        .db.db.updateTable("enterprises")
        .set({ is_border_trade: 1 })
        .where("id", "=", borderId)
        .execute();
      await deps()
        .db.db.insertInto("risk_settings")
        .values({
          side: "RU",
          version: 1,
          data: JSON.stringify({
            randomRates: { red: "0", yellow: "0" },
            scoreThresholds: { yellow: 30, red: 60 },
            greenCorridor: [],
          }),
          updated_at: new Date().toISOString(),
          updated_by: null,
          superseded_at: null,
        })
        .execute();
      officer = await login(app, q.email);
      cnOfficer = await login(app, qcn.email);
      customs = await login(app, c.email);
      coal = await login(app, e1.email);
      border = await login(app, e2.email);
      other = await login(app, e3.email);
    });

    let poolId: string;
    let licenceNumber: string;
    let borderLicence: string;

    it("lets quota officers of the side create, publish and allocate a pool, the border-trade share only to border-trade enterprises", async () => {
      const body = {
        side: "RU",
        direction: "export",
        names: { ru: "Экспорт угля (образец)", en: "Coal exports (sample)" },
        hsPrefixes: ["2701"],
        periodFrom: "2026-01-01",
        periodTo: "2026-12-31",
        unit: "t",
        total: "1000",
        borderShare: "30",
        allocationRule: "pro_rata",
      };
      const wrongSide = await call("POST", "/api/v1/quotas/pools", cnOfficer, body);
      expect(wrongSide.status).toBe(403);
      const created = await call("POST", "/api/v1/quotas/pools", officer, body);
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      poolId = created.body.id;
      expect(created.body).toMatchObject({ status: "draft", borderReserved: "300", total: "1000" });
      // A draft is invisible to the public.
      expect((await call("GET", `/api/v1/quotas/pools/${poolId}`, null)).status).toBe(404);
      expect((await call("POST", `/api/v1/quotas/pools/${poolId}/publish`, officer)).body.status).toBe(
        "published",
      );
      expect((await call("POST", `/api/v1/quotas/pools/${poolId}/publish`, officer)).status).toBe(409);

      const a1 = await call("POST", `/api/v1/quotas/pools/${poolId}/applications`, coal, { amount: "900" });
      const a2 = await call("POST", `/api/v1/quotas/pools/${poolId}/applications`, border, { amount: "500" });
      expect(a1.status, JSON.stringify(a1.body)).toBe(201);
      expect(a2.body.borderTrade).toBe(true);
      // An applicant's list says which pool each application is for, in the pool's own names.
      const mine = await call("GET", "/api/v1/quotas/applications", coal);
      expect(mine.body.items[0].pool).toEqual({
        names: { zh: null, ru: "Экспорт угля (образец)", en: "Coal exports (sample)" },
        unit: "t",
      });
      const tooMuch = await call(
        "POST",
        `/api/v1/quotas/pools/${poolId}/applications`,
        other,
        { amount: "5000" },
        "ru-RU",
      );
      expect(tooMuch.status).toBe(400);
      expect(tooMuch.body.errors[0].message).toContain("больше всей квоты");

      const allocated = await call("POST", `/api/v1/quotas/pools/${poolId}/allocate`, officer, {});
      expect(allocated.status, JSON.stringify(allocated.body)).toBe(200);
      // R = 300 to the border-trade applicant; residual 900 + 200 = 1100 over G = 700.
      const amounts = Object.fromEntries(
        allocated.body.licences.map((l: { holder: { id: string }; amount: string }) => [
          l.holder.id,
          l.amount,
        ]),
      );
      expect(amounts[borderId]).toBe(String(300 + Math.floor((700 * 200 * 1000) / 1100) / 1000));
      expect(amounts[coalId]).toBe(String(Math.floor((700 * 900 * 1000) / 1100) / 1000));
      licenceNumber = allocated.body.licences.find(
        (l: { holder: { id: string } }) => l.holder.id === coalId,
      ).number;
      borderLicence = allocated.body.licences.find(
        (l: { holder: { id: string } }) => l.holder.id === borderId,
      ).number;
      const pool = await call("GET", `/api/v1/quotas/pools/${poolId}`, null);
      expect(pool.body.figures.licences).toBe(2);
      expect(Number(pool.body.figures.allocatedToBorderTrade)).toBeGreaterThanOrEqual(300);
      const history = await deps()
        .db.db.selectFrom("audit_log")
        .select("action")
        .where("target_id", "=", poolId)
        .execute();
      expect(history.map((h) => h.action)).toEqual([
        "quotas.pool_created",
        "quotas.pool_publish",
        "quotas.allocated",
      ]);
    });

    it("verifies a licence publicly, hiding the amounts from strangers", async () => {
      const anon = await call("GET", `/api/v1/licences/${licenceNumber}/verify`, null, undefined, "zh-CN");
      expect(anon.body).toMatchObject({ valid: true, status: "active", amount: null, remaining: null });
      expect(anon.body.holder.en).toBeTruthy();
      expect(anon.body.text).toContain("有效");
      const holder = await call("GET", `/api/v1/licences/${licenceNumber}/verify`, coal);
      expect(holder.body.amount).not.toBeNull();
      const competitor = await call("GET", `/api/v1/licences/${licenceNumber}/verify`, other);
      expect(competitor.body.amount).toBeNull();
      const unknown = await call("GET", "/api/v1/licences/RU-L2026-NOPE/verify", null, undefined, "ru-RU");
      expect(unknown.body).toMatchObject({ valid: false, status: "unknown" });
      expect(unknown.body.text).toContain("не выдавалась");
      expect((await call("GET", `/api/v1/licences/${licenceNumber}`, other)).status).toBe(404);
      expect((await call("GET", `/api/v1/licences/${licenceNumber}`, coal)).body.number).toBe(licenceNumber);
    });

    it("requires the licence on lines under the pool, in the licence's unit, and draws it down exactly once per step", async () => {
      const without = await call(
        "POST",
        "/api/v1/declarations",
        coal,
        coalDeclaration([coalLine("10")]),
        "ru-RU",
      );
      expect(without.status).toBe(400);
      expect(without.body.errors[0]).toMatchObject({
        path: "lines.0.licenceNumber",
        code: "licence_required",
      });
      expect(without.body.errors[0].message).toContain("укажите номер вашей лицензии");
      const wrongUnit = await call(
        "POST",
        "/api/v1/declarations",
        coal,
        coalDeclaration([coalLine("10000", licenceNumber, "kg")]),
      );
      expect(wrongUnit.body.errors[0]).toMatchObject({ path: "lines.0.quantity.unit", code: "licence_unit" });
      const notMine = await call(
        "POST",
        "/api/v1/declarations",
        coal,
        coalDeclaration([coalLine("1", borderLicence)]),
      );
      expect(notMine.body.errors[0].code).toBe("licence_not_holder");

      const before = await checkInvariant(licenceNumber);
      const ok = await call(
        "POST",
        "/api/v1/declarations",
        coal,
        coalDeclaration([coalLine("12.5", licenceNumber), coalLine("7.5", licenceNumber)]),
      );
      expect(ok.status, JSON.stringify(ok.body)).toBe(201);
      const afterReserve = await checkInvariant(licenceNumber);
      expect(afterReserve.reserved - before.reserved).toBe(20_000);

      // The officer releases it (documents checked when the lane asks): consumed.
      const d = ok.body;
      if (d.status === "document_check")
        await call("POST", `/api/v1/customs/declarations/${d.id}/document-check`, customs, { outcome: "ok" });
      if (d.status === "inspection")
        await call("POST", `/api/v1/customs/declarations/${d.id}/inspection`, customs, {
          result: "compliant",
        });
      const released = await call("POST", `/api/v1/customs/declarations/${d.id}/release`, customs, {});
      expect(released.body.status).toBe("released");
      const afterRelease = await checkInvariant(licenceNumber);
      expect(afterRelease.consumed - before.consumed).toBe(20_000);
      expect(afterRelease.reserved).toBe(before.reserved);

      // A rejected declaration gives its reservation back.
      const second = await call(
        "POST",
        "/api/v1/declarations",
        coal,
        coalDeclaration([coalLine("5", licenceNumber)]),
      );
      expect((await checkInvariant(licenceNumber)).reserved).toBe(before.reserved + 5_000);
      const rejected = await call("POST", `/api/v1/customs/declarations/${second.body.id}/reject`, customs, {
        reason: "Wrong consignee",
      });
      expect(rejected.body.status).toBe("rejected");
      const afterReturn = await checkInvariant(licenceNumber);
      expect(afterReturn.reserved).toBe(before.reserved);
      expect(afterReturn.consumed).toBe(afterRelease.consumed);

      const page = await call("GET", `/api/v1/licences/${licenceNumber}`, coal);
      expect(page.body.movements.map((m: { kind: string }) => m.kind)).toEqual([
        "reserve",
        "reserve",
        "consume",
        "consume",
        "reserve",
        "return",
      ]);
      expect(page.body.movements[0].declarationNumber).toBe(d.number);
    });

    it("lets exactly as many concurrent submissions through as the licence has left", async () => {
      const { number } = await (async () => {
        // A fresh licence with exactly 10 t.
        const { fixtureLicence } = await import("./quotas.fixtures.ts");
        return fixtureLicence(deps(), "RU", coalId, "10", { hsPrefixes: ["2702"] });
      })();
      const line = { ...coalLine("1", number), code: "2702100000", description: "Лигнит" };
      const results = await Promise.all(
        Array.from({ length: 64 }, () => call("POST", "/api/v1/declarations", coal, coalDeclaration([line]))),
      );
      const codes = results.map((r) => (r.status === 201 ? "ok" : r.body.code));
      expect(codes.filter((c) => c === "ok")).toHaveLength(10);
      expect(codes.filter((c) => c === "LICENCE_EXHAUSTED")).toHaveLength(54);
      const state = await checkInvariant(number);
      expect(state).toEqual({ reserved: 10_000, consumed: 0, remaining: 0 });
      // The drawdown API answers retries without moving anything twice.
      const r1 = await call("POST", `/api/v1/licences/${number}/return`, customs, { reference: "nope" });
      expect(r1.status).toBe(404);
    });

    it("publishes allocations, utilization and a CSV once the officer says so", async () => {
      expect((await call("GET", `/api/v1/quotas/pools/${poolId}/allocations`, null)).body.items).toEqual([]);
      await call("POST", `/api/v1/quotas/pools/${poolId}/publish-allocations`, officer);
      const list = await call("GET", `/api/v1/quotas/pools/${poolId}/allocations`, null);
      expect(list.body.items).toHaveLength(2);
      const csv = await call("GET", `/api/v1/quotas/pools/${poolId}/allocations.csv`, null);
      expect(csv.body).toContain(licenceNumber);
      expect(csv.body.split("\r\n")[0]).toContain("licence,holder_zh,holder_ru");
      const u = await call("GET", `/api/v1/quotas/pools/${poolId}/utilization`, null);
      expect(u.body.unit).toBe("t");
      expect(u.body.byMonth.at(-1)).toMatchObject({ consumed: "20" });
      expect(
        u.body.byEnterprise.find((e: { enterprise: { id: string } }) => e.enterprise.id === coalId).consumed,
      ).toBe("20");
    });

    it("warns in the landed-cost calculator that the goods need a licence", async () => {
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/tariffs/landed-cost",
        headers: { "accept-language": "ru-RU" },
        payload: {
          direction: "RU_TO_CN",
          hsCode: "2701121000",
          date: "2026-06-01",
          value: { amount: "100000", currency: "RUB" },
        },
      });
      expect(res.statusCode, res.body).toBe(200);
      const texts = res.json().warnings.map((w: { key: string; text: string }) => [w.key, w.text]);
      expect(texts).toContainEqual([
        "tariffs.warn.licence_export",
        expect.stringContaining("Экспорт угля (образец)"),
      ]);
    });

    it("gives customs systems an idempotent drawdown API", async () => {
      const { fixtureLicence } = await import("./quotas.fixtures.ts");
      const { number } = await fixtureLicence(deps(), "RU", coalId, "3");
      const reserve = () =>
        call("POST", `/api/v1/licences/${number}/reserve`, customs, { reference: "ext-1", amount: "2" });
      expect((await reserve()).body).toMatchObject({ applied: true, reserved: "2", remaining: "1" });
      expect((await reserve()).body).toMatchObject({ applied: false, reserved: "2", remaining: "1" });
      const short = await call("POST", `/api/v1/licences/${number}/reserve`, customs, {
        reference: "ext-2",
        amount: "2",
      });
      expect(short.status).toBe(409);
      expect(short.body.code).toBe("LICENCE_EXHAUSTED");
      const consume = await call("POST", `/api/v1/licences/${number}/consume`, customs, {
        reference: "ext-1",
      });
      expect(consume.body).toMatchObject({ applied: true, reserved: "0", consumed: "2", remaining: "1" });
      expect(
        (await call("POST", `/api/v1/licences/${number}/return`, customs, { reference: "ext-1" })).body
          .applied,
      ).toBe(false);
      await checkInvariant(number);
    });
  },
  { config: { AMUR_LOGIN_RATE_LIMIT: "10000" } },
);
