import type { Command } from "commander";
import { verifyAuditChain } from "../platform/audit/audit.ts";
import { t } from "../platform/i18n/i18n.ts";
import { cliLocale, withDeps } from "./context.ts";

/** What this command prints, in the shell's language (LANG). */
const say = (key: string, params: Record<string, string | number> = {}) =>
  t(cliLocale(undefined), `cli.admin.${key}`, params);

export function registerAudit(program: Command): void {
  const audit = program.command("audit").description("Audit log");
  audit
    .command("verify")
    .description("Recompute the hash chain; exit 1 and name the first broken entry if it was tampered with")
    .action(async () => {
      const result = await withDeps((deps) => verifyAuditChain(deps.db.db));
      if (result.ok) {
        process.stdout.write(`${say("auditOk", { count: result.count, head: result.head ?? "—" })}\n`);
      } else {
        process.stdout.write(
          `${say("auditBroken", { at: result.brokenAt ?? "?", reason: result.reason ?? "", count: result.count })}\n`,
        );
        process.exitCode = 1;
      }
    });
}
