import { identityRoutes } from "../modules/identity/identity.routes.ts";
import { referenceRoutes } from "../modules/reference/reference.routes.ts";
import type { RouteModule } from "./http/app.ts";
import { healthRoutes } from "./http/health.routes.ts";

/** Every module's routes, in one list: the server, the route matrix and the OpenAPI test use it. */
export const ROUTE_MODULES: RouteModule[] = [healthRoutes, identityRoutes, referenceRoutes];
