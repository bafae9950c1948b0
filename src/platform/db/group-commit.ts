import { CompiledQuery } from "kysely";
import type { DbHandle, Trx } from "./db.ts";

/**
 * Group commit for SQLite. SQLite has one writer and the app one connection, so business operations
 * run one after another anyway; what each of them pays on its own is the commit, which writes the
 * changed pages to the WAL. Operations that arrive while a transaction is running wait in a queue and
 * then run together in the next transaction, each inside a savepoint: an operation that fails rolls
 * back its own changes only and gets its own error; the others commit once, together. An operation's
 * promise settles only after the commit that holds it, so a caller never sees a result that is not
 * durable. A lone operation runs in a plain transaction, as before.
 *
 * PostgreSQL has a pool of connections and row locks, so each operation keeps its own transaction.
 */
const MAX_BATCH = 64;
const SAVEPOINT = CompiledQuery.raw("savepoint amur_op");
const RELEASE = CompiledQuery.raw("release savepoint amur_op");
const ROLLBACK_TO = CompiledQuery.raw("rollback to savepoint amur_op");

interface Job {
  fn: (trx: Trx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

class GroupCommitter {
  #queue: Job[] = [];
  #running = false;
  readonly #handle: DbHandle;

  constructor(handle: DbHandle) {
    this.#handle = handle;
  }

  run<T>(fn: (trx: Trx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      if (!this.#running) void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#running = true;
    try {
      while (this.#queue.length > 0) {
        // Let the event loop read the requests that arrived meanwhile, so that they join this batch:
        // better-sqlite3 is synchronous, so without this pause every operation would find the queue
        // empty behind it and commit alone.
        await new Promise<void>((r) => setImmediate(r));
        const batch = this.#queue.splice(0, MAX_BATCH);
        if (batch.length === 1) {
          const job = batch[0] as Job;
          try {
            job.resolve(await this.#handle.db.transaction().execute((trx) => job.fn(trx)));
          } catch (e) {
            job.reject(e);
          }
          continue;
        }
        const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
        try {
          await this.#handle.db.transaction().execute(async (trx) => {
            for (const job of batch) {
              await trx.executeQuery(SAVEPOINT);
              try {
                const value = await job.fn(trx);
                await trx.executeQuery(RELEASE);
                outcomes.push({ ok: true, value });
              } catch (error) {
                await trx.executeQuery(ROLLBACK_TO);
                await trx.executeQuery(RELEASE);
                outcomes.push({ ok: false, error });
              }
            }
          });
        } catch (commitError) {
          // The transaction as a whole failed: nothing of the batch is stored.
          for (const [i, job] of batch.entries()) {
            const o = outcomes[i];
            job.reject(o && !o.ok ? o.error : commitError);
          }
          continue;
        }
        for (const [i, job] of batch.entries()) {
          const o = outcomes[i];
          if (o?.ok) job.resolve(o.value);
          else job.reject(o ? o.error : new Error("operation did not run"));
        }
      }
    } finally {
      this.#running = false;
    }
  }
}

const committers = new WeakMap<DbHandle, GroupCommitter>();

/** Runs `fn` in a write transaction: grouped with concurrent ones on SQLite, alone on PostgreSQL. */
export function writeTransaction<T>(handle: DbHandle, fn: (trx: Trx) => Promise<T>): Promise<T> {
  if (handle.dialect !== "sqlite") return handle.db.transaction().execute(fn);
  let c = committers.get(handle);
  if (!c) {
    c = new GroupCommitter(handle);
    committers.set(handle, c);
  }
  return c.run(fn);
}
