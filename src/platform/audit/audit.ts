import { createHash } from "node:crypto";
import { CompiledQuery } from "kysely";
import type { Dialect, Executor } from "../db/db.ts";
import { insertRows } from "../db/dialect.ts";
import type { AuditLogTable } from "../db/schema.ts";
import { canonicalJson } from "./canonical-json.ts";

export const GENESIS_HASH = "0".repeat(64);

// The chain head is read and moved on every audited change; its statements are written once here
// rather than built by the query builder each time. PostgreSQL locks the row so appends form one chain.
const HEAD = CompiledQuery.raw('select "last_seq", "last_hash" from "audit_head" where "id" = 1');
const HEAD_FOR_UPDATE = CompiledQuery.raw(`${HEAD.sql} for update`);
const HEAD_UPDATE_SQLITE = 'update "audit_head" set "last_seq" = ?, "last_hash" = ? where "id" = 1';
const HEAD_UPDATE_PG = 'update "audit_head" set "last_seq" = $1, "last_hash" = $2 where "id" = 1';

export interface AuditEntryInput {
  actorUserId: string | null;
  actorLabel: string;
  organizationId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  /** What changed, as small before/after facts; never secrets. */
  summary: Record<string, unknown>;
  requestId: string | null;
}

/** The fields covered by the hash, in a fixed shape, so verification recomputes exactly this. */
function hashedFields(row: Omit<AuditLogTable, "hash">) {
  return {
    seq: row.seq,
    id: row.id,
    occurredAt: row.occurred_at,
    actorUserId: row.actor_user_id,
    actorLabel: row.actor_label,
    organizationId: row.organization_id,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    summary: row.summary,
    requestId: row.request_id,
    prevHash: row.prev_hash,
  };
}

export function auditHash(row: Omit<AuditLogTable, "hash">): string {
  return createHash("sha256")
    .update(canonicalJson(hashedFields(row)))
    .digest("hex");
}

/** One entry to append, with the id and time it was given when the operation recorded it. */
export interface PendingAuditEntry {
  entry: Omit<AuditEntryInput, "summary">;
  /** The summary as canonical JSON, made when the entry was recorded (later changes to it do not count). */
  summary: string;
  id: string;
  at: string;
}

/**
 * Appends entries to the hash chain, in order. Must run inside the transaction of the change they
 * record. On PostgreSQL the head row is locked (so concurrent appends form one chain) until the
 * transaction ends, and every transaction that audits waits for it in turn. The lock is held for as
 * few round trips as possible: callers append last, just before the commit (runOperation does), and
 * on PostgreSQL each entry is one statement that locks the head, writes the entry with its hash and
 * moves the head (APPEND_PG). Under load a round trip costs more than the database's work: the reply
 * waits for the server's event loop to get to it, and all that time the other writers wait as well.
 */
export async function appendAudits(
  trx: Executor,
  dialect: Dialect,
  entries: readonly PendingAuditEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  if (dialect === "postgres") {
    const [first, ...rest] = entries as [PendingAuditEntry, ...PendingAuditEntry[]];
    // No head yet (the very first entry of a database): the general path below makes it.
    if (await appendOnePg(trx, first)) {
      for (const e of rest) await appendOnePg(trx, e);
      return;
    }
  }
  const head = (await trx.executeQuery(dialect === "postgres" ? HEAD_FOR_UPDATE : HEAD)).rows[0] as
    | { last_seq: number | string; last_hash: string }
    | undefined;
  let seq = head ? Number(head.last_seq) : 0;
  let prevHash = head?.last_hash ?? GENESIS_HASH;
  const rows: AuditLogTable[] = [];
  for (const pending of entries) {
    seq += 1;
    const unhashed = entryRow(pending, seq, prevHash);
    const row: AuditLogTable = { ...unhashed, hash: auditHash(unhashed) };
    rows.push(row);
    prevHash = row.hash;
  }
  await insertRows(trx, dialect, "audit_log", rows);
  if (head) {
    await trx.executeQuery(
      CompiledQuery.raw(dialect === "postgres" ? HEAD_UPDATE_PG : HEAD_UPDATE_SQLITE, [seq, prevHash]),
    );
  } else {
    await trx.insertInto("audit_head").values({ id: 1, last_seq: seq, last_hash: prevHash }).execute();
  }
}

/**
 * One entry on PostgreSQL in one statement. The hash is the same SHA-256 of the same canonical JSON as
 * auditHash: the text is made here with everything but the previous hash and the sequence number,
 * which only the locked head knows, and PostgreSQL puts those two in (chainText) and hashes it.
 */
