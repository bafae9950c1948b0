import type { Command } from "commander";
import * as repo from "../modules/identity/identity.repository.ts";
import { createApiKey } from "../modules/identity/identity.service.ts";
import { SCOPES, type Scope } from "../platform/auth/policy.ts";
import { operationDeps } from "../platform/deps.ts";
import { runOperation } from "../platform/operations.ts";
import { CliError, say, withDeps } from "./context.ts";

export function registerApiKey(program: Command): void {
  const apikey = program.command("apikey").description("Manage API keys");
  apikey
    .command("create")
    .description("Create an API key for a user and print it (shown once)")
    .requiredOption("--email <email>", "the user the key acts as")
    .requiredOption("--name <name>", "what the key is for")
    .option("--scopes <list>", `comma-separated scopes (${SCOPES.join(", ")})`, "read,write")
    .action(async (opts: { email: string; name: string; scopes: string }) => {
      const scopes = opts.scopes
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
      const bad = scopes.filter((s) => !(SCOPES as readonly string[]).includes(s));
      if (bad.length || scopes.length === 0)
        throw new CliError(
          say("error.badScopes", { bad: bad.join(", ") || say("error.noScopes"), scopes: SCOPES.join(", ") }),
        );
      await withDeps(async (deps) => {
        const user = await repo.findUserByEmail(deps.db.db, opts.email.toLowerCase());
        if (!user) throw new CliError(say("error.noUser", { email: opts.email }));
        const { secret, apiKey } = await runOperation(
          operationDeps(deps),
          createApiKey,
          { userId: user.id, name: opts.name, scopes: scopes as Scope[] },
          { actor: { userId: null, label: "cli", organizationId: null } },
        );
        process.stderr.write(
          `${say("admin.apiKeyCreated", { name: apiKey.name, scopes: apiKey.scopes.join(", "), email: user.email })}\n`,
        );
        process.stdout.write(`${secret}\n`);
      });
    });
}
