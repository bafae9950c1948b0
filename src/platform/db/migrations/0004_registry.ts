import type { Kysely } from "kysely";
import type { Dialect } from "../db.ts";
import { serialPrimaryKey } from "../dialect.ts";

/** Regions (CN provinces, RU federal subjects); the enterprise registry; trust profiles. */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("regions")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("country", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("name_local", "text", (c) => c.notNull())
    .addColumn("name_zh", "text")
    .addColumn("name_ru", "text")
    .addColumn("name_en", "text")
    .execute();

  // One row per enterprise organization (id = organizations.id).
  await db.schema
    .createTable("enterprises")
    .addColumn("id", "text", (c) => c.primaryKey().references("organizations.id").onDelete("cascade"))
    .addColumn("side", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("uscc", "text")
    .addColumn("inn", "text")
    .addColumn("ogrn", "text")
    .addColumn("kpp", "text")
    .addColumn("name_zh", "text")
    .addColumn("name_ru", "text")
    .addColumn("name_en", "text")
    .addColumn("legal_form", "text")
    .addColumn("region", "text", (c) => c.notNull())
    .addColumn("address", "text")
    .addColumn("contact_email", "text")
    .addColumn("contact_phone", "text")
    .addColumn("website", "text")
    .addColumn("hs_chapters", "text", (c) => c.notNull())
    .addColumn("is_border_trade", "integer", (c) => c.notNull())
    .addColumn("aeo_level", "text")
    .addColumn("aeo_since", "text")
    .addColumn("is_cross_border_ecommerce", "integer", (c) => c.notNull())
    .addColumn("registered_by", "text")
    .addColumn("registered_at", "text", (c) => c.notNull())
    .addColumn("verified_at", "text")
    .addColumn("verified_by", "text")
    .addColumn("decision_reason", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("is_sample", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("enterprises_uscc_uq").on("enterprises").column("uscc").unique().execute();
  await db.schema.createIndex("enterprises_inn_uq").on("enterprises").column("inn").unique().execute();
  await db.schema.createIndex("enterprises_ogrn_uq").on("enterprises").column("ogrn").unique().execute();
  await db.schema
    .createIndex("enterprises_queue_idx")
    .on("enterprises")
    .columns(["side", "status", "registered_at"])
    .execute();
  // The directory lists newest verified first; scanning these indexes in order stops after one page,
  // with or without a side or region filter.
  await db.schema
    .createIndex("enterprises_directory_idx")
    .on("enterprises")
    .columns(["verified_at", "id"])
    .execute();
  await db.schema
    .createIndex("enterprises_side_dir_idx")
    .on("enterprises")
    .columns(["side", "verified_at", "id"])
    .execute();
  await db.schema
    .createIndex("enterprises_region_dir_idx")
    .on("enterprises")
    .columns(["region", "verified_at", "id"])
    .execute();

  // HS chapters of interest, one row each, for the directory filter.
  await db.schema
    .createTable("enterprise_hs_chapters")
    .addColumn("enterprise_id", "text", (c) => c.notNull().references("enterprises.id").onDelete("cascade"))
    .addColumn("chapter", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("enterprise_hs_chapters_pk", ["chapter", "enterprise_id"])
    .execute();

  await db.schema
    .createTable("enterprise_decisions")
    .$call((t) => serialPrimaryKey(t, "id", dialect))
    .addColumn("enterprise_id", "text", (c) => c.notNull().references("enterprises.id").onDelete("cascade"))
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("actor_user_id", "text")
    .addColumn("reason", "text")
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("enterprise_decisions_idx")
    .on("enterprise_decisions")
    .columns(["enterprise_id", "id"])
    .execute();

  // Clearance history per enterprise, fed by declaration events (the declarations module).
  await db.schema
    .createTable("enterprise_clearance_stats")
    .addColumn("enterprise_id", "text", (c) =>
      c.primaryKey().references("enterprises.id").onDelete("cascade"),
    )
    .addColumn("released", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("rejected", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("inspections", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("inspections_with_findings", "integer", (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable("trust_profiles")
    .addColumn("enterprise_id", "text", (c) =>
      c.primaryKey().references("enterprises.id").onDelete("cascade"),
    )
    .addColumn("score", "integer", (c) => c.notNull())
    .addColumn("components", "text", (c) => c.notNull())
    .addColumn("formula_version", "integer", (c) => c.notNull())
    .addColumn("computed_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("trust_history")
    .$call((t) => serialPrimaryKey(t, "id", dialect))
    .addColumn("enterprise_id", "text", (c) => c.notNull().references("enterprises.id").onDelete("cascade"))
    .addColumn("event_id", "text", (c) => c.notNull())
    .addColumn("event_type", "text", (c) => c.notNull())
    .addColumn("score", "integer", (c) => c.notNull())
    .addColumn("previous_score", "integer")
    .addColumn("components", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addUniqueConstraint("trust_history_event_uq", ["enterprise_id", "event_id"])
    .execute();
}
