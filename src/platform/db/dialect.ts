import type { CreateTableBuilder, SelectQueryBuilder } from "kysely";
import type { Dialect } from "./db.ts";

/**
 * The few places where SQLite and PostgreSQL differ are kept here, each used by migrations or
 * repositories and exercised by the tests on both databases.
 */

/** An auto-incrementing integer primary key. */
export function serialPrimaryKey<T extends string, C extends string>(
  table: CreateTableBuilder<T, C>,
  column: string,
  dialect: Dialect,
) {
  return dialect === "postgres"
    ? table.addColumn(column, "bigserial", (c) => c.primaryKey())
    : table.addColumn(column, "integer", (c) => c.primaryKey().autoIncrement());
}

/**
 * Row lock for read-modify-write inside a transaction. SQLite serializes writers for the whole
 * database, so the lock is only needed (and only understood) on PostgreSQL.
 */
export function forUpdate<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  dialect: Dialect,
  options: { skipLocked?: boolean } = {},
): SelectQueryBuilder<DB, TB, O> {
  if (dialect !== "postgres") return query;
  const locked = query.forUpdate();
  return options.skipLocked ? locked.skipLocked() : locked;
}
