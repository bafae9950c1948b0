import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { createServer, type ViteDevServer } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "./browser.ts";

// The component kit gallery (/dev/kit) exists only in Vite's dev mode, so this test serves the web app
// with Vite itself; the API is stubbed as "nobody signed in", since the kit needs no server.

const repoRoot = path.resolve(import.meta.dirname, "../..");
const screenshots = path.join(repoRoot, "test-results/screenshots");

let vite: ViteDevServer;
let baseUrl: string;
let browser: Browser;

beforeAll(async () => {
  await mkdir(screenshots, { recursive: true });
  vite = await createServer({
    configFile: path.join(repoRoot, "web/vite.config.ts"),
    logLevel: "warn",
    server: { host: "127.0.0.1", port: 0, strictPort: false, hmr: false },
  });
  await vite.listen();
  const address = vite.httpServer?.address();
  if (!address || typeof address === "string") throw new Error("Vite did not report its port");
  baseUrl = `http://127.0.0.1:${address.port}`;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await vite?.close();
});

async function openKit(width: number, height: number): Promise<{ page: Page; loaded: string[] }> {
  const page = await browser.newPage({ viewport: { width, height }, locale: "en-US" });
  await page.route("**/api/**", (route) =>
    route.fulfill({
      status: 401,
      contentType: "application/problem+json",
      body: JSON.stringify({ code: "UNAUTHENTICATED", title: "Sign-in required", status: 401 }),
    }),
  );
  const loaded: string[] = [];
  page.on("request", (request) => loaded.push(request.url()));
  await page.goto(`${baseUrl}/dev/kit`);
  await page.getByRole("heading", { level: 1, name: "Component kit" }).waitFor();
  return { page, loaded };
}

function firstCell(page: Page, column: number) {
  return page.locator(".data-table tbody tr").first().locator("th, td").nth(column);
}

describe("component kit", () => {
  it("loads ECharts on demand and draws the chart", async () => {
    const { page, loaded } = await openKit(1280, 800);
    await page.locator(".chart__canvas svg").waitFor({ timeout: 30_000 });
    // The chart library arrives as its own module, after the page, not inside the app bundle.
    expect(loaded.some((url) => url.includes("echarts-setup"))).toBe(true);
    expect(await page.locator(".chart__canvas").getAttribute("aria-hidden")).toBe("true");
    await page.getByText("Data shown in the chart").click();
    await page.getByText("A: 12, B: 20").waitFor();
    await page.screenshot({ path: path.join(screenshots, "kit.png"), fullPage: true });
    await page.close();
  });

  it("sorts and pages the table from the keyboard", async () => {
    const { page } = await openKit(1280, 800);
    const valueHeader = page.getByRole("columnheader", { name: "Value" });
    await page.getByRole("button", { name: "Value" }).focus();
    await page.keyboard.press("Enter");
    expect(await valueHeader.getAttribute("aria-sort")).toBe("ascending");
    expect(await firstCell(page, 1).textContent()).toBe("0.0");
    await page.keyboard.press("Space");
    expect(await valueHeader.getAttribute("aria-sort")).toBe("descending");
    expect(await firstCell(page, 1).textContent()).toBe("97.5");
    expect(await page.getByRole("columnheader", { name: "Label" }).getAttribute("aria-sort")).toBeNull();

    await page.getByText("Rows 1–10 of 37").waitFor();
    await page.getByRole("button", { name: "Next page" }).press("Enter");
    await page.getByText("Rows 11–20 of 37").waitFor();
    await page.getByLabel("Rows per page").selectOption("25");
    await page.getByText("Page 1 of 2").waitFor();
    expect(await page.getByRole("button", { name: "Previous page" }).isDisabled()).toBe(true);
    // Rows without a value stay at the end whichever way the column is sorted.
    await page.getByRole("button", { name: "Next page" }).click();
    expect(await page.locator(".data-table tbody tr").last().locator("td").textContent()).toBe("—");
    await page.close();
  });

  it("puts the server's field errors next to their fields and the rest in a summary", async () => {
    const { page } = await openKit(390, 844);
    await page.getByRole("button", { name: "Submit (shows errors)" }).click();
    const summary = page.locator(".form-summary");
    await summary.waitFor();
    expect(await page.locator(":focus").getAttribute("class")).toBe("form-summary");
    await summary.getByText("An error about the whole form.").waitFor();

    const email = page.getByLabel("Email", { exact: true });
    expect(await email.getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await email.getAttribute("aria-describedby")) ?? "";
    const errorId = describedBy.split(" ").find((id) => id.endsWith("-error"));
    expect(errorId).toBeDefined();
    expect(await page.locator(`[id="${errorId}"]`).textContent()).toBe("Enter a valid email address.");

    // The summary links to the field, and editing the field clears its error.
    await summary.getByRole("link", { name: "Enter a valid email address." }).click();
    expect(await page.locator(":focus").getAttribute("name")).toBe("email");
    await email.fill("someone@example.org");
    expect(await email.getAttribute("aria-invalid")).toBeNull();
    await page.screenshot({ path: path.join(screenshots, "kit-phone.png"), fullPage: true });
    await page.close();
  });
});
