import { parentPort, workerData } from "node:worker_threads";
import { CsvError, type CsvProblem } from "../../platform/csv.ts";
import {
  bodyRecords,
  type CheckedChunk,
  type CheckerInput,
  checkedChunks,
  packChunk,
} from "./registry.import.check.ts";

/**
 * The worker thread of a large enterprise import (registry.import.ts): reads and checks the file chunk
 * by chunk and posts each chunk back, at most two ahead of what the main thread has written. The main
 * thread reads the whole file once for its structure meanwhile (a broken file imports nothing), so
 * the first chunk is not held up by reading the rest.
 */

export type CheckerMessage =
  | { type: "broken"; line: number; problem: CsvProblem; params: Record<string, number> }
  /** packChunk's result as JSON. */
  | { type: "chunk"; chunk: string }
  | { type: "done" };

const AHEAD = 2;

async function run(input: CheckerInput, port: NonNullable<typeof parentPort>) {
  // The main thread sends a message for each chunk it has taken.
  let credit = AHEAD;
  let wake: (() => void) | null = null;
  port.on("message", () => {
    credit += 1;
    wake?.();
  });
  const chunks = checkedChunks(input, bodyRecords(input));
  for (;;) {
    while (credit === 0) await new Promise<void>((r) => (wake = r));
    wake = null;
    credit -= 1;
    let next: IteratorResult<CheckedChunk>;
    try {
      next = chunks.next();
    } catch (e) {
      if (!(e instanceof CsvError)) throw e;
      port.postMessage({
        type: "broken",
        line: e.line,
        problem: e.problem,
        params: e.params,
      } satisfies CheckerMessage);
      break;
    }
    if (next.done) {
      port.postMessage({ type: "done" } satisfies CheckerMessage);
      break;
    }
    port.postMessage({
      type: "chunk",
      chunk: JSON.stringify(packChunk(next.value)),
    } satisfies CheckerMessage);
  }
  port.close();
}

if (parentPort) await run(workerData as CheckerInput, parentPort);
