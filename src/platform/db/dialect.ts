import { CompiledQuery, type CreateTableBuilder, type Insertable, type SelectQueryBuilder } from "kysely";
import type { Dialect, Executor } from "./db.ts";
import type { DB } from "./schema.ts";

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

// Bound parameters per statement: SQLite allows 32,766, PostgreSQL 65,535.
const MAX_PARAMETERS: Record<Dialect, number> = { sqlite: 30_000, postgres: 60_000 };
const insertSql = new Map<string, string>();

function insertText(dialect: Dialect, table: string, columns: readonly string[], rows: number): string {
  const key = `${dialect}|${table}|${columns.join(",")}|${rows}`;
  let text = insertSql.get(key);
  if (text === undefined) {
    let n = 0;
    const tuple = () => `(${columns.map(() => (dialect === "postgres" ? `$${++n}` : "?")).join(",")})`;
    const tuples: string[] = [];
    for (let i = 0; i < rows; i++) tuples.push(tuple());
    text = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(",")}) values ${tuples.join(",")}`;
    if (insertSql.size >= 200) insertSql.clear();
    insertSql.set(key, text);
  }
  return text;
}

/**
 * Inserts many rows of one table with as few statements as the parameter limit allows. The SQL text
 * of a chunk size is built once and reused (and so is its prepared statement on SQLite), which skips
 * the query builder's per-row work — the larger part of a bulk load's time. Every row must have the
 * same columns as the first; values are passed as parameters, never spliced into the text.
 */
export async function insertRows<T extends keyof DB & string>(
  trx: Executor,
  dialect: Dialect,
  table: T,
  rows: readonly Insertable<DB[T]>[],
): Promise<void> {
  const first = rows[0];
  if (first === undefined) return;
  const columns = Object.keys(first);
  const values: unknown[] = [];
  for (const row of rows) {
    const record = row as Record<string, unknown>;
    for (const column of columns) {
      const value = record[column];
      values.push(value === undefined ? null : value);
    }
  }
  await insertValues(trx, dialect, table, columns as (keyof DB[T] & string)[], values);
}

/** The same with the rows already laid out as parameters: row after row, each in `columns` order. */
export async function insertValues<T extends keyof DB & string>(
  trx: Executor,
  dialect: Dialect,
  table: T,
  columns: readonly (keyof DB[T] & string)[],
  values: unknown[],
): Promise<void> {
  const width = columns.length;
  if (values.length % width !== 0)
    throw new Error(`insertValues: ${values.length} values for ${width} columns`);
  const perChunk = Math.max(1, Math.floor(MAX_PARAMETERS[dialect] / width));
  for (let start = 0; start < values.length; start += perChunk * width) {
    // One statement's worth (the usual case) goes as it is, without a copy.
    const parameters =
      values.length <= perChunk * width ? values : values.slice(start, start + perChunk * width);
    await trx.executeQuery(
      CompiledQuery.raw(insertText(dialect, table, columns, parameters.length / width), parameters),
    );
  }
}
