import { type AuditEntryInput, appendAudits, type PendingAuditEntry } from "./audit/audit.ts";
import { canonicalJson } from "./audit/canonical-json.ts";
import { sha256Hex } from "./auth/crypto.ts";
import { type Clock, newId } from "./clock.ts";
import type { DbHandle, Dialect, Executor, Trx } from "./db/db.ts";
import { writeTransaction } from "./db/group-commit.ts";
import { AppError } from "./errors.ts";
import { type EventInput, enqueueEvent, enqueueEvents } from "./outbox/outbox.ts";

/** Who performs an operation: a user (through a session or API key), or the system (CLI, jobs). */
export interface Actor {
  userId: string | null;
  label: string;
  organizationId: string | null;
}

export const SYSTEM_ACTOR: Actor = { userId: null, label: "system", organizationId: null };

export interface OperationContext {
  trx: Trx;
  dialect: Dialect;
  actor: Actor;
  requestId: string | null;
  /** The operation's time, one value for every row it writes. */
  now: string;
  /**
   * Records an audit entry. It joins the hash chain when the operation's own writes are done, in the
   * same transaction: an operation that fails leaves no entry.
   */
  audit(
    entry: Omit<AuditEntryInput, "actorUserId" | "actorLabel" | "requestId" | "organizationId"> & {
      organizationId?: string | null;
    },
  ): Promise<void>;
  emit(event: EventInput): Promise<void>;
  /** Many events at once (bulk operations). */
  emitMany(events: readonly EventInput[]): Promise<void>;
}

export interface Operation<I, O> {
  name: string;
  run(ctx: OperationContext, input: I): Promise<O>;
}

/**
 * Declares a business operation. The API, the CLI and jobs all call operations through
 * `runOperation`, which supplies the transaction, the audit entry and the outbox, and idempotency.
 */
export function defineOperation<I, O>(op: Operation<I, O>): Operation<I, O> {
  return op;
}

export interface OperationDeps {
  db: DbHandle;
  clock: Clock;
  /** Called after commit when the operation emitted events, to deliver them promptly. */
  onEventsCommitted?: () => void;
  /** Whether any handler wants events of a type; events none wants are recorded as done at once. */
  wantsEvent?: (type: string) => boolean;
}

export interface RunOptions {
  actor: Actor;
  requestId?: string | null;
  /** With a user actor: repeat calls with the same key and input return the first result. */
  idempotencyKey?: string | null;
  /**
   * What the key's first use is compared with; by default a hash of the operation's input. Give the
   * hash of the request when the input carries generated values (ids, numbers).
   */
  requestHash?: string;
}

/**
 * The stored result of an earlier call with the same key, or undefined. The same key with another
 * request is an error, so a client never mistakes one request's answer for another's.
 */
export async function previousResult<O>(
  db: Executor,
  q: { userId: string; key: string; operation: string; requestHash: string },
): Promise<O | undefined> {
  const previous = await db
    .selectFrom("idempotency_keys")
    .selectAll()
    .where("user_id", "=", q.userId)
    .where("key", "=", q.key)
    .executeTakeFirst();
  if (!previous) return undefined;
  if (previous.operation !== q.operation || previous.request_hash !== q.requestHash) {
    throw new AppError("IDEMPOTENCY_KEY_REUSED", { key: q.key });
  }
  return JSON.parse(previous.response) as O;
}

export async function runOperation<I, O>(
  deps: OperationDeps,
  op: Operation<I, O>,
  input: I,
  options: RunOptions,
): Promise<O> {
  const { actor } = options;
  const requestId = options.requestId ?? null;
  const key = options.idempotencyKey && actor.userId ? options.idempotencyKey : null;
  const requestHash = key ? (options.requestHash ?? sha256Hex(canonicalJson(input))) : "";
  let emitted = 0;

  const result = await writeTransaction(deps.db, async (trx) => {
    if (key && actor.userId) {
      const previous = await previousResult<O>(trx, {
        userId: actor.userId,
        key,
        operation: op.name,
        requestHash,
      });
      if (previous !== undefined) return previous;
    }
    const now = deps.clock.now().toISOString();
    // Audit entries are appended when the operation's other writes are done (see appendAudits).
    const audits: PendingAuditEntry[] = [];
    const ctx: OperationContext = {
      trx,
      dialect: deps.db.dialect,
      actor,
      requestId,
      now,
      audit: async ({ summary, ...entry }) => {
        audits.push({
          entry: {
            ...entry,
            organizationId: entry.organizationId ?? actor.organizationId,
            actorUserId: actor.userId,
            actorLabel: actor.label,
            requestId,
          },
          // Taken now: the operation may change the object after recording the entry.
          summary: canonicalJson(summary),
          id: newId(),
          at: now,
        });
      },
      emit: async (event) => {
        const wanted = deps.wantsEvent?.(event.type) ?? true;
        await enqueueEvent(trx, deps.db.dialect, event, now, !wanted);
        if (wanted) emitted += 1;
      },
      emitMany: async (events) => {
        const wants = deps.wantsEvent ?? (() => true);
        await enqueueEvents(trx, deps.db.dialect, events, now, (type) => !wants(type));
        emitted += events.filter((e) => wants(e.type)).length;
      },
    };
    const output = await op.run(ctx, input);
    if (key && actor.userId) {
      await trx
        .insertInto("idempotency_keys")
        .values({
          key,
          user_id: actor.userId,
          operation: op.name,
          request_hash: requestHash,
          response: JSON.stringify(output ?? null),
          created_at: now,
        })
        .execute();
    }
    await appendAudits(trx, deps.db.dialect, audits);
    return output;
  });
  if (emitted > 0) deps.onEventsCommitted?.();
  return result;
}
