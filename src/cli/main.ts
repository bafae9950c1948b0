import { Command, CommanderError } from "commander";
import { ConfigError } from "../platform/config.ts";
import { isAppError } from "../platform/errors.ts";
import { problemOf } from "../platform/http/problem.ts";
import { registerApiKey } from "./apikey.ts";
import { registerAudit } from "./audit.ts";
import { CliError, cliLocale } from "./context.ts";
import { registerDatabase } from "./db.ts";
import { registerDeclarations } from "./declarations.ts";
import { registerEnterprises } from "./enterprises.ts";
import { registerRates } from "./rates.ts";
import { registerReference } from "./reference.ts";
import { registerServe } from "./serve.ts";
import { registerStats } from "./stats.ts";
import { registerUser } from "./user.ts";

export function buildProgram(): Command {
  const program = new Command("amur")
    .description(
      "Amur — China–Russia border trade platform (中俄边境贸易平台 · платформа приграничной торговли)",
    )
    .version(process.env.npm_package_version ?? "0.1.0")
    .showHelpAfterError()
    .exitOverride();
  registerServe(program);
  registerDatabase(program);
  registerReference(program);
  registerEnterprises(program);
  registerRates(program);
  registerDeclarations(program);
  registerStats(program);
  registerUser(program);
  registerApiKey(program);
  registerAudit(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      process.exitCode = e.exitCode;
      return;
    }
    if (e instanceof ConfigError || e instanceof CliError) {
      process.stderr.write(`amur: ${e.message}\n`);
    } else if (isAppError(e)) {
      // The same words the API would answer with, in the language of --lang or the shell.
      const lang = argv[argv.indexOf("--lang") + 1];
      const problem = problemOf(e, cliLocale(argv.includes("--lang") ? lang : undefined), "cli");
      process.stderr.write(`amur: ${problem.title}: ${problem.detail} [${e.code}]\n`);
      for (const f of problem.errors) process.stderr.write(`  ${f.path ? `${f.path}: ` : ""}${f.message}\n`);
    } else {
      process.stderr.write(`amur: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    }
    process.exitCode = 1;
  }
}

if (import.meta.main) {
  await main(process.argv);
}
