import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import serverRu from "../../src/platform/i18n/locales/ru-RU.json" with { type: "json" };
import serverZh from "../../src/platform/i18n/locales/zh-CN.json" with { type: "json" };
import ru from "../../web/src/locales/ru-RU.json" with { type: "json" };
import zh from "../../web/src/locales/zh-CN.json" with { type: "json" };
import type { RunningAmur } from "./server.ts";
import { fill, openPage, screenshots, startSession, stopSession, watchErrors } from "./support.ts";

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

/** A template as a pattern: the values given, and anything for the placeholders left out. */
function pattern(template: string, values: Record<string, string | number>): RegExp {
  const parts = template.split(/(\{\{\w+\}\})/);
  return new RegExp(
    parts
      .map((part) => {
        const key = /^\{\{(\w+)\}\}$/.exec(part)?.[1];
        if (key === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        const value = values[key];
        return value === undefined ? ".+?" : String(value).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      })
      .join(""),
  );
}

async function signIn(
  page: Page,
  email: string,
  next: string,
  words: typeof ru | typeof zh = ru,
): Promise<void> {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await heading(page, words.login.title).waitFor();
  await page.getByLabel(words.login.email, { exact: true }).fill(email);
  await page.getByLabel(words.login.password, { exact: true }).fill(amur.password);
  await page.getByRole("button", { name: words.login.submit, exact: true }).click();
  await expect.poll(() => new URL(page.url()).pathname).toBe(next);
}

function focusedId(page: Page): Promise<string | null> {
  return page.evaluate<string | null>("document.activeElement?.id ?? null");
}

/** Text with Intl's no-break spaces made plain. */
async function plainText(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? "").replace(/[\u00a0\u202f]/g, " ");
}

/** The fields of a UN Comtrade API v1 record, in the order its CSV download writes them. */
const COMTRADE_HEADER =
  "typeCode,freqCode,refPeriodId,refYear,refMonth,period,reporterCode,reporterISO,reporterDesc,flowCode,flowDesc,partnerCode,partnerISO,partnerDesc,partner2Code,partner2ISO,partner2Desc,classificationCode,classificationSearchCode,isOriginalClassification,cmdCode,cmdDesc,aggrLevel,isLeaf,customsCode,customsDesc,mosCode,motCode,motDesc,qtyUnitCode,qtyUnitAbbr,qty,isQtyEstimated,altQtyUnitCode,altQtyUnitAbbr,altQty,isAltQtyEstimated,netWgt,isNetWgtEstimated,grossWgt,isGrossWgtEstimated,cifvalue,fobvalue,primaryValue,legacyEstimationFlag,isReported,isAggregate";

