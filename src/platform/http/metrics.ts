import type { FastifyReply, FastifyRequest } from "fastify";
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { AppDeps } from "../deps.ts";
import { outboxStats } from "../outbox/outbox.ts";

const START = Symbol("amurStart");
type Timed = FastifyRequest & { [START]?: bigint };

/** Prometheus metrics for one app instance (its own registry, so tests can build several apps). */
export function createMetrics(deps: AppDeps) {
  const registry = new Registry();
  const requests = new Counter({
    name: "amur_http_requests_total",
    help: "HTTP requests by method, route template and status",
    labelNames: ["method", "route", "status"] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: "amur_http_request_duration_seconds",
    help: "HTTP request latency by method and route template",
    labelNames: ["method", "route"] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
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
    render: () => registry.metrics(),
    onRequest(request: FastifyRequest) {
      (request as Timed)[START] = process.hrtime.bigint();
    },
    onResponse(request: FastifyRequest, reply: FastifyReply) {
      const start = (request as Timed)[START];
      // Unmatched URLs share one label so scanners cannot blow up the series count.
      const route = request.routeOptions.url ?? "unmatched";
      requests.inc({ method: request.method, route, status: String(reply.statusCode) });
      if (start !== undefined) {
        duration.observe({ method: request.method, route }, Number(process.hrtime.bigint() - start) / 1e9);
      }
    },
  };
}
