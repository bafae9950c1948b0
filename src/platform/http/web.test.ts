import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDeps } from "../../../test/harness.ts";
import type { AppDeps } from "../deps.ts";
import { createServer } from "../server.ts";
import type { AmurApp } from "./app.ts";

// Only what happens before any route runs is under test, so SQLite alone.
describe("the HTTP edge: the web app's files, bodies that are not JSON, unknown paths", () => {
  const webDir = fs.mkdtempSync(path.join(os.tmpdir(), "amur-web-"));
  let deps: AppDeps;
  let app: AmurApp;
  let close: () => Promise<void>;
  beforeAll(async () => {
    fs.mkdirSync(path.join(webDir, "assets"));
    fs.writeFileSync(path.join(webDir, "index.html"), "<!doctype html><title>Amur</title>");
    fs.writeFileSync(path.join(webDir, "assets", "index-NEW.js"), "export {};");
    const created = await createTestDeps("sqlite", { config: { AMUR_WEB_DIR: webDir } });
    deps = created.deps;
    close = created.close;
    app = (await createServer(deps)).app;
  });
  afterAll(async () => {
    await app?.close();
    await close?.();
    fs.rmSync(webDir, { recursive: true, force: true });
  });

  it("answers the app's own pages with the app shell", async () => {
    const res = await app.inject({ method: "GET", url: "/declarations/mine?status=draft" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/html/);
    expect(res.headers["cache-control"]).toBe("no-cache");
  });

  it("serves built files for a year, and refuses a file the build does not have", async () => {
    const built = await app.inject({ method: "GET", url: "/assets/index-NEW.js" });
    expect(built.statusCode).toBe(200);
    expect(built.headers["cache-control"]).toContain("immutable");
    // A tab opened before an update asks for its version's files: HTML in their place cannot run.
    const stale = await app.inject({ method: "GET", url: "/assets/QuotasPage-OLD.js" });
    expect(stale.statusCode).toBe(404);
    expect(stale.headers["content-type"]).not.toMatch(/html/);
  });

  it("says what is wrong with a body that is not JSON, in the reader's language", async () => {
    const post = async (payload: string, lang: string) =>
      (
        await app.inject({
          method: "POST",
          url: "/api/v1/auth/login",
          headers: { "content-type": "application/json", "accept-language": lang },
          payload,
        })
      ).json();
    expect(await post("{bad", "zh-CN")).toMatchObject({
      code: "BAD_REQUEST",
      detail: "无法读取请求：请求体不是有效的 JSON",
    });
    expect((await post("", "ru-RU")).detail).toContain("у запроса нет тела, хотя заявлен JSON");
  });

  it("answers an unknown API path with a problem, not the shell", async () => {
    const res = await app.inject({
      method: "GET",
      url: "/api/v1/nothing-here",
      headers: { "accept-language": "ru" },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe("ROUTE_NOT_FOUND");
  });
});
