import { type DatabaseIntrospector, type Kysely, sql, type TableMetadata } from "kysely";
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

/**
 * Kysely's PostgreSQL introspector lists the tables of every schema and calls pg_get_serial_sequence
 * on each by name; a table another process drops meanwhile (a test's throw-away schema, say) makes
 * that call fail with "relation … does not exist", and our migration with it. The migrator only asks
 * which schemas and tables exist, so on PostgreSQL it asks pg_catalog, about its own schema only.
 */
function schemaIntrospector(db: Kysely<unknown>, schema: string | undefined): DatabaseIntrospector {
  return {
    async getSchemas() {
      const { rows } = await sql<{
        name: string;
      }>`select nspname as name from pg_catalog.pg_namespace`.execute(db);
      return rows;
    },
    async getTables(): Promise<TableMetadata[]> {
      const { rows } = await sql<{ name: string; schema: string; kind: string }>`
        select c.relname as name, n.nspname as schema, c.relkind as kind
        from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
        where c.relkind in ('r', 'p', 'v', 'm', 'f')
          and n.nspname = ${schema === undefined ? sql`current_schema()` : schema}`.execute(db);
      return rows.map((r) => ({
        name: r.name,
        schema: r.schema,
        isView: r.kind === "v" || r.kind === "m",
        isForeign: r.kind === "f",
        columns: [],
      }));
    },
  };
}

/** The database as the migrator sees it: on PostgreSQL, with the introspector above. */
export function migratorView(handle: DbHandle): Kysely<unknown> {
  const db = handle.db as unknown as Kysely<unknown>;
  if (handle.dialect !== "postgres") return db;
  const introspection = schemaIntrospector(db, handle.schema);
  // Kysely keeps its state in private fields, so methods must run on the real instance.
  return new Proxy(db, {
    get(target, prop) {
      if (prop === "introspection") return introspection;
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

export interface MigrationReport {
  applied: string[];
  total: number;
}

/** Brings the schema up to date; safe to run concurrently (Kysely takes a migration lock). */
export async function migrateToLatest(handle: DbHandle): Promise<MigrationReport> {
  // Naming our schema keeps the migration tables of databases that hold several apart.
  const migrator = new Migrator({
    db: migratorView(handle),
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
