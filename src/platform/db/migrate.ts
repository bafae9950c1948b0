import type { Kysely } from "kysely";
import { type Migration, type MigrationProvider, Migrator } from "kysely/migration";
import type { DbHandle, Dialect } from "./db.ts";
import * as m0001 from "./migrations/0001_platform.ts";
import * as m0002 from "./migrations/0002_search.ts";
import * as m0003 from "./migrations/0003_reference.ts";
import * as m0004 from "./migrations/0004_registry.ts";
import * as m0005 from "./migrations/0005_fx.ts";
import * as m0006 from "./migrations/0006_tariffs.ts";
import * as m0007 from "./migrations/0007_declarations.ts";
import * as m0008 from "./migrations/0008_quotas.ts";
import * as m0009 from "./migrations/0009_knowledge.ts";
import * as m0010 from "./migrations/0010_tariff_zones.ts";
import * as m0011 from "./migrations/0011_search_terms.ts";
import * as m0012 from "./migrations/0012_search_fts_contentless.ts";

type MigrationModule = { up(db: Kysely<unknown>, dialect: Dialect): Promise<void> };

/**
 * All migrations in order. Modules append theirs here; names sort lexically, so keep the number prefix.
 * Each migration receives the dialect so the rare dialect-specific DDL goes through db/dialect.ts.
 */
const MIGRATIONS: Record<string, MigrationModule> = {
  "0001_platform": m0001,
  "0002_search": m0002,
  "0003_reference": m0003,
  "0004_registry": m0004,
  "0005_fx": m0005,
  "0006_tariffs": m0006,
  "0007_declarations": m0007,
  "0008_quotas": m0008,
  "0009_knowledge": m0009,
  "0010_tariff_zones": m0010,
  "0011_search_terms": m0011,
  "0012_search_fts_contentless": m0012,
};

function staticProvider(dialect: Dialect): MigrationProvider {
  return {
    async getMigrations(): Promise<Record<string, Migration>> {
      const out: Record<string, Migration> = {};
      for (const [name, mod] of Object.entries(MIGRATIONS)) {
        out[name] = { up: (db) => mod.up(db, dialect) };
      }
      return out;
    },
  };
}

export interface MigrationReport {
  applied: string[];
  total: number;
}

/** Brings the schema up to date; safe to run concurrently (Kysely takes a migration lock). */
export async function migrateToLatest(handle: DbHandle): Promise<MigrationReport> {
  // Kysely's introspection sees every schema; naming ours keeps databases that hold several apart.
  const migrator = new Migrator({
    db: handle.db,
    provider: staticProvider(handle.dialect),
    ...(handle.schema ? { migrationTableSchema: handle.schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error");
    throw new Error(`migration ${failed?.migrationName ?? "?"} failed: ${String(error)}`);
  }
  return {
    applied: (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName),
    total: Object.keys(MIGRATIONS).length,
  };
}
