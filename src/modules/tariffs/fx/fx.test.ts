import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import { login, makeUser } from "../../../../test/factories.ts";
import { describeEachDialect } from "../../../../test/harness.ts";
import { operationDeps } from "../../../platform/deps.ts";
import type { AmurApp } from "../../../platform/http/app.ts";
import { Dec } from "../../../platform/money.ts";
import { runOperation, SYSTEM_ACTOR } from "../../../platform/operations.ts";
import { createServer } from "../../../platform/server.ts";
import { importRates } from "./fx.service.ts";

describeEachDialect("exchange rates", ({ deps }) => {
  let app: AmurApp;
  const get = async (url: string, lang = "en") => {
    const res = await app.inject({ method: "GET", url, headers: { "accept-language": lang } });
    return { status: res.statusCode, body: res.json() };
  };

  beforeAll(async () => {
    app = (await createServer(deps())).app;
    // 11.7136 is the Bank of Russia's CNY rate of 2025-04-01 (DOMAIN-SOURCES §8.1); the rest are test values.
    await runOperation(
      operationDeps(deps()),
      importRates,
      {
        source: "cbr",
        publishedOn: "2025-04-01",
        rates: [
          { date: "2025-04-01", base: "CNY", quote: "RUB", rate: "11.7136" },
          { date: "2025-04-02", base: "CNY", quote: "RUB", rate: "11.8000" },
          { date: "2025-04-03", base: "CNY", quote: "RUB", rate: "11.6000" },
          { date: "2025-04-01", base: "USD", quote: "RUB", rate: "84.0000" },
          { date: "2025-04-02", base: "USD", quote: "RUB", rate: "85.0000" },
          { date: "2025-04-03", base: "USD", quote: "RUB", rate: "86.0000" },
        ],
      },
      { actor: SYSTEM_ACTOR },
    );
  });

  it("returns the rate in force: the last one published on or before the date", async () => {
    expect((await get("/api/v1/fx/rates?base=CNY&quote=RUB&date=2025-04-01")).body).toMatchObject({
      rate: "11.7136",
      source: "cbr",
      publishedOn: "2025-04-01",
      sample: false,
    });
    const later = await get("/api/v1/fx/rates?base=cny&quote=rub&date=2025-04-06");
    expect(later.body).toMatchObject({ rate: "11.6", publishedOn: "2025-04-03", date: "2025-04-06" });
  });

  it("inverts and crosses through a pivot, exactly", async () => {
    const inverse = (await get("/api/v1/fx/rates?base=RUB&quote=CNY&date=2025-04-01")).body;
    expect(new Dec(inverse.rate).minus(new Dec(1).div("11.7136")).abs().lt("1e-10")).toBe(true);
    const cross = (await get("/api/v1/fx/rates?base=CNY&quote=USD&date=2025-04-02")).body;
    expect(cross).toMatchObject({ via: "RUB", rate: new Dec("11.8").div(85).toDecimalPlaces(10).toString() });
  });

  it("averages the month's daily rates for statistics", async () => {
    const m = (await get("/api/v1/fx/monthly?base=CNY&quote=RUB&month=2025-04")).body;
    expect(m).toMatchObject({
      days: 3,
      rate: new Dec("11.7136").plus("11.8").plus("11.6").div(3).toDecimalPlaces(10).toString(),
    });
    const cross = (await get("/api/v1/fx/monthly?base=USD&quote=CNY&month=2025-04")).body;
    expect(cross).toMatchObject({ days: 3, via: "RUB" });
  });

  it("says in the reader's language when no rate exists", async () => {
    const none = await get("/api/v1/fx/rates?base=CNY&quote=RUB&date=2024-01-01", "ru-RU");
    expect(none.status).toBe(404);
    expect(none.body).toMatchObject({ code: "FX_RATE_NOT_FOUND", title: "Курс не найден" });
  });

  it("re-importing the same rates overwrites them, nothing is doubled", async () => {
    await runOperation(
      operationDeps(deps()),
      importRates,
      {
        source: "cbr",
        publishedOn: "2025-04-01",
        rates: [{ date: "2025-04-01", base: "CNY", quote: "RUB", rate: "11.7136" }],
      },
      { actor: SYSTEM_ACTOR },
    );
    const rows = await deps().db.db.selectFrom("fx_rates").select("date").where("base", "=", "CNY").execute();
    expect(rows).toHaveLength(3);
  });
});

describeEachDialect("exchange-rate files", ({ deps }) => {
  const fixture = (name: string) => readFileSync(join(import.meta.dirname, "fixtures", name));

  it("imports a Bank of Russia daily file in windows-1251 through the API, statisticians only", async () => {
    const app = (await createServer(deps())).app;
    const stats = await login(app, (await makeUser(deps(), { role: "statistician", side: "RU" })).email);
    const trader = await login(app, (await makeUser(deps())).email);
    const body = fixture("cbr-daily-2025-04-01.windows-1251.xml");
    const denied = await app.inject({
      method: "POST",
      url: "/api/v1/fx/rates/import?format=cbr-daily",
      headers: { ...trader.write, "content-type": "application/xml" },
      payload: body,
    });
    expect(denied.statusCode).toBe(403);
    const ok = await app.inject({
      method: "POST",
      url: "/api/v1/fx/rates/import?format=cbr-daily",
      headers: { ...stats.write, "content-type": "application/xml" },
      payload: body,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ from: "2025-04-01", source: "cbr" });
    const rate = await app.inject({
      method: "GET",
      url: "/api/v1/fx/rates?base=CNY&quote=RUB&date=2025-04-01",
    });
    expect(rate.json().rate).toBe("11.7136");
  });

  it("rejects a malformed file whole, naming the line in the reader's language", async () => {
    const app = (await createServer(deps())).app;
    const stats = await login(app, (await makeUser(deps(), { role: "statistician", side: "CN" })).email);
    const before = (await deps().db.db.selectFrom("fx_rates").select("date").execute()).length;
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/fx/rates/import?format=cbr-daily&lang=ru-RU",
      headers: { ...stats.write, "content-type": "application/xml" },
      payload: fixture("cbr-daily-malformed-bad-value.xml"),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: "FX_FILE_INVALID", title: "Файл курсов отклонён" });
    expect(res.json().detail).toMatch(/^Ничего не импортировано\. Строка \d+/);
    // The parser's reason in words, not as its code.
    expect(res.json().detail).toMatch(/ — неверное значение: не число\.$/);
    const xml = await app.inject({
      method: "POST",
      url: "/api/v1/fx/rates/import?format=cbr-daily&lang=zh-CN",
      headers: { ...stats.write, "content-type": "application/xml" },
      payload: '<?xml version="1.0"?>\n<ValCurs Date="01.04.2025">\n<Valute ID="R01375"><Value>11,0</Valu>',
    });
    expect(xml.json().detail).toContain("</Valu> 关闭的是第 3 行打开的 <Value>");
    expect((await deps().db.db.selectFrom("fx_rates").select("date").execute()).length).toBe(before);
  });
});
