import { declarationsRoutes } from "../modules/declarations/declarations.routes.ts";
import { identityRoutes } from "../modules/identity/identity.routes.ts";
import { deliverWebhooks, knowledgeNotifications } from "../modules/knowledge/knowledge.notify.ts";
import { knowledgeRoutes } from "../modules/knowledge/knowledge.routes.ts";
import { quotasRoutes } from "../modules/quotas/quotas.routes.ts";
import { referenceRoutes } from "../modules/reference/reference.routes.ts";
import { registryRoutes } from "../modules/registry/registry.routes.ts";
import { trustProjection } from "../modules/registry/trust.projection.ts";
import { statisticsProjection } from "../modules/statistics/statistics.facts.ts";
import { statisticsRoutes } from "../modules/statistics/statistics.routes.ts";
import { closeStatsStore } from "../modules/statistics/stats.store.ts";
import { fxRoutes } from "../modules/tariffs/fx/fx.routes.ts";
import { tariffsRoutes } from "../modules/tariffs/tariffs.routes.ts";
import type { Clock } from "./clock.ts";
import type { TConfig } from "./config.ts";
import type { AppDeps } from "./deps.ts";
import type { RouteModule } from "./http/app.ts";
import { healthRoutes } from "./http/health.routes.ts";
import type { EventHandler } from "./outbox/outbox.ts";

/** Every module's routes, in one list: the server, the route matrix and the OpenAPI test use it. */
export const ROUTE_MODULES: RouteModule[] = [
  healthRoutes,
  identityRoutes,
  referenceRoutes,
  registryRoutes,
  fxRoutes,
  tariffsRoutes,
  declarationsRoutes,
  quotasRoutes,
  statisticsRoutes,
  knowledgeRoutes,
];

/** Every module's outbox handlers (projections and side effects). */
export function eventHandlers(
  clock: Clock,
  config: Pick<TConfig, "statsPath" | "statsThreads">,
): EventHandler[] {
  return [trustProjection(() => clock.now()), statisticsProjection(config), knowledgeNotifications()];
}

/** Module resources to release at shutdown, after the outbox has stopped. */
export async function closeModules(db: object): Promise<void> {
  await closeStatsStore(db);
}

/**
 * Work that runs on a timer beside the outbox: webhook deliveries (retried with backoff). Returns the
 * function that stops it, waiting for a round in progress.
 */
export function startBackgroundJobs(deps: AppDeps, everyMs = 2000): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = deliverWebhooks(deps.db.db)
      .catch((err: unknown) => deps.log.warn({ err }, "webhook delivery round failed"))
      .finally(() => {
        running = null;
      });
  }, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
