import { createHmac } from "node:crypto";
import type { Db, Executor } from "../../platform/db/db.ts";
import { t } from "../../platform/i18n/i18n.ts";
import type { DomainEvent, EventHandler } from "../../platform/outbox/outbox.ts";
import { hsOverlaps } from "./knowledge.search.ts";
import { currentVersions } from "./knowledge.service.ts";

/**
 * Alerts: when a document is published, amended or repealed, every subscription it matches (an HS
 * prefix it covers, a port, a topic, the document itself, or a document it amends or repeals) gets one
 * notification in the user's feed, an e-mail in the mail outbox when asked for, and a webhook delivery
 * signed with HMAC-SHA256, sent and retried with backoff by `deliverWebhooks`. One per user and event:
 * a redelivered event adds nothing.
 */

const CHANGE = {
  "kb.document_published": "published",
  "kb.document_amended": "amended",
  "kb.document_repealed": "repealed",
} as const;

export async function notifySubscribers(db: Db, event: DomainEvent): Promise<void> {
  const change = CHANGE[event.type as keyof typeof CHANGE];
  const docId = event.aggregateId;
  if (!change || !docId) return;
  const doc = await db.selectFrom("kb_documents").selectAll().where("id", "=", docId).executeTakeFirst();
  if (!doc) return;
  const related = ((event.payload as { related?: { target_id: string }[] }).related ?? []).map(
    (r) => r.target_id,
  );
  const hs = JSON.parse(doc.hs_prefixes) as string[];
  const ports = JSON.parse(doc.ports) as string[];
  const topics = JSON.parse(doc.topics) as string[];
  const subs = await db.selectFrom("kb_subscriptions").selectAll().execute();
  const byUser = new Map<string, { reason: string; subs: typeof subs }>();
  for (const s of subs) {
    let reason: string | null = null;
    if (s.kind === "hs" && hsOverlaps(hs, s.value)) reason = `hs:${s.value}`;
    if (s.kind === "port" && ports.includes(s.value)) reason = `port:${s.value}`;
    if (s.kind === "topic" && topics.includes(s.value)) reason = `topic:${s.value}`;
    if (s.kind === "document" && (s.value === doc.id || related.includes(s.value)))
      reason = `document:${s.value}`;
    if (!reason) continue;
    const u = byUser.get(s.user_id) ?? { reason, subs: [] };
    u.subs.push(s);
    byUser.set(s.user_id, u);
  }
  if (byUser.size === 0) return;
  const [users, versions] = await Promise.all([
    db
      .selectFrom("users")
      .select(["id", "email", "locale"])
      .where("id", "in", [...byUser.keys()])
      .execute(),
    currentVersions(db, [doc.id]),
  ]);
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    for (const u of users) {
      const entry = byUser.get(u.id);
      if (!entry) continue;
      await trx
        .insertInto("kb_notifications")
        .values({
          user_id: u.id,
          event_id: event.eventId,
          document_id: doc.id,
          change,
          reason: entry.reason,
          created_at: now,
          read_at: null,
        })
        .onConflict((oc) => oc.columns(["user_id", "event_id"]).doNothing())
        .execute();
      const lang = u.locale === "zh-CN" ? "zh" : u.locale === "ru-RU" ? "ru" : "en";
      const title =
        (
          versions.find((v) => v.lang === lang) ??
          versions.find((v) => v.lang === doc.original_lang) ??
          versions[0]
        )?.title ?? doc.id;
      if (entry.subs.some((s) => s.email === 1))
        await trx
          .insertInto("email_outbox")
          .values({
            user_id: u.id,
            event_id: event.eventId,
            to_address: u.email,
            subject: t(u.locale, `knowledge.mail.subject_${change}`, { title }),
            body: t(u.locale, `knowledge.mail.body_${change}`, {
              title,
              number: doc.number ?? "—",
              id: doc.id,
            }),
            created_at: now,
            sent_at: null,
          })
          .onConflict((oc) => oc.columns(["user_id", "event_id"]).doNothing())
          .execute();
      for (const s of entry.subs.filter((x) => x.webhook_url))
        await trx
          .insertInto("webhook_deliveries")
          .values({
            subscription_id: s.id,
            event_id: event.eventId,
            url: s.webhook_url as string,
            payload: JSON.stringify({
              event: event.type,
              eventId: event.eventId,
              change,
              document: { id: doc.id, number: doc.number, kind: doc.kind, side: doc.side, title },
              subscription: { kind: s.kind, value: s.value },
              at: now,
            }),
            status: "pending",
            attempts: 0,
            next_at: now,
            last_error: null,
            response_status: null,
            delivered_at: null,
            created_at: now,
          })
          .onConflict((oc) => oc.columns(["subscription_id", "event_id"]).doNothing())
          .execute();
    }
  });
}

export function knowledgeNotifications(): EventHandler {
  return {
    name: "kb-notifications",
    types: Object.keys(CHANGE),
    handle: (event, db) => notifySubscribers(db, event),
  };
}

export const WEBHOOK_MAX_ATTEMPTS = 8;

export function signature(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

/**
 * Sends the due webhook deliveries once: POST with `X-Amur-Signature: sha256=<HMAC of the body>`; a
 * 2xx answer is delivered, anything else is retried after 30 s × 2^attempts, up to 8 attempts.
 */
export async function deliverWebhooks(
  db: Executor,
  options: { now?: Date; send?: typeof fetch; limit?: number } = {},
): Promise<{ delivered: number; failed: number }> {
  const now = options.now ?? new Date();
  const send = options.send ?? fetch;
  const due = await db
    .selectFrom("webhook_deliveries")
    .innerJoin("kb_subscriptions", "kb_subscriptions.id", "webhook_deliveries.subscription_id")
    .select([
      "webhook_deliveries.id",
      "webhook_deliveries.url",
      "webhook_deliveries.payload",
      "webhook_deliveries.attempts",
      "webhook_deliveries.event_id",
      "kb_subscriptions.webhook_secret",
    ])
    .where("webhook_deliveries.status", "=", "pending")
    .where("webhook_deliveries.next_at", "<=", now.toISOString())
    .orderBy("webhook_deliveries.id")
    .limit(options.limit ?? 50)
    .execute();
  let delivered = 0;
  let failed = 0;
  for (const d of due) {
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await send(d.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-amur-event": d.event_id,
          "x-amur-signature": signature(d.webhook_secret ?? "", d.payload),
        },
        body: d.payload,
        signal: AbortSignal.timeout(5000),
      });
      status = res.status;
      if (!res.ok) error = `HTTP ${res.status}`;
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    const attempts = Number(d.attempts) + 1;
    if (!error) {
      delivered += 1;
      await db
        .updateTable("webhook_deliveries")
        .set({
          status: "delivered",
          attempts,
          response_status: status,
          delivered_at: now.toISOString(),
          last_error: null,
        })
        .where("id", "=", d.id)
        .execute();
    } else {
      failed += 1;
      const next = new Date(now.getTime() + 30_000 * 2 ** (attempts - 1)).toISOString();
      await db
        .updateTable("webhook_deliveries")
        .set({
          status: attempts >= WEBHOOK_MAX_ATTEMPTS ? "failed" : "pending",
          attempts,
          response_status: status,
          last_error: error.slice(0, 500),
          next_at: next,
        })
        .where("id", "=", d.id)
        .execute();
    }
  }
  return { delivered, failed };
}
