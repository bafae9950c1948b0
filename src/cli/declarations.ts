import fs from "node:fs";
import type { Command } from "commander";
import { ensureDeclarationReference } from "../modules/declarations/declarations.fixtures.ts";
import {
  declarationReportCsv,
  IMPORT_COLUMNS,
  importDeclarations,
} from "../modules/declarations/declarations.import.ts";
import { decodeImportFile } from "../platform/csv.ts";
import { cliLocale, progressBar, requireFile, say, withDeps } from "./context.ts";

export function registerDeclarations(program: Command): void {
  const declarations = program.command("declarations").description("Customs declarations");
  declarations
    .command("import")
    .description(
      `File declarations from a CSV file, one row per declaration line; rows with the same ref make one declaration (its header fields come from its first row). Columns: ${IMPORT_COLUMNS.join(",")}. Separator , or ; (detected). Each declaration is validated, assessed and given its lane as through the API; importing the same file again files nothing twice.`,
    )
    .argument("<file>", "CSV file")
    .requiredOption("--email <email>", "the enterprise user who files the declarations")
    .option("--encoding <name>", "the file's encoding (default utf-8; e.g. windows-1251, gb18030)", "utf-8")
    .option("--report <file>", "where to write the per-row report (default: <file>.report.csv)")
    .option("--lang <lang>", "language of the messages: zh-CN, ru-RU or en (default from LANG)")
    .action(
      async (file: string, opts: { email: string; encoding: string; report?: string; lang?: string }) => {
        requireFile(file, opts.lang);
        const text = decodeImportFile(fs.readFileSync(file), opts.encoding);
        const locale = cliLocale(opts.lang);
        const bar = progressBar(say("unitDeclarations", {}, opts.lang), say("progress", {}, opts.lang));
        const started = Date.now();
        const report = await withDeps(async (deps) => {
          await ensureDeclarationReference(deps);
          return importDeclarations(deps, text, {
            email: opts.email,
            locale,
            onProgress: bar.onProgress,
          });
        }).finally(bar.stop);
        const reportFile = opts.report ?? `${file}.report.csv`;
        fs.writeFileSync(reportFile, declarationReportCsv(report));
        const seconds = (Date.now() - started) / 1000;
        for (const r of report.rows.filter((x) => x.status === "invalid").slice(0, 20)) {
          process.stderr.write(
            `  ${say("line", { line: r.line }, opts.lang)} (${r.ref || "—"}): ${r.errors.map((e) => `${e.path ? `${e.path}: ` : ""}${e.message}`).join("; ")}\n`,
          );
        }
        process.stdout.write(
          `${say("declarationsImported", { imported: report.imported, existing: report.existing, invalid: report.invalid, total: report.declarations, seconds: seconds.toFixed(1), file: reportFile }, opts.lang)}\n`,
        );
        if (report.imported + report.existing === 0) process.exitCode = 1;
      },
    );
}
