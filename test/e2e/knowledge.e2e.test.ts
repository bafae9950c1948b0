import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type en from "../../web/src/locales/en.json";
import ru from "../../web/src/locales/ru-RU.json" with { type: "json" };
import zh from "../../web/src/locales/zh-CN.json" with { type: "json" };
import type { RunningAmur } from "./server.ts";
import {
  fill,
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

type Messages = typeof en;

// 401: the /me of a visit before signing in.
function watchErrors(page: Page): string[] {
  return watchPageErrors(page, /status of 401 /);
}

function newPage(language: "zh-CN" | "ru-RU", width = 1280, height = 900) {
  return openPage({ amur, browser }, language, width, height);
}

function heading(page: Page, name: string) {
  return page.getByRole("heading", { level: 1, name, exact: true });
}

async function signIn(page: Page, messages: Messages, email: string, next: string): Promise<void> {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await heading(page, messages.login.title).waitFor();
  await page.getByLabel(messages.login.email, { exact: true }).fill(email);
  await page.getByLabel(messages.login.password, { exact: true }).fill(amur.password);
  await page.getByRole("button", { name: messages.login.submit, exact: true }).click();
  await expect.poll(() => new URL(page.url()).pathname).toBe(next);
}

async function signOut(page: Page, messages: Messages): Promise<void> {
  await page.getByRole("button", { name: messages.auth.signOut }).click();
  await page.locator(".site-header").getByRole("link", { name: messages.auth.signIn }).waitFor();
}

const BAN_TITLE = "Запрет вывоза необработанных лесоматериалов хвойных пород и ценных лиственных пород";
const BAN_NUMBER = "Постановление № 396";
const AMENDMENT = "Уточнение редакции: запрет распространяется также на вывоз щепы хвойных пород (тест).";

describe("knowledge base: find the rules across languages, follow them, hear of an amendment (journey 1)", () => {
  it("a Chinese trader finds the Russian ban through the term bank and follows it; the Russian editor amends it; the trader is alerted", async () => {
    const k = zh.knowledge;

    // ---- Heihe Fruit searches in Chinese and finds a Russian-only document through the term bank. ----
    const trader = await newPage("zh-CN");
    const errors = watchErrors(trader.page);
    const page = trader.page;
    await signIn(page, zh, "trader.heihe@sample.amur.local", "/");
    const nav = page.getByRole("navigation", { name: zh.a11y.mainNav });
    await nav.getByRole("link", { name: zh.nav.knowledge }).click();
    await heading(page, zh.modules.knowledge.title).waitFor();
    // The module is built: no "under construction" page any more.
    expect(await page.getByRole("heading", { name: zh.modules.constructionTitle }).count()).toBe(0);
    await page.getByRole("searchbox", { name: k.search.label }).fill("原木 出口禁令");
    await page.getByRole("button", { name: k.search.submit, exact: true }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("q")).toBe("原木 出口禁令");
    const hit = page.locator(".kb-hit").filter({ has: page.getByRole("link", { name: BAN_TITLE }) });
    await hit.waitFor();
    // Found through the term bank: the server says so in Chinese, naming both terms.
    const via = await hit.locator(".kb-via").textContent();
    expect(via).toContain("出口禁令");
    expect(via).toContain("запрет вывоза");
    // The matching words are highlighted, as text.
    expect(await hit.locator(".kb-snippet mark").count()).toBeGreaterThan(0);
    expect(await hit.locator(".kb-lang[data-lang='ru']").first().textContent()).toContain(k.lang.ru);
    await page.locator(".kb-expansions").getByText("roundwood", { exact: false }).waitFor();
    await page.screenshot({ path: path.join(screenshots, "knowledge-search-zh.png"), fullPage: true });

    // The document: Russian only, the original, a summary by the team; its details in Chinese.
    await hit.getByRole("link", { name: BAN_TITLE }).click();
    await heading(page, BAN_TITLE).waitFor();
    const documentUrl = new URL(page.url()).pathname;
    const tab = page.getByRole("tab", { selected: true });
    expect(await tab.textContent()).toContain(k.lang.ru);
    expect(await tab.textContent()).toContain(k.translation.original);
    const text = page.getByRole("tabpanel");
    await text.getByText(k.summaryBadge, { exact: true }).waitFor();
    await text.getByText(k.summaryNotice).waitFor();
    expect(await text.getAttribute("lang")).toBe("ru-RU");
    await page.getByText(fill(k.document.noVersionIn, { lang: k.lang.zh })).waitFor();
    await page.locator(".kb-meta").getByText(BAN_NUMBER).waitFor();
    await page.locator(".kb-meta").getByText(k.topics.timber).waitFor();

    // Follow it.
    await page.getByRole("button", { name: k.document.subscribe }).click();
    await page.getByText(k.subscribe.following).waitFor();
    await page.screenshot({ path: path.join(screenshots, "knowledge-document-zh.png"), fullPage: true });

    // What applies to roundwood from Russia at Heihe: both sides on one page; follow HS 4403 too.
    await page.getByRole("link", { name: "4403", exact: true }).click();
    await heading(page, k.applies.title).waitFor();
    await page.getByRole("radio", { name: k.applies.directions.RU_TO_CN }).check();
    await page.getByLabel(k.applies.port).selectOption("heihe-blagoveshchensk");
    await page.getByRole("button", { name: k.applies.submit }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("port")).toBe("heihe-blagoveshchensk");
    const exporter = page.getByRole("region", {
      name: fill(k.applies.sideTitle.export, { side: k.side.RU }),
    });
    const importer = page.getByRole("region", {
      name: fill(k.applies.sideTitle.import, { side: k.side.CN }),
    });
    await exporter.getByRole("link", { name: BAN_TITLE }).waitFor();
    await importer.getByText(k.applies.rules).waitFor();
    await page.getByRole("button", { name: fill(k.applies.subscribe, { hs: "4403" }) }).click();
    await page.getByText(k.subscribe.following).waitFor();
    await page.screenshot({ path: path.join(screenshots, "knowledge-applies-zh.png"), fullPage: true });
    // China's national code has no name of its own in the data: its subheading's name stands in.
    await page.getByRole("combobox", { name: k.applies.hs }).fill("4403210000");
    await page.locator(".kb-hs-name").getByText("440321", { exact: true }).waitFor();

    // Both show in the subscriptions.
    await page.goto("/knowledge/subscriptions");
    await heading(page, k.subscriptions.title).waitFor();
    const subscriptions = page.locator(".kb-subscription");
    await expect.poll(() => subscriptions.count()).toBe(2);
    await subscriptions.filter({ hasText: BAN_TITLE }).waitFor();
    await subscriptions.filter({ hasText: "4403" }).waitFor();
    await signOut(page, zh);
    expect(errors).toEqual([]);
    await trader.context.close();

    // ---- The Russian editor amends the published ban: its Russian text gets a second version. ----
    const r = ru.knowledge;
    const editor = await newPage("ru-RU");
    const editorErrors = watchErrors(editor.page);
    const desk = editor.page;
    await signIn(desk, ru, "editor.ru@sample.amur.local", "/knowledge/editor");
    await heading(desk, r.desk.title).waitFor();
    await desk.getByRole("tab", { name: r.status.published }).click();
    await expect.poll(() => new URL(desk.url()).searchParams.get("status")).toBe("published");
    const row = desk.getByRole("row").filter({ has: desk.getByRole("link", { name: BAN_TITLE }) });
    await row.waitFor();
    await desk.screenshot({ path: path.join(screenshots, "knowledge-desk-ru.png"), fullPage: true });
    await row.getByRole("link", { name: BAN_TITLE }).click();
    await heading(desk, BAN_TITLE).waitFor();
    expect(new URL(desk.url()).pathname).toBe(documentUrl);
    await desk.getByRole("link", { name: r.document.edit, exact: true }).click();
    await heading(desk, r.form.editTitle).waitFor();
    // Saving a published document is an amendment its followers hear of: the form says so first.
    await desk.getByText(r.form.amendmentTitle).waitFor();
    const russian = desk.locator("fieldset[data-lang='ru']");
    const body = russian.getByLabel(r.form.body, { exact: true });
    const before = await body.inputValue();
    expect(before).toContain("Сводка команды");
    await body.fill(`${before}\n\n${AMENDMENT}`);
    await russian.getByLabel(r.form.note).fill("Поправка: щепа хвойных пород");
    await desk.screenshot({ path: path.join(screenshots, "knowledge-edit-ru.png"), fullPage: true });
    await desk.getByRole("button", { name: r.form.saveChanges }).click();
    await desk.getByText(r.form.updated).waitFor();
    await heading(desk, BAN_TITLE).waitFor();
    await desk.getByRole("tabpanel").getByText(AMENDMENT).waitFor();
    await desk
      .getByRole("tabpanel")
      .getByText(fill(r.history.version, { n: 2 }), { exact: false })
      .waitFor();

    // The history shows what the amendment added.
    await desk.getByRole("button", { name: r.history.show }).click();
    const latest = desk.locator(".kb-history__entry").first();
    await latest.getByText(fill(r.history.version, { n: 2 })).waitFor();
    await latest.locator("ins.kb-diff__line--added").filter({ hasText: AMENDMENT }).waitFor();
    await latest.getByText("Поправка: щепа хвойных пород").waitFor();
    await desk.screenshot({ path: path.join(screenshots, "knowledge-history-ru.png"), fullPage: true });
    await signOut(desk, ru);
    expect(editorErrors).toEqual([]);
    await editor.context.close();

    // ---- The trader sees the amendment in the alerts, with the count in the navigation. ----
    const back = await newPage("zh-CN");
    const backErrors = watchErrors(back.page);
    const feedPage = back.page;
    await signIn(feedPage, zh, "trader.heihe@sample.amur.local", "/knowledge/notifications");
    await heading(feedPage, k.notifications.title).waitFor();
    // The outbox delivers the event to the feed shortly after the save.
    const item = feedPage.locator(".kb-feed__item").filter({ hasText: k.change.amended });
    await expect
      .poll(
        async () => {
          if ((await item.count()) > 0) return true;
          await feedPage.reload();
          await heading(feedPage, k.notifications.title).waitFor();
          return false;
        },
        { timeout: 20_000, interval: 1_000 },
      )
      .toBe(true);
    // One alert for the one change, though two subscriptions match it.
    expect(await feedPage.locator(".kb-feed__item").count()).toBe(1);
    expect(await item.locator(".kb-feed__text").textContent()).toContain(BAN_TITLE);
    await item.getByText(k.notifications.new, { exact: true }).waitFor();
    const alerts = feedPage
      .getByRole("navigation", { name: zh.a11y.mainNav })
      .getByRole("link", { name: new RegExp(`^${k.nav.alerts}`) });
    await alerts.locator(".nav-count").waitFor();
    expect(await alerts.locator(".nav-count").textContent()).toContain("1");
    await feedPage.screenshot({ path: path.join(screenshots, "knowledge-alerts-zh.png"), fullPage: true });

    // Marked read, the count goes away.
    await item.getByRole("button", { name: k.notifications.markRead }).click();
    await item.getByText(k.notifications.new, { exact: true }).waitFor({ state: "detached" });
    await alerts.locator(".nav-count").waitFor({ state: "detached" });
    expect(backErrors).toEqual([]);
    await back.context.close();
  });

  it("reads the counterpart measure of a Chinese VAT notice in Russian, and the term bank", async () => {
    const r = ru.knowledge;
    const { context, page } = await newPage("ru-RU");
    const errors = watchErrors(page);
    await page.goto(
      "/knowledge?q=%E8%B4%A2%E6%94%BF%E9%83%A8%20%E7%A8%8E%E5%8A%A1%E6%80%BB%E5%B1%80%20%E6%B5%B7%E5%85%B3%E6%80%BB%E7%BD%B2%E5%85%AC%E5%91%8A2019%E5%B9%B4%E7%AC%AC39%E5%8F%B7",
    );
    await heading(page, ru.modules.knowledge.title).waitFor();
    const hit = page.locator(".kb-hit").first();
    await hit.getByText(r.search.exactNumber).waitFor();
    await hit.locator(".kb-hit__title a").click();
    // The Chinese notice opens in its Russian translation, the counterpart measure shown first.
    const counterpart = page.getByRole("region", { name: r.document.counterpartTitle });
    await counterpart.waitFor();
    await counterpart.getByText("303-ФЗ").first().waitFor();
    const tab = page.getByRole("tab", { selected: true });
    expect(await tab.textContent()).toContain(r.lang.ru);
    expect(await tab.textContent()).toContain(r.translation.unofficial);
    await page.screenshot({ path: path.join(screenshots, "knowledge-counterpart-ru.png"), fullPage: true });

    await page.goto("/knowledge/terms");
    await heading(page, r.terms.title).waitFor();
    await page.getByRole("searchbox", { name: r.terms.filter }).fill("запрет вывоза");
    await page.getByRole("row").filter({ hasText: "出口禁令" }).waitFor();
    await page.screenshot({ path: path.join(screenshots, "knowledge-terms-ru.png"), fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });
});
