import fs from "node:fs";
import { gunzipSync } from "node:zlib";
import type { Command } from "commander";
import { loadReferenceData } from "../modules/reference/reference.service.ts";
import { importCaliberFile, saveCaliber, ZCaliberMapping } from "../modules/statistics/statistics.caliber.ts";
import { importComtrade, localizeIssues } from "../modules/statistics/statistics.comtrade.ts";
import {
  type Dimension,
  type Measure,
  runQuery,
  toCsv,
  toXlsx,
} from "../modules/statistics/statistics.query.ts";
import { ZQuery } from "../modules/statistics/statistics.schema.ts";
import { checkFacts, rebuildPlatformFacts } from "../modules/statistics/statistics.service.ts";
import { statsStoreFor } from "../modules/statistics/stats.store.ts";
import { decodeImportFile } from "../platform/csv.ts";
import { CliError, cliLocale, progressBar, requireFile, say, sayCount, withDeps } from "./context.ts";

const list = (v: string | undefined) =>
  v
    ? v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;

export function registerStats(program: Command): void {
  const stats = program
    .command("stats")
    .description(
      "Trade statistics (facts in DuckDB beside the main database; stop the server first, it holds the file)",
    );

  stats
    .command("import")
    .description(
      "Import a UN Comtrade API v1 export (CSV or JSON); the same file again is a no-op, a file with bad rows imports nothing",
    )
    .requiredOption(
      "--format <format>",
      "comtrade (UN Comtrade API v1 CSV or JSON) or caliber (a source's CSV read through a saved caliber)",
    )
    .argument("<file>", "the file")
    .option("--caliber <name>", "with --format caliber: the saved caliber")
    .option("--encoding <name>", "the file's encoding (default utf-8; e.g. gb18030, windows-1251)", "utf-8")
    .option("--publish", "make the facts public at once")
    .option("--lang <lang>", "language of the messages: zh-CN, ru-RU or en (default from LANG)")
    .action(
      async (
        file: string,
        opts: { format: string; caliber?: string; encoding: string; publish?: boolean; lang?: string },
      ) => {
        if (opts.format !== "comtrade" && opts.format !== "caliber")
          throw new CliError(
            say(
              "error.formatOneOf",
              {
                formats: "comtrade, caliber",
                format: opts.format,
              },
              opts.lang,
            ),
          );
        if (opts.format === "caliber" && !opts.caliber)
          throw new CliError(say("error.caliberNeedsName", {}, opts.lang));
        requireFile(file, opts.lang);
        const bytes = fs.readFileSync(file);
        // Comtrade's bulk files come gzipped (…txt.gz): read them as they are.
        const raw = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
        const text = decodeImportFile(raw, opts.encoding);
        const locale = cliLocale(opts.lang);
        const bar = progressBar(say("unitFacts", {}, opts.lang), say("progress", {}, opts.lang));
        const r = await withDeps(async (deps) => {
          await loadReferenceData(deps, { only: ["hs", "countries"] });
          const store = statsStoreFor(deps.db.db, deps.config);
          if (opts.format === "caliber")
            return importCaliberFile(deps.db.db, store, text, {
              caliber: opts.caliber as string,
              fileName: file,
              published: opts.publish === true,
              by: "cli",
              onProgress: bar.onProgress,
            });
          return importComtrade(deps.db.db, store, text, {
            fileName: file,
            published: opts.publish === true,
            by: "cli",
            onRead: bar.stage(say("reading", {}, opts.lang), say("unitRows", {}, opts.lang)),
            onProgress: bar.onProgress,
          });
        }).finally(bar.stop);
        const said = localizeIssues(r, locale);
        for (const e of said.errors.slice(0, 30))
          process.stderr.write(`  ${say("line", { line: e.line }, opts.lang)}: ${e.field}: ${e.message}\n`);
        if (r.errors.length > 30)
          process.stderr.write(`  ${say("more", { count: r.errors.length - 30 }, opts.lang)}\n`);
        for (const s of said.skipped)
          process.stdout.write(
            `  ${sayCount("statsSkipped", s.count, { reason: s.message ?? s.reason }, opts.lang)}\n`,
          );
        if (r.alreadyImported)
          process.stdout.write(
            `${say("statsAlreadyImported", { dataset: r.datasetId ?? "—" }, opts.lang)}\n`,
          );
        else if (r.errors.length) {
          process.stdout.write(`${say("statsBadRows", { bad: r.errors.length, rows: r.rows }, opts.lang)}\n`);
          process.exitCode = 1;
        } else
          process.stdout.write(
            `${say("statsImported", { imported: r.imported, rows: r.rows, dataset: r.datasetId ?? "—" }, opts.lang)}\n`,
          );
      },
    );

  stats
    .command("caliber")
    .description(
      "Save a caliber (JSON: source, reporter, currency, valueScale, columns, fixed, values, skipLabels, fillDown; see docs/STATISTICS.md)",
    )
    .argument("<name>", "the caliber's name, e.g. hlj-monthly")
    .argument("<file>", "the mapping as JSON")
    .action(async (name: string, file: string) => {
      requireFile(file);
      const parsed = ZCaliberMapping.safeParse(JSON.parse(fs.readFileSync(file, "utf8")));
      if (!parsed.success)
        throw new CliError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
      await withDeps((deps) => saveCaliber(statsStoreFor(deps.db.db, deps.config), name, parsed.data, "cli"));
      process.stdout.write(`${say("admin.caliberSaved", { name })}\n`);
    });

  stats
    .command("rebuild")
    .description("Recompute the platform facts from the released declarations")
    .action(async () => {
      const bar = progressBar(say("unitDeclarations"), say("admin.rebuild"));
      const r = await withDeps((deps) =>
        rebuildPlatformFacts(deps.db.db, statsStoreFor(deps.db.db, deps.config), bar.onProgress),
      ).finally(bar.stop);
      process.stdout.write(`${say("admin.rebuilt", { facts: r.facts, declarations: r.declarations })}\n`);
    });

  stats
    .command("check")
    .description(
      "Prove the facts match their sources: counts and sums to the minor unit; exit 1 on a difference",
    )
    .action(async () => {
      const r = await withDeps((deps) => checkFacts(deps.db.db, statsStoreFor(deps.db.db, deps.config)));
      for (const l of r.lines)
        process.stdout.write(
          `${l.ok ? "ok  " : "DIFF"} ${l.source} ${l.what}: expected ${l.expected}, facts ${l.actual}\n`,
        );
      if (!r.ok) process.exitCode = 1;
    });

  stats
    .command("query")
    .description(
      "Query the facts and print CSV, or write CSV or XLSX with --out (all sources, published or not)",
    )
    .option("--dimensions <list>", "e.g. year,flow,hs_chapter", "year")
    .option("--measures <list>", "value,net_kg,quantity,records", "value")
    .option("--currency <c>", "USD, CNY or RUB", "USD")
    .option("--reporter <list>")
    .option("--flow <list>")
    .option("--partner <list>")
    .option("--hs <list>", "HS prefixes")
    .option("--port <list>", "border crossings, e.g. heihe-blagoveshchensk")
    .option("--region <list>", "provinces and federal subjects, e.g. CN-HL,RU-AMU")
    .option("--trade-mode <list>", "general, small_border, border_residents, processing, ecommerce, …")
    .option("--transport-mode <list>", "rail, road, …")
    .option("--source <list>")
    .option("--from <period>", "YYYY or YYYY-MM")
    .option("--to <period>", "YYYY or YYYY-MM")
    .option("--top <n>")
    .option("--shares")
    .option("--yoy")
    .option(
      "--out <file>",
      "write to this file instead of printing: a spreadsheet if it ends in .xlsx, else CSV",
    )
    .option("--lang <lang>", "language of the messages: zh-CN, ru-RU or en (default from LANG)")
    .action(async (o: Record<string, string | boolean | undefined>) => {
      const parsed = ZQuery.safeParse({
        dimensions: list(o.dimensions as string) as Dimension[],
        measures: list(o.measures as string) as Measure[],
        currency: o.currency,
        filters: {
          reporter: list(o.reporter as string),
          flow: list(o.flow as string),
          partner: list(o.partner as string),
          hs: list(o.hs as string),
          port: list(o.port as string),
          region: list(o.region as string),
          tradeMode: list(o.tradeMode as string),
          transportMode: list(o.transportMode as string),
          source: list(o.source as string),
        },
        period: { from: o.from, to: o.to },
        ...(o.top ? { top: Number(o.top) } : {}),
        shares: o.shares === true,
        yoy: o.yoy === true,
      });
      if (!parsed.success)
        throw new CliError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
      const r = await withDeps((deps) => runQuery(statsStoreFor(deps.db.db, deps.config), parsed.data, true));
      const out = o.out as string | undefined;
      if (!out) {
        process.stdout.write(toCsv(r).replace(/^\uFEFF/, ""));
        return;
      }
      // A file keeps the byte-order mark, so that spreadsheets read Chinese and Russian correctly.
      fs.writeFileSync(out, /\.xlsx$/i.test(out) ? toXlsx(r, parsed.data.dimensions) : toCsv(r));
      process.stderr.write(
        `${say("statsQueryWritten", { rows: r.rows.length, file: out }, o.lang as string)}\n`,
      );
    });
}
