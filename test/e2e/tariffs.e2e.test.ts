import path from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ru from "../../web/src/locales/ru-RU.json" with { type: "json" };
import zh from "../../web/src/locales/zh-CN.json" with { type: "json" };
import type { RunningAmur } from "./server.ts";
import {
  openPage,
  screenshots,
  startSession,
  stopSession,
  watchErrors as watchPageErrors,
} from "./support.ts";

let amur: RunningAmur;
let browser: Browser;

beforeAll(async () => {
  ({ amur, browser } = await startSession());
});

afterAll(() => stopSession({ amur, browser }));

function watchErrors(page: Page): string[] {
  return watchPageErrors(page, /status of 40[014] /);
}

async function newPage(language: "zh-CN" | "ru-RU", width = 1280, height = 900) {
  const { context, page } = await openPage({ amur, browser }, language, width, height);
  return { context, page };
}

function heading(page: Page, name: string) {
  return page.getByRole("heading", { level: 1, name, exact: true });
}

/** Text with Intl's no-break spaces made plain, so "12 837,40" can be compared as typed here. */
async function plainText(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? "").replace(/[\u00a0\u202f]/g, " ");
}

/** The cells of a totals row: the row header, then CNY, RUB and USD. */
async function totalsRow(page: Page, caption: string, row: string): Promise<string[]> {
  const table = page.getByRole("table", { name: caption });
  const cells = table
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: row }) })
    .locator("th, td");
  return (await cells.allTextContents()).map((text) => text.replace(/[\u00a0\u202f]/g, " "));
}

