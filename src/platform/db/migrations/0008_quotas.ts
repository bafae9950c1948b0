import type { Kysely } from "kysely";
import type { Dialect } from "../db.ts";
import { serialPrimaryKey } from "../dialect.ts";

/**
 * Quota pools, applications, licences and their drawdown. Amounts are integers in thousandths of the
 * unit (`*_milli`), so reservations are exact and atomic in SQL on both databases.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const big = dialect === "postgres" ? "bigint" : "integer";
  await db.schema
    .createTable("quota_pools")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("side", "text", (c) => c.notNull())
    .addColumn("direction", "text", (c) => c.notNull())
    .addColumn("name_zh", "text")
    .addColumn("name_ru", "text")
    .addColumn("name_en", "text")
    .addColumn("hs_prefixes", "text", (c) => c.notNull())
    .addColumn("period_from", "text", (c) => c.notNull())
    .addColumn("period_to", "text", (c) => c.notNull())
    .addColumn("unit", "text", (c) => c.notNull())
    .addColumn("currency", "text")
    .addColumn("total_milli", big, (c) => c.notNull())
    .addColumn("border_share_pct", "text", (c) => c.notNull())
    .addColumn("allocation_rule", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("allocations_published_at", "text")
    .addColumn("legal_ref", "text")
    .addColumn("note", "text")
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("is_sample", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("quota_pools_side_idx").on("quota_pools").columns(["side", "status"]).execute();

  await db.schema
    .createTable("quota_applications")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("pool_id", "text", (c) => c.notNull().references("quota_pools.id"))
    .addColumn("enterprise_id", "text", (c) => c.notNull().references("enterprises.id"))
    .addColumn("amount_milli", big, (c) => c.notNull())
    .addColumn("is_border_trade", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("reason", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text")
    .addColumn("decided_at", "text")
    .addColumn("decided_by", "text")
    .execute();
  await db.schema
    .createIndex("quota_applications_pool_idx")
    .on("quota_applications")
    .columns(["pool_id", "status", "created_at"])
    .execute();
  await db.schema
    .createIndex("quota_applications_enterprise_idx")
    .on("quota_applications")
    .columns(["enterprise_id", "created_at"])
    .execute();

  await db.schema
    .createTable("licences")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("number", "text", (c) => c.notNull().unique())
    .addColumn("pool_id", "text", (c) => c.notNull().references("quota_pools.id"))
    .addColumn("holder_id", "text", (c) => c.notNull().references("enterprises.id"))
    .addColumn("application_id", "text")
    .addColumn("amount_milli", big, (c) => c.notNull())
    .addColumn("reserved_milli", big, (c) => c.notNull())
    .addColumn("consumed_milli", big, (c) => c.notNull())
    .addColumn("from_border_share", "integer", (c) => c.notNull())
    .addColumn("valid_from", "text", (c) => c.notNull())
    .addColumn("valid_to", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("issued_at", "text", (c) => c.notNull())
    .addColumn("issued_by", "text")
    .addColumn("is_sample", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("licences_holder_idx")
    .on("licences")
    .columns(["holder_id", "issued_at"])
    .execute();
  await db.schema.createIndex("licences_pool_idx").on("licences").column("pool_id").execute();

  await serialPrimaryKey(db.schema.createTable("licence_movements"), "id", dialect)
    .addColumn("licence_id", "text", (c) => c.notNull().references("licences.id"))
    .addColumn("reference", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("amount_milli", big, (c) => c.notNull())
    .addColumn("declaration_id", "text")
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  // Each of reserve / consume / return happens once per licence and reference (a declaration line).
  await db.schema
    .createIndex("licence_movements_once_uq")
    .on("licence_movements")
    .columns(["licence_id", "reference", "kind"])
    .unique()
    .execute();
  await db.schema
    .createIndex("licence_movements_decl_idx")
    .on("licence_movements")
    .column("declaration_id")
    .execute();
}
