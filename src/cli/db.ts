import type { Command } from "commander";
import { loadReferenceData } from "../modules/reference/reference.service.ts";
import { randomToken } from "../platform/auth/crypto.ts";
import { DEMO_SEEDERS } from "../platform/demo.ts";
import { t } from "../platform/i18n/i18n.ts";
import { runDemoSeeders } from "../platform/seed.ts";
import { cliConfig, cliLocale, describeDatabase, withDeps } from "./context.ts";

/** What this command prints, in the shell's language (LANG). */
const say = (key: string, params: Record<string, string | number> = {}) =>
  t(cliLocale(undefined), `cli.admin.${key}`, params);

export function registerDatabase(program: Command): void {
  program
    .command("migrate")
    .description("Create or update the database schema")
    .action(async () => {
      const config = cliConfig();
      // createDeps migrates; this reports what it did.
      await withDeps(async () => {}, config);
      process.stdout.write(`${say("migrated", { database: describeDatabase(config) })}\n`);
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
          progress: (name) => process.stderr.write(`${say("seeding", { name })}\n`),
        });
      }, config);
      const created = Object.values(report).reduce((a, b) => a + b, 0);
      for (const [name, n] of Object.entries(report))
        process.stdout.write(`  ${say("seeded", { name, count: n })}\n`);
      if (created > 0 && !opts.password && !config.demoPassword) {
        process.stdout.write(`${say("demoPassword", { password: demoPassword })}\n`);
      }
      process.stdout.write(`${say(created === 0 ? "demoPresent" : "demoLoaded")}\n`);
    });
}
