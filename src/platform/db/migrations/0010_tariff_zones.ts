import type { Kysely } from "kysely";
import type { Dialect } from "../db.ts";

/** Tariff rules may apply only inside one free-trade-zone area (null: everywhere on the side). */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable("tariff_rules").addColumn("zone", "text").execute();
}
