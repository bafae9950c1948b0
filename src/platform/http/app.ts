import fs from "node:fs";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import path from "node:path";
import fastifyCookie from "@fastify/cookie";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify, {
  type FastifyInstance,
  type FastifyRequest,
  LogController,
  type RouteOptions,
} from "fastify";
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import type { Logger } from "pino";
import type { ZodType } from "zod";
import { authenticateApiKey, authenticateSession } from "../../modules/identity/identity.service.ts";
import type { AuthContext, Policy, Side } from "../auth/policy.ts";
import { checkPolicy, sidesWithRole } from "../auth/policy.ts";
import { newId } from "../clock.ts";
import { forwardToLead, isLeadOnly, type LeadLink } from "../cluster.ts";
import type { AppDeps } from "../deps.ts";
import { AppError, isAppError } from "../errors.ts";
import { isLocale, type Locale, localeFromAcceptLanguage } from "../i18n/i18n.ts";
import { createMetrics } from "./metrics.ts";
import { I18N_PARAM, problemOf, RequestValidationError, validationAppError } from "./problem.ts";

export const SESSION_COOKIE = "amur_session";

/** What a route declares besides its schema. */
export interface OwnedResourceFixture {
  /**
   * Creates a resource owned by `owner` and returns the request parts that address it. The route
   * matrix calls this, then sends the request as a user of another organization with the same roles
   * and expects 404.
   */
  create(
    deps: AppDeps,
    owner: { userId: string; organizationId: string },
  ): Promise<{ params?: Record<string, string>; body?: unknown; query?: Record<string, string> }>;
}

/**
 * For routes on a resource that belongs to one side (CN or RU): the resource's side, read from the
 * request's params. An officer may act only where one of the policy's roles is held on that side;
 * otherwise 403 FORBIDDEN_SIDE. `null` means the resource does not exist (404).
 */
export interface SideScope {
  /** What the route's target is called when it does not exist (NOT_FOUND; a key of `resources.*`). */
  resource?: string;
  sideOf(deps: AppDeps, params: Record<string, string>): Promise<Side | null>;
  /** Fixture for the route matrix: creates a resource of the given side and returns its request parts. */
  create(deps: AppDeps, side: Side): Promise<{ params?: Record<string, string>; body?: unknown }>;
}

declare module "fastify" {
  interface FastifyContextConfig {
    policy?: Policy;
    ownedResource?: OwnedResourceFixture;
    sideScope?: SideScope;
  }
  interface FastifyRequest {
    auth: AuthContext | null;
    locale: Locale;
  }
}

export type AmurApp = FastifyInstance<Server, IncomingMessage, ServerResponse, Logger, ZodTypeProvider>;

export interface RegisteredRoute {
  method: string;
  url: string;
  policy: Policy;
  ownedResource: OwnedResourceFixture | undefined;
  sideScope: SideScope | undefined;
}

export type RouteModule = (app: AmurApp, deps: AppDeps) => void;

// Routes that plugins register for the API documentation, and GET routes of the web app's static
// files (everything outside /api/ and /metrics): public by nature, declared here. Module routes live
// under /api/ and must declare their own policy.
const INFRASTRUCTURE_PUBLIC = [/^\/api\/docs(\/|$)/, /^\/(?!api\/|metrics$)/];

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function zodValidatorCompiler({ schema, httpPart }: { schema: unknown; httpPart?: string }) {
  const zschema = schema as ZodType;
  return (data: unknown) => {
    const result = zschema.safeParse(data);
    return result.success
      ? { value: result.data }
      : { error: new RequestValidationError(result.error.issues, httpPart ?? "body") };
  };
}

function requestLocale(request: FastifyRequest): Locale {
  const lang = (request.query as Record<string, unknown> | undefined)?.lang;
  if (isLocale(lang)) return lang;
  return localeFromAcceptLanguage(request.headers["accept-language"]) ?? request.auth?.user.locale ?? "en";
}

/**
 * Builds the HTTP application: request ids, locale, authentication, per-route policies, CSRF, one
 * error handler producing RFC 9457 problems, OpenAPI, metrics and the web app.
 */
