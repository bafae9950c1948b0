import { parentPort, workerData } from "node:worker_threads";
import { CsvError, parseCsvLines } from "../../platform/csv.ts";
import type { Locale } from "../../platform/i18n/i18n.ts";
import { type CheckedChunk, chunkRanges, RowChecker } from "./registry.import.check.ts";

/**
 * The worker thread of a large enterprise import (registry.import.ts): parses the whole file first (a
 * broken file imports nothing), then checks it chunk by chunk and posts each chunk back, at most two
 * ahead of what the main thread has written.
 */

export interface CheckerInput {
  text: string;
  separator: string;
  header: string[];
  regions: [string, string][];
  locale: Locale;
}

export type CheckerMessage =
  | { type: "broken"; line: number; message: string }
  | { type: "total"; total: number }
  | { type: "chunk"; chunk: CheckedChunk }
  | { type: "done" };

const AHEAD = 2;

async function run(input: CheckerInput, port: NonNullable<typeof parentPort>) {
  let records: { line: number; fields: string[] }[];
  try {
    records = [...parseCsvLines(input.text, { separator: input.separator })].slice(1);
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    port.postMessage({ type: "broken", line: e.line, message: e.message } satisfies CheckerMessage);
    return;
  }
  port.postMessage({ type: "total", total: records.length } satisfies CheckerMessage);
  const checker = new RowChecker(input.header, new Map(input.regions), input.locale);
  let credit = AHEAD;
  let wake: (() => void) | null = null;
  port.on("message", () => {
    credit += 1;
    wake?.();
  });
  for (const [from, to] of chunkRanges(records.length)) {
    while (credit === 0) await new Promise<void>((r) => (wake = r));
    wake = null;
    credit -= 1;
    const chunk = checker.check(records.slice(from, to));
    port.postMessage({ type: "chunk", chunk } satisfies CheckerMessage);
  }
  port.postMessage({ type: "done" } satisfies CheckerMessage);
  port.close();
}

if (parentPort) await run(workerData as CheckerInput, parentPort);
