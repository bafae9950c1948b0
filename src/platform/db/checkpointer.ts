import { Worker } from "node:worker_threads";
import type SQLite from "better-sqlite3";
import type { CheckpointerData, CheckpointerMessage } from "./checkpointer.worker.ts";

/**
 * WAL checkpoints off the server's thread. SQLite's automatic checkpoint runs inside the commit that
 * takes the log past 1,000 pages: that commit copies the log back into the database file and syncs
 * both, on the thread that committed — the event loop, for tens of milliseconds, while every request
 * waits (a bulk import of 100,000 enterprises spent 0.8 s of its 7 s there). Here a worker thread with
 * its own connection checkpoints instead, passively (never waiting for readers or writers).
 *
 * The log starts over from its beginning only when a transaction begins with every frame already
 * copied back, and under writes without pause the thread's checkpoint seldom finishes just then: the
 * log would grow without end (95 MB for that import). So the connection's own automatic checkpoint
 * stays, as a backstop, at 10,000 pages (40 MB with 4 KiB pages): rarely reached, and cheap when it
 * is, since the thread has copied most of the log by then. Should the thread fail, the automatic
 * checkpoint goes back to SQLite's 1,000 pages.
 */

/** How often the thread checkpoints. */
const INTERVAL_MS = 200;
const SQLITE_DEFAULT_AUTOCHECKPOINT = 1000;
const BACKSTOP_PAGES = 10_000;

export interface Checkpointer {
  /** Stops the thread and closes its connection (before the owner closes its own). */
  stop(): Promise<void>;
}

export function startCheckpointer(
  file: string,
  database: SQLite.Database,
  options: { backstopPages?: number; intervalMs?: number } = {},
): Checkpointer {
  // The sources run as TypeScript, the build as JavaScript: the worker is the file beside this one.
  const ext = import.meta.url.endsWith(".ts") ? ".ts" : ".js";
  const worker = new Worker(new URL(`./checkpointer.worker${ext}`, import.meta.url), {
    workerData: { file, intervalMs: options.intervalMs ?? INTERVAL_MS } satisfies CheckpointerData,
  });
  // The thread must not keep a process alive that has nothing else to do.
  worker.unref();
  let stopping = false;
  const inline = () => {
    if (database.open) database.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT}`);
  };
  worker.on("message", (m: CheckpointerMessage) => {
    if (m.type === "ready" && database.open)
      database.pragma(`wal_autocheckpoint = ${options.backstopPages ?? BACKSTOP_PAGES}`);
    else if (m.type === "failed") inline();
  });
  worker.on("error", inline);
  const exited = new Promise<void>((resolve) =>
    worker.on("exit", () => {
      if (!stopping) inline();
      resolve();
    }),
  );
  return {
    async stop() {
      if (stopping) return exited;
      stopping = true;
      // Held until it has closed its connection, even if nothing else keeps the process alive.
      worker.ref();
      worker.postMessage("stop");
      await exited;
    },
  };
}
