import type { Executor } from "../../../platform/db/db.ts";
import type { FxRatesTable } from "../../../platform/db/schema.ts";

/** Queries for official exchange rates. */

/** Inserts or replaces rates (same source, pair and date), in chunks. */
export async function upsertRates(trx: Executor, rows: readonly FxRatesTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    await trx
      .insertInto("fx_rates")
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(["source", "base", "quote", "date"]).doUpdateSet((eb) => ({
          rate: eb.ref("excluded.rate"),
          published_on: eb.ref("excluded.published_on"),
          imported_at: eb.ref("excluded.imported_at"),
          is_sample: eb.ref("excluded.is_sample"),
        })),
      )
      .execute();
  }
}

/** The latest rate of a pair published on or before a date, from any source (newest date first). */
export function latestRate(db: Executor, base: string, quote: string, date: string) {
  return db
    .selectFrom("fx_rates")
    .selectAll()
    .where("base", "=", base)
    .where("quote", "=", quote)
    .where("date", "<=", date)
    .orderBy("date", "desc")
    .orderBy("is_sample")
    .orderBy("source")
    .limit(1)
    .executeTakeFirst();
}

export function ratesBetween(db: Executor, base: string, quote: string, from: string, to: string) {
  return db
    .selectFrom("fx_rates")
    .selectAll()
    .where("base", "=", base)
    .where("quote", "=", quote)
    .where("date", ">=", from)
    .where("date", "<=", to)
    .orderBy("date")
    .orderBy("is_sample")
    .orderBy("source")
    .execute();
}

export function countRates(db: Executor) {
  return db
    .selectFrom("fx_rates")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
}
