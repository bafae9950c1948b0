import fs from "node:fs";
import type { Command } from "commander";
import { loadReferenceData } from "../modules/reference/reference.service.ts";
import { importEnterprises, importReportCsv } from "../modules/registry/registry.import.ts";
import { decodeImportFile } from "../platform/csv.ts";
import { cliLocale, progressBar, requireFile, say, withDeps } from "./context.ts";

export function registerEnterprises(program: Command): void {
  const enterprises = program.command("enterprises").description("Enterprise registry");
  enterprises
    .command("import")
    .description(
      "Import enterprises from a CSV file (UTF-8 unless --encoding says otherwise; comma, semicolon or tab; header: side,uscc,inn,ogrn,kpp,name_zh,name_ru,name_en,legal_form,region,address,email,phone,website,hs_chapters,border_trade,aeo_level,aeo_since,cross_border_ecommerce). Valid rows are imported as pending; each invalid row is reported with its line and reasons.",
    )
    .argument("<file>", "CSV file")
    .option("--report <file>", "where to write the per-row report (default: <file>.report.csv)")
    .option("--encoding <name>", "the file's encoding (default utf-8; e.g. windows-1251, gb18030)", "utf-8")
    .option("--lang <lang>", "language of the messages: zh-CN, ru-RU or en (default from LANG)")
    .option("--sample", "mark the imported enterprises as sample data")
    .action(
      async (file: string, opts: { report?: string; lang?: string; sample?: boolean; encoding: string }) => {
        requireFile(file, opts.lang);
        // Strict: a file in another encoding is refused, never imported with replacement characters.
        const text = decodeImportFile(fs.readFileSync(file), opts.encoding);
        const locale = cliLocale(opts.lang);
        const bar = progressBar(say("unitRows", {}, opts.lang), say("progress", {}, opts.lang));
        const started = Date.now();
        const report = await withDeps(async (deps) => {
          // Rows name regions: make sure the shipped region list is loaded.
          await loadReferenceData(deps, { only: ["regions"] });
          return importEnterprises(deps, text, {
            actor: { userId: null, label: "cli:enterprises-import", organizationId: null },
            locale,
            ...(opts.sample ? { sample: true } : {}),
            onProgress: bar.onProgress,
          });
        }).finally(bar.stop);
        const reportFile = opts.report ?? `${file}.report.csv`;
        fs.writeFileSync(reportFile, importReportCsv(report));
        const seconds = (Date.now() - started) / 1000;
        for (const r of report.rows.filter((x) => x.status === "invalid").slice(0, 20)) {
          process.stderr.write(
            `  ${say("line", { line: r.line }, opts.lang)}: ${r.errors.map((e) => `${e.path ? `${e.path}: ` : ""}${e.message}`).join("; ")}\n`,
          );
        }
        if (report.invalid > 20)
          process.stderr.write(`  ${say("moreInvalid", { count: report.invalid - 20 }, opts.lang)}\n`);
        process.stdout.write(
          `${say("enterprisesImported", { imported: report.imported, invalid: report.invalid, total: report.total, seconds: seconds.toFixed(1), file: reportFile }, opts.lang)}\n`,
        );
        if (report.imported === 0 && report.total > 0) process.exitCode = 1;
      },
    );
}
