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

/**
 * Appends one entry to the hash chain. Must run inside the transaction of the change it records; the
 * head row is locked on PostgreSQL so concurrent appends form one chain.
 */
export async function appendAudit(
  trx: Executor,
  dialect: Dialect,
  entry: AuditEntryInput,
  ids: { id: string; at: string },
): Promise<AuditLogTable> {
  const head = (await trx.executeQuery(dialect === "postgres" ? HEAD_FOR_UPDATE : HEAD)).rows[0] as
    | { last_seq: number | string; last_hash: string }
    | undefined;
  const prevSeq = head ? Number(head.last_seq) : 0;
  const prevHash = head?.last_hash ?? GENESIS_HASH;
  const unhashed: Omit<AuditLogTable, "hash"> = {
    seq: prevSeq + 1,
    id: ids.id,
    occurred_at: ids.at,
    actor_user_id: entry.actorUserId,
    actor_label: entry.actorLabel,
    organization_id: entry.organizationId,
    action: entry.action,
    target_type: entry.targetType,
    target_id: entry.targetId,
    summary: canonicalJson(entry.summary),
    request_id: entry.requestId,
    prev_hash: prevHash,
  };
  const row: AuditLogTable = { ...unhashed, hash: auditHash(unhashed) };
  await insertRows(trx, dialect, "audit_log", [row]);
  if (head) {
    await trx.executeQuery(
      CompiledQuery.raw(dialect === "postgres" ? HEAD_UPDATE_PG : HEAD_UPDATE_SQLITE, [row.seq, row.hash]),
    );
  } else {
    await trx.insertInto("audit_head").values({ id: 1, last_seq: row.seq, last_hash: row.hash }).execute();
  }
  return row;
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
