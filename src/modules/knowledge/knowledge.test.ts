import { beforeAll, expect, it } from "vitest";
import { login, makeUser, type Session } from "../../../test/factories.ts";
import { describeEachDialect } from "../../../test/harness.ts";
import type { AmurApp } from "../../platform/http/app.ts";
import { renderMarkdown } from "../../platform/markdown.ts";
import { createServer } from "../../platform/server.ts";
import { tariffsDemoSeeder } from "../tariffs/tariffs.seed.ts";
import { deliverWebhooks, signature } from "./knowledge.notify.ts";
import { knowledgeDemoSeeder } from "./knowledge.seed.ts";

it("renders Markdown without letting any HTML through", () => {
  const html = renderMarkdown(
    '# Title\n\nText with **bold**, <script>alert(1)</script> and [a link](javascript:alert(1)) and [ok](https://example.org/"x).\n\n- one\n- two',
  );
  expect(html).toContain("<h2>Title</h2>");
  expect(html).toContain("<strong>bold</strong>");
  expect(html).toContain("&lt;script&gt;");
  expect(html).not.toContain("<script>");
  expect(html).not.toContain('href="javascript');
  expect(html).toContain("<ul>\n<li>one</li>");
});

describeEachDialect(
  "knowledge base",
  ({ deps }) => {
    let app: AmurApp;
    let editorRu: Session;
    let editorCn: Session;
    let reader: Session;
    const get = async (url: string, s: Session | null = null, lang = "en") => {
      const res = await app.inject({
        method: "GET",
        url,
        headers: { ...(s ? s.headers : {}), "accept-language": lang },
      });
      return { status: res.statusCode, body: res.json() };
    };
    const send = async (method: "POST" | "PUT", url: string, s: Session, payload: unknown, lang = "en") => {
      const res = await app.inject({
        method,
        url,
        payload: payload as object,
        headers: { ...s.write, "accept-language": lang },
      });
      return { status: res.statusCode, body: res.statusCode === 204 ? null : res.json() };
    };
    const deliver = async () => {
      for (let i = 0; i < 20; i++) if ((await deps().outbox.dispatchOnce()).claimed === 0) break;
    };

    beforeAll(async () => {
      app = (await createServer(deps())).app;
      await knowledgeDemoSeeder.run(deps(), { demoPassword: "x".repeat(12) });
      await tariffsDemoSeeder.run(deps(), { demoPassword: "x".repeat(12) });
      editorRu = await login(app, (await makeUser(deps(), { role: "editor", side: "RU" })).email);
      editorCn = await login(app, (await makeUser(deps(), { role: "editor", side: "CN" })).email);
      reader = await login(app, (await makeUser(deps(), { role: "enterprise_member", side: "RU" })).email);
    });

    it("loads the seed: documents named in the notes, with summaries marked as such, and the term bank", async () => {
      const list = await get("/api/v1/kb/documents?limit=200");
      expect(list.body.total).toBeGreaterThanOrEqual(20);
      const numbers = list.body.items.map((d: { number: string | null }) => d.number);
      expect(numbers).toEqual(
        expect.arrayContaining([
          "国发〔1996〕2号",
          "国函〔2008〕92号",
          "财关税〔2008〕90号",
          "财关税〔2010〕18号",
          "Решение Совета ЕЭК № 54",
          "Федеральный закон № 303-ФЗ",
        ]),
      );
      const terms = await get("/api/v1/kb/terms");
      expect(terms.body.items.length).toBeGreaterThan(50);
    });

    it("finds documents by words in any language, by official number in any bracket style, and across languages through the term bank", async () => {
      const zh = await get(`/api/v1/kb/search?q=${encodeURIComponent("边民互市")}`);
      expect(zh.body.items.map((i: { document: { number: string } }) => i.document.number)).toContain(
        "财关税〔2008〕90号",
      );
      const num = await get(`/api/v1/kb/search?q=${encodeURIComponent("财关税[2008]90号")}`);
      expect(num.body.items[0]).toMatchObject({
        exactNumber: true,
        document: { number: "财关税〔2008〕90号" },
      });
      const ru = await get(`/api/v1/kb/search?q=${encodeURIComponent("лесоматериалов")}`, null, "ru-RU");
      expect(
        ru.body.items.some(
          (i: { document: { number: string } }) => i.document.number === "Постановление № 396",
        ),
      ).toBe(true);
      // A Chinese query finds the Russian-only roundwood ban through 原木 = необработанные лесоматериалы.
      const cross = await get(`/api/v1/kb/search?q=${encodeURIComponent("原木出口禁令")}`, null, "zh-CN");
      const ban = cross.body.items.find(
        (i: { document: { number: string } }) => i.document.number === "Постановление № 396",
      );
      expect(ban).toBeDefined();
      expect(ban.lang).toBe("ru");
      expect(ban.via).toMatchObject({ from: "zh", to: "ru" });
      expect(ban.via.text).toContain("术语库");
      expect(ban.snippet.some((p: { hit: boolean }) => p.hit)).toBe(true);
      // Filters: in force on a date, by HS.
      const inForce2021 = await get(
        `/api/v1/kb/search?q=${encodeURIComponent("лесоматериалы")}&inForce=2021-06-01&hs=4403`,
      );
      expect(
        inForce2021.body.items.map((i: { document: { number: string | null } }) => i.document.number),
      ).not.toContain("Постановление № 396");
    });

    it("runs the editorial workflow with versions and diffs, audited, and editors keep to their side", async () => {
      const body = {
        kind: "notice",
        side: "RU",
        issuingBody: "Тестовая таможня",
        number: "Тест-1",
        originalLang: "ru",
        hsPrefixes: ["4407"],
        topics: ["timber"],
        versions: [
          {
            lang: "ru",
            title: "Порядок вывоза пиломатериалов",
            body: "Строка 1\nСтрока 2",
            translation: "original",
          },
        ],
      };
      expect((await send("POST", "/api/v1/kb/documents", editorCn, body)).status).toBe(403);
      const created = await send("POST", "/api/v1/kb/documents", editorRu, body);
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const id = created.body.id;
      expect((await get(`/api/v1/kb/documents/${id}`)).status).toBe(404);
      expect((await send("POST", `/api/v1/kb/documents/${id}/submit`, editorRu, {})).body.status).toBe(
        "review",
      );
      expect((await send("POST", `/api/v1/kb/documents/${id}/publish`, editorRu, {})).body.status).toBe(
        "published",
      );
      const again = await send("POST", `/api/v1/kb/documents/${id}/publish`, editorRu, {}, "ru-RU");
      expect(again.status).toBe(409);
      expect(again.body.detail).toContain("опубликован");
      await send("PUT", `/api/v1/kb/documents/${id}`, editorRu, {
        ...body,
        versions: [
          {
            lang: "ru",
            title: "Порядок вывоза пиломатериалов",
            body: "Строка 1\nСтрока 2 изменена",
            translation: "original",
          },
          { lang: "zh", title: "锯材出口程序", body: "第一行", translation: "unofficial", isSummary: true },
        ],
      });
      const history = await get(`/api/v1/kb/documents/${id}/versions?lang=ru`);
      expect(history.body.versions).toHaveLength(2);
      expect(history.body.versions[0].diff).toEqual([
        { op: "added", text: "Строка 1" },
        { op: "added", text: "Строка 2" },
      ]);
      const script = await send("POST", "/api/v1/kb/documents", editorRu, {
        ...body,
        sourceUrl: "javascript:alert(1)",
      });
      expect(script.status).toBe(400);
      expect(history.body.versions[1].diff).toEqual([
        { op: "same", text: "Строка 1" },
        { op: "removed", text: "Строка 2" },
        { op: "added", text: "Строка 2 изменена" },
      ]);
      const audit = await deps()
        .db.db.selectFrom("audit_log")
        .select("action")
        .where("target_id", "=", id)
        .execute();
      expect(audit.map((a) => a.action)).toEqual([
        "knowledge.created",
        "knowledge.submit",
        "knowledge.publish",
        "knowledge.updated",
      ]);
    });

    it("notifies subscribers once per event, in the feed, by mail and by signed webhook with retries", async () => {
      // Events of the seed and earlier tests are delivered before the subscription exists.
      await deliver();
      const sub = await send("POST", "/api/v1/kb/subscriptions", reader, {
        kind: "hs",
        value: "4403",
        email: true,
        webhookUrl: "https://hooks.example.org/amur",
      });
      expect(sub.status).toBe(201);
      expect(sub.body.webhookSecret).toBeTruthy();
      const before = (await get("/api/v1/kb/notifications", reader)).body.unread;
      expect(before).toBe(0);
      // The Russian editor amends the roundwood ban.
      const list = await get(`/api/v1/kb/search?q=${encodeURIComponent("Постановление № 396")}`);
      const banId = list.body.items[0].document.id;
      const doc = (await get(`/api/v1/kb/documents/${banId}`)).body;
      const amended = await send("PUT", `/api/v1/kb/documents/${banId}`, editorRu, {
        kind: doc.kind,
        side: doc.side,
        issuingBody: doc.issuingBody,
        number: doc.number,
        effectiveOn: doc.effectiveOn,
        originalLang: doc.originalLang,
        hsPrefixes: doc.hsPrefixes,
        ports: doc.ports,
        regions: doc.regions,
        topics: doc.topics,
        versions: [
          {
            lang: "ru",
            title: doc.versions[0].title,
            body: `${doc.versions[0].body}\n\nДополнено.`,
            translation: "original",
            isSummary: true,
          },
        ],
      });
      expect(amended.status, JSON.stringify(amended.body)).toBe(200);
      await deliver();
      // Redelivery adds nothing.
      const amendEvents = await deps()
        .db.db.selectFrom("outbox")
        .select("event_id")
        .where("type", "=", "kb.document_amended")
        .where("aggregate_id", "=", banId)
        .execute();
      const ids = amendEvents.map((e) => e.event_id);
      await deps().db.db.deleteFrom("outbox_deliveries").where("event_id", "in", ids).execute();
      await deps()
        .db.db.updateTable("outbox")
        .set({ status: "pending", done_at: null, attempts: 0, claimed_until: null })
        .where("event_id", "in", ids)
        .execute();
      await deliver();
      const feed = await get("/api/v1/kb/notifications", reader, "ru-RU");
      expect(feed.body.unread).toBe(before + 1);
      expect(feed.body.items[0]).toMatchObject({ change: "amended", read: false });
      expect(feed.body.items[0].text).toContain("Изменено");
      const mails = await deps().db.db.selectFrom("email_outbox").selectAll().execute();
      expect(mails).toHaveLength(1);
      // The webhook: the first attempt fails and is retried later; the second succeeds, signed.
      const calls: { body: string; sig: string }[] = [];
      let ok = false;
      const fake = (async (_url: string, init: { body: string; headers: Record<string, string> }) => {
        calls.push({ body: init.body, sig: init.headers["x-amur-signature"] ?? "" });
        return new Response("", { status: ok ? 200 : 503 });
      }) as unknown as typeof fetch;
      expect(await deliverWebhooks(deps().db.db, { send: fake })).toEqual({ delivered: 0, failed: 1 });
      expect(await deliverWebhooks(deps().db.db, { send: fake })).toEqual({ delivered: 0, failed: 0 });
      ok = true;
      expect(await deliverWebhooks(deps().db.db, { send: fake, now: new Date(Date.now() + 60_000) })).toEqual(
        { delivered: 1, failed: 0 },
      );
      expect(calls[1]?.sig).toBe(signature(sub.body.webhookSecret, calls[1]?.body ?? ""));
      const read = await send("POST", "/api/v1/kb/notifications/read", reader, { all: true });
      expect(read.body.unread).toBe(0);
    });

    it("answers what applies to goods, a direction and a port in one call", async () => {
      const r = await get(
        "/api/v1/kb/applies?hs=4403210000&direction=RU_TO_CN&date=2026-06-01",
        null,
        "ru-RU",
      );
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      const ru = r.body.sides.find((s: { side: string }) => s.side === "RU");
      expect(ru.flow).toBe("export");
      expect(ru.documents.map((d: { number: string | null }) => d.number)).toContain("Постановление № 396");
      const cn = r.body.sides.find((s: { side: string }) => s.side === "CN");
      expect(cn.flow).toBe("import");
      expect(r.body.bilateral.length).toBeGreaterThan(0);
      // A rule for every code says so in words, in the reader's language.
      const rules = r.body.sides.flatMap((s: { rules: { hsPrefix: string; text: string }[] }) => s.rules);
      expect(rules.find((x: { hsPrefix: string }) => x.hsPrefix === "")?.text).toBe(
        "НДС 13% (ставка для всех товаров)",
      );
      expect(rules.find((x: { hsPrefix: string }) => x.hsPrefix === "440321")?.text).toBe(
        "Запрещено: ТН ВЭД 440321 с 2022-01-01",
      );
      const zh = await get(
        "/api/v1/kb/applies?hs=4403210000&direction=RU_TO_CN&date=2026-06-01",
        null,
        "zh-CN",
      );
      const zhRules = zh.body.sides.flatMap((s: { rules: { hsPrefix: string; text: string }[] }) => s.rules);
      expect(zhRules.find((x: { hsPrefix: string }) => x.hsPrefix === "")?.text).toBe(
        "增值税 13%（规则适用范围：所有商品）",
      );
      // Asked about the heading, told that a part of it is banned.
      const heading = await get("/api/v1/kb/applies?hs=4403&direction=RU_TO_CN&date=2026-06-01");
      const ruHeading = heading.body.sides.find((s: { side: string }) => s.side === "RU");
      expect(ruHeading).toMatchObject({ prohibited: false, prohibitedPart: true });
      expect(
        ruHeading.rules.some(
          (x: { kind: string; hsPrefix: string }) =>
            x.kind === "prohibition" && x.hsPrefix.startsWith("4403"),
        ),
      ).toBe(true);
    });
  },
  { config: { AMUR_LOGIN_RATE_LIMIT: "10000" } },
);
