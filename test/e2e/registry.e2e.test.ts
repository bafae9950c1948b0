import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  makeInn10,
  makeUscc,
  USCC_ALPHABET,
  usccOrgCodeCheckChar,
} from "../../src/modules/registry/identifiers.ts";
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

function watchErrors(page: Page): string[] {
  return watchPageErrors(page, /status of 401 /);
}

function newPage(language: "zh-CN" | "ru-RU" | null, width = 1280, height = 900) {
  return openPage({ amur, browser }, language, width, height);
}

function heading(page: Page, name: string) {
  return page.getByRole("heading", { level: 1, name, exact: true });
}

type Messages = typeof en;

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

async function memberships(page: Page): Promise<string[]> {
  const body: unknown = await (await page.request.get("/api/v1/me")).json();
  if (
    typeof body !== "object" ||
    body === null ||
    !("memberships" in body) ||
    !Array.isArray(body.memberships)
  ) {
    throw new Error(`unexpected /api/v1/me answer: ${JSON.stringify(body)}`);
  }
  return body.memberships.map((membership: { organization: { id: string } }) => membership.organization.id);
}

/** A valid fictional USCC (both check characters right, so no warning), and the same with a wrong check. */
function fictionalUscc(): { valid: string; wrongCheck: string } {
  const subject8 = `E2E${String(Date.now() % 100_000).padStart(5, "0")}`;
  const valid = makeUscc(`91231100${subject8}${usccOrgCodeCheckChar(subject8)}`);
  const check = valid.at(-1) ?? "0";
  const wrong = USCC_ALPHABET[(USCC_ALPHABET.indexOf(check) + 1) % USCC_ALPHABET.length] ?? "0";
  return { valid, wrongCheck: `${valid.slice(0, 17)}${wrong}` };
}

