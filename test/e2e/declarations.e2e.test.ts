import path from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
type Lane = keyof Messages["declarations"]["queue"]["laneText"];

// 401: the /me of a visit before signing in. 400: the live duty preview of a form still being filled
// in, which the server answers with the fields still missing.
function watchErrors(page: Page): string[] {
  return watchPageErrors(page, /status of 40[01] /);
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

/** The lane a page shows in its header (`data-lane` of the lane badge). */
async function laneOf(page: Page): Promise<Lane> {
  const lane = await page.locator(".page-header .decl-lane").getAttribute("data-lane");
  if (lane !== "green" && lane !== "blue" && lane !== "yellow" && lane !== "red")
    throw new Error(`no lane on the page: ${lane}`);
  return lane;
}

async function statusOf(page: Page): Promise<string> {
  return (await page.locator(".page-header .decl-status").getAttribute("data-status")) ?? "";
}

/** Text with Intl's no-break spaces made plain. */
async function plainText(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? "").replace(/[\u00a0\u202f]/g, " ");
}

describe("customs declarations: cross the border once (journey 4)", () => {
  it("Heihe exports apples in Chinese, the CN officer clears them by lane, the trader sees the release in Russian", async () => {
    const z = zh.declarations;
    const shipmentRef = `E2E-HH-${Date.now().toString(36).toUpperCase()}`;

    // ---- heihe_fruit files an export declaration of apples at Heihe, by road. ----
    const trader = await newPage("zh-CN");
    const errors = watchErrors(trader.page);
    const page = trader.page;
    await signIn(page, zh, "trader.heihe@sample.amur.local", "/declarations");
    await heading(page, zh.modules.declarations.title).waitFor();
    const nav = page.getByRole("navigation", { name: zh.a11y.mainNav });
    await nav.getByRole("link", { name: zh.nav.myDeclarations }).waitFor();
    // A trader has no lane queue.
    expect(await nav.getByRole("link", { name: zh.nav.laneQueue }).count()).toBe(0);
    await page.getByRole("link", { name: z.form.newTitle }).click();
    await heading(page, z.form.newTitle).waitFor();

    expect(await page.getByRole("radio", { name: z.flow.export }).isChecked()).toBe(true);
    await page.getByLabel(z.form.port, { exact: true }).selectOption("heihe-blagoveshchensk");
    // Trade modes of the Chinese side, named by the server in Chinese.
    const tradeMode = page.getByLabel(z.form.tradeMode, { exact: true });
    await tradeMode.locator("option[value='4019']").waitFor({ state: "attached" });
    expect(await tradeMode.locator("option[value='4019']").textContent()).toContain("边境小额贸易");
    await tradeMode.selectOption("4019");
    expect(await page.getByLabel(z.form.transportMode, { exact: true }).inputValue()).toBe("road");
    await page.getByLabel(z.form.shipmentRef).fill(shipmentRef);

    // The consignee: Amur Timber, found in the directory of the Russian side by its English name and
    // offered under its Chinese one.
    const consignee = page.getByRole("combobox", { name: z.form.counterpartySearch });
    await consignee.fill("Amur Timber");
    await page
      .getByRole("option", { name: /阿穆尔森林/ })
      .first()
      .click();
    await page.getByText(z.form.counterpartyPicked).waitFor();

    // Invoice, contract and the CMR the road transport asks for are offered already.
    const documents = page.locator(".decl-document");
    expect(await documents.count()).toBe(3);
    expect(await documents.nth(2).getByRole("combobox").inputValue()).toBe("cmr");
    await documents.nth(0).getByLabel(z.form.documentNumber).fill("HLF-INV-2026-118");
    await documents.nth(1).getByLabel(z.form.documentNumber).fill("HLF-BLG-2026-07");

    // One line of apples. The code is China's national 10 digits, named by its subheading.
    const line = page.getByRole("group", { name: fill(z.form.lineTitle, { n: 1 }) });
    await line.getByRole("combobox", { name: z.form.code }).fill("0808100000");
    await line.locator(".decl-code-name").waitFor();
    expect(await line.locator(".decl-code-name").textContent()).toContain("080810");
    await line.getByLabel(z.form.description).fill("鲜苹果（富士），纸箱装");
    await line.getByLabel(z.form.quantity, { exact: true }).fill("20000");
    await line.getByLabel(z.form.netKg).fill("20000");
    await line.getByLabel(z.form.grossKg).fill("21 500");
    await line.getByLabel(z.form.lineValue).fill("118000,50");

    // Without the CMR's number the server refuses the submission and says so at the documents.
    await page.getByRole("button", { name: z.form.submit, exact: true }).click();
    const summary = page.locator(".form-summary");
    await summary.waitFor();
    await page.locator(".decl-documents > .field__error").waitFor();
    expect(await page.locator(".decl-documents > .field__error").textContent()).toMatch(/CMR|运单/);
    await page.screenshot({ path: path.join(screenshots, "declarations-form-error-zh.png"), fullPage: true });
    await documents.nth(2).getByLabel(z.form.documentNumber).fill("CMR 0457821");

    // The live preview: the line's export duty explained in Chinese, and the totals.
    const preview = page.getByRole("region", { name: z.preview.title });
    await preview
      .getByRole("heading", { name: fill(z.preview.lineTitle, { n: 1, code: "0808100000" }) })
      .waitFor();
    await preview.getByText(zh.tariffs.result.kinds.exportDuty).first().waitFor();
    await expect.poll(() => preview.locator(".duty-preview__issues").count()).toBe(0);
    expect(await plainText(preview.locator(".decl-totals"))).toContain("CNY 118,000.50");
    await page.screenshot({ path: path.join(screenshots, "declarations-form-zh.png"), fullPage: true });

    await page.getByRole("button", { name: z.form.submit, exact: true }).click();
    await page.getByText(z.detail.submitted).waitFor();
    const number = (await page.locator(".page-header__title").textContent())?.replace(/^报关单\s*/, "") ?? "";
    expect(number).toMatch(/^CN-/);
    const declarationUrl = new URL(page.url()).pathname;
    const lane = await laneOf(page);
    const status = await statusOf(page);
    expect(["document_check", "inspection", "assessed"]).toContain(status);
    // The declarant sees the duties explained, the documents and the history, but not the risk rules.
    await page.getByRole("heading", { name: z.detail.duties }).waitFor();
    await page.getByText("CMR 0457821").waitFor();
    expect(await page.getByRole("heading", { name: z.risk.title }).count()).toBe(0);
    await page.screenshot({ path: path.join(screenshots, "declarations-detail-zh.png"), fullPage: true });

    // It is in "my declarations", with its status and lane.
    await nav.getByRole("link", { name: zh.nav.myDeclarations }).click();
    await heading(page, z.mine.title).waitFor();
    await page.getByRole("searchbox", { name: z.filters.search }).fill(shipmentRef);
    await expect.poll(() => new URL(page.url()).searchParams.get("q")).toBe(shipmentRef);
    const mine = page.getByRole("row").filter({ has: page.getByRole("link", { name: number }) });
    await mine.waitFor();
    expect(await mine.textContent()).toContain(z.status[status as keyof typeof z.status]);
    expect(await mine.textContent()).toContain(z.lane[lane]);
    await page.screenshot({ path: path.join(screenshots, "declarations-mine-zh.png"), fullPage: true });
    await signOut(page, zh);
    expect(errors).toEqual([]);
    await trader.context.close();

    // ---- The Harbin customs officer finds it in the lane queue and clears it. ----
    const officer = await newPage("zh-CN");
    const officerErrors = watchErrors(officer.page);
    const desk = officer.page;
    await signIn(desk, zh, "officer.harbin@sample.amur.local", "/declarations");
    await desk
      .getByRole("navigation", { name: zh.a11y.mainNav })
      .getByRole("link", { name: zh.nav.laneQueue })
      .click();
    await heading(desk, z.queue.title).waitFor();
    // Without a lane chosen, the queue opens on the strictest lane where work waits; each tab says how much.
    const opened = desk.getByRole("tab", { selected: true });
    await expect
      .poll(async () => Number((await opened.locator(".lane-tab__count > [aria-hidden]").textContent()) ?? 0))
      .toBeGreaterThan(0);
    await desk.getByRole("tab", { name: z.lane[lane] }).click();
    await expect.poll(() => new URL(desk.url()).searchParams.get("lane")).toBe(lane);
    expect(await desk.getByRole("tab", { name: z.lane[lane] }).getAttribute("aria-selected")).toBe("true");
    const queued = desk.getByRole("row").filter({ has: desk.getByRole("link", { name: number }) });
    await queued.waitFor();
    await desk.screenshot({ path: path.join(screenshots, "declarations-queue-zh.png"), fullPage: true });
    await queued.getByRole("link", { name: number }).click();
    await heading(desk, fill(z.detail.heading, { number })).waitFor();

    // Why this lane: the server's summary and the rules, in Chinese.
    const why = desk.getByRole("region", { name: z.risk.title });
    await why.waitFor();
    expect(((await why.locator(".risk-explanation__summary").textContent()) ?? "").length).toBeGreaterThan(0);
    await why.getByRole("heading", { name: z.risk.randomTitle }).waitFor();
    await desk.screenshot({ path: path.join(screenshots, "declarations-officer-zh.png"), fullPage: true });

    const decide = desk.getByRole("region", { name: z.actions.title });
    const confirm = async (action: "document-check" | "inspection" | "release", choice?: string) => {
      await decide.getByRole("button", { name: z.actions[action].title, exact: true }).click();
      const dialog = desk.getByRole("dialog", { name: fill(z.actions[action].dialogTitle, { number }) });
      await dialog.waitFor();
      if (choice) await dialog.getByRole("radio", { name: choice }).check();
      await dialog.getByRole("button", { name: z.actions[action].confirm, exact: true }).click();
      await dialog.waitFor({ state: "hidden" });
    };
    if ((await statusOf(desk)) === "document_check") {
      await confirm("document-check", z.actions["document-check"].ok);
      await expect.poll(() => statusOf(desk)).toBe("assessed");
    }
    if ((await statusOf(desk)) === "inspection") {
      await confirm("inspection", z.inspectionResult.compliant);
      await expect.poll(() => statusOf(desk)).toBe("assessed");
      await desk.getByRole("heading", { name: z.detail.inspections }).waitFor();
    }
    expect(await statusOf(desk)).toBe("assessed");
    await confirm("release");
    await expect.poll(() => statusOf(desk)).toBe("released");
    await desk
      .getByText(fill(z.actions.done, { action: z.actions.release.title, status: z.status.released }))
      .waitFor();
    // Nothing is left to decide on a released declaration.
    expect(await decide.count()).toBe(0);
    await desk.screenshot({ path: path.join(screenshots, "declarations-released-zh.png"), fullPage: true });
    await signOut(desk, zh);
    expect(officerErrors).toEqual([]);
    await officer.context.close();

    // ---- The trader, reading in Russian, sees the goods released. ----
    const reader = await newPage("ru-RU");
    const readerErrors = watchErrors(reader.page);
    const ruPage = reader.page;
    await signIn(ruPage, ru, "trader.heihe@sample.amur.local", "/declarations/mine");
    await heading(ruPage, ru.declarations.mine.title).waitFor();
    const released = ruPage.getByRole("row").filter({ has: ruPage.getByRole("link", { name: number }) });
    await released.waitFor();
    expect(await released.textContent()).toContain("Выпуск разрешён");
    await ruPage.screenshot({ path: path.join(screenshots, "declarations-mine-ru.png"), fullPage: true });
    await released.getByRole("link", { name: number }).click();
    await heading(ruPage, fill(ru.declarations.detail.heading, { number })).waitFor();
    expect(new URL(ruPage.url()).pathname).toBe(declarationUrl);
    await ruPage.locator(".page-header").getByText("Выпуск разрешён", { exact: true }).waitFor();
    // The history, told by the server in Russian, ends with the release.
    const history = ruPage.locator(".decl-timeline__entry");
    expect(await history.last().textContent()).toContain("Выпуск разрешён");
    await ruPage.screenshot({ path: path.join(screenshots, "declarations-detail-ru.png"), fullPage: true });

    // On a phone: the list, with no sideways scrolling of the page.
    await ruPage.setViewportSize({ width: 390, height: 844 });
    await ruPage.goto("/declarations/mine");
    await heading(ruPage, ru.declarations.mine.title).waitFor();
    await released.waitFor();
    expect(await ruPage.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
    await ruPage.screenshot({
      path: path.join(screenshots, "declarations-mine-ru-phone.png"),
      fullPage: true,
    });
    expect(readerErrors).toEqual([]);
    await reader.context.close();
  });

  it("shows the CN officer the port dashboard and the risk rules in Chinese", async () => {
    const { context, page } = await newPage("zh-CN");
    const errors = watchErrors(page);
    const z = zh.declarations;
    await signIn(page, zh, "officer.harbin@sample.amur.local", "/customs/ports");
    await heading(page, z.ports.title).waitFor();
    const heihe = page.locator(".port-card").filter({ hasText: "黑河" }).first();
    await heihe.waitFor();
    await heihe.locator(".load-chart__svg").waitFor();
    expect(await heihe.locator(".load-chart__bar").count()).toBeGreaterThan(0);
    await page.getByRole("heading", { name: z.ports.recognitionTitle, exact: true }).waitFor();
    await page.screenshot({ path: path.join(screenshots, "declarations-ports-zh.png"), fullPage: true });

    // The risk rules of the Chinese side, with their versions.
    await page.goto("/customs/risk-rules");
    await heading(page, z.rules.title).waitFor();
    await page.getByRole("table", { name: z.rules.table }).waitFor();
    await page.screenshot({ path: path.join(screenshots, "declarations-rules-zh.png"), fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });
  it("the import at Blagoveshchensk recognises the Chinese inspection, and the RU dashboard counts the inspection avoided", async () => {
    const r = ru.declarations;
    // Amur Timber, the importer of the demo shipment, reads in Russian why its lane was lowered.
    const importer = await newPage("ru-RU");
    const errors = watchErrors(importer.page);
    const page = importer.page;
    await signIn(page, ru, "trader.amurtimber@sample.amur.local", "/declarations/mine");
    await heading(page, r.mine.title).waitFor();
    await page.getByLabel(r.filters.flow, { exact: true }).selectOption("import");
    await expect.poll(() => new URL(page.url()).searchParams.get("flow")).toBe("import");
    await page.locator(".decl-results:not(.decl-results--stale) a.decl-number").first().click();
    const notice = page.getByRole("note").filter({ hasText: r.risk.recognitionNoticeTitle });
    await notice.waitFor();
    expect(await notice.locator(".recognition__lanes").textContent()).toContain(r.lane.red);
    expect(await notice.locator(".recognition__lanes").textContent()).toContain(r.lane.yellow);
    expect(await notice.textContent()).toMatch(/CN-\d{6}-/);
    await page.screenshot({
      path: path.join(screenshots, "declarations-recognition-ru.png"),
      fullPage: true,
    });
    await signOut(page, ru);
    expect(errors).toEqual([]);
    await importer.context.close();

    // The Far Eastern customs officer sees the inspection avoided at Blagoveshchensk this month.
    const officer = await newPage("ru-RU");
    const officerErrors = watchErrors(officer.page);
    const desk = officer.page;
    await signIn(desk, ru, "officer.fecd@sample.amur.local", "/customs/ports");
    await heading(desk, r.ports.title).waitFor();
    const report = desk.getByRole("table", { name: r.ports.recognitionTitle });
    const blagoveshchensk = report.getByRole("row").filter({ hasText: "Благовещенск" }).first();
    await blagoveshchensk.waitFor();
    const cells = await blagoveshchensk.locator("th, td").allTextContents();
    const avoided = Number(cells[3]);
    expect(avoided).toBeGreaterThanOrEqual(1);
    await desk.screenshot({ path: path.join(screenshots, "declarations-ports-ru.png"), fullPage: true });
    expect(officerErrors).toEqual([]);
    await officer.context.close();
  });
});
