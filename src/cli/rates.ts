import fs from "node:fs";
import type { Command } from "commander";
import { ratesFromFile } from "../modules/tariffs/fx/fx.import.ts";
import { FX_SOURCES, type FxSource } from "../modules/tariffs/fx/fx.parse.ts";
import { importRates } from "../modules/tariffs/fx/fx.service.ts";
import { operationDeps } from "../platform/deps.ts";
import { AppError } from "../platform/errors.ts";
import { runOperation } from "../platform/operations.ts";
import { CliError, cliLocale, requireFile, say, withDeps } from "./context.ts";

export function registerRates(program: Command): void {
  const rates = program.command("rates").description("Official exchange rates");
  rates
    .command("import")
    .description(
      "Import a Bank of Russia XML_daily or XML_dynamic file, or a CFETS central-parity CSV. The whole file is checked first: a malformed file imports nothing and names the line.",
    )
    .requiredOption("--format <format>", `file format: ${FX_SOURCES.join(" | ")}`)
    .argument("<file>", "the file as downloaded (any encoding the file declares)")
    .option("--currency <code>", "ISO code for an XML_dynamic file whose Bank of Russia id is not known")
    .option("--lang <lang>", "language of the messages: zh-CN, ru-RU or en (default from LANG)")
    .action(async (file: string, opts: { format: string; currency?: string; lang?: string }) => {
      if (!(FX_SOURCES as readonly string[]).includes(opts.format)) {
        throw new CliError(
          say(
            "error.formatOneOf",
            {
              formats: FX_SOURCES.join(", "),
              format: opts.format,
            },
            opts.lang,
          ),
        );
      }
      requireFile(file, opts.lang);
      const locale = cliLocale(opts.lang);
      let parsed: ReturnType<typeof ratesFromFile>;
      try {
        parsed = ratesFromFile(
          opts.format as FxSource,
          fs.readFileSync(file),
          locale,
          opts.currency ? { charCode: opts.currency } : {},
        );
      } catch (e) {
        if (e instanceof AppError && e.code === "FX_FILE_INVALID")
          throw new CliError(String(e.params.reason));
        throw e;
      }
      const result = await withDeps((deps) =>
        runOperation(operationDeps(deps), importRates, parsed, {
          actor: { userId: null, label: "cli:rates-import", organizationId: null },
        }),
      );
      const pairs = new Set(parsed.rates.map((r) => `${r.base}/${r.quote}`));
      process.stdout.write(
        `${say("ratesImported", { count: result.imported, pairs: `${[...pairs].slice(0, 8).join(", ")}${pairs.size > 8 ? ", …" : ""}`, from: result.from ?? "—", to: result.to ?? "—", source: parsed.source }, opts.lang)}\n`,
      );
    });
}
