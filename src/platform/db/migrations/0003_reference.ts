import type { Kysely } from "kysely";
import type { Dialect } from "../db.ts";

/** Reference data: HS / TN VED nomenclature, countries, currencies, UN/LOCODE, border ports. */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("hs_nodes")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("level", "text", (c) => c.notNull())
    .addColumn("parent_code", "text")
    .addColumn("section_code", "text")
    .addColumn("name_en", "text")
    .addColumn("name_ru", "text")
    .addColumn("name_zh", "text")
    .addColumn("zh_source", "text")
    .addColumn("ru_source", "text")
    .addColumn("valid_from", "text")
    .addColumn("valid_to", "text")
    .addColumn("scheme", "text", (c) => c.notNull())
    .addColumn("ru_truncated", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("position", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("hs_nodes_parent_idx")
    .on("hs_nodes")
    .columns(["parent_code", "position"])
    .execute();
  await db.schema.createIndex("hs_nodes_level_idx").on("hs_nodes").column("level").execute();

  await db.schema
    .createTable("countries")
    .addColumn("alpha2", "text", (c) => c.primaryKey())
    .addColumn("alpha3", "text", (c) => c.notNull())
    .addColumn("numeric_code", "text", (c) => c.notNull())
    .addColumn("name_en", "text", (c) => c.notNull())
    .addColumn("name_ru", "text")
    .addColumn("name_zh", "text")
    .addColumn("currency_codes", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("currencies")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("numeric_code", "text")
    .addColumn("minor_unit", "integer")
    .addColumn("name_en", "text", (c) => c.notNull())
    .addColumn("is_current", "integer", (c) => c.notNull())
    .addColumn("withdrawn", "text")
    .addColumn("entities", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("locations")
    .addColumn("locode", "text", (c) => c.primaryKey())
    .addColumn("country", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("name_ascii", "text", (c) => c.notNull())
    .addColumn("subdivision_iso", "text")
    .addColumn("function_code", "text", (c) => c.notNull())
    .addColumn("functions", "text", (c) => c.notNull())
    .addColumn("status", "text")
    .addColumn("iata", "text")
    .addColumn("lat", "real")
    .addColumn("lon", "real")
    .addColumn("coordinates_raw", "text")
    .addColumn("edition", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("locations_country_idx")
    .on("locations")
    .columns(["country", "name_ascii"])
    .execute();

  await db.schema
    .createTable("border_ports")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("cn_region", "text", (c) => c.notNull())
    .addColumn("ru_region", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("data", "text", (c) => c.notNull())
    .addColumn("capacity_vehicles", "integer")
    .addColumn("capacity_wagons", "integer")
    .addColumn("capacity_tonnes", "integer")
    .addColumn("capacity_source", "text", (c) => c.notNull())
    .addColumn("capacity_updated_at", "text")
    .execute();

  // One row per dataset with the hash of its source files: a load with unchanged files changes nothing.
  await db.schema
    .createTable("reference_datasets")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("source_hash", "text", (c) => c.notNull())
    .addColumn("row_count", "integer", (c) => c.notNull())
    .addColumn("loaded_at", "text", (c) => c.notNull())
    .execute();
}
