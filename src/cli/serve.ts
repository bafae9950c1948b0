import cluster from "node:cluster";
import type { Command } from "commander";
import { loadReferenceData } from "../modules/reference/reference.service.ts";
import { randomToken } from "../platform/auth/crypto.ts";
import { runWorkers, workerRole, writeTurnsFromPrimary } from "../platform/cluster.ts";
import { DEMO_SEEDERS } from "../platform/demo.ts";
import { closeModules, ROUTE_MODULES } from "../platform/modules.ts";
import { runDemoSeeders } from "../platform/seed.ts";
import { createDeps, serve } from "../platform/server.ts";
import { cliConfig, describeDatabase, say } from "./context.ts";
import { progressReporter } from "./reference.ts";

export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("Start the HTTP server (API + web app). A new database is migrated and gets demo data.")
    .option("-p, --port <port>", "port to listen on (env PORT, default 8080)")
    .option(
      "-H, --host <host>",
      "interface to bind (env HOST, default 127.0.0.1; 0.0.0.0 in production behind a proxy)",
    )
    .option("--no-demo", "do not load demo data into a new database")
    .option(
      "-w, --workers <n>",
      "server processes sharing the port (env AMUR_WORKERS, default 1); see docs/SCALING.md",
    )
    .action(async (opts: { port?: string; host?: string; demo: boolean; workers?: string }) => {
      const config = cliConfig({ PORT: opts.port, HOST: opts.host, AMUR_WORKERS: opts.workers });
      if (cluster.isWorker) {
        // A worker of the processes below: the primary has already prepared the database.
        const turns = config.database.kind === "sqlite" ? writeTurnsFromPrimary() : undefined;
        await serve(await createDeps(config, turns ? { turns } : {}), ROUTE_MODULES, workerRole());
        return;
      }
      const deps = await createDeps(config);
      const isNew = (await deps.db.db.selectFrom("users").select("id").limit(1).execute()).length === 0;
      // Idempotent and quick when nothing changed; after an upgrade it brings new reference files in.
      const reporter = progressReporter();
      await loadReferenceData(deps, { onProgress: reporter.onProgress }).finally(() => reporter.stop());
      let demoPassword: string | null = null;
      if (isNew && opts.demo) {
        demoPassword = config.demoPassword ?? randomToken(12);
        await runDemoSeeders(deps, DEMO_SEEDERS, { demoPassword });
      }
      let url: string;
      if (config.workers > 1) {
        // The primary only prepares the database and watches the workers; they open their own.
        await closeModules(deps.db.db);
        await deps.db.close();
        ({ url } = await runWorkers(config.workers, deps.log));
      } else {
        ({ url } = await serve(deps));
      }
      // In the shell's language (LANG), like the command's errors.
      const line = (key: string, params: Record<string, string | number> = {}) =>
        `  ${say(`serve.${key}`, params)}`;
      const lines = [
        "",
        line("running", { url: url.replace("127.0.0.1", "localhost") }),
        line("database", { database: describeDatabase(config) }),
        ...(config.workers > 1 ? [line("workers", { count: config.workers })] : []),
        line("apiDocs", { url: `${url}/api/docs` }),
      ];
      if (demoPassword && !config.demoPassword) {
        lines.push(
          "",
          line("demoLoaded"),
          line("signInAdmin"),
          `      ${demoPassword}`,
          line("samePassword"),
          line("lostIt", { command: "npx amur user create-admin --email you@example.org --password '…'" }),
        );
      } else if (demoPassword) {
        lines.push("", line("demoFromEnv"));
      } else if (isNew) {
        lines.push("", line("empty", { command: "npx amur user create-admin --email … --password …" }));
      }
      process.stdout.write(`${lines.join("\n")}\n\n`);
    });
}
