import type { Command } from "commander";
import { loadReferenceData } from "../modules/reference/reference.service.ts";
import { randomToken } from "../platform/auth/crypto.ts";
import { DEMO_SEEDERS } from "../platform/demo.ts";
import { runDemoSeeders } from "../platform/seed.ts";
import { createDeps, serve } from "../platform/server.ts";
import { cliConfig, describeDatabase } from "./context.ts";
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
    .action(async (opts: { port?: string; host?: string; demo: boolean }) => {
      const config = cliConfig({ PORT: opts.port, HOST: opts.host });
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
      const { url } = await serve(deps);
      const lines = [
        "",
        `  Amur is running at ${url.replace("127.0.0.1", "localhost")}`,
        `  Database: ${describeDatabase(config)}`,
        `  API docs: ${url}/api/docs`,
      ];
      if (demoPassword && !config.demoPassword) {
        lines.push(
          "",
          "  First start: demo data loaded (all of it is labelled sample).",
          "  Sign in as admin@amur.local with this password, shown only now:",
          `      ${demoPassword}`,
          "  The same password opens every demo account (officer.harbin@sample.amur.local, trader.heihe@sample.amur.local, …).",
          "  Lost it? Run: npx amur user create-admin --email you@example.org --password '…'",
        );
      } else if (demoPassword) {
        lines.push("", "  First start: demo data loaded; demo accounts use AMUR_DEMO_PASSWORD.");
      } else if (isNew) {
        lines.push(
          "",
          "  Empty database: create an administrator with npx amur user create-admin --email … --password …",
        );
      }
      process.stdout.write(`${lines.join("\n")}\n\n`);
    });
}