export async function buildApp(
  deps: AppDeps,
  modules: RouteModule[],
  options: { lead?: LeadLink } = {},
): Promise<{ app: AmurApp; routes: RegisteredRoute[] }> {
  const app = Fastify({
    loggerInstance: deps.log,
    genReqId: (req) => {
      const incoming = req.headers["x-request-id"];
      return typeof incoming === "string" && /^[\w.-]{8,100}$/.test(incoming) ? incoming : newId();
    },
    // Requests are counted in /metrics; per-request log lines would cost more than they tell.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: "requestId" }),
    trustProxy: deps.config.trustProxy,
    bodyLimit: 5 * 1024 * 1024,
    return503OnClosing: true,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest("auth", null);
  app.decorateRequest("locale", "en");

  const routes: RegisteredRoute[] = [];
  app.addHook("onRoute", (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    let policy = route.config?.policy;
    const readOnly = methods.every((m) => m === "GET" || m === "HEAD");
    if (!policy && readOnly && INFRASTRUCTURE_PUBLIC.some((re) => re.test(route.url))) {
      policy = { access: "public" };
      route.config = { ...route.config, policy };
    }
    if (!policy) throw new Error(`route ${methods.join(",")} ${route.url} does not declare a policy`);
    for (const method of methods) {
      if (
        method === "HEAD" &&
        methods.length === 1 &&
        routes.some((r) => r.url === route.url && r.method === "GET")
      )
        continue;
      routes.push({
        method,
        url: route.url,
        policy,
        ownedResource: route.config?.ownedResource,
        sideScope: route.config?.sideScope,
      });
    }
  });

  const metrics = createMetrics(deps);
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) => new AppError("RATE_LIMITED", { after: ctx.after }),
  });

  // A follower of `amur serve --workers N` passes statistics requests to the lead (cluster.ts), which
  // authenticates and answers them; nothing of them is done here.
  const lead = options.lead;
  if (lead) {
    app.addHook("onRequest", (request, reply, done) => {
      if (!isLeadOnly(request.url)) return done();
      reply.hijack();
      forwardToLead(lead, request.raw, reply.raw, (error) => {
        request.log.warn({ err: error }, "the lead worker did not answer a statistics request");
        const locale = requestLocale(request);
        reply.raw
          .writeHead(503, { "content-type": "application/problem+json; charset=utf-8" })
          .end(
            JSON.stringify(
              problemOf(new AppError("STATS_UNAVAILABLE"), locale, request.id, request.url.split("?")[0]),
            ),
          );
      });
    });
  }

  app.addHook("onRequest", async (request, reply) => {
    reply.header("x-request-id", request.id);
    metrics.onRequest(request);
    if (!request.url.startsWith("/api/")) return;
    const policy = request.routeOptions.config?.policy ?? { access: "public" };
    const bearer = request.headers.authorization;
    if (bearer?.startsWith("Bearer ")) {
      request.auth = await authenticateApiKey(deps, bearer.slice(7).trim());
      if (!request.auth && policy.access !== "public") throw new AppError("UNAUTHENTICATED");
    } else {
      const token = request.cookies[SESSION_COOKIE];
      if (token) request.auth = await authenticateSession(deps, token);
    }
    request.locale = requestLocale(request);
    const decision = checkPolicy(policy, request.auth, request.method);
    if (!decision.ok) {
      throw new AppError(
        decision.code,
        decision.code === "SCOPE_MISSING" ? { scope: decision.detail } : { required: decision.detail },
      );
    }
    // Cookie-authenticated changes need the session's CSRF token in a header a cross-site form cannot set.
    if (request.auth?.via === "session" && MUTATING.has(request.method)) {
      const sent = request.headers["x-csrf-token"];
      if (typeof sent !== "string" || sent !== request.auth.csrfToken) throw new AppError("CSRF_FAILED");
    }
  });

  // Side scoping runs after validation, when the params are parsed.
  app.addHook("preHandler", async (request) => {
    const scope = request.routeOptions.config?.sideScope;
    const policy = request.routeOptions.config?.policy;
    if (!scope || !policy || policy.access !== "role" || !request.auth) return;
    const side = await scope.sideOf(deps, request.params as Record<string, string>);
    if (side === null)
      throw new AppError("NOT_FOUND", {
        resource: scope.resource ?? "resource",
        id: Object.values(request.params as object).join("/"),
      });
    const allowed = policy.roles.some((role) =>
      sidesWithRole(request.auth as AuthContext, role).includes(side),
    );
    if (!allowed) throw new AppError("FORBIDDEN_SIDE", { side });
  });

  app.addHook("onResponse", async (request, reply) => {
    metrics.onResponse(request, reply);
  });

  // During shutdown, responses to requests still in flight close their keep-alive connections, so
  // the server can finish closing as soon as the last of them is answered.
  let closing = false;
  app.addHook("preClose", async () => {
    closing = true;
  });
  app.addHook("onSend", async (_request, reply) => {
    if (closing) reply.header("connection", "close");
  });

  app.setErrorHandler((error, request, reply) => {
    const locale = request.locale ?? localeFromAcceptLanguage(request.headers["accept-language"]) ?? "en";
    let appError: AppError;
    if (isAppError(error)) {
      appError = error;
    } else if (error instanceof RequestValidationError) {
      appError = validationAppError(error.issues, locale);
      if (error.part !== "body") {
        for (const fe of appError.fieldErrors) fe.path = fe.path ? fe.path : error.part;
      }
    } else {
      const e = error as { statusCode?: number; code?: string; message?: string };
      if (e.code === "FST_ERR_CTP_BODY_TOO_LARGE") appError = new AppError("PAYLOAD_TOO_LARGE");
      else if (e.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") appError = new AppError("UNSUPPORTED_MEDIA_TYPE");
      else if (e.code === "FST_ERR_CTP_EMPTY_JSON_BODY")
        appError = new AppError("BAD_REQUEST", { reason: `${I18N_PARAM}http.body_empty` });
      else if (e.code === "FST_ERR_CTP_INVALID_JSON_BODY")
        appError = new AppError("BAD_REQUEST", { reason: `${I18N_PARAM}http.body_not_json` });
      else if (e.statusCode === 400) {
        appError = new AppError("BAD_REQUEST", { reason: e.message ?? "" });
      } else if (e.statusCode === 503) appError = new AppError("SHUTTING_DOWN");
      else {
        request.log.error({ err: error, requestId: request.id }, "unhandled error");
        appError = new AppError("INTERNAL");
      }
    }
    if (appError.status >= 500 && appError.code !== "INTERNAL")
      request.log.warn({ code: appError.code }, "server error");
    reply
      .status(appError.status)
      .type("application/problem+json; charset=utf-8")
      .send(problemOf(appError, locale, request.id, request.url.split("?")[0]));
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Amur API",
        version: "1",
        description:
          "China–Russia border trade platform. Errors are RFC 9457 problem+json with a stable `code`; " +
          "send `Accept-Language: zh-CN | ru-RU | en` (or `?lang=`) for localized messages.",
      },
      components: {
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: SESSION_COOKIE },
          apiKey: { type: "http", scheme: "bearer", description: "amur_… API key" },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/api/docs" });

  app.route({
    method: "GET",
    url: "/api/openapi.json",
    config: { policy: { access: "public" } },
    schema: { hide: true },
    handler: async () => app.swagger(),
  });

  app.route({
    method: "GET",
    url: "/metrics",
    config: { policy: { access: "public" } },
    schema: { hide: true },
    handler: async (_request, reply) => {
      reply.type(metrics.registry.contentType);
      return metrics.render();
    },
  });

  for (const register of modules) register(app, deps);

  const webDir = deps.config.webDir;
  const hasWeb = fs.existsSync(path.join(webDir, "index.html"));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webDir,
      // One route per built file (the build is fixed while the server runs), so unknown paths, /api/
      // ones included, go straight to the not-found handler instead of probing the file system.
      wildcard: false,
      setHeaders: (res, file) => {
        res.header(
          "cache-control",
          file.includes(`${path.sep}assets${path.sep}`) ? "public, max-age=31536000, immutable" : "no-cache",
        );
      },
    });
  }

  app.setNotFoundHandler((request, reply) => {
    if (
      hasWeb &&
      request.method === "GET" &&
      !request.url.startsWith("/api/") &&
      // A file the build does not have (asked for by a tab opened before an update) is missing: the
      // shell in its place would reach the browser as a script it cannot run.
      !request.url.startsWith("/assets/") &&
      request.url !== "/metrics"
    ) {
      // Client-side routes of the SPA: every unknown page path gets the app shell.
      return reply.header("cache-control", "no-cache").sendFile("index.html");
    }
    request.locale = requestLocale(request);
    throw new AppError("ROUTE_NOT_FOUND", { method: request.method, url: request.url.split("?")[0] ?? "" });
  });

  return { app, routes };
}
