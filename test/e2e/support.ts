import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
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
  return { context, page, fetched };
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