const APPEND_PG = `with head as (
    select "last_seq", "last_hash" from "audit_head" where "id" = 1 for update
  ), entry as (
    insert into "audit_log" ("seq", "id", "occurred_at", "actor_user_id", "actor_label", "organization_id",
      "action", "target_type", "target_id", "summary", "request_id", "prev_hash", "hash")
    select "last_seq" + 1, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "last_hash",
      encode(sha256(convert_to($11 || "last_hash" || $12 || ("last_seq" + 1)::text || $13, 'UTF8')), 'hex')
    from head
    returning "seq", "hash"
  )
  update "audit_head" set "last_seq" = entry."seq", "last_hash" = entry."hash" from entry
  where "audit_head"."id" = 1
  returning "audit_head"."last_seq"`;

async function appendOnePg(trx: Executor, pending: PendingAuditEntry): Promise<boolean> {
  const row = entryRow(pending, 0, GENESIS_HASH);
  const result = await trx.executeQuery(
    CompiledQuery.raw(APPEND_PG, [
      row.id,
      row.occurred_at,
      row.actor_user_id,
      row.actor_label,
      row.organization_id,
      row.action,
      row.target_type,
      row.target_id,
      row.summary,
      row.request_id,
      ...chainText(row),
    ]),
  );
  return result.rows.length === 1;
}

/** The row of an entry at a place in the chain, without its hash. */
function entryRow(
  { entry, summary, id, at }: PendingAuditEntry,
  seq: number,
  prevHash: string,
): Omit<AuditLogTable, "hash"> {
  return {
    seq,
    id,
    occurred_at: at,
    actor_user_id: entry.actorUserId,
    actor_label: entry.actorLabel,
    organization_id: entry.organizationId,
    action: entry.action,
    target_type: entry.targetType,
    target_id: entry.targetId,
    summary,
    request_id: entry.requestId,
    prev_hash: prevHash,
  };
}

const PREV_KEY = '"prevHash":"';
const SEQ_KEY = '"seq":';

/**
 * The hashed text of an entry in three parts, such that before + previous hash + between + sequence
 * number + after is exactly the canonical JSON auditHash hashes. The two keys are found by their
 * text: inside a JSON string every quote is escaped, so `"prevHash":"` and `"seq":` appear only as the
 * keys themselves. `row` carries GENESIS_HASH and 0 in their places.
 */
export function chainText(row: Omit<AuditLogTable, "hash">): [string, string, string] {
  const text = canonicalJson(hashedFields(row));
  const p = text.indexOf(PREV_KEY) + PREV_KEY.length;
  const q = text.indexOf(SEQ_KEY) + SEQ_KEY.length;
  // Keys are sorted: prevHash comes before seq.
  if (p < PREV_KEY.length || q <= p || text.slice(p, p + 64) !== row.prev_hash || text[q] !== "0")
    throw new Error("audit: unexpected canonical form");
  return [text.slice(0, p), text.slice(p + 64, q), text.slice(q + 1)];
}

export type AuditVerification =
  | { ok: true; count: number; head: string }
  | { ok: false; count: number; brokenAt: number; reason: "hash" | "link" | "gap" | "head" };

/**
 * Walks the chain in order and recomputes every hash. Reports the first entry whose content no longer
 * matches its hash, whose link to the previous entry is wrong, or a missing sequence number.
 */
export async function verifyAuditChain(db: Executor, batchSize = 5000): Promise<AuditVerification> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (;;) {
    const rows = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("seq", ">=", expectedSeq)
      .orderBy("seq")
      .limit(batchSize)
      .execute();
    if (rows.length === 0) break;
    for (const raw of rows) {
      const row = { ...raw, seq: Number(raw.seq) };
      if (row.seq !== expectedSeq) return { ok: false, count, brokenAt: expectedSeq, reason: "gap" };
      if (row.prev_hash !== prevHash) return { ok: false, count, brokenAt: row.seq, reason: "link" };
      const { hash, ...rest } = row;
      if (auditHash(rest) !== hash) return { ok: false, count, brokenAt: row.seq, reason: "hash" };
      prevHash = hash;
      expectedSeq += 1;
      count += 1;
    }
  }
  const head = await db.selectFrom("audit_head").select(["last_seq", "last_hash"]).executeTakeFirst();
  if (head && (Number(head.last_seq) !== count || head.last_hash !== prevHash)) {
    // Entries were deleted from the end, or the head was rewritten.
    return { ok: false, count, brokenAt: count + 1, reason: "head" };
  }
  return { ok: true, count, head: prevHash };
}
