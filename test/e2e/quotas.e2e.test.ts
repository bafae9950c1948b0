import path from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import serverRu from "../../src/platform/i18n/locales/ru-RU.json" with { type: "json" };
import en from "../../web/src/locales/en.json" with { type: "json" };
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

// 401: the /me of a visit before signing in; 400 where a test sends a wrong amount on purpose.
function watchErrors(page: Page, expected = /status of 401 /): string[] {
  return watchPageErrors(page, expected);
}

function newPage(language: "zh-CN" | "ru-RU" | null, width = 1280, height = 900) {
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

/** Text with Intl's no-break spaces made plain. */
async function plainText(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? "").replace(/[\u00a0\u202f]/g, " ");
}

// The demo's pools, by their names in the demo seed (src/modules/quotas/quotas.seed.ts).
const SAWN_WOOD = { zh: "自俄罗斯进口锯材（示例配额）", ru: "Ввоз пиломатериалов из России (образец квоты)" };
const COAL = {
  zh: "经后贝加尔斯克出口烟煤（示例）",
  en: "Bituminous coal exports through Zabaykalsk (sample)",
};
const HEIHE_RU = "Хэйхэская компания «Лунцзян» по импорту и экспорту фруктов и овощей";

describe("quotas and licences: draw down a licence (journey 5)", () => {
  it("Heihe applies to the open CN pool, the Heilongjiang quota officer allocates, anyone verifies the licence", async () => {
    const z = zh.quotas;

    // ---- heihe_fruit applies for sawn wood in Chinese. ----
    const trader = await newPage("zh-CN");
    const errors = watchErrors(trader.page, /status of 40[01] /);
    const page = trader.page;
    await signIn(page, zh, "trader.heihe@sample.amur.local", "/quotas");
    await heading(page, zh.modules.quotas.title).waitFor();
    // An enterprise member finds its licences in the main navigation.
    const nav = page.getByRole("navigation", { name: zh.a11y.mainNav });
    await nav.getByRole("link", { name: zh.quotas.nav.myLicences }).waitFor();
    await page.getByRole("link", { name: SAWN_WOOD.zh }).click();
    await heading(page, SAWN_WOOD.zh).waitFor();
    // The share for border small-scale trade enterprises is stated with its figures.
    expect(await plainText(page.locator(".pool-split"))).toContain("40%");
    expect(await plainText(page.locator(".pool-split"))).toContain("8,000 立方米");
    // Not published yet: the allocation list is not public.
    await page.getByText(z.pool.notPublishedTitle).waitFor();
    await page.getByRole("link", { name: z.apply.button }).click();
    await heading(page, z.apply.title).waitFor();

    // A wrong amount is refused at the field, in Chinese.
    const amount = page.getByLabel(fill(z.apply.amount, { unit: z.unit.m3 }));
    await amount.fill("0");
    await page.getByRole("button", { name: z.apply.submit }).click();
    await page.locator(".form-summary").waitFor();
    await page.locator(".field--invalid").first().waitFor();
    await amount.fill("1 200,5");
    await page.getByLabel(z.apply.note).fill("黑河口岸木材加工项目");
    await page.getByRole("button", { name: z.apply.submit }).click();
    await heading(page, z.applications.mineTitle).waitFor();
    await page.getByText(z.apply.sent).waitFor();
    const mine = page.getByRole("row").filter({ hasText: SAWN_WOOD.zh });
    await mine.first().waitFor();
    expect(await plainText(mine.first())).toContain("1,200.5 立方米");
    expect(await plainText(mine.first())).toContain(z.applicationStatus.pending);
    await page.screenshot({ path: path.join(screenshots, "quotas-applied-zh.png"), fullPage: true });
    await signOut(page, zh);
    expect(errors).toEqual([]);
    await trader.context.close();

    // ---- The Heilongjiang quota officer allocates by the pool's rule and publishes the allocations. ----
    const officer = await newPage("zh-CN");
    const officerErrors = watchErrors(officer.page);
    const desk = officer.page;
    await signIn(desk, zh, "quota.hlj@sample.amur.local", "/quotas");
    await desk.getByRole("link", { name: SAWN_WOOD.zh }).click();
    await heading(desk, SAWN_WOOD.zh).waitFor();
    // The officer of the pool's side sees its figures before publication, marked as such.
    await desk.getByText(z.pool.officerPreview).waitFor();
    await desk.getByRole("link", { name: fill(z.officer.applicationsLink, { count: 1 }) }).click();
    await heading(desk, z.officer.title).waitFor();
    const pending = desk.getByRole("row").filter({ hasText: "黑河龙江果蔬进出口有限公司" });
    await pending.first().waitFor();
    expect(await plainText(pending.first())).toContain(z.borderTrade);
    await desk.screenshot({ path: path.join(screenshots, "quotas-officer-zh.png"), fullPage: true });
    const rule = z.rule.first_come;
    await desk.getByRole("button", { name: fill(z.officer.byRule, { rule }) }).click();
    const dialog = desk.getByRole("dialog", { name: z.officer.allocateTitle });
    await dialog.waitFor();
    await dialog.getByRole("button", { name: z.officer.allocateConfirm }).click();
    const issued = desk.getByRole("status").filter({ hasText: fill(z.officer.allocatedTitle, { count: 1 }) });
    await issued.waitFor();
    const number = ((await issued.locator(".stat-code").first().textContent()) ?? "").trim();
    expect(number).toMatch(/^CN-L\d{4}-[A-Z0-9]+$/);
    await desk.getByRole("button", { name: z.actions.publishAllocations.title }).click();
    const publish = desk.getByRole("dialog", { name: z.actions.publishAllocations.title });
    await publish.getByRole("button", { name: z.actions.publishAllocations.confirm }).click();
    await desk.getByText(z.actions.publishAllocations.done).waitFor();
    await desk.screenshot({ path: path.join(screenshots, "quotas-allocated-zh.png"), fullPage: true });
    await signOut(desk, zh);
    expect(officerErrors).toEqual([]);
    await officer.context.close();

    // ---- A competitor on the Russian side checks the number without signing in. ----
    const visitor = await newPage("ru-RU");
    const visitorErrors = watchErrors(visitor.page);
    const check = visitor.page;
    await check.goto("/quotas");
    await heading(check, ru.modules.quotas.title).waitFor();
    await check.getByRole("link", { name: ru.quotas.verify.title }).click();
    await heading(check, ru.quotas.verify.title).waitFor();
    await check.getByLabel(ru.quotas.verify.number, { exact: true }).fill(` ${number.toLowerCase()} `);
    await check.getByRole("button", { name: ru.quotas.verify.submit }).click();
    // The verdict is the server's sentence, in the visitor's language.
    const result = check.getByRole("region", { name: fill(serverRu.quotas.verify.active, { number }) });
    await result.waitFor();
    expect(await plainText(result)).toContain(HEIHE_RU);
    expect(await plainText(result)).toContain(SAWN_WOOD.ru);
    expect(await plainText(result)).toContain(ru.quotas.verify.status.active);
    // The amounts are for the holder and the officers only.
    expect(await plainText(result)).toContain(ru.quotas.verify.amountsHidden);
    expect(await plainText(result)).not.toContain("1 200,5");
    expect(new URL(check.url()).searchParams.get("number")).toBe(number);
    await check.screenshot({ path: path.join(screenshots, "quotas-verify-ru.png"), fullPage: true });

    // An unknown number says so.
    await check.getByLabel(ru.quotas.verify.number, { exact: true }).fill("CN-L2026-NOSUCH");
    await check.getByRole("button", { name: ru.quotas.verify.submit }).click();
    await check.getByText(ru.quotas.verify.status.unknown).waitFor();

    // The published allocation list names the holder and the share it came from.
    await check.goto("/quotas");
    await check.getByRole("link", { name: SAWN_WOOD.ru }).click();
    await heading(check, SAWN_WOOD.ru).waitFor();
    const allocation = check.getByRole("row").filter({ has: check.getByRole("link", { name: number }) });
    await allocation.waitFor();
    expect(await plainText(allocation)).toContain(ru.quotas.borderTrade);
    expect(await plainText(allocation)).toContain("1 200,5 м³");
    expect(visitorErrors).toEqual([]);
    await visitor.context.close();

    // ---- The holder prints the licence, in Russian. ----
    const holder = await newPage("ru-RU");
    const holderErrors = watchErrors(holder.page);
    await signIn(holder.page, ru, "trader.heihe@sample.amur.local", "/quotas/licences");
    await heading(holder.page, ru.quotas.licences.title).waitFor();
    await holder.page.getByRole("link", { name: number }).click();
    await heading(holder.page, fill(ru.quotas.licence.title, { number })).waitFor();
    await holder.page.getByRole("button", { name: ru.quotas.licence.print }).waitFor();
    expect(await plainText(holder.page.locator(".licence-doc__facts"))).toContain("1 200,5 м³");
    await holder.page.emulateMedia({ media: "print" });
    expect(await holder.page.locator(".site-header").isVisible()).toBe(false);
    await holder.page.screenshot({
      path: path.join(screenshots, "quotas-licence-print-ru.png"),
      fullPage: true,
    });
    expect(holderErrors).toEqual([]);
    await holder.context.close();
  });

  it("the coal pool shows how Daurian Coal's licence is drawn down, as a chart and as a table", async () => {
    const { page, context } = await newPage("zh-CN");
    const errors = watchErrors(page);
    await page.goto("/quotas");
    await page.getByRole("link", { name: COAL.zh }).click();
    await heading(page, COAL.zh).waitFor();
    const z = zh.quotas;
    const byMonth = page.getByRole("figure", { name: fill(z.utilization.byMonthTitle, { unit: z.unit.t }) });
    await byMonth.waitFor();
    expect(await byMonth.locator("svg rect.stat-svg__bar").count()).toBeGreaterThan(0);
    const byEnterprise = page.getByRole("figure", { name: z.utilization.byEnterpriseTitle });
    await byEnterprise.getByRole("button", { name: zh.statistics.view.table }).click();
    const row = byEnterprise.getByRole("row").filter({ hasText: "达乌尔煤炭有限责任公司" });
    await row.waitFor();
    expect(await plainText(row)).toContain("300,000 吨");
    // The allocation list with its CSV.
    const csv = page.getByRole("link", { name: z.allocations.csv });
    expect(await csv.getAttribute("href")).toMatch(/^\/api\/v1\/quotas\/pools\/[^/]+\/allocations\.csv$/);
    const licence = page.getByRole("row").filter({ has: page.getByRole("link", { name: /^RU-L\d{4}-/ }) });
    await licence.first().waitFor();
    await page.screenshot({ path: path.join(screenshots, "quotas-coal-zh.png"), fullPage: true });
    // Used: released declarations drew on the licence.
    const used = page.locator(".quota-figure").filter({ hasText: z.figures.used });
    expect(await plainText(used)).not.toMatch(/\s0 吨$/);
    // On a phone the page keeps to the screen's width.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
    expect(errors).toEqual([]);
    await context.close();
  });
});
