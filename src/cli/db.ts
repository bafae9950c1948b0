import type { Command } from "commander";
import { loadReferenceData } from "../modules/reference/reference.service.ts";
import { randomToken } from "../platform/auth/crypto.ts";
import { DEMO_SEEDERS } from "../platform/demo.ts";
import { runDemoSeeders } from "../platform/seed.ts";
import { cliConfig, describeDatabase, say, withDeps } from "./context.ts";

export function registerDatabase(program: Command): void {
  program
    .command("migrate")
    .description("Create or update the database schema")
    .action(async () => {
      const config = cliConfig();
      // createDeps migrates; this reports what it did.
      await withDeps(async () => {}, config);
      process.stdout.write(`${say("admin.migrated", { database: describeDatabase(config) })}\n`);
    });

  const seed = program.command("seed").description("Load sample data");
  seed
    .command("demo")
    .description("Load the demo cast and sample data of every module (idempotent; all labelled sample)")
    .option(
      "--password <password>",
      "password for demo accounts that are created now (default: AMUR_DEMO_PASSWORD or generated)",
    )
    .action(async (opts: { password?: string }) => {
      const config = cliConfig();
      const demoPassword = opts.password ?? config.demoPassword ?? randomToken(12);
      const report = await withDeps(async (deps) => {
        // Demo data names regions, HS codes and ports: the reference data must be there first.
        await loadReferenceData(deps);
        return runDemoSeeders(deps, DEMO_SEEDERS, {
          demoPassword,
          progress: (name) => process.stderr.write(`${say("admin.seeding", { name })}\n`),
        });
      }, config);
      const created = Object.values(report).reduce((a, b) => a + b, 0);
      for (const [name, n] of Object.entries(report))
        process.stdout.write(`  ${say("admin.seeded", { name, count: n })}\n`);
      if (created > 0 && !opts.password && !config.demoPassword) {
        process.stdout.write(`${say("admin.demoPassword", { password: demoPassword })}\n`);
      }
      process.stdout.write(`${say(created === 0 ? "admin.demoPresent" : "admin.demoLoaded")}\n`);
    });
}
