import { beforeAll, expect, it } from "vitest";
import { login, makeUser, type Session } from "../../../test/factories.ts";
import { describeEachDialect } from "../../../test/harness.ts";
import type { AmurApp } from "../../platform/http/app.ts";
import { createServer } from "../../platform/server.ts";
import { fxDemoSeeder } from "../tariffs/fx/fx.seed.ts";
import { tariffsDemoSeeder } from "../tariffs/tariffs.seed.ts";
import {
  ensureDeclarationReference,
  ensureEnterprise,
  sampleDeclarationInput,
} from "./declarations.fixtures.ts";
import { prepareDeclaration } from "./declarations.service.ts";

describeEachDialect(
  "declarations",
  ({ deps }) => {
    let app: AmurApp;
    let cnTrader: Session;
    let cnTrader2: Session;
    let ruTrader: Session;
    let cnOfficer: Session;
    let ruOfficer: Session;
    let cnEnterpriseId: string;
    let ruEnterpriseId: string;

    const call = async (
      method: "GET" | "POST" | "PUT",
      url: string,
      s: Session | null,
      payload?: unknown,
      extra: Record<string, string> = {},
    ) => {
      const res = await app.inject({
        method,
        url,
        headers: { ...(s ? s.write : {}), ...extra },
        ...(payload !== undefined ? { payload: payload as object } : {}),
      });
      return { status: res.statusCode, body: res.json() };
    };

    const noRandom = async (side: "CN" | "RU", greenCorridor: unknown[] = []) => {
      const officer = side === "CN" ? cnOfficer : ruOfficer;
      const r = await call("PUT", `/api/v1/customs/risk-settings/${side}`, officer, {
        randomRates: { red: "0", yellow: "0" },
        scoreThresholds: { yellow: 30, red: 60 },
        greenCorridor,
      });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    };

    beforeAll(async () => {
      app = (await createServer(deps())).app;
      await ensureDeclarationReference(deps());
      await tariffsDemoSeeder.run(deps(), { demoPassword: "x".repeat(12) });
      await fxDemoSeeder.run(deps(), { demoPassword: "x".repeat(12) });
      const cn = await makeUser(deps(), { role: "enterprise_member", side: "CN" });
      const cn2 = await makeUser(deps(), { role: "enterprise_member", side: "CN" });
      const ru = await makeUser(deps(), { role: "enterprise_member", side: "RU" });
      cnEnterpriseId = cn.organizationId as string;
      ruEnterpriseId = ru.organizationId as string;
      await ensureEnterprise(deps().db.db, cnEnterpriseId, "CN", { aeo: "advanced" });
      await ensureEnterprise(deps().db.db, cn2.organizationId as string, "CN");
      await ensureEnterprise(deps().db.db, ruEnterpriseId, "RU", { aeo: "general" });
      const cnOff = await makeUser(deps(), { role: "customs_officer", side: "CN" });
      const ruOff = await makeUser(deps(), { role: "customs_officer", side: "RU" });
      cnTrader = await login(app, cn.email);
      cnTrader2 = await login(app, cn2.email);
      ruTrader = await login(app, ru.email);
      cnOfficer = await login(app, cnOff.email);
      ruOfficer = await login(app, ruOff.email);
      await noRandom("CN");
      await noRandom("RU");
    });

    it("files an export declaration, assesses it, routes it by lane, and the officer releases it; the declarant reads the timeline in Russian", async () => {
      const created = await call(
        "POST",
        "/api/v1/declarations",
        cnTrader,
        sampleDeclarationInput("CN", "export", {}, 5),
      );
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const d = created.body;
      expect(d.number).toMatch(/^CN-\d{6}-[0-9A-Z]{10}$/);
      expect(d).toMatchObject({ side: "CN", flow: "export", lane: "green", status: "assessed" });
      expect(d.lines).toHaveLength(5);
      expect(d.totals).toMatchObject({
        value: "480000",
        netKg: "100000",
        grossKg: "107500",
        nationalCurrency: "CNY",
      });
      expect(d.assessment).toHaveLength(5);
      expect(d.risk).toBeNull();
      // The answer is built from what was written, without reading it back: it must be what a read gives.
      const readBack = await call("GET", `/api/v1/declarations/${d.id}`, cnTrader);
      expect(readBack.body).toEqual(d);
      expect(d.timeline.map((e: { action: string }) => e.action)).toEqual([
        "submitted",
        "lane_assigned",
        "routed_assessed",
      ]);

      const seen = await call("GET", `/api/v1/customs/declarations/${d.id}`, cnOfficer);
      expect(seen.status).toBe(200);
      expect(seen.body.risk).toMatchObject({ lane: "green", score: 0, fired: [] });
      expect(seen.body.risk.random.selected).toBe(false);

      const released = await call("POST", `/api/v1/customs/declarations/${d.id}/release`, cnOfficer, {});
      expect(released.status, JSON.stringify(released.body)).toBe(200);
      expect(released.body.status).toBe("released");
      const again = await call(
        "POST",
        `/api/v1/customs/declarations/${d.id}/release`,
        cnOfficer,
        {},
        { "accept-language": "ru-RU" },
      );
      expect(again.status).toBe(409);
      expect(again.body.code).toBe("DECLARATION_STATE");
      expect(again.body.detail).toContain("выпуск разрешён");

      const mine = await call("GET", `/api/v1/declarations/${d.id}`, cnTrader, undefined, {
        "accept-language": "ru-RU",
      });
      expect(mine.body.status).toBe("released");
      expect(mine.body.timeline.at(-1).text).toBe("Выпуск разрешён");
      expect(mine.body.timeline[1].text).toBe("Назначен коридор: зелёный");
      // The declarant submitted; the lane and the routing are the risk engine's, not the trader's.
      const actors = mine.body.timeline.map((e: { actor: string | null }) => e.actor);
      expect(actors[0]).toEqual(expect.any(String));
      expect(actors[0]).not.toContain("автоматически");
      expect(actors.slice(1, 3)).toEqual([
        "Система управления рисками (автоматически)",
        "Система управления рисками (автоматически)",
      ]);
      expect(actors[3]).not.toBe(actors[0]);

      // Clearance counts feed the trust profile; the release is audited and emitted.
      const stats = await deps()
        .db.db.selectFrom("enterprise_clearance_stats")
        .selectAll()
        .where("enterprise_id", "=", cnEnterpriseId)
        .executeTakeFirst();
      expect(Number(stats?.released)).toBeGreaterThanOrEqual(1);
      const events = await deps()
        .db.db.selectFrom("outbox")
        .select("type")
        .where("aggregate_id", "=", d.id)
        .execute();
      expect(events.map((e) => e.type).sort()).toEqual([
        "declaration.lane_assigned",
        "declaration.released",
        "declaration.submitted",
      ]);
      const audit = await deps()
        .db.db.selectFrom("audit_log")
        .select("action")
        .where("target_id", "=", d.id)
        .execute();
      expect(audit.map((a) => a.action)).toEqual(["declaration.submitted", "declaration.release"]);
    });

    it("refuses a submission with per-field errors in the reader's language", async () => {
      const body = sampleDeclarationInput("CN", "export", {
        counterparty: { name: "Same side Co.", country: "CN" },
        documents: [{ kind: "invoice", number: "1" }],
        tradeMode: "40",
        portId: "no-such-port",
      });
      body.lines = [
        { ...body.lines[0]!, code: "0808990000" },
        { ...body.lines[0]!, origin: "XX", grossKg: "10" },
      ];
      const r = await call("POST", "/api/v1/declarations", cnTrader, body, { "accept-language": "zh-CN" });
      expect(r.status).toBe(400);
      const byPath = Object.fromEntries(
        r.body.errors.map((e: { path: string; message: string }) => [e.path, e.message]),
      );
      expect(Object.keys(byPath).sort()).toEqual([
        "counterparty.country",
        "documents",
        "lines.0.code",
        "lines.1.grossKg",
        "lines.1.origin",
        "portId",
        "tradeMode",
      ]);
      expect(byPath.documents).toContain("CMR 国际公路货运单");
      expect(byPath["lines.0.code"]).toContain("080899");
      expect(byPath["counterparty.country"]).toContain("边境另一侧");
      const count = await deps()
        .db.db.selectFrom("declarations")
        .select("id")
        .where("port_id", "=", "no-such-port")
        .execute();
      expect(count).toHaveLength(0);
    });

    it("refuses prohibited goods: Russia's export ban on coniferous roundwood", async () => {
      const body = sampleDeclarationInput("RU", "export", {
        counterparty: { name: "示例", country: "CN" },
      });
      body.lines = [
        {
          ...body.lines[0]!,
          code: "4403211200",
          description: "Pine logs",
          quantity: { value: "30", unit: "m3" },
        },
      ];
      const r = await call("POST", "/api/v1/declarations", ruTrader, body, { "accept-language": "ru-RU" });
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      const err = r.body.errors.find((e: { path: string }) => e.path === "lines.0.code");
      expect(err.code).toBe("prohibited");
      expect(err.message).toContain("Запрет вывоза");
    });

    it("refuses a line needing a licence through the quotas hook", async () => {
      const p = await prepareDeclaration(deps().db.db, sampleDeclarationInput("CN", "export"), {
        declarantId: cnEnterpriseId,
        userId: null,
        now: new Date().toISOString(),
        submit: true,
        licenceChecks: [
          {
            name: "test",
            async check(_db, input) {
              return input.lines
                .filter((l) => l.code.startsWith("0808") && !l.licenceNumber)
                .map((l) => ({
                  path: `lines.${l.index}.licenceNumber`,
                  code: "licence_required",
                  message: "licence",
                }));
            },
          },
        ],
      });
      expect(p.errors.map((e) => e.path)).toEqual(["lines.0.licenceNumber"]);
    });

    it("is idempotent: the same key and body return the first declaration; the same key with another body is 409", async () => {
      const body = sampleDeclarationInput("CN", "export");
      const key = { "idempotency-key": `k-${Date.now()}` };
      const a = await call("POST", "/api/v1/declarations", cnTrader, body, key);
      const b = await call("POST", "/api/v1/declarations", cnTrader, body, key);
      expect(a.status).toBe(201);
      expect(b.status).toBe(201);
      expect(b.body.id).toBe(a.body.id);
      const c = await call("POST", "/api/v1/declarations", cnTrader, { ...body, incoterms: "DAP" }, key);
      expect(c.status).toBe(409);
      expect(c.body.code).toBe("IDEMPOTENCY_KEY_REUSED");
    });

    it("routes by risk rules and explains why; officers manage rules with versions; the other side cannot", async () => {
      const rule = await call("POST", "/api/v1/customs/risk-rules", cnOfficer, {
        side: "CN",
        name: "Apples under-valued",
        conditions: { hsPrefix: "0808", valuePerKg: { min: "5" } },
        lane: "yellow",
        score: 40,
      });
      expect(rule.status, JSON.stringify(rule.body)).toBe(201);
      const withOrigins = await call("POST", "/api/v1/customs/risk-rules", cnOfficer, {
        side: "CN",
        name: "Origins listed",
        conditions: { origins: ["kz", "MN"] },
        score: 1,
        active: false,
      });
      expect(withOrigins.status, JSON.stringify(withOrigins.body)).toBe(201);
      expect(withOrigins.body.conditions.origins).toEqual(["KZ", "MN"]);
      expect((await call("GET", "/api/v1/customs/risk-rules", cnOfficer)).status).toBe(200);
      const other = await call("POST", "/api/v1/customs/risk-rules", ruOfficer, {
        side: "CN",
        name: "Not mine",
        conditions: {},
        lane: "red",
      });
      expect(other.status).toBe(403);
      // No USD rate on the date: the band cannot be checked, so only declaration-level parts could fire.
      const plain = await call(
        "POST",
        "/api/v1/declarations",
        cnTrader,
        sampleDeclarationInput("CN", "export", { currency: "USD" }),
      );
      expect(plain.status, JSON.stringify(plain.body)).toBe(201);
      const officerView = await call(
        "GET",
        `/api/v1/customs/declarations/${plain.body.id}`,
        cnOfficer,
        undefined,
        {
          "accept-language": "zh-CN",
        },
      );
      // 96000 USD / 20000 kg = 4.8 USD/kg < 5: yellow by the rule, score 40 ≥ 30 → yellow.
      expect(officerView.body.lane).toBe("yellow");
      expect(officerView.body.status).toBe("document_check");
      expect(officerView.body.risk.fired).toHaveLength(1);
      expect(officerView.body.risk.fired[0].text).toContain("4.8");
      expect(officerView.body.risk.summary).toContain("黄色");

      const v2 = await call("PUT", `/api/v1/customs/risk-rules/${rule.body.id}`, cnOfficer, {
        side: "CN",
        name: "Apples under-valued",
        conditions: { hsPrefix: "0808", valuePerKg: { min: "5" } },
        lane: "red",
        score: null,
      });
      expect(v2.status).toBe(200);
      expect(v2.body.version).toBe(2);
      // Another officer still editing version 1 is told, in their language, that it was replaced.
      const stale = await call(
        "PUT",
        `/api/v1/customs/risk-rules/${rule.body.id}`,
        cnOfficer,
        { side: "CN", name: "Apples", conditions: { hsPrefix: "0808" }, lane: "yellow", score: null },
        { "accept-language": "ru-RU" },
      );
      expect(stale.status).toBe(409);
      expect(stale.body.detail).toBe(
        "Запрос противоречит текущему состоянию: эта версия правила тем временем заменена; откройте действующую и внесите изменение в неё",
      );
      const history = await call("GET", "/api/v1/customs/risk-rules?history=true", cnOfficer);
      expect(
        history.body.items.filter((r: { ruleKey: string }) => r.ruleKey === rule.body.ruleKey),
      ).toHaveLength(2);
      const ruView = await call("GET", "/api/v1/customs/risk-rules", ruOfficer);
      expect(ruView.body.items.some((r: { side: string }) => r.side === "CN")).toBe(false);
      const red = await call(
        "POST",
        "/api/v1/declarations",
        cnTrader,
        sampleDeclarationInput("CN", "export", { currency: "USD" }),
      );
      expect(red.body).toMatchObject({ lane: "red", status: "inspection" });
      // Done with the rule: switch it off (a third version).
      const off = await call("PUT", `/api/v1/customs/risk-rules/${v2.body.id}`, cnOfficer, {
        side: "CN",
        name: "Apples under-valued",
        conditions: {},
        lane: "red",
        score: null,
        active: false,
      });
      expect(off.body).toMatchObject({ version: 3, active: false });
    });

    it("selects at random at the configured minimum rate", async () => {
      await call("PUT", "/api/v1/customs/risk-settings/CN", cnOfficer, {
        randomRates: { red: "100", yellow: "0" },
        scoreThresholds: { yellow: 30, red: 60 },
        greenCorridor: [],
      });
      const r = await call("POST", "/api/v1/declarations", cnTrader, sampleDeclarationInput("CN", "export"));
      const view = await call("GET", `/api/v1/customs/declarations/${r.body.id}`, cnOfficer);
      expect(view.body.risk.random).toMatchObject({ selected: true, lane: "red" });
      expect(view.body.lane).toBe("red");
      await noRandom("CN");
    });

    it("lowers the lane of the import when the other side inspected the linked shipment with a compliant result (AEO, green corridor), and reports the inspection avoided", async () => {
      // The RU side sends apples to red.
      const ruRule = await call("POST", "/api/v1/customs/risk-rules", ruOfficer, {
        side: "RU",
        name: "Fresh fruit from abroad",
        conditions: { flow: "import", hsPrefix: "0808" },
        lane: "red",
      });
      expect(ruRule.status).toBe(201);
      const shipment = `SHIP-${Date.now()}`;
      const cnExport = await call(
        "POST",
        "/api/v1/declarations",
        cnTrader,
        sampleDeclarationInput("CN", "export", {
          shipmentRef: shipment,
          counterparty: { enterpriseId: ruEnterpriseId },
        }),
      );
      expect(cnExport.status, JSON.stringify(cnExport.body)).toBe(201);
      // A registered counterparty comes with its names in three languages, for the reader's choice.
      expect(cnExport.body.counterparty.names).toEqual(expect.objectContaining({ ru: expect.any(String) }));
      const importBody = sampleDeclarationInput("RU", "import", {
        shipmentRef: shipment,
        counterparty: { enterpriseId: cnEnterpriseId },
      });
      // Before the Chinese inspection: red.
      const early = await call("POST", "/api/v1/declarations", ruTrader, importBody);
      expect(early.body.lane).toBe("red");
      expect(early.body.recognition).toBeNull();

      // The CN officer inspects (escalating from the assessed state is not allowed; hold then inspect).
      await call("POST", `/api/v1/customs/declarations/${cnExport.body.id}/hold`, cnOfficer, {
        reason: "Inspect",
      });
      const noFindings = await call(
        "POST",
        `/api/v1/customs/declarations/${cnExport.body.id}/inspection`,
        cnOfficer,
        { result: "findings" },
        { "accept-language": "ru-RU" },
      );
      expect(noFindings.status).toBe(400);
      expect(noFindings.body.errors).toEqual([
        { path: "findings", code: "findings_required", message: "Опишите выявленные нарушения." },
      ]);
      const insp = await call(
        "POST",
        `/api/v1/customs/declarations/${cnExport.body.id}/inspection`,
        cnOfficer,
        {
          result: "compliant",
        },
      );
      expect(insp.status, JSON.stringify(insp.body)).toBe(200);
      await call("POST", `/api/v1/customs/declarations/${cnExport.body.id}/release`, cnOfficer, {});

      // Both parties AEO: the import's lane goes red → yellow, citing the Chinese inspection.
      const late = await call("POST", "/api/v1/declarations", ruTrader, importBody, {
        "accept-language": "ru-RU",
      });
      expect(late.body.lane).toBe("yellow");
      expect(late.body.recognition).toMatchObject({ applied: true, basis: "aeo", from: "red", to: "yellow" });
      expect(late.body.recognition.inspection.declarationNumber).toBe(cnExport.body.number);
      expect(late.body.recognition.text).toContain("Коридор снижен");
      const officer = await call("GET", `/api/v1/customs/declarations/${late.body.id}`, ruOfficer);
      expect(officer.body.risk.ruleLane).toBe("red");
      expect(officer.body.risk.fired[0].name).toBe("Fresh fruit from abroad");

      // A CN officer cannot read the RU declaration; the RU enterprise sees no CN inspections directly.
      const cross = await call("GET", `/api/v1/customs/declarations/${late.body.id}`, cnOfficer);
      expect(cross.status).toBe(403);
      expect(cross.body.code).toBe("FORBIDDEN_SIDE");

      const report = await call("GET", "/api/v1/customs/recognition-report", ruOfficer);
      const row = report.body.items.find((i: { portId: string }) => i.portId === "heihe-blagoveshchensk");
      expect(row).toMatchObject({
        side: "RU",
        recognized: 1,
        inspectionsAvoided: 1,
        documentChecksAvoided: 0,
      });
      const cnReport = await call("GET", "/api/v1/customs/recognition-report", cnOfficer);
      expect(cnReport.body.items).toEqual([]);
    });

    it("applies the green corridor for non-AEO parties only for configured goods", async () => {
      const shipment = `GC-${Date.now()}`;
      const exp = await call(
        "POST",
        "/api/v1/declarations",
        cnTrader2,
        sampleDeclarationInput("CN", "export", { shipmentRef: shipment }),
      );
      await call("POST", `/api/v1/customs/declarations/${exp.body.id}/hold`, cnOfficer, {
        reason: "Inspect",
      });
      await call("POST", `/api/v1/customs/declarations/${exp.body.id}/inspection`, cnOfficer, {
        result: "compliant",
      });
      const body = sampleDeclarationInput("RU", "import", {
        shipmentRef: shipment,
        counterparty: { enterpriseId: exp.body.declarant.id },
      });
      const notConfigured = await call("POST", "/api/v1/declarations", ruTrader, body);
      expect(notConfigured.body.lane).toBe("red");
      expect(notConfigured.body.recognition.applied).toBe(false);
      await noRandom("RU", [{ hsPrefix: "08", portId: "heihe-blagoveshchensk", note: "fresh fruit" }]);
      const configured = await call("POST", "/api/v1/declarations", ruTrader, body);
      expect(configured.body.lane).toBe("yellow");
      expect(configured.body.recognition).toMatchObject({ applied: true, basis: "green_corridor" });
      await noRandom("RU");
    });

    it("keeps enterprises to their own declarations and officers to their side", async () => {
      const own = await call("POST", "/api/v1/declarations", cnTrader, {
        ...sampleDeclarationInput("CN", "export"),
        draft: true,
      });
      expect(own.body.status).toBe("draft");
      const intruder = await call("GET", `/api/v1/declarations/${own.body.id}`, cnTrader2);
      expect(intruder.status).toBe(404);
      const list2 = await call("GET", "/api/v1/declarations", cnTrader2);
      expect(
        list2.body.items.every((i: { declarant: { id: string } }) => i.declarant.id !== cnEnterpriseId),
      ).toBe(true);
      const ruList = await call("GET", "/api/v1/customs/declarations", ruOfficer);
      expect(ruList.body.items.every((i: { side: string }) => i.side === "RU")).toBe(true);
      const cnList = await call("GET", "/api/v1/customs/declarations?status=draft", cnOfficer);
      expect(cnList.body.items.some((i: { id: string }) => i.id === own.body.id)).toBe(true);
      // A draft is not with customs yet.
      const openDrafts = await call("GET", "/api/v1/customs/declarations?open=true&limit=200", cnOfficer);
      expect(openDrafts.body.items.some((i: { id: string }) => i.id === own.body.id)).toBe(false);
      // A draft is submitted later; then withdrawn.
      const submitted = await call("POST", `/api/v1/declarations/${own.body.id}/submit`, cnTrader);
      expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
      expect(submitted.body.number).toBe(own.body.number);
      expect(submitted.body.timeline.map((e: { action: string }) => e.action)).toEqual([
        "draft_created",
        "submitted",
        "lane_assigned",
        "routed_assessed",
      ]);
      const openIds = async () => {
        const r = await call("GET", "/api/v1/customs/declarations?open=true&limit=200", cnOfficer);
        expect(r.status).toBe(200);
        const items = r.body.items as { id: string; status: string }[];
        expect(items.every((i) => !["draft", "released", "rejected", "cancelled"].includes(i.status))).toBe(
          true,
        );
        expect(r.body.total).toBe(items.length);
        return items.map((i) => i.id);
      };
      expect(await openIds()).toContain(own.body.id);
      const cancelled = await call("POST", `/api/v1/declarations/${own.body.id}/cancel`, cnTrader, {
        reason: "Contract changed",
      });
      expect(cancelled.body.status).toBe("cancelled");
      // Still with customs: no longer; among all of the side's declarations: still.
      expect(await openIds()).not.toContain(own.body.id);
      const all = await call("GET", "/api/v1/customs/declarations?limit=200", cnOfficer);
      expect(all.body.items.map((i: { id: string }) => i.id)).toContain(own.body.id);
    });

    it("accepts bulk submissions with a result per item", async () => {
      const good = sampleDeclarationInput("CN", "export");
      const r = await call(
        "POST",
        "/api/v1/declarations/bulk",
        cnTrader,
        {
          items: [good, { ...good, lines: [] }, { ...good, portId: "nowhere" }, good],
        },
        { "accept-language": "ru-RU" },
      );
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ accepted: 2, failed: 2 });
      expect(r.body.results.map((x: { ok: boolean }) => x.ok)).toEqual([true, false, false, true]);
      expect(r.body.results[2].error.errors[0]).toMatchObject({ path: "portId" });
      expect(r.body.results[2].error.errors[0].message).toContain("nowhere");
    });

    it("previews a half-filled form: what is missing, and the duties of the complete lines", async () => {
      const body = sampleDeclarationInput("RU", "import", {}, 2) as unknown as Record<string, unknown>;
      delete body.portId;
      const lines = body.lines as Record<string, unknown>[];
      lines[1] = { code: "0808" };
      const r = await call("POST", "/api/v1/declarations/preview", ruTrader, body, {
        "accept-language": "ru-RU",
      });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.lineIndexes).toEqual([0]);
      expect(r.body.assessment).toHaveLength(1);
      expect(r.body.errors.map((e: { path: string }) => e.path)).toEqual(
        expect.arrayContaining(["portId", "lines.1.code"]),
      );
      expect(r.body.totals.vat).not.toBeNull();
    });

    it("previews duties without saving", async () => {
      const r = await call(
        "POST",
        "/api/v1/declarations/preview",
        ruTrader,
        sampleDeclarationInput("RU", "import", {}, 2),
      );
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.errors).toEqual([]);
      expect(r.body.assessment).toHaveLength(2);
      expect(r.body.totals.nationalCurrency).toBe("RUB");
      expect(r.body.totals.vat).not.toBeNull();
    });

    it("shows each port's load per day against capacity, with the queue by lane", async () => {
      const r = await call("GET", "/api/v1/customs/ports/load?port=heihe-blagoveshchensk", cnOfficer);
      expect(r.status).toBe(200);
      expect(r.body.sides).toEqual(["CN"]);
      const port = r.body.ports[0];
      expect(port.portId).toBe("heihe-blagoveshchensk");
      const today = port.days.at(-1);
      expect(today.submitted).toBeGreaterThan(3);
      expect(today.released).toBeGreaterThanOrEqual(1);
      expect(today.vehicles).toBeGreaterThan(3);
      expect(Number(today.tonnes)).toBeGreaterThan(20);
      expect(today.medianMinutes).not.toBeNull();
      expect(port.queue.red + port.queue.yellow + port.queue.green).toBeGreaterThan(0);
    });
  },
  { config: { AMUR_LOGIN_RATE_LIMIT: "10000" } },
);
