import path from "node:path";
import { z } from "zod";

/** Environment variables Amur reads, with their defaults. Validated once at boot. */
const ZEnv = z.object({
  AMUR_DATA_DIR: z.string().min(1).default("./data"),
  AMUR_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  PORT: z.coerce.number().int("must be a whole number").min(0).max(65535).default(8080),
  HOST: z.string().min(1).default("127.0.0.1"),
  AMUR_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  AMUR_SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24 * 7),
  AMUR_SECURE_COOKIES: z.enum(["auto", "true", "false"]).default("auto"),
  AMUR_DEMO_PASSWORD: z.string().min(12, "must be at least 12 characters").optional(),
  AMUR_WEB_DIR: z.string().optional(),
  AMUR_OUTBOX_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(500),
  AMUR_TRUST_PROXY: z.enum(["true", "false"]).default("false"),
  AMUR_LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(20),
  AMUR_AUTH_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  AMUR_STATS_PATH: z.string().min(1).optional(),
  AMUR_STATS_THREADS: z.coerce.number().int("must be a whole number").min(1).max(256).optional(),
  AMUR_WORKERS: z.coerce.number().int("must be a whole number").min(1).max(64).default(1),
});

export type TConfig = {
  dataDir: string;
  database: { kind: "sqlite"; file: string } | { kind: "postgres"; url: string };
  port: number;
  host: string;
  logLevel: z.infer<typeof ZEnv>["AMUR_LOG_LEVEL"];
  sessionTtlHours: number;
  secureCookies: "auto" | "true" | "false";
  demoPassword: string | undefined;
  webDir: string;
  outboxPollMs: number;
  trustProxy: boolean;
  loginRateLimit: number;
  authCacheMs: number;
  /** The DuckDB file of the statistics facts (beside the main database), or ":memory:". */
  statsPath: string;
  /**
   * Threads DuckDB may use for the statistics; undefined lets DuckDB take every core. Fewer leave
   * cores to the HTTP server on a machine shared with other work.
   */
  statsThreads: number | undefined;
  /** Server processes of `amur serve` (1: this process serves; more: see platform/cluster.ts). */
  workers: number;
};

export class ConfigError extends Error {}

/** Repository root (two levels above src/platform or dist/server/platform). */
export const repoRoot = path.resolve(
  import.meta.dirname,
  import.meta.dirname.includes(`${path.sep}dist${path.sep}`) ? "../../.." : "../..",
);

/**
 * Reads configuration from an environment. Throws ConfigError with one line that names the variable
 * and what is wrong, which the CLI prints before exiting.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): TConfig {
  const parsed = ZEnv.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? "environment");
    const got = env[name];
    throw new ConfigError(
      `invalid configuration: ${name} ${issue?.message ?? "is invalid"}${got === undefined ? "" : ` (got "${got}")`}`,
    );
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.AMUR_DATA_DIR);
  return {
    dataDir,
    database: e.AMUR_DATABASE_URL
      ? { kind: "postgres", url: e.AMUR_DATABASE_URL }
      : { kind: "sqlite", file: path.join(dataDir, "amur.sqlite") },
    port: e.PORT,
    host: e.HOST,
    logLevel: e.AMUR_LOG_LEVEL,
    sessionTtlHours: e.AMUR_SESSION_TTL_HOURS,
    secureCookies: e.AMUR_SECURE_COOKIES,
    demoPassword: e.AMUR_DEMO_PASSWORD,
    webDir: path.resolve(e.AMUR_WEB_DIR ?? path.join(repoRoot, "dist/web")),
    outboxPollMs: e.AMUR_OUTBOX_POLL_MS,
    trustProxy: e.AMUR_TRUST_PROXY === "true",
    loginRateLimit: e.AMUR_LOGIN_RATE_LIMIT,
    authCacheMs: e.AMUR_AUTH_CACHE_MS,
    statsPath:
      e.AMUR_STATS_PATH === ":memory:"
        ? ":memory:"
        : path.resolve(e.AMUR_STATS_PATH ?? path.join(dataDir, "statistics.duckdb")),
    statsThreads: e.AMUR_STATS_THREADS,
    workers: e.AMUR_WORKERS,
  };
}
