import { Validator } from "@seriousme/openapi-schema-validator";
import { expect, it } from "vitest";
import { createServer } from "../src/platform/server.ts";
import { describeEachDialect } from "./harness.ts";

describeEachDialect("OpenAPI", ({ deps }) => {
  it("serves a valid OpenAPI 3.1 document covering every API route", async () => {
    const { app, routes } = await createServer(deps());
    const res = await app.inject({ method: "GET", url: "/api/openapi.json" });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe("3.1.0");
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    for (const r of routes.filter((r) => r.url.startsWith("/api/v1/") && r.method !== "HEAD")) {
      const path = r.url.replace(/:(\w+)/g, "{$1}");
      expect(doc.paths[path]?.[r.method.toLowerCase()], `${r.method} ${path}`).toBeDefined();
    }
    const ui = await app.inject({ method: "GET", url: "/api/docs/" });
    expect(ui.statusCode).toBe(200);
  });
});
