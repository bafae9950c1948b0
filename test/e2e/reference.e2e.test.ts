import path from "node:path";
import type { Browser, Page } from "playwright-core";
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
  return watchPageErrors(page, /status of 40[14] /);
}

function newPage(language: "zh-CN" | "ru-RU", width = 1280, height = 800) {
  return openPage({ amur, browser }, language, width, height);
}

function heading(page: Page, name: string) {
  return page.getByRole("heading", { level: 1, name, exact: true });
}

/** Page functions are given as strings: this file is type-checked without the DOM library. */
async function focusedAttribute(page: Page, attribute: string): Promise<string | null> {
  return page.evaluate<string | null>(
    `document.activeElement?.getAttribute(${JSON.stringify(attribute)}) ?? null`,
  );
}

describe("HS browser", () => {
  it("finds wood in Russian and in Chinese, and shows a code's names, path and children", async () => {
    const { context, page, fetched } = await newPage("ru-RU");
    const errors = watchErrors(page);

    await page.goto("/reference");
    await heading(page, ru.modules.reference.title).waitFor();
    await page.getByRole("link", { name: ru.reference.hs.title }).click();
    await heading(page, ru.reference.hs.title).waitFor();
    const tree = page.getByRole("tree", { name: ru.reference.hs.treeLabel });
    await tree.getByRole("treeitem", { name: /^XXI / }).waitFor();
    expect(await tree.locator(':scope > [role="treeitem"]').count()).toBe(21);

    // A search in Russian finds the heading of rough wood.
    await page.getByRole("searchbox", { name: ru.reference.hs.searchLabel }).fill("лесоматериалы");
    const results = page.getByRole("list", { name: ru.reference.hs.resultsTitle });
    const hit = results.getByRole("link", { name: /^4403\s/ });
    await hit.waitFor();
    expect(new URL(page.url()).searchParams.get("q")).toBe("лесоматериалы");
    await hit.click();
    await expect.poll(() => new URL(page.url()).pathname).toBe("/reference/hs/4403");

    // The detail: the Russian name first and prominent, the other languages labelled, the path.
    const detail = page.locator(".hs-detail");
    await detail
      .getByRole("heading", { level: 2 })
      .filter({ hasText: "Лесоматериалы необработанные" })
      .waitFor();
    const names = detail.locator(".hs-names__row");
    expect(await names.first().locator("dt").textContent()).toBe("Русский");
    expect(await names.first().locator("dd").textContent()).toContain("Лесоматериалы необработанные");
    expect(await names.first().locator("dd").textContent()).toContain(ru.reference.hs.sources.fcs);
    expect(await names.nth(1).locator("dd").textContent()).toBe(ru.reference.hs.detail.noName);
    expect(await names.nth(2).locator("dd").textContent()).toContain("Wood in the rough");
    const trail = detail.getByRole("navigation", { name: ru.reference.hs.detail.path });
    expect(await trail.getByRole("link").allTextContents()).toEqual(["Раздел IX", "Группа 44"]);
    expect(await trail.locator('[aria-current="page"]').textContent()).toBe("Позиция 4403");

    // The tree opened down to the code and selected it; the keyboard goes on from there.
    const selected = tree.locator('[role="treeitem"][aria-selected="true"]');
    await expect.poll(() => selected.getAttribute("data-code")).toBe("4403");
    expect(await tree.locator('[data-code="44"]').getAttribute("aria-expanded")).toBe("true");
    await selected.focus();
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => selected.getAttribute("aria-expanded")).toBe("true");
    await tree.locator('[data-code="440311"]').waitFor();
    await page.keyboard.press("ArrowRight");
    expect(await focusedAttribute(page, "data-code")).toBe("440311");
    await page.keyboard.press("Enter");
    await expect.poll(() => new URL(page.url()).pathname).toBe("/reference/hs/440311");
    // A selection in the tree keeps the focus in the tree.
    await expect.poll(() => focusedAttribute(page, "data-code")).toBe("440311");
    // Subheadings have English names only here: shown in English and tagged as such.
    await detail.locator(".hs-detail__title .lang-tag").waitFor();
    // Enter also opened the subheading: Left closes it, then goes up to its heading, then closes that.
    const subheading = tree.locator('[data-code="440311"]');
    await expect.poll(() => subheading.getAttribute("aria-expanded")).toBe("true");
    await page.keyboard.press("ArrowLeft");
    await expect.poll(() => subheading.getAttribute("aria-expanded")).toBe("false");
    await page.keyboard.press("ArrowLeft");
    expect(await focusedAttribute(page, "data-code")).toBe("4403");
    await page.keyboard.press("ArrowLeft");
    await expect.poll(() => tree.locator('[data-code="4403"]').getAttribute("aria-expanded")).toBe("false");

    await page.goto("/reference/hs/4403?q=лесоматериалы");
    await detail.getByRole("heading", { level: 2 }).filter({ hasText: "Лесоматериалы" }).waitFor();
    await hit.waitFor();
    await page.screenshot({ path: path.join(screenshots, "hs-ru.png"), fullPage: true });

    // In Chinese: 木 finds chapter 44 with its (team-translated) Chinese name.
    await page.getByRole("button", { name: "中文", exact: true }).click();
    await heading(page, zh.reference.hs.title).waitFor();
    await page.getByRole("searchbox", { name: zh.reference.hs.searchLabel }).fill("木");
    const zhHit = page
      .getByRole("list", { name: zh.reference.hs.resultsTitle })
      .getByRole("link", { name: /^44\s/ });
    await zhHit.getByText("木及木制品；木炭", { exact: true }).waitFor();
    await zhHit.click();
    await expect.poll(() => new URL(page.url()).pathname).toBe("/reference/hs/44");
    await detail.getByRole("heading", { level: 2 }).filter({ hasText: "木及木制品；木炭" }).waitFor();
    expect(await detail.locator(".hs-names__row").first().textContent()).toContain(
      zh.reference.hs.sources.teamTranslation,
    );
    const zhTrail = detail.getByRole("navigation", { name: zh.reference.hs.detail.path });
    expect(await zhTrail.getByRole("link").allTextContents()).toEqual(["第IX类"]);
    await page.screenshot({ path: path.join(screenshots, "hs-zh.png"), fullPage: true });

    // An unknown code: the server's own problem, in the reader's language.
    await page.goto("/reference/hs/0000");
    const problem = page.getByRole("alert").filter({ hasText: "未知商品编码" });
    await problem.waitFor();
    expect(await problem.textContent()).toContain("0000");

    // The world outline belongs to the port map only.
    expect(fetched.filter((url) => url.includes("countries-50m"))).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("port map", () => {
  it("opens a crossing pair from its marker, with both sides and dated facts", async () => {
    const { context, page, fetched } = await newPage("zh-CN");
    const errors = watchErrors(page);

    await page.goto("/reference/ports");
    await heading(page, zh.reference.ports.title).waitFor();
    // The base map is drawn from world-atlas once it has arrived.
    await page.locator(".port-map__land--cn").waitFor({ state: "attached" });
    await page.locator(".port-map__cn-ru").waitFor({ state: "attached" });
    expect(fetched.filter((url) => url.includes("countries-50m"))).toHaveLength(1);

    const map = page.locator(".port-map");
    const heihe = map.getByRole("button", { name: /^黑河，/ });
    await heihe.click();
    await expect.poll(() => new URL(page.url()).searchParams.get("pair")).toBe("heihe-blagoveshchensk");
    await expect.poll(() => heihe.getAttribute("aria-pressed")).toBe("true");

    const panel = page.locator(".port-detail");
    await panel.getByRole("heading", { level: 2, name: "黑河 — 布拉戈维申斯克" }).waitFor();
    // Opening a pair takes the reader to its panel.
    await expect
      .poll(() => page.evaluate<string | null>("document.activeElement?.textContent ?? null"))
      .toBe("黑河 — 布拉戈维申斯克");
    const russianSide = panel.locator(".port-side--ru");
    await russianSide.getByText("Благовещенск", { exact: true }).waitFor();
    await russianSide.getByText("Blagoveshchensk", { exact: true }).waitFor();
    expect(await russianSide.textContent()).toContain("RUBLG");
    const opening = panel.locator(".port-fact").filter({ has: page.locator('time[datetime="2022-06-10"]') });
    expect(await opening.textContent()).toContain(zh.reference.ports.factKinds.opened);
    expect(await opening.locator(".port-fact__text").textContent()).toContain("road bridge");
    expect(await opening.textContent()).toContain("tass.com/society/1155199");
    expect(await panel.textContent()).toContain("794");
    // The panel scrolls on its own beside the map: show the facts in the screenshot.
    await opening.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(screenshots, "ports-zh.png"), fullPage: true });

    // Closing the panel returns to the marker.
    await panel.getByRole("button", { name: zh.reference.ports.detail.close }).click();
    await panel.waitFor({ state: "detached" });
    await expect.poll(() => focusedAttribute(page, "data-pair")).toBe("heihe-blagoveshchensk");

    // The table lists every pair, also those the map cannot show.
    const table = page.getByRole("table", { name: zh.reference.ports.list.caption });
    expect(await table.locator("tbody tr").count()).toBe(19);
    const erka = table.getByRole("row").filter({ hasText: "二卡" });
    expect(await erka.textContent()).toContain(zh.reference.ports.locationNotConfirmed);
    expect(await map.locator('[data-pair="erka"]').count()).toBe(0);
    await erka.getByRole("button").click();
    await panel.locator(".port-side--ru").getByText(zh.reference.ports.counterpartUnknown).waitFor();
    await panel.getByText(zh.reference.ports.unconfirmed.cnCoordinates).waitFor();

    expect(errors).toEqual([]);
    await context.close();
  });

  it("works on a phone in Russian from the list", async () => {
    const { context, page } = await newPage("ru-RU", 390, 844);
    const errors = watchErrors(page);

    await page.goto("/reference/ports");
    await heading(page, ru.reference.ports.title).waitFor();
    await page.locator(".port-map__land--ru").waitFor({ state: "attached" });
    await page.getByRole("button", { name: "Хэйхэ — Благовещенск", exact: true }).click();
    const panel = page.locator(".port-detail");
    await panel.getByRole("heading", { level: 2, name: "Хэйхэ — Благовещенск" }).waitFor();
    await panel.locator('time[datetime="2022-06-10"]').waitFor();
    expect(await panel.locator('time[datetime="2022-06-10"]').textContent()).toBe("10 июня 2022 г.");
    expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
    // The panel was scrolled to and focused: its heading is in view.
    const box = await panel.getByRole("heading", { level: 2 }).boundingBox();
    expect(box && box.y >= 0 && box.y < 844).toBe(true);
    await page.screenshot({ path: path.join(screenshots, "ports-ru-phone.png"), fullPage: true });

    expect(errors).toEqual([]);
    await context.close();
  });
});
