import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { onTestFailed } from "vitest";
import { launchBrowser } from "./browser.ts";
import { type RunningAmur, startAmur } from "./server.ts";

/** Shared by the browser tests: a running Amur with a built web app, Chromium, pages and error watch. */

export const repoRoot = path.resolve(import.meta.dirname, "../..");
export const screenshots = path.join(repoRoot, "test-results/screenshots");

export async function startSession(): Promise<{ amur: RunningAmur; browser: Browser }> {
  if (!existsSync(path.join(repoRoot, "dist/web/index.html"))) {
    throw new Error("dist/web is missing: run `npm run build:web` before the browser tests");
  }
  await mkdir(screenshots, { recursive: true });
  const amur = await startAmur();
  return { amur, browser: await launchBrowser() };
}

export async function stopSession(session: { amur?: RunningAmur; browser?: Browser }): Promise<void> {
  await session.browser?.close();
  await session.amur?.stop();
}

/**
 * A page whose first visit starts in the given UI language (a switch on the page is remembered as
 * usual); `null` leaves the browser's default. `fetched` lists the paths the page requested.
 */
export async function openPage(
  session: { amur: RunningAmur; browser: Browser },
  language: "zh-CN" | "ru-RU" | null,
  width: number,
  height: number,
): Promise<{ context: BrowserContext; page: Page; fetched: string[] }> {
  const context = await session.browser.newContext({
    viewport: { width, height },
    locale: "en-US",
    baseURL: session.amur.url,
  });
  if (language) {
    await context.addInitScript(
      `if (!localStorage.getItem("amur.lang")) localStorage.setItem("amur.lang", ${JSON.stringify(language)})`,
    );
  }
  const page = await context.newPage();
  const fetched: string[] = [];
  page.on("request", (request) => fetched.push(new URL(request.url()).pathname));
  reportOnFailure(session.amur, page);
  return { context, page, fetched };
}

/**
 * When the test that opened `page` fails, its report says what the browser and the server were doing:
 * the API calls of the last minute with their status and time (and those still waiting), the page's
 * text and a screenshot, and the server's last output.
 */
function reportOnFailure(amur: RunningAmur, page: Page): void {
  const calls = new Map<object, { what: string; started: number; ended?: string }>();
  page.on("request", (request) => {
    if (!request.url().includes("/api/")) return;
    calls.set(request, {
      what: `${request.method()} ${new URL(request.url()).pathname}`,
      started: Date.now(),
    });
  });
  const settle = (request: object, how: string) => {
    const call = calls.get(request);
    if (call) call.ended = `${how} after ${Date.now() - call.started} ms`;
  };
  page.on("requestfinished", (request) => {
    // The answer is gone once the page closes: a call left then simply stays unsettled.
    request
      .response()
      .then((response) => settle(request, String(response?.status() ?? "?")))
      .catch(() => undefined);
  });
  page.on("requestfailed", (request) => settle(request, `failed (${request.failure()?.errorText})`));
  try {
    onTestFailed(async ({ task }) => {
      const name = task.name.replace(/[^\p{L}\p{N}]+/gu, "-").slice(0, 60);
      const since = Date.now() - 60_000;
      const lines = [...calls.values()]
        .filter((call) => call.started >= since)
        .map(
          (call) => `  ${call.what}: ${call.ended ?? `no answer yet after ${Date.now() - call.started} ms`}`,
        );
      let text = "";
      try {
        text = (await page.locator("main").innerText({ timeout: 2_000 })).slice(0, 2_000);
        await page.screenshot({
          path: path.join(screenshots, `failed-${name}.png`),
          fullPage: true,
          timeout: 5_000,
        });
      } catch {
        text ||= "(the page could not be read)";
      }
      process.stderr.write(
        `\n--- ${task.name}: API calls of the last minute\n${lines.join("\n")}\n--- the page's text\n${text}\n--- the server's last output\n${amur.log().slice(-4_000)}\n`,
      );
    });
  } catch {
    // Opened outside a test (in a hook): nothing to report on.
  }
}

/**
 * Collects uncaught errors and console errors. The browser logs every 4xx answer as an error; the
 * statuses a test expects (e.g. 401 for the /me of an anonymous visit) are passed as `expected`.
 */
export function watchErrors(page: Page, expected: RegExp): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    if (expected.test(message.text())) return;
    errors.push(`console: ${message.text()}`);
  });
  return errors;
}

/** A message with its {{placeholders}} filled in, as the app's i18n fills them. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(values[key] ?? ""));
}
