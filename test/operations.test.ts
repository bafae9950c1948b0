import { expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/platform/config.ts";
import { createServer } from "../src/platform/server.ts";
import { describeEachDialect } from "./harness.ts";

it("stops on an invalid setting with one line naming the variable", () => {
  expect(() => loadConfig({ PORT: "eighty" })).toThrow(ConfigError);
  expect(() => loadConfig({ PORT: "eighty" })).toThrow(/^invalid configuration: PORT .*\(got "eighty"\)$/);
  expect(() => loadConfig({ AMUR_DATABASE_URL: "mysql://x" })).toThrow(/AMUR_DATABASE_URL/);
  expect(loadConfig({}).database.kind).toBe("sqlite");
  expect(loadConfig({ AMUR_DATABASE_URL: "postgres://u:p@h/db" }).database.kind).toBe("postgres");
  expect(() => loadConfig({ AMUR_STATS_THREADS: "0" })).toThrow(
    /^invalid configuration: AMUR_STATS_THREADS /,
  );
  expect(loadConfig({ AMUR_STATS_THREADS: "3" }).statsThreads).toBe(3);
  expect(loadConfig({}).statsThreads).toBeUndefined();
});

describeEachDialect("operations endpoints", ({ deps }) => {
  it("exposes Prometheus metrics with request counts, latency, outbox backlog and pool", async () => {
    const { app } = await createServer(deps());
    await app.inject({ method: "GET", url: "/api/health" });
    await app.inject({ method: "GET", url: "/api/v1/me" });
    const res = await app.inject({ method: "GET", url: "/metrics" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/plain");
    expect(res.body).toContain('amur_http_requests_total{method="GET",route="/api/health",status="200"} 1');
    expect(res.body).toContain('amur_http_requests_total{method="GET",route="/api/v1/me",status="401"} 1');
    expect(res.body).toContain("# TYPE amur_http_request_duration_seconds histogram");
    expect(res.body).toContain(
      'amur_http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/api/health"} 1',
    );
    expect(res.body).toContain(
      'amur_http_request_duration_seconds_count{method="GET",route="/api/health"} 1',
    );
    expect(res.body).toMatch(
      /amur_http_request_duration_seconds_sum\{method="GET",route="\/api\/health"\} \d/,
    );
    // Buckets are cumulative: the 5 s bucket holds every request the 1 ms bucket does, and more.
    const bucket = (le: string) =>
      Number(
        new RegExp(
          `amur_http_request_duration_seconds_bucket\\{le="${le}",method="GET",route="/api/v1/me"\\} (\\d+)`,
        ).exec(res.body)?.[1],
      );
    expect(bucket("5")).toBe(1);
    expect(bucket("0.001")).toBeLessThanOrEqual(bucket("5"));
    expect(res.body).toMatch(/amur_outbox_pending_events \d+/);
    expect(res.body).toContain("amur_outbox_oldest_pending_age_seconds");
    expect(res.body).toContain('amur_db_pool_connections{state="total"}');
  });

  it("reports health with the database dialect and echoes request ids", async () => {
    const { app } = await createServer(deps());
    const res = await app.inject({
      method: "GET",
      url: "/api/health",
      headers: { "x-request-id": "trace-12345678" },
    });
    expect(res.json()).toMatchObject({ status: "ok", database: { ok: true, dialect: deps().db.dialect } });
    expect(res.headers["x-request-id"]).toBe("trace-12345678");
  });
});
