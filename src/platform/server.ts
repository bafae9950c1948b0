import pino, { type Logger } from "pino";
import { bandLookup } from "../modules/statistics/statistics.bands.ts";
import { statsStoreFor } from "../modules/statistics/stats.store.ts";
import { AuthCache } from "./auth/auth-cache.ts";
import { type Clock, systemClock } from "./clock.ts";
import { awaitListen, type LeadLink, reportReady, startLeadListener, type WorkerRole } from "./cluster.ts";
import type { TConfig } from "./config.ts";
import { type DbHandle, openDatabase, type WriteTurns } from "./db/db.ts";
import { migrateToLatest } from "./db/migrate.ts";
import type { AppDeps } from "./deps.ts";
import { buildApp, type RouteModule } from "./http/app.ts";
import { closeModules, eventHandlers, ROUTE_MODULES, startBackgroundJobs } from "./modules.ts";
import { OutboxDispatcher } from "./outbox/outbox.ts";

export function createLogger(config: Pick<TConfig, "logLevel">): Logger {
  return pino({
    level: config.logLevel,
    base: { service: "amur" },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}

/** Opens the database, brings it up to date and wires the dependencies. */
export async function createDeps(
  config: TConfig,
  options: { log?: Logger; clock?: Clock; db?: DbHandle; turns?: WriteTurns } = {},
) {
  const log = options.log ?? createLogger(config);
  const db = options.db ?? openDatabase(config.database, options.turns ? { turns: options.turns } : {});
  await migrateToLatest(db);
  const clock = options.clock ?? systemClock;
  const outbox = new OutboxDispatcher(db, clock, log, { pollMs: config.outboxPollMs });
  for (const handler of eventHandlers(clock, config)) outbox.register(handler);
  const deps: AppDeps = { config, db, clock, log, outbox, authCache: new AuthCache(config.authCacheMs) };
  return deps;
}

export async function createServer(
  deps: AppDeps,
  modules: RouteModule[] = ROUTE_MODULES,
  options: { lead?: LeadLink } = {},
) {
  const { app, routes } = await buildApp(deps, modules, options);
  await app.ready();
  return { app, routes };
}

/**
 * Starts serving and installs signal handlers: on SIGTERM/SIGINT the server stops accepting
 * connections, finishes in-flight requests, lets the outbox finish its delivery round, then closes
 * the database. As a worker of `amur serve --workers N` (see cluster.ts), a follower runs neither the
 * outbox nor the background jobs and forwards statistics to the lead; the lead also listens for the
 * followers on loopback.
 */
export async function serve(
  deps: AppDeps,
  modules: RouteModule[] = ROUTE_MODULES,
  role: WorkerRole = { kind: "single" },
): Promise<{ url: string; close: () => Promise<void> }> {
  if (role.kind === "follower") deps.lead = role.lead;
  const { app } = await createServer(deps, modules, role.kind === "follower" ? { lead: role.lead } : {});
  const background = role.kind !== "follower";
  if (background) deps.outbox.start();
  const stopJobs = background ? startBackgroundJobs(deps) : async () => {};
  if (role.kind !== "single") await awaitListen();
  const address = await app.listen({ port: deps.config.port, host: deps.config.host });
  const leadListener =
    role.kind === "lead"
      ? await startLeadListener(app, role.token, async () => [
          ...(await bandLookup(statsStoreFor(deps.db.db, deps.config))).values(),
        ])
      : null;
  if (role.kind !== "single") reportReady(address, leadListener?.url ?? null);
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      deps.log.info("shutting down: finishing in-flight requests and outbox deliveries");
      await leadListener?.close();
      await app.close();
      await deps.outbox.stop();
      await stopJobs();
      await closeModules(deps.db.db);
      await deps.db.close();
      deps.log.info("stopped");
    })();
    return closing;
  };
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      close().then(
        () => process.exit(0),
        (err) => {
          deps.log.error({ err }, "shutdown failed");
          process.exit(1);
        },
      );
    });
  }
  return { url: address, close };
}
