import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import en from "../../web/src/locales/en.json" with { type: "json" };
import ru from "../../web/src/locales/ru-RU.json" with { type: "json" };
import zh from "../../web/src/locales/zh-CN.json" with { type: "json" };
import { launchBrowser } from "./browser.ts";
import { type RunningAmur, startAmur } from "./server.ts";

const repoRoot = path.resolve(import.meta.dirname, "../..");
const screenshots = path.join(repoRoot, "test-results/screenshots");

const LANGUAGES = [
  { code: "zh-CN", button: "中文", messages: zh },
  { code: "ru-RU", button: "Русский", messages: ru },
  { code: "en", button: "English", messages: en },
] as const;

let amur: RunningAmur;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(path.join(repoRoot, "dist/web/index.html"))) {
    throw new Error("dist/web is missing: run `npm run build:web` before the browser tests");
  }
  await mkdir(screenshots, { recursive: true });
  amur = await startAmur();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await amur?.stop();
});

/**
 * Collects uncaught errors and console errors. The browser logs every 4xx answer as an error; 401 (the
 * /me of an anonymous visit, the wrong password) and 400 (the empty key name) are expected here.
 */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    if (/status of 40[01] /.test(message.text())) return;
    errors.push(`console: ${message.text()}`);
  });
  return errors;
}

async function newPage(width = 1280, height = 800): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width, height },
    locale: "en-US",
    baseURL: amur.url,
  });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: amur.url });
  return { context, page: await context.newPage() };
}

function heading(page: Page, name: string) {
  return page.getByRole("heading", { level: 1, name, exact: true });
}

/** The signed-in user as the server sees it, read through the page's own session cookie. */
async function currentUser(page: Page): Promise<{ displayName: string; locale: string }> {
  const response = await page.request.get("/api/v1/me");
  const body: unknown = await response.json();
  const user = typeof body === "object" && body !== null && "user" in body ? body.user : null;
  if (
    typeof user === "object" &&
    user !== null &&
    "displayName" in user &&
    typeof user.displayName === "string" &&
    "locale" in user &&
    typeof user.locale === "string"
  ) {
    return { displayName: user.displayName, locale: user.locale };
  }
  throw new Error(`unexpected /api/v1/me answer: ${JSON.stringify(user)}`);
}

