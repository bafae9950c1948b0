import type { Logger } from "pino";
import type { Clock } from "../clock.ts";
import { newId } from "../clock.ts";
import type { Db, DbHandle, Dialect, Executor } from "../db/db.ts";
import { forUpdate, insertRows } from "../db/dialect.ts";

export interface DomainEvent<P = unknown> {
  eventId: string;
  type: string;
  aggregateType: string;
  aggregateId: string | null;
  payload: P;
  createdAt: string;
}

export interface EventInput {
  type: string;
  aggregateType: string;
  aggregateId: string | null;
  payload: Record<string, unknown>;
}

function outboxRow(event: EventInput, at: string, settled: boolean) {
  return {
    event_id: newId(),
    type: event.type,
    aggregate_type: event.aggregateType,
    aggregate_id: event.aggregateId,
    payload: JSON.stringify(event.payload),
    created_at: at,
    available_at: at,
    attempts: 0,
    status: settled ? ("done" as const) : ("pending" as const),
    claimed_until: null,
    last_error: null,
    done_at: settled ? at : null,
  };
}

/**
 * Writes an event in the caller's transaction: it exists exactly when the change it announces does.
 * `settled`: no handler of this process wants the event, so it is recorded as done at once (as the
 * dispatcher would mark it on its next round) and costs no delivery round.
 */
export async function enqueueEvent(
  trx: Executor,
  dialect: Dialect,
  event: EventInput,
  at: string,
  settled = false,
): Promise<string> {
  const row = outboxRow(event, at, settled);
  await insertRows(trx, dialect, "outbox", [row]);
  return row.event_id;
}

/** Writes many events in one statement per chunk (bulk imports); same guarantees as enqueueEvent. */
export async function enqueueEvents(
  trx: Executor,
  dialect: Dialect,
  events: readonly EventInput[],
  at: string,
  settled: (type: string) => boolean = () => false,
): Promise<void> {
  await insertRows(
    trx,
    dialect,
    "outbox",
    events.map((event) => outboxRow(event, at, settled(event.type))),
  );
}

/**
 * A projection or side effect fed by the outbox. Delivery is at least once, so a handler must be
 * idempotent by `event.eventId`. `types` lists the event types it wants ("*" for all).
 */
export interface EventHandler {
  name: string;
  types: readonly string[] | "*";
  handle(event: DomainEvent, db: Db): Promise<void>;
}

export interface DispatcherOptions {
  batchSize?: number;
  /** Time a claimed batch is reserved for this process; other processes skip it until then. */
  claimMs?: number;
  maxAttempts?: number;
  /** Backoff before retry n (1-based): base * 2^(n-1), capped. */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  pollMs?: number;
}

export interface DispatchResult {
  claimed: number;
  done: number;
  failed: number;
}

/**
 * Delivers outbox events to handlers. Several server processes may run dispatchers on one PostgreSQL
 * database: each claims a batch with FOR UPDATE SKIP LOCKED and marks it claimed for a while, so a
 * batch goes to one process at a time, and a crashed process's batch is taken over when its claim
 * expires. Per-handler completion is recorded, so a retry re-runs only the handlers that failed.
 */
export class OutboxDispatcher {
  readonly #handle: DbHandle;
  readonly #clock: Clock;
  readonly #log: Logger | undefined;
  readonly #handlers: EventHandler[] = [];
  readonly #opts: Required<DispatcherOptions>;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #stopped = true;
  #kicked = false;

