import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { PUBLIC } from "../src/platform/auth/policy.ts";
import type { AmurApp } from "../src/platform/http/app.ts";
import { buildApp, type RegisteredRoute } from "../src/platform/http/app.ts";
import { createServer } from "../src/platform/server.ts";
import { login, makeUser } from "./factories.ts";
import { describeEachDialect } from "./harness.ts";

/**
 * The access-control matrix for every registered route. Modules plug in by declaring `policy` (and
 * `ownedResource` for tenant-owned resources) on their routes; nothing here names a module.
 */
function concreteUrl(route: RegisteredRoute, params: Record<string, string> = {}): string {
  return route.url.replace(/:(\w+)/g, (_, name: string) => params[name] ?? randomUUID());
}

const isApi = (r: RegisteredRoute) =>
  r.url.startsWith("/api/") && !r.url.startsWith("/api/docs") && r.method !== "HEAD";

describeEachDialect(
  "route matrix",
  ({ deps }) => {
    let app: AmurApp;
    let routes: RegisteredRoute[];
    const setup = async () => {
      if (!app) ({ app, routes } = await createServer(deps()));
    };

    it("refuses to start with a route that declares no policy", async () => {
      await expect(
        buildApp(deps(), [
          (a) => {
            a.get("/api/v1/undeclared", async () => ({}));
          },
        ]),
      ).rejects.toThrow(/does not declare a policy/);
    });

    it("covers a meaningful set of routes", async () => {
      await setup();
      const api = routes.filter(isApi);
      expect(api.length).toBeGreaterThanOrEqual(14);
      expect(api.filter((r) => r.policy.access !== "public").length).toBeGreaterThanOrEqual(10);
    });

    it("answers anonymous callers with 401 on every non-public route", async () => {
      await setup();
      for (const route of routes.filter((r) => isApi(r) && r.policy.access !== "public")) {
        const res = await app.inject({ method: route.method as "GET", url: concreteUrl(route) });
        expect.soft(res.statusCode, `${route.method} ${route.url}`).toBe(401);
        expect.soft(res.json().code, `${route.method} ${route.url}`).toBe("UNAUTHENTICATED");
      }
    });

    it("lets anonymous callers through on public routes", async () => {
      await setup();
      for (const route of routes.filter((r) => isApi(r) && r.policy.access === "public")) {
        const res = await app.inject({ method: route.method as "GET", url: concreteUrl(route) });
        expect.soft([401, 403], `${route.method} ${route.url}`).not.toContain(res.statusCode);
      }
    });

    it("answers 403 to a signed-in user without the role, on every role-scoped route", async () => {
      await setup();
      const roleRoutes = routes.filter((r) => isApi(r) && r.policy.access === "role");
      // A member of an enterprise holds none of the authority or platform roles.
      const { email } = await makeUser(deps(), { role: "enterprise_member" });
      const s = await login(app, email);
      for (const route of roleRoutes) {
        if (route.policy.access === "role" && route.policy.roles.includes("enterprise_member")) continue;
        const res = await app.inject({
          method: route.method as "GET",
          url: concreteUrl(route),
          headers: s.write,
        });
        expect.soft(res.statusCode, `${route.method} ${route.url}`).toBe(403);
        expect.soft(res.json().code).toBe("FORBIDDEN");
      }
      const withoutAny = await makeUser(deps(), { role: null });
      const s2 = await login(app, withoutAny.email);
      for (const route of roleRoutes) {
        const res = await app.inject({
          method: route.method as "GET",
          url: concreteUrl(route),
          headers: s2.write,
        });
        expect.soft(res.statusCode, `${route.method} ${route.url}`).toBe(403);
      }
    });

    it("answers 404 for another organization's resources on every owned-resource route", async () => {
      await setup();
      const owned = routes.filter((r) => isApi(r) && r.ownedResource);
      expect(owned.length).toBeGreaterThan(0);
      for (const route of owned) {
        const role = route.policy.access === "role" ? route.policy.roles[0] : "enterprise_member";
        const owner = await makeUser(deps(), { role });
        const intruder = await makeUser(deps(), { role });
        if (!owner.organizationId) throw new Error("owner without organization");
        const parts = await route.ownedResource!.create(deps(), {
          userId: owner.user.id,
          organizationId: owner.organizationId,
        });
        const s = await login(app, intruder.email);
        const res = await app.inject({
          method: route.method as "GET",
          url: concreteUrl(route, parts.params),
          headers: s.write,
          ...(parts.body !== undefined ? { payload: parts.body as object } : {}),
          ...(parts.query ? { query: parts.query } : {}),
        });
        expect.soft(res.statusCode, `${route.method} ${route.url}`).toBe(404);
        expect.soft(res.json().code).toBe("NOT_FOUND");
        // And the owner can reach it, so the 404 is about tenancy, not a broken fixture.
        const so = await login(app, owner.email);
        const ok = await app.inject({
          method: route.method as "GET",
          url: concreteUrl(route, parts.params),
          headers: so.write,
          ...(parts.body !== undefined ? { payload: parts.body as object } : {}),
          ...(parts.query ? { query: parts.query } : {}),
        });
        expect.soft(ok.statusCode, `owner: ${route.method} ${route.url}`).toBeLessThan(300);
      }
    }, 180_000);

    it("answers 403 to an officer of the other side on every side-scoped route", async () => {
      await setup();
      const scoped = routes.filter((r) => isApi(r) && r.sideScope && r.policy.access === "role");
      for (const route of scoped) {
        if (route.policy.access !== "role") continue;
        const role = route.policy.roles[0];
        for (const [resourceSide, officerSide] of [
          ["CN", "RU"],
          ["RU", "CN"],
        ] as const) {
          const parts = await route.sideScope!.create(deps(), resourceSide);
          const officer = await makeUser(deps(), { role, side: officerSide });
          const s = await login(app, officer.email);
          const res = await app.inject({
            method: route.method as "GET",
            url: concreteUrl(route, parts.params),
            headers: s.write,
            ...(parts.body !== undefined ? { payload: parts.body as object } : {}),
          });
          expect.soft(res.statusCode, `${officerSide} officer: ${route.method} ${route.url}`).toBe(403);
          expect.soft(res.json().code).toBe("FORBIDDEN_SIDE");
        }
      }
    }, 180_000);

    it("hides internals of unexpected errors behind a 500 problem", async () => {
      const { app: failing } = await buildApp(deps(), [
        (a) => {
          a.get("/api/v1/explode", { config: { policy: PUBLIC } }, async () => {
            throw new Error("SELECT secret FROM internals");
          });
        },
      ]);
      const res = await failing.inject({
        method: "GET",
        url: "/api/v1/explode",
        headers: { "accept-language": "zh-CN" },
      });
      expect(res.statusCode).toBe(500);
      expect(res.body).not.toContain("secret");
      expect(res.json()).toMatchObject({ code: "INTERNAL", title: "服务器内部错误" });
      expect(res.json().detail).toContain(res.json().requestId);
    });
  },
  // The matrix signs in a few hundred times from one address; the login limit is tested elsewhere.
  { config: { AMUR_LOGIN_RATE_LIMIT: "100000" } },
);