describe("landed-cost calculator", () => {
  it("journey 3 in Russian: tyres into Russia, duty and VAT 22 %, totals in three currencies, a shareable link", async () => {
    const { context, page } = await newPage("ru-RU");
    const errors = watchErrors(page);
    const t = ru.tariffs;

    // From the Declarations module, which says honestly that declarations are not built yet.
    await page.goto("/declarations");
    await heading(page, ru.modules.declarations.title).waitFor();
    await page.getByRole("heading", { name: t.landing.declarationsTitle }).waitFor();
    await page.getByRole("link", { name: t.calculator.title }).click();
    await heading(page, t.calculator.title).waitFor();
    await page.getByRole("heading", { name: t.calculator.emptyTitle }).waitFor();

    await page.getByRole("radio", { name: t.calculator.directions.CN_TO_RU }).check();
    await page.getByRole("textbox", { name: t.calculator.hsCode }).fill("4011");
    // The code's name in the reader's language, from the nomenclature.
    await page.getByText("Шины и покрышки пневматические резиновые новые").waitFor();
    expect(
      await page
        .getByRole("link", { name: t.calculator.hsOpen.replace("{{code}}", "4011") })
        .getAttribute("href"),
    ).toBe("/reference/hs/4011");
    await page.getByRole("textbox", { name: t.calculator.value }).fill("10000");
    await page.getByRole("combobox", { name: t.calculator.currency }).selectOption("CNY");
    await page.getByLabel(t.calculator.date, { exact: true }).fill("2026-03-10");
    await page.getByRole("button", { name: t.calculator.submit }).click();

    const importSide = page.getByRole("region", {
      name: t.result.sideTitle.import.replace("{{country}}", ru.side.RU),
    });
    await importSide.waitFor();
    const params = new URL(page.url()).searchParams;
    expect(Object.fromEntries(params)).toEqual({
      dir: "CN_TO_RU",
      hs: "4011",
      amount: "10000",
      cur: "CNY",
      date: "2026-03-10",
    });

    // The import side: customs value at the (sample) rate, import duty and VAT at 22 %, each explained.
    const lines = importSide.locator(".landed-line");
    const duty = lines.filter({ hasText: t.result.kinds.importDuty });
    expect(await plainText(duty.locator(".landed-line__amount"))).toBe("12 837,40 RUB");
    expect(await duty.locator(".landed-line__explanation").textContent()).toContain(
      "Пошлина 10% от 128\u00a0374,00 RUB",
    );
    await duty.getByText(t.result.ruleSource.sample).waitFor();
    const vat = lines.filter({ hasText: t.result.kinds.vat });
    expect(await plainText(vat.locator(".landed-line__amount"))).toBe("31 066,51 RUB");
    expect(await vat.locator(".landed-line__explanation").textContent()).toContain("НДС 22%");
    expect(await plainText(vat.locator(".landed-rule dd").first())).toBe("22 %");
    await vat.getByText(t.result.ruleSource.cited).waitFor();
    await importSide.getByText(t.result.sampleRate).waitFor();
    expect(await plainText(importSide.locator(".landed-side__total"))).toContain("43 903,91 RUB");
    await page
      .getByRole("region", { name: t.result.sideTitle.export.replace("{{country}}", ru.side.CN) })
      .waitFor();

    // Totals in CNY, RUB and USD, right-aligned figures in the reader's format.
    const total = await totalsRow(page, t.result.totalsTitle, t.result.rows.total);
    expect(total).toEqual([t.result.rows.total, "13 420,00", "172 277,91", "2 029,88"]);
    await page.getByRole("heading", { name: t.result.chartTitle }).waitFor();
    await page.locator(".chart__canvas svg").first().waitFor();
    await page.screenshot({ path: path.join(screenshots, "tariffs-landed-ru.png"), fullPage: true });

    // The link: the copy field holds the address; opened elsewhere it computes the same at once.
    const link = await page.getByRole("textbox", { name: t.calculator.copyLabel }).inputValue();
    expect(link).toBe(page.url());
    const other = await context.newPage();
    await other.goto(link);
    await other
      .getByRole("region", { name: t.result.sideTitle.import.replace("{{country}}", ru.side.RU) })
      .waitFor();
    expect(await totalsRow(other, t.result.totalsTitle, t.result.rows.total)).toEqual(total);
    expect(await other.getByRole("textbox", { name: t.calculator.hsCode }).inputValue()).toBe("4011");

    // Phone width: one column, nothing wider than the screen.
    const phone = await newPage("ru-RU", 390, 844);
    await phone.page.goto(link);
    await phone.page.getByRole("table", { name: t.result.totalsTitle }).waitFor();
    await phone.page.locator(".chart__canvas svg").first().waitFor();
    expect(await phone.page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(
      390,
    );
    await phone.page.screenshot({
      path: path.join(screenshots, "tariffs-landed-ru-phone.png"),
      fullPage: true,
    });
    await phone.context.close();

    expect(errors).toEqual([]);
    await context.close();
  });

  it("journey 7 in Chinese: a border resident's CNY 9,000, of which 8,000 free and 1,000 taxed", async () => {
    const { context, page } = await newPage("zh-CN");
    const errors = watchErrors(page);
    const t = zh.tariffs;

    await page.goto("/tariffs/landed-cost");
    await heading(page, t.calculator.title).waitFor();
    await page.getByRole("radio", { name: t.calculator.directions.RU_TO_CN }).check();
    await page.getByRole("textbox", { name: t.calculator.hsCode }).fill("0808");
    await page.getByRole("textbox", { name: t.calculator.value }).fill("9000");
    await page.getByLabel(t.calculator.date, { exact: true }).fill("2026-03-10");
    await page.getByRole("checkbox", { name: t.calculator.resident }).check();
    await page.getByLabel(t.calculator.usedToday).fill("0");
    await page.getByRole("button", { name: t.calculator.submit }).click();

    const importSide = page.getByRole("region", {
      name: t.result.sideTitle.import.replace("{{country}}", zh.side.CN),
    });
    const preference = importSide.locator(".notice").filter({ hasText: t.result.preference });
    await preference.waitFor();
    expect(await plainText(preference.locator("dd").first())).toBe("CNY 8,000.00");
    expect(await plainText(preference.locator("dd").nth(1))).toBe("CNY 1,000.00");
    expect(await preference.textContent()).toContain("边民互市贸易：每人每日 8,000 元人民币以内免税");
    expect(await preference.textContent()).toContain("本次免税 8,000.00，应税 1,000.00");
    const duty = importSide.locator(".landed-line").filter({ hasText: t.result.kinds.importDuty });
    expect(await duty.locator(".landed-line__explanation").textContent()).toContain("1,000.00 CNY 的 10%");
    expect(new URL(page.url()).searchParams.get("resident")).toBe("1");
    await page.screenshot({ path: path.join(screenshots, "tariffs-resident-zh.png"), fullPage: true });

    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows Russia's export ban on coniferous roundwood, and a missing quantity at its field", async () => {
    const { context, page } = await newPage("ru-RU");
    const errors = watchErrors(page);
    const t = ru.tariffs;

    // Opened from a link: computed at once.
    await page.goto("/tariffs/landed-cost?dir=RU_TO_CN&hs=440321&amount=50000&cur=USD&date=2026-03-10");
    const banner = page.locator(".prohibited-banner");
    await banner.waitFor();
    expect(await banner.getAttribute("role")).toBe("alert");
    expect(await banner.textContent()).toContain(t.result.prohibitedTitle);
    expect(await banner.textContent()).toContain("Запрещено: ТН ВЭД 440321");
    const exportSide = page.getByRole("region", {
      name: t.result.sideTitle.export.replace("{{country}}", ru.side.RU),
    });
    await exportSide.getByText(t.result.ruleSource.cited).first().waitFor();

    // Footwear into Russia is charged per pair: without a quantity the server says so at the unit.
    await page.getByRole("radio", { name: t.calculator.directions.CN_TO_RU }).check();
    await page.getByRole("textbox", { name: t.calculator.hsCode }).fill("6403");
    await page.getByRole("button", { name: t.calculator.submit }).click();
    const unit = page.getByRole("combobox", { name: t.calculator.unit });
    await expect.poll(() => unit.getAttribute("aria-invalid")).toBe("true");
    await page.locator(".field__error").filter({ hasText: "pair" }).waitFor();
    await page.getByRole("textbox", { name: t.calculator.quantity }).fill("200");
    await unit.selectOption("pair");
    await page.getByRole("button", { name: t.calculator.submit }).click();
    await page.getByRole("table", { name: t.result.totalsTitle }).waitFor();
    await expect.poll(() => new URL(page.url()).searchParams.get("unit")).toBe("pair");

    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("exchange rates", () => {
  it("shows the rate in force, crossed through the stated pivot, and the month's average", async () => {
    const { context, page } = await newPage("ru-RU");
    const errors = watchErrors(page);
    const t = ru.tariffs;

    await page.goto("/declarations");
    await page.getByRole("link", { name: t.rates.title }).click();
    await heading(page, t.rates.title).waitFor();
    await page.getByRole("combobox", { name: t.rates.base }).selectOption("CNY");
    await page.getByRole("combobox", { name: t.rates.quote }).selectOption("USD");
    await page.getByLabel(t.rates.date, { exact: true }).fill("2026-03-10");
    await page.getByLabel(t.rates.month, { exact: true }).fill("2026-03");
    await page.getByRole("button", { name: t.rates.submit }).click();

    const day = page.getByRole("region", { name: /^Курс на / });
    await day.getByText(t.result.rateVia.replace("{{pivot}}", "RUB")).waitFor();
    await day.getByText(t.result.sampleRate).waitFor();
    expect(await plainText(day.locator(".rate-card__value"))).toBe("1 CNY = 0,1512577912 USD");
    const month = page.getByRole("region", { name: /^Средний курс за / });
    await month.locator(".rate-card__value").waitFor();
    await page.getByRole("heading", { name: /^Курс на каждый день/ }).waitFor();

    expect(errors).toEqual([]);
    await context.close();
  });
});
