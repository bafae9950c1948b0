import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from "kysely";
import pg from "pg";
import type { DB } from "./schema.ts";

export type Dialect = "sqlite" | "postgres";
export type Db = Kysely<DB>;
export type Trx = Transaction<DB>;
/** Either the database or an open transaction: repositories take this explicitly. */
export type Executor = Kysely<DB> | Transaction<DB>;

export interface DbHandle {
  db: Db;
  dialect: Dialect;
  /** PostgreSQL schema the handle works in, when not the default search path. */
  schema?: string;
  /** Pool figures for /metrics; SQLite has one connection. */
  poolStats(): { total: number; idle: number; waiting: number };
  close(): Promise<void>;
}

// PostgreSQL returns BIGINT and NUMERIC as strings; COUNT(*) is BIGINT. Numbers we count fit in 2^53,
// while money columns use their own mappers, so COUNT results are parsed to numbers here.
pg.types.setTypeParser(20, (v) => {
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : v;
});

/**
 * Kysely prepares every query afresh; preparing costs more than running the small queries we make.
 * better-sqlite3 statements are reusable, and Kysely runs one query at a time on its single SQLite
 * connection, so a cache keyed by SQL text is safe. Bounded so ad-hoc SQL cannot grow it forever.
 */
function withStatementCache(database: SQLite.Database, max = 500): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = database.prepare.bind(database);
  return new Proxy(database, {
    get(target, prop, receiver) {
      if (prop !== "prepare") return Reflect.get(target, prop, receiver);
      return (source: string) => {
        let stmt = cache.get(source);
        if (!stmt) {
          stmt = prepare(source);
          if (cache.size >= max) cache.delete(cache.keys().next().value as string);
          cache.set(source, stmt);
        }
        return stmt;
      };
    },
  });
}

export function openSqlite(file: string): DbHandle {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const database = new SQLite(file);
  database.pragma("journal_mode = WAL");
  database.pragma("synchronous = NORMAL");
  database.pragma("foreign_keys = ON");
  database.pragma("busy_timeout = 5000");
  // Random UUID keys touch pages all over the B-trees; a larger page cache (64 MiB) keeps bulk writes
  // and directory queries in memory.
  database.pragma("cache_size = -65536");
  database.pragma("temp_store = memory");
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
  return {
    db,
    dialect: "sqlite",
    poolStats: () => ({ total: 1, idle: 1, waiting: 0 }),
    close: () => db.destroy(),
  };
}

export function openPostgres(url: string, options: { searchPath?: string; max?: number } = {}): DbHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    ...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {}),
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: "postgres",
    ...(options.searchPath ? { schema: options.searchPath } : {}),
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: () => db.destroy(),
  };
}

export function openDatabase(database: { kind: "sqlite"; file: string } | { kind: "postgres"; url: string }) {
  return database.kind === "sqlite" ? openSqlite(database.file) : openPostgres(database.url);
}
