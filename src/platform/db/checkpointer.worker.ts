import { parentPort, workerData } from "node:worker_threads";
import SQLite from "better-sqlite3";

/**
 * The thread that checkpoints a SQLite database in WAL mode (checkpointer.ts): its own connection to
 * the file, a passive checkpoint every few milliseconds while the log has frames not yet copied back.
 * A passive checkpoint never waits for readers or writers, so the server's thread is never held up by it.
 */

export interface CheckpointerData {
  file: string;
  intervalMs: number;
}

export type CheckpointerMessage = { type: "ready" } | { type: "failed"; message: string };

function run(data: CheckpointerData, port: NonNullable<typeof parentPort>) {
  const db = new SQLite(data.file, { fileMustExist: true });
  // Another connection's checkpoint or a writer's WAL restart may hold a lock for a moment: skip a
  // round rather than wait.
  db.pragma("busy_timeout = 0");
  db.pragma("synchronous = NORMAL");
  db.pragma("wal_autocheckpoint = 0");
  const checkpoint = db.prepare("PRAGMA wal_checkpoint(PASSIVE)");
  const timer = setInterval(() => {
    try {
      checkpoint.all();
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      if (typeof code === "string" && (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")))
        return;
      clearInterval(timer);
      db.close();
      port.postMessage({ type: "failed", message: String(e) } satisfies CheckpointerMessage);
      port.close();
    }
  }, data.intervalMs);
  port.on("message", () => {
    // "stop": the owner is closing the database.
    clearInterval(timer);
    db.close();
    port.close();
  });
  port.postMessage({ type: "ready" } satisfies CheckpointerMessage);
}

if (parentPort) run(workerData as CheckpointerData, parentPort);
