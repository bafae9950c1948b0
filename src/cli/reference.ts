import cliProgress from "cli-progress";
import type { Command } from "commander";
import { type LoadProgress, loadReferenceData } from "../modules/reference/reference.service.ts";
import { say, withDeps } from "./context.ts";

/** A progress bar per dataset on a terminal; plain lines otherwise (CI logs). */
export function progressReporter(stream: NodeJS.WriteStream = process.stderr) {
  const bars = stream.isTTY
    ? new cliProgress.MultiBar(
        {
          format: " {dataset} |{bar}| {percentage}% {value}/{total}",
          hideCursor: true,
          clearOnComplete: false,
          stream,
        },
        cliProgress.Presets.shades_classic,
      )
    : null;
  const byDataset = new Map<string, cliProgress.SingleBar>();
  return {
    onProgress(p: LoadProgress) {
      if (!bars) {
        if (p.phase === "done" || p.phase === "skip")
          stream.write(
            `  ${p.dataset}: ${say(`admin.referenceStatus.${p.phase === "skip" ? "unchanged" : "loaded"}`)}\n`,
          );
        return;
      }
      let bar = byDataset.get(p.dataset);
      if (!bar) {
        bar = bars.create(p.total, 0, { dataset: p.dataset.padEnd(10) });
        byDataset.set(p.dataset, bar);
      }
      bar.setTotal(Math.max(p.total, 1));
      bar.update(p.done);
    },
    stop() {
      bars?.stop();
    },
  };
}

export function registerReference(program: Command): void {
  const reference = program
    .command("reference")
    .description("Reference data: HS / TN VED, countries, currencies, UN/LOCODE, border ports");
  reference
    .command("load")
    .description("Load the shipped reference data (idempotent: unchanged datasets are skipped)")
    .option("--force", "reload even unchanged datasets")
    .option("--data-dir <dir>", "read the reference files from this directory instead of data/reference")
    .action(async (opts: { force?: boolean; dataDir?: string }) => {
      const started = Date.now();
      const reporter = progressReporter();
      const reports = await withDeps((deps) =>
        loadReferenceData(deps, {
          onProgress: reporter.onProgress,
          ...(opts.force ? { force: true } : {}),
          ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
        }),
      ).finally(() => reporter.stop());
      for (const r of reports)
        process.stdout.write(
          `${say("admin.referenceRow", { dataset: r.dataset.padEnd(10), status: say(`admin.referenceStatus.${r.status}`).padEnd(13), rows: r.rows })}\n`,
        );
      const loaded = reports.filter((r) => r.status === "loaded").length;
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(
        `${loaded === 0 ? say("admin.referenceNothing", { seconds }) : say("admin.referenceLoaded", { count: loaded, seconds })}\n`,
      );
    });
}
