import type { Kysely } from "kysely";
import type { Dialect } from "../db.ts";

/** Official exchange rates: one row per source, pair and date; rates are decimal strings. */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("fx_rates")
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("base", "text", (c) => c.notNull())
    .addColumn("quote", "text", (c) => c.notNull())
    .addColumn("date", "text", (c) => c.notNull())
    .addColumn("rate", "text", (c) => c.notNull())
    .addColumn("published_on", "text")
    .addColumn("imported_at", "text", (c) => c.notNull())
    .addColumn("is_sample", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("fx_rates_pk", ["source", "base", "quote", "date"])
    .execute();
  await db.schema
    .createIndex("fx_rates_pair_idx")
    .on("fx_rates")
    .columns(["base", "quote", "date"])
    .execute();
}
