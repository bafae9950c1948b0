import type { Kysely } from "kysely";
import type { Dialect } from "../db.ts";

/** Tariff rules per side with effective dates and versions; border residents' daily allowance use. */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("tariff_rules")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("rule_key", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("side", "text", (c) => c.notNull())
    .addColumn("flow", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("hs_prefix", "text", (c) => c.notNull())
    .addColumn("combination", "text", (c) => c.notNull())
    .addColumn("ad_valorem", "text")
    .addColumn("specific_amount", "text")
    .addColumn("specific_currency", "text")
    .addColumn("specific_unit", "text")
    .addColumn("valid_from", "text", (c) => c.notNull())
    .addColumn("valid_to", "text")
    .addColumn("legal_ref", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text")
    .addColumn("superseded_at", "text")
    .execute();
  await db.schema
    .createIndex("tariff_rules_lookup_idx")
    .on("tariff_rules")
    .columns(["side", "flow", "kind", "hs_prefix"])
    .execute();
  await db.schema
    .createIndex("tariff_rules_key_idx")
    .on("tariff_rules")
    .columns(["rule_key", "version"])
    .unique()
    .execute();

  await db.schema
    .createTable("resident_allowance_usage")
    .addColumn("resident_key", "text", (c) => c.notNull())
    .addColumn("date", "text", (c) => c.notNull())
    .addColumn("used_fen", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("resident_allowance_usage_pk", ["resident_key", "date"])
    .execute();
}