/** One monthly record of China's trade with Russia (March 2025), as Comtrade writes it. */
function comtradeRecord(
  flow: "X" | "M" | "RX",
  cmd: string,
  desc: string,
  value: string,
  classification = "H6",
) {
  const flowDesc = { X: "Export", M: "Import", RX: "Re-export" }[flow];
  const level = cmd === "TOTAL" ? 0 : cmd.length;
  return [
    ...["C", "M", "20250301", "2025", "3", "202503", "156", "CHN", "China", flow, flowDesc],
    ...["643", "RUS", "Russian Federation", "0", "W00", "World", classification, classification, "True"],
    ...[cmd, `"${desc}"`, level, "False", "C00", "TOTAL CPC", "0", "0", "TOTAL MOT", "-1", "N/A", "0"],
    ...["False", "-1", "N/A", "0", "False", "", "False", "", "False", "", value, value, "0", "True", "False"],
  ].join(",");
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
    // Short to read at a glance ("USD 4537亿"), the exact amount to the cent beneath it.
    expect(await turnover.locator(".stat-kpi__short").textContent()).toMatch(/^USD\s\d{3,4}亿$/);
    expect(await turnover.locator(".stat-kpi__exact").textContent()).toMatch(/^USD\s[\d,]{15,}\.\d{2}$/);
    // Fuels lead Russia's exports: section V is the largest tile of the composition.
    const composition = page.getByRole("figure", {
      name: fill(s.composition.title, { direction: s.direction.exports }),
    });
    await composition.locator("rect.treemap__tile").first().waitFor();
    expect(await composition.locator("text.treemap__label").first().textContent()).toMatch(/^V · /);
    await page
      // The demo's six crossings are all of them: no "top 12" in the title.
      .getByRole("figure", { name: fill(s.ports.titleAll, { direction: s.direction.exports }) })
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

    // The crossings on the map: a circle per crossing pair with figures, the largest trade through
    // Zabaykalsk and Blagoveshchensk among them; pointing at a circle names the pair and its value.
    const map = page.getByRole("figure", {
      name: fill(s.portMap.title, { direction: s.direction.exports }),
    });
    await map.locator(".port-map__land--ru").waitFor({ state: "attached" });
    const bubbles = map.locator("button.port-bubble");
    await bubbles.first().waitFor();
    expect(await bubbles.count()).toBeGreaterThanOrEqual(3);
    const heihe = map.locator('[data-port="heihe-blagoveshchensk"]');
    expect(await heihe.getAttribute("aria-label")).toMatch(
      /Благовещенск: [\d\s\u00a0]+,\d{2}\sUSD, [\d,]+\s%.* от итога$/,
    );
    await heihe.hover();
    const tip = map.locator(".port-tip");
    await tip.waitFor();
    expect(await tip.textContent()).toContain("Благовещенск");
    // The legend's reference circles and the table for readers who cannot see the map.
    expect(await map.locator(".port-legend__item svg circle").count()).toBeGreaterThanOrEqual(2);
    expect(
      await map
        .getByRole("table", { name: fill(s.portMap.title, { direction: s.direction.exports }) })
        .getByRole("row")
        .count(),
    ).toBeGreaterThan(3);
    // Focus, unlike the pointer, stays on the circle while the map is scrolled into the picture.
    await heihe.focus();
    await map.screenshot({ path: path.join(screenshots, "statistics-port-map-ru.png") });
    // The map follows the dashboard's settings: one side's report, in roubles.
    const before = await heihe.getAttribute("aria-label");
    await page.getByLabel(s.controls.direction).selectOption("RU_import");
    await expect.poll(() => new URL(page.url()).searchParams.get("dir")).toBe("RU_import");
    await page.getByLabel(s.controls.currency).selectOption("RUB");
    const russianImports = page.getByRole("figure", {
      name: fill(s.portMap.title, { direction: s.direction.RU_import }),
    });
    await expect
      .poll(() => russianImports.locator('[data-port="heihe-blagoveshchensk"]').getAttribute("aria-label"))
      .toMatch(/RUB|₽/);
    expect(
      await russianImports.locator('[data-port="heihe-blagoveshchensk"]').getAttribute("aria-label"),
    ).not.toBe(before);
    // Escape puts the tip away without moving focus (WCAG 1.4.13).
    await russianImports.locator("button.port-bubble").first().focus();
    await russianImports.locator(".port-tip").waitFor();
    await page.keyboard.press("Escape");
    await russianImports.locator(".port-tip").waitFor({ state: "detached" });
    // On a phone the map fits the screen, circles and all.
    await page.setViewportSize({ width: 390, height: 844 });
    // The map draws itself again for the narrower box: scroll once a circle stays in the page.
    await expect
      .poll(() =>
        russianImports
          .locator("button.port-bubble")
          .first()
          .scrollIntoViewIfNeeded({ timeout: 2_000 })
          .then(() => true)
          .catch(() => false),
      )
      .toBe(true);
    expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
    await russianImports.screenshot({ path: path.join(screenshots, "statistics-port-map-phone-ru.png") });
    await page.setViewportSize({ width: 1280, height: 900 });

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
    // Before any code is typed, the page offers subheadings to start from, named in Russian.
    const birch = page.getByRole("link", { name: /^440796 · / });
    expect(await birch.textContent()).toMatch(/^440796 · .*[а-я]/);
    await birch.click();
    await page
      .getByRole("figure", { name: fill(s.unitValues.chartTitle, { hs: "440796" }) })
      .locator("rect.band__box")
      .first()
      .waitFor();
    expect(await page.getByLabel(s.unitValues.hs, { exact: true }).inputValue()).toBe("440796");
    await page.getByLabel(s.unitValues.hs, { exact: true }).fill("080810");
    await page.getByRole("button", { name: s.unitValues.submit }).click();
    const bands = page.getByRole("figure", { name: fill(s.unitValues.chartTitle, { hs: "080810" }) });
    await bands.locator("rect.band__box").first().waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it("a statistician in Chinese imports a UN Comtrade file: refused with its bad line, then imported once", async () => {
    const { page, context } = await newPage("zh-CN");
    const errors = watchErrors(page, /status of 401 /);
    const d = zh.statistics.datasets;
    const words = serverZh.statistics;
    await signIn(page, "stats.hlj@sample.amur.local", "/statistics/datasets", zh);
    await heading(page, d.title).waitFor();
    const records = (chapter87: string) => [
      COMTRADE_HEADER,
      comtradeRecord("X", "TOTAL", "All Commodities", "9000000"),
      comtradeRecord(
        "X",
        "84",
        "Machinery and mechanical appliances, boilers, nuclear reactors; parts thereof",
        "5000000",
      ),
      comtradeRecord(
        "X",
        "87",
        "Vehicles; other than railway or tramway rolling stock, and parts",
        chapter87,
      ),
      comtradeRecord("RX", "84", "Machinery", "1000"),
      // SITC 27 (crude fertilizers and minerals) is not HS chapter 27 (fuels).
      comtradeRecord("M", "27", "Crude fertilizers and crude minerals", "200", "S4"),
      comtradeRecord("M", "27", "Mineral fuels, mineral oils and products of their distillation", "7000000"),
    ];
    const importer = page.getByRole("region", { name: d.importTitle });
    const upload = async (lines: string[], name: string) => {
      await importer.getByLabel(d.fileLabel, { exact: true }).setInputFiles({
        name,
        mimeType: "text/csv",
        buffer: Buffer.from(`\ufeff${lines.join("\r\n")}\r\n`, "utf8"),
      });
      await importer.getByRole("button", { name: d.import, exact: true }).click();
    };

    // A value that is not a number: nothing is imported, and the line is named, in Chinese.
    await upload(records("3.5 million"), "comtrade-chn-rus-202503.csv");
    await importer.getByText(fill(d.refused, { lines: 1 })).waitFor();
    const problems = importer.getByRole("table", { name: d.problemsTitle });
    const problem = problems.getByRole("row").nth(1);
    expect(await problem.getByRole("rowheader").textContent()).toBe("4");
    expect(await problem.textContent()).toContain("primaryValue");
    expect(await problem.textContent()).toContain(fill(words.issue.not_number, { value: "3.5 million" }));

    // The corrected file: 4 facts of 6 records, and every record not counted as it is, by reason.
    await upload(records("3500000"), "comtrade-chn-rus-202503.csv");
    await importer.getByText(fill(d.imported, { imported: 4, rows: 6 })).waitFor();
    const report = importer.getByRole("status");
    for (const reason of [
      fill(words.skip.flow, { code: "RX" }),
      fill(words.skip.classification, { code: "S4" }),
      words.skip.aggregate_remainder,
    ])
      await report.getByText(fill(zh.statistics.skipCount, { reason, count: 1 }), { exact: true }).waitFor();
    await page.screenshot({
      path: path.join(screenshots, "statistics-comtrade-import-zh.png"),
      fullPage: true,
    });

    // The same file again changes nothing; the dataset is listed once, not yet public.
    await upload(records("3500000"), "comtrade-chn-rus-202503.csv");
    await importer.getByText(d.already, { exact: true }).waitFor();
    const listed = page
      .getByRole("table", { name: d.listTitle })
      .getByRole("row")
      .filter({ hasText: "comtrade-chn-rus-202503.csv" });
    expect(await listed.count()).toBe(1);
    await listed.getByRole("button", { name: d.publish }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it("a statistician in Russian saves a caliber, imports a source's file through it and reads the report", async () => {
    const { page, context } = await newPage("ru-RU");
    // 401: the /me before signing in; 400: the wrong country code sent on purpose.
    const errors = watchErrors(page, /status of 40[01] /);
    const s = ru.statistics;
    const c = s.calibers;
    await signIn(page, "stats.fcs@sample.amur.local", "/statistics/calibers");
    await heading(page, c.title).waitFor();
    await page.getByRole("navigation", { name: s.nav.label }).getByRole("link", { name: c.title }).waitFor();
    // The demo's sample caliber for the sample province table (data/samples/statistics) is listed.
    await page.getByRole("link", { name: "hlj-monthly", exact: true }).waitFor();

    // A new caliber for a (sample) monthly file of a Far Eastern customs office: semicolons, decimal
    // commas, values in thousands of roubles, Russian labels.
    await page.getByRole("button", { name: c.new }).click();
    const editor = page.getByRole("region", { name: c.newTitle });
    await editor.waitFor();
    await editor.getByLabel(c.name, { exact: true }).fill("dvtu-monthly");
    await editor.getByLabel(c.source, { exact: true }).fill("dvtu-sample");
    await editor.getByLabel(c.reporter).selectOption("RU");
    await editor.getByLabel(c.currency).selectOption("RUB");
    await editor.getByLabel(c.valueScale).fill("1000");
    await editor.getByLabel(c.separator).selectOption(";");
    await editor.getByLabel(c.decimalComma).check();
    const column = (field: keyof typeof c.fields) =>
      editor.getByRole("group", { name: c.fields[field] }).getByLabel(c.column);
    await column("period").fill("Период");
    // The month is written once over merged cells: the rows below it leave it empty.
    await editor.getByRole("group", { name: c.fields.period }).getByLabel(c.fillDown).check();
    await column("flow").fill("Направление");
    await column("partner").fill("Страна");
    await column("hs").fill("Код ТН ВЭД");
    await column("port").fill("Пункт пропуска");
    await column("value").fill("Стоимость, тыс. руб.");

    // The labels of the columns that have them: flow, partner, crossing.
    const labels = (field: "flow" | "partner" | "port") =>
      editor.getByRole("group", { name: fill(c.labelTable, { field: c.fields[field] }) });
    const addLabel = async (field: "flow" | "partner" | "port", n: number, label: string, means: string) => {
      const table = labels(field);
      await table.getByRole("button", { name: fill(c.addLabel, { field: c.fields[field] }) }).click();
      const box = table.getByLabel(fill(c.label, { n }), { exact: true });
      // The new row takes focus, so a keyboard user types on.
      await expect.poll(async () => (await box.getAttribute("id")) === (await focusedId(page))).toBe(true);
      await box.fill(label);
      const meaning = table.getByLabel(fill(c.means, { n }), { exact: true });
      if (field === "partner") await meaning.fill(means);
      else await meaning.selectOption(means);
    };
    await addLabel("flow", 1, "Экспорт", "export");
    await addLabel("flow", 2, "Импорт", "import");
    // "КНР" is not a country code: the server says so at that row.
    await addLabel("partner", 1, "Китай", "КНР");
    await addLabel("port", 1, "Благовещенск", "heihe-blagoveshchensk");
    await addLabel("port", 2, "Забайкальск", "manzhouli-zabaykalsk");
    const skip = editor.getByRole("group", { name: c.skipGroup });
    await skip.getByRole("button", { name: c.addSkip }).click();
    await skip.getByLabel(fill(c.skipColumn, { n: 1 }), { exact: true }).fill("Направление");
    await skip.getByLabel(fill(c.skipLabels, { n: 1 }), { exact: true }).fill("Итого");
    await page.screenshot({ path: path.join(screenshots, "statistics-caliber-form-ru.png"), fullPage: true });

    await editor.getByRole("button", { name: c.save }).click();
    const partnerMeaning = labels("partner").getByLabel(fill(c.means, { n: 1 }), { exact: true });
    await expect.poll(() => partnerMeaning.getAttribute("aria-invalid")).toBe("true");
    await labels("partner").getByText(serverRu.validation.invalid_pattern).waitFor();
    await editor.getByRole("alert").getByText(serverRu.validation.invalid_pattern).waitFor();
    await partnerMeaning.fill("CN");
    await editor.getByRole("button", { name: c.save }).click();

    // Saved: the caliber's own page, with its mapping and the import.
    await expect.poll(() => new URL(page.url()).pathname).toBe("/statistics/calibers/dvtu-monthly");
    await page.getByText(fill(c.saved, { name: "dvtu-monthly" })).waitFor();
    const mapping = page.getByRole("table", { name: fill(c.labelTable, { field: c.fields.port }) });
    await mapping.getByText("Благовещенск").first().waitFor();
    const merged = page.locator(".details > div").filter({ hasText: c.fillDownShown });
    expect(await merged.locator("dd").textContent()).toBe(c.fields.period);

    // A file with a flow the caliber does not know and a value that is no number: refused whole, both
    // listed with their lines.
    const header = "Период;Направление;Страна;Пункт пропуска;Код ТН ВЭД;Стоимость, тыс. руб.";
    // As a spreadsheet saves it: the table's title above the header, the month once over its rows.
    const good = [
      "Экспорт и импорт по пунктам пропуска ДВТУ (образец), январь 2025 г.",
      header,
      "01.2025;Экспорт;Китай;Благовещенск;4407;1 250,5",
      ";Импорт;Китай;Благовещенск;0808;300",
      ";Экспорт;CN;Забайкальск;2701;2 000",
      ";Итого;;;;3 550,5",
    ];
    const bad = [
      ...good,
      "01.2025;Реэкспорт;Китай;Благовещенск;4407;10",
      "01.2025;Экспорт;Китай;Забайкальск;2701;много",
    ];
    const importer = page.getByRole("region", { name: c.import.title });
    const upload = async (lines: string[], name: string) => {
      await importer.getByLabel(c.import.file, { exact: true }).setInputFiles({
        name,
        mimeType: "text/csv",
        buffer: Buffer.from(`${lines.join("\r\n")}\r\n`, "utf8"),
      });
      await importer.getByRole("button", { name: c.import.submit }).click();
    };
    await upload(bad, "dvtu-2025-01-draft.csv");
    await importer.getByText(fill(c.report.refused, { count: 2 })).waitFor();
    const unknown = importer.getByRole("table", { name: c.report.unmappedTitle });
    const unknownRow = unknown.getByRole("row").filter({ hasText: "Реэкспорт" });
    expect(await unknownRow.textContent()).toContain(c.fields.flow);
    expect(await unknownRow.getByRole("cell").last().textContent()).toBe("7");
    const badRows = importer.getByRole("table", { name: c.report.badTitle });
    expect(await badRows.getByRole("row").nth(1).textContent()).toMatch(/^8.*много/);
    await page.screenshot({
      path: path.join(screenshots, "statistics-caliber-refused-ru.png"),
      fullPage: true,
    });

    // The corrected file, with its progress shown: the request is held back a moment before it goes
    // out, so the bar is on screen; every bar's label is recorded on the way, to see both steps —
    // sending the file, then the server mapping it.
    await page.evaluate(`
      window.progressSeen = [];
      new MutationObserver(() => {
        for (const bar of document.querySelectorAll('[role="progressbar"]')) {
          const label = bar.getAttribute("aria-label");
          if (label && window.progressSeen.at(-1) !== label) window.progressSeen.push(label);
        }
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    `);
    await page.route("**/api/v1/statistics/imports/caliber/**", async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await route.continue();
    });
    await upload(good, "dvtu-2025-01.csv");
    const sending = fill(c.import.uploading, { file: "dvtu-2025-01.csv" });
    await importer.getByRole("progressbar", { name: sending }).waitFor();
    await importer.getByText(pattern(c.report.imported, { imported: 3, rows: 4 })).waitFor();
    await page.unroute("**/api/v1/statistics/imports/caliber/**");
    expect(await page.evaluate<string[]>("window.progressSeen")).toEqual(
      expect.arrayContaining([sending, c.import.processing]),
    );
    expect(await importer.getByRole("progressbar").count()).toBe(0);
    const counts = importer.locator(".caliber-report__counts");
    expect(
      await plainText(counts.locator("div").filter({ hasText: c.report.importedRows }).locator("dd")),
    ).toBe("3");
    expect(
      await plainText(counts.locator("div").filter({ hasText: c.report.skippedRows }).locator("dd")),
    ).toBe("2");
    await importer.getByText("Направление: Итого").waitFor();
    await importer.getByText(serverRu.statistics.skip.preamble).waitFor();
    await page.screenshot({
      path: path.join(screenshots, "statistics-caliber-imported-ru.png"),
      fullPage: true,
    });

    // The same file again is a no-op, and the report says so.
    await upload(good, "dvtu-2025-01.csv");
    await importer.getByText(pattern(c.report.already, {})).waitFor();

    // The dataset waits unpublished among the datasets.
    await page
      .getByRole("navigation", { name: s.nav.label })
      .getByRole("link", { name: s.datasets.title })
      .click();
    await page
      .getByRole("row")
      .filter({ hasText: "dvtu-2025-01.csv" })
      .getByRole("button", { name: s.datasets.publish })
      .waitFor();

    // On a phone the caliber's page stacks and keeps every control in reach.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/statistics/calibers/dvtu-monthly");
    await heading(page, "dvtu-monthly").waitFor();
    expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
    await page.screenshot({
      path: path.join(screenshots, "statistics-caliber-phone-ru.png"),
      fullPage: true,
    });
    expect(errors).toEqual([]);
    await context.close();
  });
});
