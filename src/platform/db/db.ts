import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
  type Transaction,
} from "kysely";
import pg from "pg";
import { startCheckpointer } from "./checkpointer.ts";
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

/** How long a transaction waits for another process to release SQLite's write lock. */
export const SQLITE_BUSY_WAIT_MS = 5000;
const BEGIN_IMMEDIATE = CompiledQuery.raw("begin immediate");

/**
 * Transactions take SQLite's write lock when they begin (BEGIN IMMEDIATE). A transaction that reads
 * first and asks for the lock with its first write finds, when another process wrote in between,
 * that its snapshot is stale, and SQLite refuses it at once (SQLITE_BUSY_SNAPSHOT) instead of
 * waiting. While another process holds the lock, this waits without blocking: SQLite's own busy
 * handler sleeps in the calling thread, which would stop every other request of this process too.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  readonly #raw: SQLite.Database;
  readonly #turns: WriteTurns | undefined;
  #holdsTurn = false;

  constructor(
    config: SqliteDialectConfig & { database: SQLite.Database },
    raw: SQLite.Database,
    turns: WriteTurns | undefined,
  ) {
    super(config);
    this.#raw = raw;
    this.#turns = turns;
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.#turns) {
      await this.#turns.acquire();
      this.#holdsTurn = true;
    }
    try {
      // With turns, no other process of this server holds the lock now; a command-line writer might,
      // rarely, and SQLite's own wait for it is then good enough.
      if (this.#turns) await connection.executeQuery(BEGIN_IMMEDIATE);
      else await this.#begin(connection);
    } catch (e) {
      this.#releaseTurn();
      throw e;
    }
  }

  override async commitTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await super.commitTransaction(connection);
    } finally {
      this.#releaseTurn();
    }
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await super.rollbackTransaction(connection);
    } finally {
      this.#releaseTurn();
    }
  }

  #releaseTurn() {
    if (!this.#holdsTurn) return;
    this.#holdsTurn = false;
    this.#turns?.release();
  }

  async #begin(connection: DatabaseConnection): Promise<void> {
    const started = Date.now();
    for (let pause = 1; ; pause = Math.min(pause * 2, 8)) {
      // A PRAGMA takes effect when it is prepared, so it cannot be a cached statement.
      this.#raw.pragma("busy_timeout = 0");
      try {
        await connection.executeQuery(BEGIN_IMMEDIATE);
        return;
      } catch (e) {
        const code = (e as { code?: unknown }).code;
        const busy = typeof code === "string" && code.startsWith("SQLITE_BUSY");
        if (!busy || Date.now() - started >= SQLITE_BUSY_WAIT_MS) throw e;
      } finally {
        this.#raw.pragma(`busy_timeout = ${SQLITE_BUSY_WAIT_MS}`);
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #driver: () => Driver;

  constructor(
    config: SqliteDialectConfig & { database: SQLite.Database },
    raw: SQLite.Database,
    turns?: WriteTurns,
  ) {
    super(config);
    this.#driver = () => new ImmediateSqliteDriver(config, raw, turns);
  }

  override createDriver(): Driver {
    return this.#driver();
  }
}

/**
 * Turns at SQLite's write lock among the processes of one server, handed out first come, first
 * served. Without them a process that has just committed begins its next transaction before another
 * process's retry comes round, and keeps the lock to itself (see platform/cluster.ts).
 */
export interface WriteTurns {
  acquire(): Promise<void>;
  release(): void;
}

export function openSqlite(file: string, options: { turns?: WriteTurns } = {}): DbHandle {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const database = new SQLite(file);
  database.pragma("journal_mode = WAL");
  database.pragma("synchronous = NORMAL");
  database.pragma("foreign_keys = ON");
  database.pragma(`busy_timeout = ${SQLITE_BUSY_WAIT_MS}`);
  // Random UUID keys touch pages all over the B-trees; a larger page cache (64 MiB) keeps bulk writes
  // and directory queries in memory.
  database.pragma("cache_size = -65536");
  database.pragma("temp_store = memory");
  const checkpointer = file === ":memory:" ? null : startCheckpointer(file, database);
  const db = new Kysely<DB>({
    dialect: new ImmediateSqliteDialect({ database: withStatementCache(database) }, database, options.turns),
  });
  return {
    db,
    dialect: "sqlite",
    poolStats: () => ({ total: 1, idle: 1, waiting: 0 }),
    close: async () => {
      // The thread's connection first: the last connection to close folds the log into the file.
      await checkpointer?.stop();
      await db.destroy();
    },
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

export function openDatabase(
  database: { kind: "sqlite"; file: string } | { kind: "postgres"; url: string },
  options: { turns?: WriteTurns } = {},
) {
  return database.kind === "sqlite" ? openSqlite(database.file, options) : openPostgres(database.url);
}