describe("web shell", () => {
  it("signs in, speaks three languages, manages an API key and signs out", async () => {
    const { context, page } = await newPage();
    const errors = watchErrors(page);

    await page.goto("/");
    await heading(page, en.home.heading).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("en");

    // The skip link is the first stop for keyboard users.
    await page.keyboard.press("Tab");
    expect(await page.locator(":focus").textContent()).toBe(en.a11y.skipToContent);

    // A wrong password: the server's problem is shown in the form's summary.
    await page.locator(".site-header").getByRole("link", { name: "Sign in" }).click();
    await page.getByLabel(en.login.email, { exact: true }).fill("admin@amur.local");
    await page.getByLabel(en.login.password, { exact: true }).fill("not-the-password");
    await page.getByRole("button", { name: en.login.submit, exact: true }).click();
    const summary = page.getByRole("alert").filter({ hasText: "Wrong email or password" });
    await summary.waitFor();
    expect(await page.locator(":focus").getAttribute("class")).toBe("form-summary");

    // The right one: back to the page we came from, with the user in the header.
    await page.getByLabel(en.login.password, { exact: true }).fill(amur.password);
    await page.getByRole("button", { name: en.login.submit, exact: true }).click();
    await heading(page, en.home.heading).waitFor();
    expect(new URL(page.url()).pathname).toBe("/");
    const { displayName } = await currentUser(page);
    expect(displayName.length).toBeGreaterThan(0);
    await page.locator(".user-menu").getByRole("link", { name: displayName }).waitFor();

    for (const lang of LANGUAGES) {
      await page.getByRole("button", { name: lang.button, exact: true }).click();
      await heading(page, lang.messages.home.heading).waitFor();
      expect(await page.locator("html").getAttribute("lang")).toBe(lang.code);
      expect(
        await page.getByRole("button", { name: lang.button, exact: true }).getAttribute("aria-pressed"),
      ).toBe("true");
      await page
        .getByRole("navigation", { name: lang.messages.a11y.mainNav })
        .getByRole("link", { name: lang.messages.nav.declarations })
        .waitFor();

      // Remembered across a reload, and saved as the signed-in user's preference.
      await page.reload();
      await heading(page, lang.messages.home.heading).waitFor();
      expect(await page.locator("html").getAttribute("lang")).toBe(lang.code);
      expect(await page.evaluate<string | null>('localStorage.getItem("amur.lang")')).toBe(lang.code);
      await expect.poll(async () => (await currentUser(page)).locale).toBe(lang.code);

      await page.screenshot({ path: path.join(screenshots, `shell-${lang.code}.png`), fullPage: true });
    }

    // Phone width: the navigation folds behind the Menu button.
    await page.setViewportSize({ width: 390, height: 844 });
    const nav = page.getByRole("navigation", { name: en.a11y.mainNav });
    expect(await nav.isVisible()).toBe(false);
    // Page functions are given as strings: this file is type-checked without the DOM library.
    const scrollWidth = await page.evaluate<number>("document.documentElement.scrollWidth");
    expect(scrollWidth).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(screenshots, "shell-en-phone.png"), fullPage: true });
    await page.getByRole("button", { name: en.a11y.menu }).click();
    await nav.getByRole("link", { name: en.nav.knowledge }).click();
    // The knowledge base's own page (no module is "under construction" any more).
    await heading(page, en.modules.knowledge.title).waitFor();
    expect(await nav.isVisible()).toBe(false);
    await page.setViewportSize({ width: 1280, height: 800 });

    // Account: profile, memberships, API keys.
    await page.locator(".user-menu").getByRole("link", { name: displayName }).click();
    await heading(page, en.account.title).waitFor();
    await page.getByRole("cell", { name: en.roles.platform_admin }).waitFor();
    const orgSort = page.getByRole("button", { name: en.account.memberships.organization });
    await orgSort.focus();
    await page.keyboard.press("Enter");
    expect(
      await page
        .getByRole("columnheader", { name: en.account.memberships.organization })
        .getAttribute("aria-sort"),
    ).toBe("descending");

    // An empty name is refused by the server, and its message lands next to the field.
    await page.getByRole("button", { name: en.account.apiKeys.create, exact: true }).click();
    const nameField = page.getByLabel(en.account.apiKeys.name, { exact: true });
    await expect.poll(() => nameField.getAttribute("aria-invalid")).toBe("true");

    // A read-only key.
    await nameField.fill("e2e key");
    await page.getByRole("checkbox", { name: en.account.apiKeys.scopes.write.label }).uncheck();
    await page.getByRole("button", { name: en.account.apiKeys.create, exact: true }).click();
    const secretBox = page.getByTestId("api-key-secret");
    await secretBox.waitFor();
    const secretInput = secretBox.getByRole("textbox");
    const secret = await secretInput.inputValue();
    expect(secret).toMatch(/^amur_/);
    await secretBox.getByRole("button", { name: en.common.copy }).click();
    await secretBox.getByText(en.common.copied).waitFor();
    expect(await page.evaluate<string>("navigator.clipboard.readText()")).toBe(secret);

    // The key works for machine clients, within its scope…
    const withKey = (method = "GET") =>
      fetch(`${amur.url}/api/v1/me`, {
        method,
        headers: { Authorization: `Bearer ${secret}`, "Content-Type": "application/json" },
        ...(method === "GET" ? {} : { body: JSON.stringify({ locale: "en" }) }),
      });
    expect((await withKey()).status).toBe(200);
    expect((await withKey("PATCH")).status).toBe(403);
    await page.screenshot({ path: path.join(screenshots, "shell-account.png"), fullPage: true });

    // …and its secret is shown once only.
    await secretBox.getByRole("button", { name: en.account.apiKeys.secretDone }).click();
    await secretBox.waitFor({ state: "detached" });
    await page.reload();
    await heading(page, en.account.title).waitFor();
    const keyRow = page.getByRole("row").filter({ hasText: "e2e key" });
    await keyRow.getByText(en.account.apiKeys.active).waitFor();
    expect(await keyRow.getByText(en.account.apiKeys.scopes.read.label, { exact: true }).count()).toBe(1);
    expect(await keyRow.getByText(en.account.apiKeys.scopes.write.label, { exact: true }).count()).toBe(0);
    expect(await page.content()).not.toContain(secret);

    await keyRow.getByRole("button", { name: "Revoke the key “e2e key”" }).click();
    const dialog = page.getByRole("dialog", { name: "Revoke the key “e2e key”?" });
    await dialog.waitFor();
    await dialog.getByRole("button", { name: en.account.apiKeys.revokeConfirm }).click();
    await page.getByText("The key “e2e key” has been revoked.").waitFor();
    await keyRow.getByText(en.account.apiKeys.revoked).waitFor();
    expect((await withKey()).status).toBe(401);

    // Sign out: the header offers to sign in again and the account page is closed.
    await page.getByRole("button", { name: en.auth.signOut }).click();
    await page.locator(".site-header").getByRole("link", { name: en.auth.signIn }).waitFor();
    await page.goto("/account");
    await heading(page, en.login.title).waitFor();
    expect(new URL(page.url()).searchParams.get("next")).toBe("/account");

    expect(errors).toEqual([]);
    await context.close();
  });

  it("answers unknown pages with the not-found page in the visitor's language", async () => {
    const { context, page } = await newPage();
    await context.addInitScript(() => localStorage.setItem("amur.lang", "ru-RU"));
    await page.goto("/no/such/page");
    await heading(page, ru.notFound.title).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("ru-RU");
    await context.close();
  });

  it("tells a tab opened before an update to reload when a page's code is gone", async () => {
    const { context, page } = await newPage();
    await context.addInitScript(() => localStorage.setItem("amur.lang", "zh-CN"));
    await page.goto("/");
    await page.getByRole("navigation").first().waitFor();
    // The server now has another version: the files this tab's version asks for are gone (404).
    await page.route("**/assets/**", (route) => route.fulfill({ status: 404, body: "" }));
    await page.getByRole("link", { name: zh.nav.quotas, exact: true }).first().click();
    await heading(page, zh.errors.updatedTitle).waitFor();
    await page.getByRole("button", { name: zh.errors.reload }).waitFor();
    await page.screenshot({ path: path.join(screenshots, "shell-updated-zh.png"), fullPage: true });
    await context.close();
  });
});
