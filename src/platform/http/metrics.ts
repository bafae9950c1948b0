import type { FastifyReply, FastifyRequest } from "fastify";
import { Gauge, Registry } from "prom-client";
import type { AppDeps } from "../deps.ts";
import { outboxStats } from "../outbox/outbox.ts";

const START = Symbol("amurStart");
type Timed = FastifyRequest & { [START]?: bigint };

const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] as const;

/** A label value in the exposition format: backslash, double quote and newline escaped. */
const labelValue = (v: string) => v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");

/**
 * Request counts and latencies, kept in plain maps and written out when /metrics is read: every
 * request updates them, so they cost a map lookup and an array walk, not prom-client's label
 * validation and hashing on each call. The output is the same Prometheus text a Counter and a
 * Histogram would give.
 */
class HttpMetrics {
  readonly #requests = new Map<string, { labels: string; n: number }>();
  readonly #durations = new Map<string, { labels: string; buckets: number[]; sum: number; n: number }>();

  count(method: string, route: string, status: number, seconds: number | null): void {
    const key = `${method} ${route} ${status}`;
    let r = this.#requests.get(key);
    if (!r) {
      r = {
        labels: `method="${labelValue(method)}",route="${labelValue(route)}",status="${status}"`,
        n: 0,
      };
      this.#requests.set(key, r);
    }
    r.n += 1;
    if (seconds === null) return;
    const dkey = `${method} ${route}`;
    let d = this.#durations.get(dkey);
    if (!d) {
      d = {
        labels: `method="${labelValue(method)}",route="${labelValue(route)}"`,
        buckets: BUCKETS.map(() => 0),
        sum: 0,
        n: 0,
      };
      this.#durations.set(dkey, d);
    }
    for (let i = 0; i < BUCKETS.length; i++)
      if (seconds <= (BUCKETS[i] as number)) (d.buckets[i] as number)++;
    d.sum += seconds;
    d.n += 1;
  }

  render(): string {
    const out = [
      "# HELP amur_http_requests_total HTTP requests by method, route template and status",
      "# TYPE amur_http_requests_total counter",
    ];
    for (const r of this.#requests.values()) out.push(`amur_http_requests_total{${r.labels}} ${r.n}`);
    out.push(
      "# HELP amur_http_request_duration_seconds HTTP request latency by method and route template",
      "# TYPE amur_http_request_duration_seconds histogram",
    );
    for (const d of this.#durations.values()) {
      BUCKETS.forEach((le, i) => {
        out.push(`amur_http_request_duration_seconds_bucket{le="${le}",${d.labels}} ${d.buckets[i]}`);
      });
      out.push(`amur_http_request_duration_seconds_bucket{le="+Inf",${d.labels}} ${d.n}`);
      out.push(`amur_http_request_duration_seconds_sum{${d.labels}} ${d.sum}`);
      out.push(`amur_http_request_duration_seconds_count{${d.labels}} ${d.n}`);
    }
    return `${out.join("\n")}\n`;
  }
}

/** Prometheus metrics for one app instance (its own registry, so tests can build several apps). */
export function createMetrics(deps: AppDeps) {
  const registry = new Registry();
  const http = new HttpMetrics();
  new Gauge({
    name: "amur_outbox_pending_events",
    help: "Outbox events not yet delivered",
    registers: [registry],
    async collect() {
      this.set((await outboxStats(deps.db.db, deps.clock.now())).pending);
    },
  });
  new Gauge({
    name: "amur_outbox_dead_events",
    help: "Outbox events that exhausted their retries",
    registers: [registry],
    async collect() {
      this.set((await outboxStats(deps.db.db, deps.clock.now())).dead);
    },
  });
  new Gauge({
    name: "amur_outbox_oldest_pending_age_seconds",
    help: "Age of the oldest undelivered outbox event",
    registers: [registry],
    async collect() {
      this.set((await outboxStats(deps.db.db, deps.clock.now())).oldestPendingAgeSeconds);
    },
  });
  new Gauge({
    name: "amur_db_pool_connections",
    help: "Database pool connections by state",
    labelNames: ["state"] as const,
    registers: [registry],
    collect() {
      const s = deps.db.poolStats();
      this.set({ state: "total" }, s.total);
      this.set({ state: "idle" }, s.idle);
      this.set({ state: "waiting" }, s.waiting);
    },
  });

  return {
    registry,
    render: async () => `${http.render()}${await registry.metrics()}`,
    onRequest(request: FastifyRequest) {
      (request as Timed)[START] = process.hrtime.bigint();
    },
    onResponse(request: FastifyRequest, reply: FastifyReply) {
      const start = (request as Timed)[START];
      // Unmatched URLs share one label so scanners cannot blow up the series count.
      const route = request.routeOptions.url ?? "unmatched";
      http.count(
        request.method,
        route,
        reply.statusCode,
        start === undefined ? null : Number(process.hrtime.bigint() - start) / 1e9,
      );
    },
  };
}
