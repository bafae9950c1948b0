import { sql } from "kysely";
import { z } from "zod";
import { PUBLIC } from "../auth/policy.ts";
import { processRole } from "../cluster.ts";
import type { RouteModule } from "./app.ts";

const ZHealth = z.object({
  status: z.enum(["ok", "degraded"]),
  version: z.string(),
  database: z.object({ dialect: z.enum(["sqlite", "postgres"]), ok: z.boolean() }),
  time: z.string(),
  /** Which server process answered: the only one, or with `--workers N` the lead or a follower. */
  process: z.enum(["single", "lead", "follower"]),
});

export const healthRoutes: RouteModule = (app, deps) => {
  app.route({
    method: "GET",
    url: "/api/health",
    config: { policy: PUBLIC },
    schema: {
      tags: ["operations"],
      summary: "Liveness and database reachability",
      response: { 200: ZHealth, 503: ZHealth },
    },
    handler: async (_request, reply) => {
      let ok = true;
      try {
        await sql`select 1`.execute(deps.db.db);
      } catch {
        ok = false;
      }
      const body = {
        status: ok ? ("ok" as const) : ("degraded" as const),
        version: process.env.npm_package_version ?? "0.1.0",
        database: { dialect: deps.db.dialect, ok },
        time: deps.clock.now().toISOString(),
        process: processRole(),
      };
      return reply.status(ok ? 200 : 503).send(body);
    },
  });
};
