import { createHash } from "node:crypto";
import { Worker } from "node:worker_threads";
import { newId } from "../../platform/clock.ts";
import {
  CsvError,
  type CsvProblem,
  csvProblemText,
  csvText,
  detectSeparator,
  parseCsvLines,
} from "../../platform/csv.ts";
import type { AppDeps } from "../../platform/deps.ts";
import { operationDeps } from "../../platform/deps.ts";
import { AppError, fieldError } from "../../platform/errors.ts";
import { type Locale, t } from "../../platform/i18n/i18n.ts";
import { type Actor, defineOperation, runOperation } from "../../platform/operations.ts";
import { appendTokenizedDocuments } from "../../platform/search/search.ts";
import type { Vocabulary } from "../../platform/search/tokenize.ts";
import {
  bodyRecords,
  type CheckerInput,
  checkedChunks,
  columnOf,
  countBodyRecords,
  IMPORT_COLUMNS,
  localize,
  type PackedChunk,
  type PackedRow,
  packChunk,
} from "./registry.import.check.ts";
import type { CheckerMessage } from "./registry.import.worker.ts";
import * as repo from "./registry.repository.ts";
import { ENTERPRISE_SEARCH_SCOPE, pushEnterpriseRowValues } from "./registry.service.ts";

/**
 * Bulk import of enterprises from CSV. Every row is checked as a registration would be; valid rows are
 * written in batches (each batch one transaction with its audit entry and events), invalid rows are
 * reported with their line and reasons and write nothing. Imported enterprises start as pending:
 * verification stays an officer's decision. The checks that need no database (registry.import.check.ts)
 * run, for a large file, in a worker thread that stays a chunk or two ahead of the writing, so the two
 * use two cores.
 */

export { IMPORT_COLUMNS } from "./registry.import.check.ts";

export interface ImportRowResult {
  line: number;
  status: "imported" | "invalid";
  id: string | null;
  errors: { path: string; code: string; message: string }[];
}

export interface ImportReport {
  total: number;
  imported: number;
  invalid: number;
  rows: ImportRowResult[];
  fileHash: string;
}

const writeBatch = defineOperation({
  name: "registry.importBatch",
  async run(
    ctx,
    input: {
      rows: PackedRow[];
      /** The new enterprises' ids, one per row. */
      ids: string[];
      sample: boolean;
      /** The rows' search vocabulary, when it still holds for them (worked out with the checks). */
      vocabulary: Vocabulary | undefined;
      fileHash: string;
      lines: [number, number];
    },
  ) {
    // Statement parameters straight from the checked rows: no row objects for 100,000 enterprises.
    const organizations: unknown[] = [];
    const enterprises: unknown[] = [];
    const chapters: unknown[] = [];
    const decisions: unknown[] = [];
    const at = ctx.now;
    const by = ctx.actor.userId;
    input.rows.forEach((p, k) => {
      const id = input.ids[k] as string;
      const [, , side, , , , , zh, ru, en] = p;
      organizations.push(
        id,
        "enterprise",
        side,
        (side === "CN" ? zh : ru) ?? "",
        zh,
        ru,
        en,
        input.sample ? 1 : 0,
        at,
      );
      pushEnterpriseRowValues(enterprises, p, { id, registeredBy: by, at, sample: input.sample });
      for (const c of p[16]) chapters.push(id, c);
      decisions.push(id, "imported", by, null, at);
    });
    await repo.insertEnterpriseImport(ctx.trx, ctx.dialect, {
      organizations,
      enterprises,
      chapters,
      decisions,
    });
    await appendTokenizedDocuments(
      ctx.trx,
      ctx.dialect,
      ENTERPRISE_SEARCH_SCOPE,
      input.rows.map((p, k) => ({ ref: input.ids[k] as string, title: p[1], body: "", boost: 1 })),
      input.vocabulary,
    );
    await ctx.audit({
      action: "enterprise.imported",
      targetType: "enterprise_import",
      targetId: input.fileHash.slice(0, 16),
      summary: { count: input.ids.length, lines: input.lines, ids: input.ids },
    });
    // One event per batch: the trust projection makes the profiles of all its enterprises.
    await ctx.emit({
      type: "enterprise.imported",
      aggregateType: "enterprise_import",
      aggregateId: input.fileHash.slice(0, 16),
      payload: { enterpriseIds: input.ids, lines: input.lines },
    });
  },
});

