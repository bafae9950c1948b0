import { declarationsRoutes } from "../modules/declarations/declarations.routes.ts";
import { identityRoutes } from "../modules/identity/identity.routes.ts";
import { quotasRoutes } from "../modules/quotas/quotas.routes.ts";
import { referenceRoutes } from "../modules/reference/reference.routes.ts";
import { registryRoutes } from "../modules/registry/registry.routes.ts";
import { trustProjection } from "../modules/registry/trust.projection.ts";
import { fxRoutes } from "../modules/tariffs/fx/fx.routes.ts";
import { tariffsRoutes } from "../modules/tariffs/tariffs.routes.ts";
import type { Clock } from "./clock.ts";
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
];

/** Every module's outbox handlers (projections and side effects). */
export function eventHandlers(clock: Clock): EventHandler[] {
  return [trustProjection(() => clock.now())];
}
