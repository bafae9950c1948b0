import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ru from "../../web/src/locales/ru-RU.json" with { type: "json" };
import zh from "../../web/src/locales/zh-CN.json" with { type: "json" };
import type { RunningAmur } from "./server.ts";
import { openPage, screenshots, startSession, stopSession, watchErrors } from "./support.ts";

let amur: RunningAmur;
let browser: Browser;

beforeAll(async () => {
  ({ amur, browser } = await startSession());
});

afterAll(() => stopSession({ amur, browser }));

function newPage(language: "zh-CN" | "ru-RU", width = 1280, height = 900) {
  return openPage({ amur, browser }, language, width, height);
}

function heading(page: Page, name: string) {
  return page.getByRole("heading", { level: 1, name, exact: true });
}

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(values[key] ?? ""));
}

describe("trade statistics: read one set of numbers (journey 6)", () => {
  it("shows the public dashboard in Chinese: the monthly trend, goods, crossings and trade modes, in CNY too", async () => {
    const { page, context } = await newPage("zh-CN");
    const errors = watchErrors(page, /status of 401 /);
    const s = zh.statistics;
    await page.goto("/");
    await page
      .getByRole("navigation", { name: zh.a11y.mainNav })
      .getByRole("link", { name: zh.nav.statistics })
      .click();
    await heading(page, zh.modules.statistics.title).waitFor();

    // The monthly trend: a line for China's and for Russia's reported exports over the demo's 24 months.
    const trend = page.getByRole("figure", { name: fill(s.trend.title, { currency: "USD" }) });
    await trend.waitFor();
    expect(await trend.locator("path.stat-svg__line").count()).toBeGreaterThanOrEqual(2);
    expect(await trend.locator("circle.stat-svg__point").count()).toBeGreaterThanOrEqual(48);
    await trend.getByText(s.series.CN_export).first().waitFor();
    await trend.getByText(s.series.RU_export).first().waitFor();
    // The turnover as the exporters report it: about USD 228 bn a year in the demo.
    const turnover = page.locator(".stat-kpi").first();
    expect(await turnover.textContent()).toMatch(/USD\s[\d,]{15,}\.\d{2}/);
    // Fuels lead Russia's exports: section V is the largest tile of the composition.
    const composition = page.getByRole("figure", {
      name: fill(s.composition.title, { direction: s.direction.exports }),
    });
    await composition.locator("rect.treemap__tile").first().waitFor();
    expect(await composition.locator("text.treemap__label").first().textContent()).toMatch(/^V · /);
    await page
      .getByRole("figure", { name: fill(s.ports.title, { count: 12, direction: s.direction.exports }) })
      .locator("rect.stat-svg__bar")
      .first()
      .waitFor();
    const modes = page.getByRole("figure", {
      name: fill(s.tradeModes.title, { direction: s.direction.exports }),
    });
    await modes.getByText(s.tradeMode.small_border).first().waitFor();
    await page.screenshot({ path: path.join(screenshots, "statistics-dashboard-zh.png"), fullPage: true });

    // The same figures as a table, and the currency switched to CNY with the rates note.
    await trend.getByRole("button", { name: s.view.table }).click();
    const firstMonth = trend.getByRole("row").nth(1);
    await firstMonth.waitFor();
    expect(await firstMonth.textContent()).toMatch(/\d{4}年\d{1,2}月/);
    await page.getByLabel(s.controls.currency).selectOption("CNY");
    await expect.poll(() => new URL(page.url()).searchParams.get("cur")).toBe("CNY");
    const cny = page.getByRole("figure", { name: fill(s.trend.title, { currency: "CNY" }) });
    await cny.waitFor();
    await page.getByRole("note").filter({ hasText: "CNY" }).first().waitFor();

    // The CSV download is the query behind the chart.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      cny.getByRole("button", { name: s.download.csvLabel }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("amur-trade-by-month.csv");
    const file = await download.path();
    const csv = await readFile(file, "utf8");
    expect(csv.split("\r\n")[0]).toBe("\ufeffmonth,reporter,flow,value");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows the dashboard and the mirror report in Russian", async () => {
    const { page, context } = await newPage("ru-RU");
    const errors = watchErrors(page, /status of 401 /);
    const s = ru.statistics;
    await page.goto("/statistics");
    await heading(page, ru.modules.statistics.title).waitFor();
    const trend = page.getByRole("figure", { name: fill(s.trend.title, { currency: "USD" }) });
    await trend.locator("path.stat-svg__line").first().waitFor();
    await trend.getByText(s.series.RU_export).first().waitFor();
    // Month labels in Russian on the axis.
    expect(await trend.locator("text.stat-svg__tick").allTextContents()).toEqual(
      expect.arrayContaining([expect.stringMatching(/янв|февр|мар|апр|мая|июн|июл|авг|сент|окт|нояб|дек/)]),
    );
    await page.screenshot({ path: path.join(screenshots, "statistics-dashboard-ru.png"), fullPage: true });

    // The mirror report: China's exports against Russia's imports by HS chapter, with the method.
    await page
      .getByRole("navigation", { name: s.nav.label })
      .getByRole("link", { name: s.mirror.title })
      .click();
    await heading(page, s.mirror.title).waitFor();
    await page.getByText(/Экспорт по данным экспортёра \(FOB\)/).waitFor();
    // The adjustment and the threshold are the reader's: change them and the method says so.
    await page.getByLabel(s.mirror.cifFob).fill("8");
    await page.getByLabel(s.mirror.threshold).fill("25");
    await page.getByRole("button", { name: s.mirror.apply }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("cif")).toBe("8");
    await page.getByText(/1 \+ 8%/).waitFor();
    const table = page.getByRole("table", { name: s.mirror.tableTitle });
    expect(await table.getByRole("row").count()).toBeGreaterThan(1);
    await page.screenshot({ path: path.join(screenshots, "statistics-mirror-ru.png"), fullPage: true });

    // Unit-value bands of apples.
    await page
      .getByRole("navigation", { name: s.nav.label })
      .getByRole("link", { name: s.unitValues.title })
      .click();
    await heading(page, s.unitValues.title).waitFor();
    await page.getByLabel(s.unitValues.hs, { exact: true }).fill("080810");
    await page.getByRole("button", { name: s.unitValues.submit }).click();
    const bands = page.getByRole("figure", { name: fill(s.unitValues.chartTitle, { hs: "080810" }) });
    await bands.locator("rect.band__box").first().waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
