import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../src/platform/auth/policy.ts";
import type { AppDeps } from "../src/platform/deps.ts";
import type { AmurApp, RegisteredRoute } from "../src/platform/http/app.ts";
import { createServer } from "../src/platform/server.ts";
import { login, makeUser, type Session } from "./factories.ts";
import { createTestDeps } from "./harness.ts";

/**
 * Every error answer of every API route, asked for in Chinese, is in Chinese: no English sentence
 * passed through from a library or a parser. Each route is called as the role its policy names, with
 * an empty body, a body of the wrong shape and none, and with query parameters that do not parse. What
 * may stay Latin: values echoed back (enumerations offered, field names in brackets), the JSON member
 * `errors` the detail points to, and names such as JSON, CSRF or USCC. The words are the same in every
 * database, so SQLite alone.
 */
const LATIN_ALLOWED = /^(JSON|HTTP|CSRF|USCC|OGRN|OGRNIP|Amur|Idempotency|Key|errors)$/;

function latinWords(text: string): string[] {
  const stripped = text
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, "")
    // An enumeration offered ("必须是以下值之一：first_come, pro_rata") and what is in brackets.
    .replace(/之一：.*$/, "")
    .replace(/（[^）]*）/g, "");
  return (stripped.match(/[A-Za-z]{4,}/g) ?? []).filter((w) => !LATIN_ALLOWED.test(w));
}

describe("answers in the reader's language", () => {
  let deps: AppDeps;
  let close: () => Promise<void>;
  let app: AmurApp;
  let routes: RegisteredRoute[];
  beforeAll(async () => {
    ({ deps, close } = await createTestDeps("sqlite", { config: { AMUR_LOGIN_RATE_LIMIT: "100000" } }));
    ({ app, routes } = await createServer(deps));
  });
  afterAll(async () => {
    await app?.close();
    await close?.();
  });

  it("answers every API route's errors in Chinese, without English passed through", async () => {
    const sessions = new Map<string, Session>();
    const sessionFor = async (role: Role) => {
      let s = sessions.get(role);
      if (!s) {
        s = await login(app, (await makeUser(deps, { role, side: "CN" })).email);
        sessions.set(role, s);
      }
      return s;
    };
    const leaks: string[] = [];
    let answers = 0;
    for (const route of routes) {
      if (!route.url.startsWith("/api/") || route.url.startsWith("/api/docs") || route.method === "HEAD")
        continue;
      const role: Role =
        route.policy.access === "role" ? (route.policy.roles[0] as Role) : "enterprise_member";
      const s = await sessionFor(role);
      const writes = route.method !== "GET" && route.method !== "DELETE";
      for (const payload of writes ? [{}, { x9: [1] }, "{", undefined] : [undefined]) {
        const res = await app.inject({
          method: route.method as "GET",
          url: `${route.url.replace(/:(\w+)/g, () => randomUUID())}?limit=many&date=someday&cursor=%22`,
          headers: {
            ...s.write,
            "accept-language": "zh-CN",
            ...(typeof payload === "string" ? { "content-type": "application/json" } : {}),
          },
          ...(payload !== undefined ? { payload } : {}),
        });
        if (res.statusCode < 400 || !res.headers["content-type"]?.includes("json")) continue;
        const body = res.json() as { detail?: string; errors?: { message: string }[] };
        for (const text of [body.detail ?? "", ...(body.errors ?? []).map((e) => e.message)]) {
          answers += 1;
          if (latinWords(text).length) leaks.push(`${route.method} ${route.url}: ${text}`);
        }
      }
    }
    expect(answers).toBeGreaterThan(100);
    expect(leaks).toEqual([]);
  }, 120_000);

  it("would notice English passed through", () => {
    expect(latinWords("无法读取请求：Body is not valid JSON")).toEqual(["Body", "valid"]);
    expect(latinWords("必须是以下值之一：first_come, pro_rata")).toEqual([]);
    expect(latinWords("请更正 errors 中列出的字段后重新提交。")).toEqual([]);
  });
});
