import type { Command } from "commander";
import { z } from "zod";
import * as repo from "../modules/identity/identity.repository.ts";
import { ZEmail } from "../modules/identity/identity.schema.ts";
import {
  addMembership,
  createOrganization,
  createUser,
  hashNewPassword,
} from "../modules/identity/identity.service.ts";
import { operationDeps } from "../platform/deps.ts";
import { runOperation, SYSTEM_ACTOR } from "../platform/operations.ts";
import { CliError, say, withDeps } from "./context.ts";

export function registerUser(program: Command): void {
  const user = program.command("user").description("Manage users");
  user
    .command("create-admin")
    .description("Create a platform administrator (or reset that user's password and grant the role)")
    .requiredOption("--email <email>", "sign-in email")
    .requiredOption("--password <password>", "at least 12 characters")
    .option("--name <name>", "display name", "Administrator")
    .action(async (opts: { email: string; password: string; name: string }) => {
      const email = ZEmail.safeParse(opts.email);
      if (!email.success) throw new CliError(say("error.badEmail", { email: opts.email }));
      if (!z.string().min(12).safeParse(opts.password).success)
        throw new CliError(say("error.shortPassword"));
      await withDeps(async (deps) => {
        const ops = operationDeps(deps);
        const passwordHash = await hashNewPassword(opts.password);
        let row = await repo.findUserByEmail(deps.db.db, email.data);
        if (row) {
          await repo.updateUser(deps.db.db, row.id, {
            password_hash: passwordHash,
            updated_at: deps.clock.now().toISOString(),
            disabled_at: null,
          });
        } else {
          await runOperation(
            ops,
            createUser,
            { email: email.data, displayName: opts.name, locale: "en", passwordHash },
            { actor: SYSTEM_ACTOR },
          );
          row = await repo.findUserByEmail(deps.db.db, email.data);
        }
        const platform =
          (await deps.db.db
            .selectFrom("organizations")
            .selectAll()
            .where("kind", "=", "platform")
            .orderBy("created_at")
            .executeTakeFirst()) ??
          (await runOperation(
            ops,
            createOrganization,
            { kind: "platform", side: null, name: "Amur Platform", names: { en: "Amur Platform" } },
            { actor: SYSTEM_ACTOR },
          ));
        if (!row) throw new CliError(say("error.userNotCreated"));
        await runOperation(
          ops,
          addMembership,
          { userId: row.id, organizationId: platform.id, role: "platform_admin" },
          { actor: SYSTEM_ACTOR },
        );
        process.stdout.write(`${say("admin.adminReady", { email: email.data })}\n`);
      });
    });
}
