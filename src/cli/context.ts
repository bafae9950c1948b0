import fs from "node:fs";
import cliProgress from "cli-progress";
import { loadConfig, type TConfig } from "../platform/config.ts";
import type { AppDeps } from "../platform/deps.ts";
import { isLocale, type Locale, matchLocale, t, tCount } from "../platform/i18n/i18n.ts";
import { closeModules } from "../platform/modules.ts";
import { createDeps, createLogger } from "../platform/server.ts";

export class CliError extends Error {}

/**
 * A progress bar on stderr for a long command, when stderr is a terminal (in a pipe or a log it stays
 * quiet): `onProgress(done, total)` starts it on the first call and moves it; `stop()` ends it.
 */
export function progressBar(
  unit: string,
  label = "import",
): {
  onProgress(done: number, total: number): void;
  /** The progress of another stage of the same work (reading, then writing), under its own words. */
  stage(label: string, unit: string): (done: number, total: number) => void;
  stop(): void;
} {
  const bar = process.stderr.isTTY
    ? new cliProgress.SingleBar(
        { format: " {label} |{bar}| {percentage}% {value}/{total} {unit}", stream: process.stderr },
        cliProgress.Presets.shades_classic,
      )
    : null;
  const update = (done: number, total: number, words: { label: string; unit: string }) => {
    if (!bar) return;
    if (!bar.isActive) bar.start(total, 0, words);
    else if (bar.getTotal() !== total) bar.setTotal(total);
    bar.update(done, words);
  };
  return {
    onProgress: (done, total) => update(done, total, { label, unit }),
    stage: (stageLabel, stageUnit) => (done, total) =>
      update(done, total, { label: stageLabel, unit: stageUnit }),
    stop: () => bar?.stop(),
  };
}

/** A message of the CLI's own (a key under cli.), in the language of --lang if given, else the shell's. */
export function say(key: string, params: Record<string, string | number> = {}, lang?: string): string {
  return t(cliLocale(lang), `cli.${key}`, params);
}

/** say(), in the plural form `count` needs (cli.KEY_one beside cli.KEY). */
export function sayCount(
  key: string,
  count: number,
  params: Record<string, string | number> = {},
  lang?: string,
): string {
  return tCount(cliLocale(lang), `cli.${key}`, count, params);
}

/** Stops the command, in the user's language, when its input file is not there. */
export function requireFile(file: string, lang?: string): void {
  if (!fs.existsSync(file)) throw new CliError(say("error.noSuchFile", { file }, lang));
}

/** The language of a command's messages: --lang, else the LANG of the shell, else English. */
export function cliLocale(lang: string | undefined): Locale {
  if (lang && isLocale(lang)) return lang;
  return matchLocale(lang ?? process.env.LANG ?? "") ?? "en";
}

/** Config from the environment with CLI flags applied on top. */
export function cliConfig(overrides: Partial<Record<string, string | undefined>> = {}): TConfig {
  const env = { ...process.env };
  for (const [k, v] of Object.entries(overrides)) if (v !== undefined) env[k] = v;
  return loadConfig(env);
}

/** Opens the database for a one-shot command and closes it afterwards. */
export async function withDeps<T>(
  fn: (deps: AppDeps) => Promise<T>,
  config: TConfig = cliConfig(),
): Promise<T> {
  const log = createLogger({ logLevel: process.env.AMUR_LOG_LEVEL ? config.logLevel : "warn" });
  const deps = await createDeps(config, { log });
  try {
    return await fn(deps);
  } finally {
    await deps.outbox.stop();
    await closeModules(deps.db.db);
    await deps.db.close();
  }
}

export function describeDatabase(config: TConfig): string {
  return config.database.kind === "sqlite"
    ? `SQLite ${config.database.file}`
    : `PostgreSQL ${config.database.url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@")}`;
}
