import { randomBytes } from "node:crypto";
import pg from "pg";
import pino from "pino";
import { afterAll, beforeAll, describe } from "vitest";
import { loadReferenceData } from "../src/modules/reference/reference.service.ts";
import type { Clock } from "../src/platform/clock.ts";
import { loadConfig, type TConfig } from "../src/platform/config.ts";
import { type DbHandle, type Dialect, openPostgres, openSqlite } from "../src/platform/db/db.ts";
import type { AppDeps } from "../src/platform/deps.ts";
import { closeModules } from "../src/platform/modules.ts";
import { createDeps } from "../src/platform/server.ts";

/**
 * Every repository/medium test runs once per dialect: SQLite always, PostgreSQL when AMUR_TEST_PG_URL
 * is set (each describe block gets a fresh schema). `DIALECTS=sqlite` forces a quick local run.
 */
export const PG_URL = process.env.AMUR_TEST_PG_URL;
const only = process.env.DIALECTS?.split(",").map((s) => s.trim());
export const DIALECTS: Dialect[] = (["sqlite", "postgres"] as const).filter(
  (d) => (d === "sqlite" || PG_URL) && (!only || only.includes(d)),
);

export function testConfig(overrides: Record<string, string> = {}): TConfig {
  return loadConfig({
    AMUR_DATA_DIR: "/nonexistent-amur-test",
    AMUR_LOG_LEVEL: "silent",
    AMUR_STATS_PATH: ":memory:",
    ...overrides,
  });
}

export async function openTestDb(dialect: Dialect): Promise<{ handle: DbHandle; drop: () => Promise<void> }> {
  if (dialect === "sqlite") {
    const handle = openSqlite(":memory:");
    return { handle, drop: () => handle.close() };
  }
  if (!PG_URL) throw new Error("AMUR_TEST_PG_URL is not set");
  const schema = `amur_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const handle = openPostgres(PG_URL, { searchPath: schema, max: 20 });
  return {
    handle,
    drop: async () => {
      await handle.close();
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
}

/** A clock tests can move. */
export function testClock(
  start = "2026-03-01T08:00:00.000Z",
): Clock & { advance(ms: number): void; set(iso: string): void } {
  let t = Date.parse(start);
  return {
    now: () => new Date(t),
    advance(ms) {
      t += ms;
    },
    set(iso) {
      t = Date.parse(iso);
    },
  };
}

export interface DialectContext {
  dialect: Dialect;
  /** The dependencies of this describe block's fresh database (available inside tests and hooks). */
  deps(): AppDeps;
}

export async function createTestDeps(
  dialect: Dialect,
  options: { clock?: Clock; config?: Record<string, string> } = {},
) {
  const { handle, drop } = await openTestDb(dialect);
  const deps = await createDeps(testConfig(options.config), {
    db: handle,
    log: pino({ level: "silent" }),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  // Regions are the reference data every registry test needs; the rest loads only where a test asks.
  await loadReferenceData(deps, { only: ["regions"] });
  return {
    deps,
    close: async () => {
      await deps.outbox.stop();
      await closeModules(deps.db.db);
      await drop();
    },
  };
}

/** describe() once per dialect, with a fresh migrated database for the block. */
export function describeEachDialect(
  name: string,
  body: (ctx: DialectContext) => void,
  options: { clock?: () => Clock; config?: Record<string, string> } = {},
): void {
  for (const dialect of DIALECTS) {
    describe(`${name} [${dialect}]`, () => {
      let deps: AppDeps | undefined;
      let close: (() => Promise<void>) | undefined;
      beforeAll(async () => {
        const created = await createTestDeps(dialect, {
          ...(options.clock ? { clock: options.clock() } : {}),
          ...(options.config ? { config: options.config } : {}),
        });
        deps = created.deps;
        close = created.close;
      });
      afterAll(async () => {
        await close?.();
      });
      body({
        dialect,
        deps: () => {
          if (!deps) throw new Error("test database not ready");
          return deps;
        },
      });
    });
  }
}
