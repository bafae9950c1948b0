import type { Command } from "commander";
import { verifyAuditChain } from "../platform/audit/audit.ts";
import { say, withDeps } from "./context.ts";

export function registerAudit(program: Command): void {
  const audit = program.command("audit").description("Audit log");
  audit
    .command("verify")
    .description("Recompute the hash chain; exit 1 and name the first broken entry if it was tampered with")
    .action(async () => {
      const result = await withDeps((deps) => verifyAuditChain(deps.db.db));
      if (result.ok) {
        process.stdout.write(`${say("admin.auditOk", { count: result.count, head: result.head ?? "—" })}\n`);
      } else {
        process.stdout.write(
          `${say("admin.auditBroken", { at: result.brokenAt ?? "?", reason: result.reason ?? "", count: result.count })}\n`,
        );
        process.exitCode = 1;
      }
    });
}
