import type { Command } from "commander";
import { verifyAuditChain } from "../platform/audit/audit.ts";
import { withDeps } from "./context.ts";

export function registerAudit(program: Command): void {
  const audit = program.command("audit").description("Audit log");
  audit
    .command("verify")
    .description("Recompute the hash chain; exit 1 and name the first broken entry if it was tampered with")
    .action(async () => {
      const result = await withDeps((deps) => verifyAuditChain(deps.db.db));
      if (result.ok) {
        process.stdout.write(`OK: ${result.count} entries, chain head ${result.head}\n`);
      } else {
        process.stdout.write(
          `BROKEN at entry #${result.brokenAt} (${result.reason}); ${result.count} entries before it are intact\n`,
        );
        process.exitCode = 1;
      }
    });
}