/** Files at least this large are checked in a worker thread, alongside the writing. */
const WORKER_MIN_ROWS = 5_000;

export async function importEnterprises(
  deps: AppDeps,
  text: string,
  options: {
    actor: Actor;
    locale?: Locale;
    sample?: boolean;
    onProgress?: (done: number, total: number) => void;
    /** Check rows in a worker thread: default for files of WORKER_MIN_ROWS rows or more. */
    worker?: boolean;
  },
): Promise<ImportReport> {
  const locale = options.locale ?? "en";
  const fileHash = createHash("sha256").update(text).digest("hex");
  // A spreadsheet saved in a Russian locale separates with semicolons.
  const separator = detectSeparator(text);
  const broken = (e: { line: number; problem: CsvProblem; params: Record<string, number> }) =>
    new AppError("BAD_REQUEST", {
      reason: t(locale, "registry.CSV_BROKEN", { line: e.line, message: csvProblemText(e, locale) }),
    });
  let first: { line: number; fields: string[] } | undefined;
  try {
    first = parseCsvLines(text, { separator }).next().value ?? undefined;
  } catch (e) {
    if (e instanceof CsvError) throw broken(e);
    throw e;
  }
  const header = (first?.fields ?? []).map(columnOf);
  const unknown = header.filter((h) => !(IMPORT_COLUMNS as readonly string[]).includes(h));
  // The same column twice (inn and ИНН): which one holds the value would be a guess.
  for (const h of new Set(header))
    if (header.indexOf(h) !== header.lastIndexOf(h))
      unknown.push(`${h} ×${header.filter((x) => x === h).length}`);
  const missing = ["side", "region"].filter((h) => !header.includes(h));
  if (unknown.length || missing.length) {
    throw new AppError("BAD_REQUEST", {
      reason: t(locale, "registry.CSV_HEADER", {
        unknown: unknown.join(", ") || "—",
        missing: missing.join(", ") || "—",
        expected: IMPORT_COLUMNS.join(","),
      }),
    });
  }

  const regions = (await repo.listRegions(deps.db.db)).map((r) => [r.code, r.country] as [string, string]);
  const useWorker = options.worker ?? countLinesAtLeast(text, WORKER_MIN_ROWS);
  const chunks = useWorker
    ? checkInWorker({ text, separator, header, regions, locale }, broken)
    : checkHere({ text, separator, header, regions, locale }, broken);

  const results: ImportRowResult[] = [];
  let total = 0;
  let done = 0;
  for await (const step of chunks) {
    if ("total" in step) {
      total = step.total;
      options.onProgress?.(0, total);
      continue;
    }
    const { valid, invalid } = step.chunk;
    for (const r of invalid) results.push({ line: r.line, status: "invalid", id: null, errors: r.errors });
    const checked = valid.length;
    await dropExisting(deps, valid, results, locale);
    if (valid.length > 0) {
      // The chunk's word counts hold only if no row was dropped since.
      const vocabulary =
        valid.length === checked
          ? { terms: new Map(step.chunk.terms), tokens: step.chunk.tokens }
          : undefined;
      const ids = await writeRows(deps, valid, fileHash, options, vocabulary);
      valid.forEach((p, k) => {
        results.push({ line: p[0], status: "imported", id: ids[k] ?? null, errors: [] });
      });
    }
    done += checked + invalid.length;
    options.onProgress?.(done, total);
  }
  results.sort((a, b) => a.line - b.line);
  const imported = results.filter((r) => r.status === "imported").length;
  return { total, imported, invalid: total - imported, rows: results, fileHash };
}

type CheckStep = { total: number } | { chunk: PackedChunk };

/** Whether the text has at least `n` line breaks (without splitting it). */
function countLinesAtLeast(text: string, n: number): boolean {
  let at = -1;
  for (let i = 0; i < n; i++) {
    at = text.indexOf("\n", at + 1);
    if (at === -1) return false;
  }
  return true;
}

