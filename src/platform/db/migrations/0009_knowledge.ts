import type { Kysely } from "kysely";
import type { Dialect } from "../db.ts";
import { serialPrimaryKey } from "../dialect.ts";

/** Knowledge base: documents, language versions, relations, term bank, subscriptions, notifications. */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("kb_documents")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("side", "text", (c) => c.notNull())
    .addColumn("issuing_body", "text", (c) => c.notNull())
    .addColumn("number", "text")
    .addColumn("number_key", "text")
    .addColumn("issued_on", "text")
    .addColumn("effective_on", "text")
    .addColumn("repealed_on", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("original_lang", "text", (c) => c.notNull())
    .addColumn("hs_prefixes", "text", (c) => c.notNull())
    .addColumn("ports", "text", (c) => c.notNull())
    .addColumn("regions", "text", (c) => c.notNull())
    .addColumn("topics", "text", (c) => c.notNull())
    .addColumn("source_url", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("published_at", "text")
    .addColumn("is_sample", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("kb_documents_status_idx")
    .on("kb_documents")
    .columns(["status", "side"])
    .execute();
  await db.schema.createIndex("kb_documents_number_idx").on("kb_documents").column("number_key").execute();

  await serialPrimaryKey(db.schema.createTable("kb_versions"), "id", dialect)
    .addColumn("document_id", "text", (c) => c.notNull().references("kb_documents.id").onDelete("cascade"))
    .addColumn("lang", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("translation", "text", (c) => c.notNull())
    .addColumn("is_summary", "integer", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text")
    .execute();
  await db.schema
    .createIndex("kb_versions_doc_idx")
    .on("kb_versions")
    .columns(["document_id", "lang", "version"])
    .unique()
    .execute();

  await db.schema
    .createTable("kb_relations")
    .addColumn("document_id", "text", (c) => c.notNull().references("kb_documents.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("target_id", "text", (c) => c.notNull().references("kb_documents.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("kb_relations_pk", ["document_id", "kind", "target_id"])
    .execute();
  await db.schema.createIndex("kb_relations_target_idx").on("kb_relations").column("target_id").execute();

  await db.schema
    .createTable("kb_terms")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("zh", "text", (c) => c.notNull())
    .addColumn("ru", "text", (c) => c.notNull())
    .addColumn("en", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text")
    .execute();

  await db.schema
    .createTable("kb_subscriptions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("webhook_url", "text")
    .addColumn("webhook_secret", "text")
    .addColumn("email", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("kb_subscriptions_user_idx").on("kb_subscriptions").column("user_id").execute();
  await db.schema
    .createIndex("kb_subscriptions_kind_idx")
    .on("kb_subscriptions")
    .columns(["kind", "value"])
    .execute();

  await serialPrimaryKey(db.schema.createTable("kb_notifications"), "id", dialect)
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("event_id", "text", (c) => c.notNull())
    .addColumn("document_id", "text", (c) => c.notNull().references("kb_documents.id").onDelete("cascade"))
    .addColumn("change", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("read_at", "text")
    .execute();
  // One notification per user and event: redelivered events add nothing.
  await db.schema
    .createIndex("kb_notifications_once_uq")
    .on("kb_notifications")
    .columns(["user_id", "event_id"])
    .unique()
    .execute();
  await db.schema
    .createIndex("kb_notifications_feed_idx")
    .on("kb_notifications")
    .columns(["user_id", "id"])
    .execute();

  await serialPrimaryKey(db.schema.createTable("webhook_deliveries"), "id", dialect)
    .addColumn("subscription_id", "text", (c) => c.notNull())
    .addColumn("event_id", "text", (c) => c.notNull())
    .addColumn("url", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull())
    .addColumn("next_at", "text", (c) => c.notNull())
    .addColumn("last_error", "text")
    .addColumn("response_status", "integer")
    .addColumn("delivered_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("webhook_deliveries_once_uq")
    .on("webhook_deliveries")
    .columns(["subscription_id", "event_id"])
    .unique()
    .execute();
  await db.schema
    .createIndex("webhook_deliveries_due_idx")
    .on("webhook_deliveries")
    .columns(["status", "next_at"])
    .execute();

  await serialPrimaryKey(db.schema.createTable("email_outbox"), "id", dialect)
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("event_id", "text", (c) => c.notNull())
    .addColumn("to_address", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("sent_at", "text")
    .execute();
  await db.schema
    .createIndex("email_outbox_once_uq")
    .on("email_outbox")
    .columns(["user_id", "event_id"])
    .unique()
    .execute();
}