  constructor(handle: DbHandle, clock: Clock, log?: Logger, options: DispatcherOptions = {}) {
    this.#handle = handle;
    this.#clock = clock;
    this.#log = log;
    this.#opts = {
      batchSize: options.batchSize ?? 50,
      claimMs: options.claimMs ?? 60_000,
      maxAttempts: options.maxAttempts ?? 12,
      backoffBaseMs: options.backoffBaseMs ?? 1000,
      backoffMaxMs: options.backoffMaxMs ?? 10 * 60_000,
      pollMs: options.pollMs ?? 500,
    };
  }

  register(handler: EventHandler): void {
    if (this.#handlers.some((h) => h.name === handler.name)) {
      throw new Error(`outbox handler "${handler.name}" registered twice`);
    }
    this.#handlers.push(handler);
  }

  /** Whether a registered handler wants events of this type. */
  wants(type: string): boolean {
    return this.#handlers.some((h) => h.types === "*" || h.types.includes(type));
  }

  get handlerNames(): string[] {
    return this.#handlers.map((h) => h.name);
  }

  /** Claims and delivers one batch. Returns what it did; used by the loop and by tests. */
  async dispatchOnce(): Promise<DispatchResult> {
    const { db, dialect } = this.#handle;
    const now = this.#clock.now();
    const nowIso = now.toISOString();
    const claimUntil = new Date(now.getTime() + this.#opts.claimMs).toISOString();
    const batch = await db.transaction().execute(async (trx) => {
      const rows = await forUpdate(
        trx
          .selectFrom("outbox")
          .selectAll()
          .where("status", "=", "pending")
          .where("available_at", "<=", nowIso)
          .where((eb) => eb.or([eb("claimed_until", "is", null), eb("claimed_until", "<", nowIso)]))
          .orderBy("seq")
          .limit(this.#opts.batchSize),
        dialect,
        { skipLocked: true },
      ).execute();
      if (rows.length > 0) {
        await trx
          .updateTable("outbox")
          .set({ claimed_until: claimUntil })
          .where(
            "event_id",
            "in",
            rows.map((r) => r.event_id),
          )
          .execute();
      }
      return rows;
    });

    const result: DispatchResult = { claimed: batch.length, done: 0, failed: 0 };
    const wants = (type: string) => this.#handlers.some((h) => h.types === "*" || h.types.includes(type));
    // Events no handler listens to are done at once, in one statement for the whole batch.
    const unwanted = batch.filter((row) => !wants(row.type)).map((row) => row.event_id);
    if (unwanted.length > 0) {
      await db
        .updateTable("outbox")
        .set((eb) => ({
          status: "done",
          attempts: eb("attempts", "+", 1),
          done_at: this.#clock.now().toISOString(),
          claimed_until: null,
          last_error: null,
        }))
        .where("event_id", "in", unwanted)
        .execute();
      result.done += unwanted.length;
    }
    for (const row of batch.filter((r) => wants(r.type))) {
      const event: DomainEvent = {
        eventId: row.event_id,
        type: row.type,
        aggregateType: row.aggregate_type,
        aggregateId: row.aggregate_id,
        payload: JSON.parse(row.payload),
        createdAt: row.created_at,
      };
      const delivered = new Set(
        (
          await db
            .selectFrom("outbox_deliveries")
            .select("handler")
            .where("event_id", "=", row.event_id)
            .execute()
        ).map((d) => d.handler),
      );
      let error: string | null = null;
      for (const handler of this.#handlers) {
        if (delivered.has(handler.name)) continue;
        if (handler.types !== "*" && !handler.types.includes(event.type)) continue;
        try {
          await handler.handle(event, db);
          await db
            .insertInto("outbox_deliveries")
            .values({
              event_id: row.event_id,
              handler: handler.name,
              delivered_at: this.#clock.now().toISOString(),
            })
            .execute();
        } catch (e) {
          error = `${handler.name}: ${e instanceof Error ? e.message : String(e)}`;
          this.#log?.warn(
            { eventId: row.event_id, type: row.type, handler: handler.name, err: e },
            "outbox handler failed",
          );
          break;
        }
      }
      const attempts = Number(row.attempts) + 1;
      if (error === null) {
        await db
          .updateTable("outbox")
          .set({
            status: "done",
            attempts,
            done_at: this.#clock.now().toISOString(),
            claimed_until: null,
            last_error: null,
          })
          .where("event_id", "=", row.event_id)
          .execute();
        result.done += 1;
      } else {
        const dead = attempts >= this.#opts.maxAttempts;
        const delay = Math.min(this.#opts.backoffBaseMs * 2 ** (attempts - 1), this.#opts.backoffMaxMs);
        await db
          .updateTable("outbox")
          .set({
            status: dead ? "dead" : "pending",
            attempts,
            last_error: error.slice(0, 2000),
            claimed_until: null,
            available_at: new Date(this.#clock.now().getTime() + delay).toISOString(),
          })
          .where("event_id", "=", row.event_id)
          .execute();
        result.failed += 1;
      }
    }
    return result;
  }

  /** Delivers until nothing is due; for CLI commands and tests. */
  async drain(maxRounds = 1000): Promise<void> {
    for (let i = 0; i < maxRounds; i += 1) {
      const r = await this.dispatchOnce();
      if (r.claimed === 0) return;
    }
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#schedule(0);
  }

  /** Asks for a delivery round soon, e.g. right after a transaction that enqueued events committed. */
  kick(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#kicked = true;
      return;
    }
    this.#schedule(0);
  }

  #schedule(ms: number): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#tick(), ms);
    this.#timer.unref();
  }

  #tick(): void {
    if (this.#stopped || this.#running) return;
    this.#running = (async () => {
      try {
        let r: DispatchResult;
        do {
          this.#kicked = false;
          r = await this.dispatchOnce();
        } while (!this.#stopped && (r.claimed === this.#opts.batchSize || this.#kicked));
      } catch (e) {
        this.#log?.error({ err: e }, "outbox dispatch round failed");
      } finally {
        this.#running = undefined;
        if (!this.#stopped) this.#schedule(this.#opts.pollMs);
      }
    })();
  }

  /** Stops polling and waits for the delivery round in progress to finish. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#running;
  }
}

export interface OutboxStats {
  pending: number;
  dead: number;
  oldestPendingAgeSeconds: number;
}

export async function outboxStats(db: Executor, now: Date): Promise<OutboxStats> {
  const row = await db
    .selectFrom("outbox")
    .select((eb) => [
      eb.fn.countAll<number>().filterWhere("status", "=", "pending").as("pending"),
      eb.fn.countAll<number>().filterWhere("status", "=", "dead").as("dead"),
      eb.fn.min("created_at").filterWhere("status", "=", "pending").as("oldest"),
    ])
    .executeTakeFirstOrThrow();
  const oldest = row.oldest ? Date.parse(String(row.oldest)) : null;
  return {
    pending: Number(row.pending),
    dead: Number(row.dead),
    oldestPendingAgeSeconds: oldest === null ? 0 : Math.max(0, (now.getTime() - oldest) / 1000),
  };
}