describe("enterprise registry: get verified (journey 2)", () => {
  it("registers in Chinese, is approved by the CN officer, and shows verified in Russian", async () => {
    const uscc = fictionalUscc();
    const nameZh = "黑河界江测试果品贸易有限公司";

    // ---- A trader of Heihe registers a new enterprise, in Chinese. ----
    const trader = await newPage("zh-CN");
    const errors = watchErrors(trader.page);
    const page = trader.page;
    await signIn(page, zh, "trader.heihe@sample.amur.local", "/enterprises/register");
    await heading(page, zh.registry.register.title).waitFor();
    // A trader is no customs officer: no verification queue in the navigation.
    const nav = page.getByRole("navigation", { name: zh.a11y.mainNav });
    await nav.getByRole("link", { name: zh.nav.enterprises }).waitFor();
    expect(await nav.getByRole("link", { name: zh.nav.verificationQueue }).count()).toBe(0);
    // The trader's own enterprise is Chinese, so the form starts on the Chinese side.
    expect(await page.getByRole("radio", { name: zh.registry.form.sideCN }).isChecked()).toBe(true);

    // A wrong check character: the server says, in Chinese, that position 18 is wrong.
    const usccField = page.getByLabel(zh.registry.identifiers.uscc, { exact: true });
    await usccField.fill(uscc.wrongCheck);
    const usccCheck = page
      .locator(".identifier-field")
      .filter({ has: usccField })
      .locator(".identifier-check");
    const liveError = usccCheck.locator(".identifier-check__errors li");
    await liveError.waitFor();
    expect(await liveError.textContent()).toContain("第 18 位");
    expect(await usccCheck.getByRole("status").textContent()).toBe(zh.registry.identifier.invalid);
    expect(await usccField.getAttribute("aria-invalid")).toBe("true");
    await page.screenshot({ path: path.join(screenshots, "registry-register-zh.png"), fullPage: true });

    // Corrected, and typed with spaces and in lower case as people do: valid, and shown normalized.
    await usccField.fill(`${uscc.valid.slice(0, 9).toLowerCase()} ${uscc.valid.slice(9)}`);
    await usccCheck.locator(".identifier-check__valid").waitFor();
    expect(await usccCheck.locator(".identifier-check__code").textContent()).toBe(uscc.valid);
    expect(await usccCheck.locator(".identifier-check__errors").count()).toBe(0);
    expect(await usccField.getAttribute("aria-invalid")).toBeNull();

    await page.getByLabel(zh.registry.form.nameZh, { exact: true }).fill(nameZh);
    await page.getByLabel(zh.registry.form.region, { exact: true }).selectOption("CN-HL");
    await page.getByRole("checkbox", { name: /^第08章/ }).check();
    await page
      .locator(".chip-list")
      .getByRole("button", { name: zh.registry.form.chapterRemove.replace("{{chapter}}", "第08章") })
      .waitFor();
    await page.getByRole("checkbox", { name: zh.registry.flags.borderTrade }).check();
    await page.screenshot({
      path: path.join(screenshots, "registry-register-zh-filled.png"),
      fullPage: true,
    });
    await page.getByRole("button", { name: zh.registry.register.submit, exact: true }).click();

    // The new profile: pending, and the trader is now one of its members.
    await heading(page, nameZh).waitFor();
    const enterpriseId = new URL(page.url()).pathname.split("/").at(-1) ?? "";
    expect(enterpriseId).toMatch(/^[0-9a-f-]{36}$/);
    await page.getByText(zh.registry.profile.registeredTitle).waitFor();
    const badges = page.getByRole("list", { name: zh.registry.badges.label }).first();
    await badges.getByText(zh.registry.status.pending, { exact: true }).waitFor();
    expect(await badges.textContent()).toContain(zh.registry.flags.borderTrade);
    await page.getByRole("heading", { level: 2, name: zh.registry.private.title }).waitFor();
    expect(await memberships(page)).toContain(enterpriseId);
    await page.screenshot({
      path: path.join(screenshots, "registry-profile-zh-pending.png"),
      fullPage: true,
    });

    // As a member, the trader adds the English name.
    await page.getByRole("link", { name: zh.registry.edit.action }).click();
    await heading(page, zh.registry.edit.title).waitFor();
    await page.getByLabel(zh.registry.form.nameEn).fill("Heihe Border River Test Fruit Trading Co.");
    await page.getByRole("button", { name: zh.registry.edit.save, exact: true }).click();
    await heading(page, nameZh).waitFor();
    await page.locator(".enterprise-names").getByText("Heihe Border River Test Fruit Trading Co.").waitFor();
    await signOut(page, zh);

    // ---- The Harbin customs officer approves it from the queue. ----
    await signIn(page, zh, "officer.harbin@sample.amur.local", "/enterprises");
    await nav.getByRole("link", { name: zh.nav.verificationQueue }).click();
    await heading(page, zh.registry.queue.title).waitFor();
    const entry = page.locator(".queue-entry").filter({ hasText: nameZh });
    await entry.waitFor();
    expect(await entry.textContent()).toContain(uscc.valid);
    expect(await entry.textContent()).toContain("trader.heihe@sample.amur.local");
    await page.screenshot({ path: path.join(screenshots, "registry-queue-zh.png"), fullPage: true });
    await entry
      .getByRole("button", { name: zh.registry.queue.approveLabel.replace("{{name}}", nameZh) })
      .click();
    const dialog = page.getByRole("dialog", {
      name: zh.registry.queue.approveTitle.replace("{{name}}", nameZh),
    });
    await dialog.waitFor();
    await dialog.getByRole("textbox", { name: zh.registry.queue.reason }).fill("营业执照已核对（E2E 测试）");
    await page.screenshot({ path: path.join(screenshots, "registry-queue-dialog-zh.png") });
    await dialog.getByRole("button", { name: zh.registry.queue.approveConfirm, exact: true }).click();
    await page.getByText(zh.registry.queue.approvedNotice.replace("{{name}}", nameZh)).waitFor();
    await entry.waitFor({ state: "detached" });
    await signOut(page, zh);
    expect(errors).toEqual([]);
    await trader.context.close();

    // ---- Amur Timber, whose account prefers Russian, finds it verified. ----
    const reader = await newPage(null);
    const readerErrors = watchErrors(reader.page);
    const ruPage = reader.page;
    await signIn(ruPage, en, "trader.amurtimber@sample.amur.local", "/enterprises");
    await heading(ruPage, ru.registry.directory.title).waitFor();
    expect(await ruPage.locator("html").getAttribute("lang")).toBe("ru-RU");
    await ruPage.locator(".enterprise-card").first().waitFor();
    await ruPage.screenshot({ path: path.join(screenshots, "registry-directory-ru.png"), fullPage: true });

    const search = ruPage.getByRole("searchbox", { name: ru.registry.directory.searchLabel });
    await search.fill(nameZh);
    await expect.poll(() => new URL(ruPage.url()).searchParams.get("q")).toBe(nameZh);
    // The fresh results, not the previous ones kept on screen while they load.
    await ruPage.locator(".enterprise-list:not(.enterprise-list--stale)").waitFor();
    const hit = ruPage.locator(".enterprise-card").filter({ hasText: uscc.valid });
    await hit.waitFor();
    expect(await hit.textContent()).toContain(ru.registry.status.verified);
    // A mistyped USCC finds nothing, and says which check failed; a good INN nobody has says that.
    await search.fill(uscc.wrongCheck);
    const empty = ruPage.locator(".state").filter({ hasText: ru.registry.directory.emptyTitle });
    await empty
      .getByText(
        fill(ru.registry.directory.identifierInvalid, {
          scheme: ru.registry.identifiers.uscc,
          value: uscc.wrongCheck,
        }),
      )
      .waitFor();
    expect(await empty.locator(".directory-check li").count()).toBeGreaterThan(0);
    await ruPage.screenshot({
      path: path.join(screenshots, "registry-directory-ru-typo.png"),
      fullPage: true,
    });
    // A fictional INN with a right check digit, which no enterprise of the demo has.
    const freeInn = makeInn10("280155501");
    await search.fill(freeInn);
    await empty
      .getByText(
        fill(ru.registry.directory.identifierUnknown, {
          scheme: ru.registry.identifiers.inn,
          value: freeInn,
        }),
      )
      .waitFor();
    // The USCC finds it too, and only it.
    await search.fill(uscc.valid);
    await expect.poll(() => new URL(ruPage.url()).searchParams.get("q")).toBe(uscc.valid);
    await ruPage.locator(".enterprise-list:not(.enterprise-list--stale)").waitFor();
    await expect.poll(() => ruPage.locator(".enterprise-card").count()).toBe(1);
    await ruPage.locator(".enterprise-card").getByRole("link", { name: nameZh }).click();

    await heading(ruPage, nameZh).waitFor();
    const ruBadges = ruPage.getByRole("list", { name: ru.registry.badges.label }).first();
    await ruBadges.getByText("Подтверждено", { exact: true }).waitFor();
    await ruPage.getByText(/^Подтверждено таможней Китая /).waitFor();
    // The trust profile, explained in Russian by the server.
    const trust = ruPage.locator("section.trust");
    await trust.getByRole("heading", { level: 2, name: "Профиль доверия" }).waitFor();
    const verification = trust.locator(".trust-component").filter({ hasText: "Подтверждение" });
    expect(await verification.locator(".trust-component__points").textContent()).toBe("30 из 30");
    expect(await verification.locator(".trust-component__explanation").textContent()).toContain(
      "Данные подтверждены таможней своей стороны",
    );
    expect(await trust.locator(".trust-meter__value strong").textContent()).toBe("30");
    // The history chart, with its table for those who cannot see it.
    const history = ruPage.locator("section.trust-history");
    await history.getByRole("heading", { level: 2, name: ru.registry.trust.historyTitle }).waitFor();
    await history.locator(".chart__canvas svg").waitFor({ state: "attached" });
    await history.getByText(ru.a11y.chartData).click();
    await history.getByRole("cell", { name: ru.registry.trust.events.enterpriseVerified }).waitFor();
    // Names in all three languages, Russian first; chapter 08 links to the HS browser.
    const names = ruPage.locator(".enterprise-names__row");
    expect(await names.first().locator("dt").textContent()).toBe("Русский");
    expect(await names.first().locator("dd").textContent()).toBe(ru.registry.profile.noName);
    expect(await names.nth(1).locator("dd").textContent()).toBe(nameZh);
    expect(await ruPage.getByRole("link", { name: /^Группа 08/ }).getAttribute("href")).toBe(
      "/reference/hs/08",
    );
    // Amur Timber is neither a member nor an officer of the Chinese side: no private part, not even asked.
    expect(await ruPage.getByRole("heading", { name: ru.registry.private.title }).count()).toBe(0);
    expect(reader.fetched.filter((url) => url.endsWith("/private"))).toEqual([]);
    await ruPage.screenshot({ path: path.join(screenshots, "registry-profile-ru.png"), fullPage: true });

    // On a phone: the directory, with no sideways scrolling.
    await ruPage.setViewportSize({ width: 390, height: 844 });
    await ruPage.goto("/enterprises");
    await heading(ruPage, ru.registry.directory.title).waitFor();
    await ruPage.locator(".enterprise-card").first().waitFor();
    expect(await ruPage.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
    await ruPage.screenshot({
      path: path.join(screenshots, "registry-directory-ru-phone.png"),
      fullPage: true,
    });

    expect(readerErrors).toEqual([]);
    await reader.context.close();
  });
});