/** Small files: parse, then check chunk by chunk in this thread. */
async function* checkHere(
  input: CheckerInput,
  broken: (e: { line: number; problem: CsvProblem; params: Record<string, number> }) => AppError,
): AsyncGenerator<CheckStep> {
  let records: { line: number; fields: string[] }[];
  try {
    records = [...bodyRecords(input)];
  } catch (e) {
    if (e instanceof CsvError) throw broken(e);
    throw e;
  }
  yield { total: records.length };
  for (const chunk of checkedChunks(input, records)) yield { chunk: packChunk(chunk) };
}

/** Large files: the same checks in a worker thread, which runs ahead while this thread writes. */
async function* checkInWorker(
  input: CheckerInput,
  broken: (e: { line: number; problem: CsvProblem; params: Record<string, number> }) => AppError,
): AsyncGenerator<CheckStep> {
  // The sources run as TypeScript, the build as JavaScript: the worker is the file beside this one.
  const ext = import.meta.url.endsWith(".ts") ? ".ts" : ".js";
  const worker = new Worker(new URL(`./registry.import.worker${ext}`, import.meta.url), {
    workerData: input,
  });
  const inbox: CheckerMessage[] = [];
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  worker.on("message", (m: CheckerMessage) => {
    inbox.push(m);
    notify();
  });
  worker.on("error", (e) => {
    failure = e;
    notify();
  });
  worker.on("exit", (code) => {
    // After its last message (read first, from the inbox) or without it: either way nothing more comes.
    failure ??= new Error(`the import's worker thread stopped (code ${code}) before it finished`);
    notify();
  });
  try {
    // While the thread starts and checks the first chunk, this one reads the whole file for its
    // structure and its number of rows: a broken file is refused before anything is written.
    try {
      yield { total: countBodyRecords(input) };
    } catch (e) {
      if (e instanceof CsvError) throw broken(e);
      throw e;
    }
    for (;;) {
      const m = inbox.shift();
      if (!m) {
        if (failure) throw failure;
        await new Promise<void>((r) => (wake = r));
        continue;
      }
      if (m.type === "broken") throw broken(m);
      if (m.type === "done") return;
      // Taken: the thread may check one more while this one is written.
      worker.postMessage("more");
      yield { chunk: JSON.parse(m.chunk) as PackedChunk };
    }
  } finally {
    await worker.terminate();
  }
}

/** Rows whose identifiers are already registered become invalid rows of the report. */
async function dropExisting(deps: AppDeps, valid: PackedRow[], results: ImportRowResult[], locale: Locale) {
  // Where each identifier sits in a packed row.
  for (const [column, at] of [
    ["uscc", 3],
    ["inn", 4],
    ["ogrn", 5],
  ] as const) {
    const existing = await repo.existingIdentifiers(
      deps.db.db,
      column,
      valid.map((p) => p[at]).filter((x): x is string => Boolean(x)),
    );
    if (existing.size === 0) continue;
    for (let i = valid.length - 1; i >= 0; i--) {
      const p = valid[i];
      const value = p?.[at];
      if (!p || !value || !existing.has(value)) continue;
      results.push({
        line: p[0],
        status: "invalid",
        id: null,
        errors: localize(
          [fieldError(column, "exists", "registry.EXISTS", { value, id: existing.get(value) ?? "" })],
          locale,
        ),
      });
      valid.splice(i, 1);
    }
  }
}

/** One chunk in one transaction (rows, search index, audit entry, event); returns the new ids. */
async function writeRows(
  deps: AppDeps,
  rows: PackedRow[],
  fileHash: string,
  options: { actor: Actor; sample?: boolean },
  vocabulary: Vocabulary | undefined,
): Promise<string[]> {
  const ids = rows.map(() => newId());
  await runOperation(
    operationDeps(deps),
    writeBatch,
    {
      rows,
      ids,
      sample: Boolean(options.sample),
      vocabulary,
      fileHash,
      lines: [rows[0]?.[0] ?? 0, rows.at(-1)?.[0] ?? 0],
    },
    { actor: options.actor },
  );
  return ids;
}

/** The report as CSV: one line per input row. */
export function importReportCsv(report: ImportReport): string {
  return csvText(
    ["line", "status", "id", "errors"],
    report.rows.map((r) => [
      r.line,
      r.status,
      r.id,
      r.errors.map((e) => `${e.path ? `${e.path}: ` : ""}${e.message}`).join("; "),
    ]),
  );
}
