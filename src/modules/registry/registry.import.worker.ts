import { parentPort, workerData } from "node:worker_threads";
import { CsvError } from "../../platform/csv.ts";
import { bodyRecords, type CheckedChunk, type CheckerInput, checkedChunks } from "./registry.import.check.ts";

/**
 * The worker thread of a large enterprise import (registry.import.ts): parses the whole file first (a
 * broken file imports nothing), then checks it chunk by chunk and posts each chunk back, at most two
 * ahead of what the main thread has written.
 */

export type CheckerMessage =
  | { type: "broken"; line: number; message: string }
  | { type: "total"; total: number }
  | { type: "chunk"; chunk: CheckedChunk }
  | { type: "done" };

const AHEAD = 2;

async function run(input: CheckerInput, port: NonNullable<typeof parentPort>) {
  let records: { line: number; fields: string[] }[];
  try {
    records = bodyRecords(input);
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    port.postMessage({ type: "broken", line: e.line, message: e.message } satisfies CheckerMessage);
    return;
  }
  port.postMessage({ type: "total", total: records.length } satisfies CheckerMessage);
  // The main thread sends a message for each chunk it has taken.
  let credit = AHEAD;
  let wake: (() => void) | null = null;
  port.on("message", () => {
    credit += 1;
    wake?.();
  });
  const chunks = checkedChunks(input, records);
  for (;;) {
    while (credit === 0) await new Promise<void>((r) => (wake = r));
    wake = null;
    credit -= 1;
    const next = chunks.next();
    if (next.done) break;
    port.postMessage({ type: "chunk", chunk: next.value } satisfies CheckerMessage);
  }
  port.postMessage({ type: "done" } satisfies CheckerMessage);
  port.close();
}

if (parentPort) await run(workerData as CheckerInput, parentPort);
