import type { Kysely } from "kysely";
import type { Dialect } from "../db.ts";
import { serialPrimaryKey } from "../dialect.ts";

/** Customs declarations, their lines, timeline and inspections; risk rules and settings per side. */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("declarations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("number", "text", (c) => c.notNull().unique())
    .addColumn("side", "text", (c) => c.notNull())
    .addColumn("flow", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("lane", "text")
    .addColumn("declarant_id", "text", (c) => c.notNull().references("enterprises.id"))
    .addColumn("counterparty_id", "text")
    .addColumn("counterparty_name", "text", (c) => c.notNull())
    .addColumn("counterparty_country", "text")
    .addColumn("port_id", "text", (c) => c.notNull())
    .addColumn("trade_mode", "text", (c) => c.notNull())
    .addColumn("unified_mode", "text", (c) => c.notNull())
    .addColumn("transport_mode", "text", (c) => c.notNull())
    .addColumn("conveyances", "integer", (c) => c.notNull())
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("incoterms", "text", (c) => c.notNull())
    .addColumn("shipment_ref", "text")
    .addColumn("decl_date", "text", (c) => c.notNull())
    .addColumn("documents", "text", (c) => c.notNull())
    .addColumn("total_value", "text", (c) => c.notNull())
    .addColumn("total_net_kg", "text", (c) => c.notNull())
    .addColumn("total_gross_kg", "text", (c) => c.notNull())
    .addColumn("line_count", "integer", (c) => c.notNull())
    .addColumn("national_currency", "text", (c) => c.notNull())
    .addColumn("duty_total", "text")
    .addColumn("vat_total", "text")
    .addColumn("assessment", "text")
    .addColumn("risk", "text")
    .addColumn("recognition_basis", "text")
    .addColumn("recognized_from", "text")
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("submitted_at", "text")
    .addColumn("released_at", "text")
    .addColumn("closed_at", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("is_sample", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("declarations_declarant_idx")
    .on("declarations")
    .columns(["declarant_id", "updated_at"])
    .execute();
  await db.schema
    .createIndex("declarations_queue_idx")
    .on("declarations")
    .columns(["side", "status", "lane", "updated_at"])
    .execute();
  await db.schema
    .createIndex("declarations_port_idx")
    .on("declarations")
    .columns(["port_id", "side", "submitted_at"])
    .execute();
  await db.schema
    .createIndex("declarations_shipment_idx")
    .on("declarations")
    .column("shipment_ref")
    .execute();

  await db.schema
    .createTable("declaration_lines")
    .addColumn("declaration_id", "text", (c) => c.notNull().references("declarations.id").onDelete("cascade"))
    .addColumn("line_no", "integer", (c) => c.notNull())
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("hs6", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("origin", "text", (c) => c.notNull())
    .addColumn("quantity", "text", (c) => c.notNull())
    .addColumn("unit", "text", (c) => c.notNull())
    .addColumn("net_kg", "text", (c) => c.notNull())
    .addColumn("gross_kg", "text", (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("licence_number", "text")
    .addColumn("duty", "text")
    .addColumn("vat", "text")
    .addPrimaryKeyConstraint("declaration_lines_pk", ["declaration_id", "line_no"])
    .execute();

  await serialPrimaryKey(db.schema.createTable("declaration_events"), "id", dialect)
    .addColumn("declaration_id", "text", (c) => c.notNull().references("declarations.id").onDelete("cascade"))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("actor_user_id", "text")
    .addColumn("actor_label", "text")
    .addColumn("reason", "text")
    .execute();
  await db.schema
    .createIndex("declaration_events_decl_idx")
    .on("declaration_events")
    .columns(["declaration_id", "id"])
    .execute();

  await db.schema
    .createTable("inspections")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("declaration_id", "text", (c) => c.notNull().references("declarations.id").onDelete("cascade"))
    .addColumn("side", "text", (c) => c.notNull())
    .addColumn("port_id", "text", (c) => c.notNull())
    .addColumn("shipment_ref", "text")
    .addColumn("result", "text", (c) => c.notNull())
    .addColumn("findings", "text")
    .addColumn("officer_user_id", "text")
    .addColumn("officer_label", "text")
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("inspections_shipment_idx").on("inspections").column("shipment_ref").execute();
  await db.schema.createIndex("inspections_decl_idx").on("inspections").column("declaration_id").execute();

  await db.schema
    .createTable("risk_rules")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("rule_key", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("side", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text")
    .addColumn("conditions", "text", (c) => c.notNull())
    .addColumn("lane", "text")
    .addColumn("score", "integer")
    .addColumn("active", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text")
    .addColumn("superseded_at", "text")
    .addColumn("is_sample", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("risk_rules_key_idx")
    .on("risk_rules")
    .columns(["rule_key", "version"])
    .unique()
    .execute();

  await db.schema
    .createTable("risk_settings")
    .addColumn("side", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("data", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text")
    .addColumn("superseded_at", "text")
    .addPrimaryKeyConstraint("risk_settings_pk", ["side", "version"])
    .execute();
}
