import fs from "node:fs";
import path from "node:path";
import {
  BIGINT,
  BOOLEAN,
  type DuckDBConnection,
  type DuckDBDataChunk,
  DuckDBInstance,
  type DuckDBMaterializedResult,
  type DuckDBPreparedStatement,
  DuckDBTableFunction,
  type DuckDBTableFunctionInfo,
  type DuckDBValue,
  INTEGER,
  JSDuckDBValueConverter,
  LIST,
  listValue,
  VARCHAR,
} from "@duckdb/node-api";
import duckdb from "@duckdb/node-bindings";
import type { TConfig } from "../../platform/config.ts";
import { AppError } from "../../platform/errors.ts";

/**
 * The statistics facts live in DuckDB, embedded, in a file of their own beside the main database
 * (`AMUR_STATS_PATH`, default `<data dir>/statistics.duckdb`). Money is kept in integer minor units
 * (cents, fen, kopecks), weights in grams and quantities in thousandths, so sums are exact. The file is
 * opened on first use; DuckDB lets one process write it, so the CLI answers with a clear error while a
 * server holds it.
 */

export const FACT_COLUMNS = [
  ["fact_id", "VARCHAR"],
  ["source", "VARCHAR"],
  ["caliber", "VARCHAR"],
  ["dataset_id", "VARCHAR"],
  ["event_id", "VARCHAR"],
  ["published", "BOOLEAN"],
  ["month", "VARCHAR"],
  ["year", "INTEGER"],
  ["quarter", "INTEGER"],
  ["reporter", "VARCHAR"],
  ["flow", "VARCHAR"],
  ["partner", "VARCHAR"],
  ["port_id", "VARCHAR"],
  ["region", "VARCHAR"],
  ["hs_section", "VARCHAR"],
  ["hs_chapter", "VARCHAR"],
  ["hs_heading", "VARCHAR"],
  ["hs_subheading", "VARCHAR"],
  ["trade_mode", "VARCHAR"],
  ["transport_mode", "VARCHAR"],
  ["value_usd", "BIGINT"],
  ["value_cny", "BIGINT"],
  ["value_rub", "BIGINT"],
  ["net_g", "BIGINT"],
  ["quantity_milli", "BIGINT"],
  ["quantity_unit", "VARCHAR"],
  ["records", "INTEGER"],
  ["hs_level", "INTEGER"],
  ["orig_value", "BIGINT"],
  ["orig_currency", "VARCHAR"],
] as const;

export type FactColumn = (typeof FACT_COLUMNS)[number][0];

/** How many prepared statements a store keeps (all()); the least recently used goes first. */
const PREPARED_KEPT = 64;
const TYPES = { VARCHAR, BOOLEAN, INTEGER, BIGINT } as const;

/**
 * How the facts are stored. The text columns other than the ids have few distinct values (codes,
 * months, ports, sources), and DuckDB spends most of an append compressing text; so table `fact_rows`
 * keeps each of them as an integer code, and `fact_dict` holds, per column, its values numbered 1, 2, 3 …
 * without gaps (entries are never deleted). The view `facts` gives the facts back with their text,
 * column for column as FACT_COLUMNS names them: everything that reads facts reads the view. Appends
 * write codes (appendFacts); changes go through changeFacts.
 */
// They are the text columns of FACT_COLUMNS other than the ids, in its order (checked below, where
// readFacts's column lists are checked); readFacts reads them by their place in this list.
const CODED_COLUMNS = [
  "source",
  "caliber",
  "dataset_id",
  "month",
  "reporter",
  "flow",
  "partner",
  "port_id",
  "region",
  "hs_section",
  "hs_chapter",
  "hs_heading",
  "hs_subheading",
  "trade_mode",
  "transport_mode",
  "quantity_unit",
  "orig_currency",
] as const;
/** The text columns `fact_rows` keeps as codes. */
export const CODED: ReadonlySet<string> = new Set<string>(CODED_COLUMNS);
/**
 * A fact's id is kept as two parts: the code of its text up to a number at its end (`fact_id`, in the
 * dictionary's column `fact_id`: a dataset's or a declaration's id with its colon), and that number
 * (`fact_no`: the line). Every importer makes ids so, and a number costs DuckDB far less to take and
 * store than text that differs in every row. The number is the last 1–15 digits, without leading
 * zeros (those stay in the text part); an id without one is all text part, with no number. The two
 * give the id back exactly: the text part, then the number's digits.
 */
const ROW_COLUMNS = [
  ...FACT_COLUMNS.map(([name, type]) => ({
    name,
    type: CODED.has(name) || name === "fact_id" ? ("INTEGER" as const) : type,
  })),
  { name: "load_seq" as const, type: "BIGINT" as const },
  { name: "fact_no" as const, type: "BIGINT" as const },
];
/** The columns of `fact_dict`: the coded columns', in their order, then the ids' text parts. */
const DICT_COLUMNS = [...CODED_COLUMNS, "fact_id"] as const;
const ID_PART = DICT_COLUMNS.length - 1;
/** SQL of the number at the end of id `id` (as text; '' when it has none), and of its text part. */
const idDigitsSql = (id: string) => `regexp_extract(${id}, '([1-9][0-9]{0,14}|0)$')`;
const idPartSql = (id: string) => `left(${id}, length(${id}) - length(${idDigitsSql(id)}))`;
const idNumberSql = (id: string) => `nullif(${idDigitsSql(id)}, '')::BIGINT`;
const ROW_TYPES = ROW_COLUMNS.map((c) => TYPES[c.type]);

/** The text of a code of a coded column (`code`: SQL giving the code): its dictionary, indexed by the code. */
export const decodeSql = (column: string, code: string) =>
  `(select list(value order by code) from fact_dict where col = '${column}')[${code}]`;
/** The text of a coded column of `fact_rows` (aliased `from`). */
const decoded = (column: string, from: string) => decodeSql(column, `${from}.${column}`);
/** The code of a coded column's value (`value`: SQL giving the text); null when no fact has it. */
export const codeOf = (column: string, value: string) =>
  `(select code from fact_dict where col = '${column}' and value = ${value})`;
/** A condition on a coded column's text (`condition`: SQL over `value`), tested on its codes. */
export const codedWhere = (column: string, condition: string) =>
  `${column} in (select code from fact_dict where col = '${column}' and ${condition})`;

const FACTS_VIEW = `create or replace view facts as select ${[
  ...FACT_COLUMNS.map(([name]) =>
    name === "fact_id"
      ? `${decoded(name, "r")} || coalesce(r.fact_no::VARCHAR, '') as fact_id`
      : CODED.has(name)
        ? `${decoded(name, "r")} as ${name}`
        : `r.${name}`,
  ),
  "r.load_seq",
].join(", ")} from fact_rows r`;

export interface Fact {
  fact_id: string;
  source: string;
  caliber: string;
  dataset_id: string | null;
  event_id: string | null;
  published: boolean;
  month: string | null;
  year: number;
  quarter: number | null;
  reporter: string;
  flow: "export" | "import";
  partner: string | null;
  port_id: string | null;
  region: string | null;
  hs_section: string | null;
  hs_chapter: string | null;
  hs_heading: string | null;
  hs_subheading: string | null;
  trade_mode: string | null;
  transport_mode: string | null;
  value_usd: bigint | null;
  value_cny: bigint | null;
  value_rub: bigint | null;
  net_g: bigint | null;
  quantity_milli: bigint | null;
  quantity_unit: string | null;
  records: number;
  /** Digits of the HS code the fact is at (0 for a total). */
  hs_level?: number | null;
  /** The amount as the source gave it, in minor units of `orig_currency` (for the check). */
  orig_value: bigint | null;
  orig_currency: string | null;
}

/** Which facts changeFacts changes: those that match every part given. */
export interface FactFilter {
  source?: string;
  dataset_id?: string;
  year?: number;
  /** Facts whose ids are this text followed by a number (a declaration's lines: `decl:<id>:`). */
  idPart?: string;
  /** The fact of this id. */
  id?: string;
}

/**
 * Summary tables: the facts summed over the dimensions a family of dashboard queries uses, so that a
 * query reads thousands of rows instead of millions. A query that needs only a summary table's columns
 * reads the smallest such table (statistics.query.ts); the answer is the same as from the facts,
 * because the summed measures are re-summed and every fact is in exactly one summary row.
 *
 * They are kept up to date without slowing appends: every append stamps its facts with a load
 * number, and before a summary table is read, the facts of loads it has not seen are summed into it
 * (a few new rows; the sums add up). Deleting or changing facts marks every summary table for a full
 * rebuild from the facts, done on its next use.
 */
export interface Rollup {
  name: string;
  columns: readonly FactColumn[];
}

const PERIOD_AND_PARTIES: readonly FactColumn[] = [
  "year",
  "quarter",
  "month",
  "published",
  "source",
  "reporter",
  "flow",
  "partner",
];

/** Smallest first: a query reads the first one that has every column it needs. */
export const ROLLUPS: readonly Rollup[] = [
  { name: "region", columns: [...PERIOD_AND_PARTIES, "region", "trade_mode"] },
  { name: "chapter", columns: [...PERIOD_AND_PARTIES, "hs_section", "hs_chapter"] },
  { name: "port", columns: [...PERIOD_AND_PARTIES, "port_id", "transport_mode", "trade_mode"] },
  { name: "heading", columns: [...PERIOD_AND_PARTIES, "hs_section", "hs_chapter", "hs_heading"] },
  {
    // Yearly, for the finest HS level: periods given as years only.
    name: "subheading_year",
    columns: [
      "year",
      "published",
      "source",
      "reporter",
      "flow",
      "partner",
      "hs_section",
      "hs_chapter",
      "hs_heading",
      "hs_subheading",
    ],
  },
];

/** The measures every summary table holds, summed; `facts_count` is how many facts each row sums. */
export const SUMMED = ["value_usd", "value_cny", "value_rub", "net_g", "quantity_milli", "records"] as const;

const TYPE_OF = new Map<string, string>(FACT_COLUMNS);

const rollupDdl = (r: Rollup) =>
  `create table if not exists rollup_${r.name} (${[
    ...r.columns.map((c) => `${c} ${TYPE_OF.get(c)}`),
    ...SUMMED.map((m) => `${m} BIGINT`),
    "facts_count BIGINT",
  ].join(", ")})`;

const rollupInsert = (r: Rollup, where: string) =>
  `insert into rollup_${r.name} select ${r.columns.join(", ")}, ${SUMMED.map((m) => `sum(${m})`).join(", ")},
     count(*) from facts ${where} group by all order by ${r.columns.includes("month") ? "year, month" : "year"}`;

/**
 * The same from the store's coded rows: summed by the codes, and only the sums' rows decoded, so that
 * no fact's text is made.
 */
const rollupInsertCoded = (r: Rollup, where: string) => {
  const order = ["year", "month"].filter((c) => r.columns.includes(c as FactColumn));
  return `insert into rollup_${r.name} select ${r.columns
    .map((c) => (CODED.has(c) ? decoded(c, "g") : `g.${c}`))
    .join(", ")}, ${SUMMED.map((m) => `g.${m}`).join(", ")}, g.facts_count
    from (select ${r.columns.join(", ")}, ${SUMMED.map((m) => `sum(${m}) as ${m}`).join(", ")},
      count(*) as facts_count from fact_rows ${where} group by all) g
    order by ${order.map((c) => r.columns.indexOf(c as FactColumn) + 1).join(", ")}`;
};

/** Statements that create and fill every summary table from a `facts` table (the benchmark's bare DuckDB). */
export function rollupBuildSql(): string[] {
  return ROLLUPS.flatMap((r) => [rollupDdl(r), rollupInsert(r, "")]);
}

const SCHEMA = [
  `create table if not exists fact_rows (${ROW_COLUMNS.map((c) => `${c.name} ${c.type}`).join(", ")})`,
  "create table if not exists fact_dict (col VARCHAR not null, value VARCHAR not null, code INTEGER not null, primary key (col, value))",
  "create table if not exists store_meta (key VARCHAR primary key, value BIGINT not null)",
  "insert or ignore into store_meta values ('load_seq', 0)",
  "create table if not exists rollup_state (name VARCHAR primary key, upto BIGINT not null)",
  ...ROLLUPS.map(rollupDdl),
  ...ROLLUPS.map((r) => `insert or ignore into rollup_state values ('${r.name}', -1)`),
  `create table if not exists datasets (
     id VARCHAR primary key, source VARCHAR not null, caliber VARCHAR not null, file_hash VARCHAR not null,
     file_name VARCHAR, rows BIGINT not null, published BOOLEAN not null, imported_at VARCHAR not null,
     imported_by VARCHAR)`,
  "create unique index if not exists datasets_hash on datasets (source, caliber, file_hash)",
  "create table if not exists processed_events (event_id VARCHAR primary key, processed_at VARCHAR not null)",
  `create table if not exists calibers (name VARCHAR primary key, mapping VARCHAR not null, updated_at VARCHAR not null,
     updated_by VARCHAR)`,
];

/** Rows per data chunk: DuckDB's vector size. */
const CHUNK_ROWS = 2048;

/**
 * One column of a call's facts: its values, ready to copy into DuckDB's vectors, and its validity
 * mask (bit r of byte r / 8 set for a value; whole 64-bit words, as DuckDB keeps the mask).
 */
class Column<A extends Int32Array<ArrayBuffer> | BigInt64Array<ArrayBuffer> | Uint8Array<ArrayBuffer>> {
  readonly values: A;
  /** Bytes per value. */
  readonly width: number;
  readonly validity: Uint8Array<ArrayBuffer>;
  nulls = false;

  constructor(values: A, width: number, rows: number) {
    this.values = values;
    this.width = width;
    this.validity = new Uint8Array(Math.ceil(rows / 64) * 8).fill(0xff);
  }

  nullAt(r: number): void {
    this.nulls = true;
    this.validity[r >> 3] = (this.validity[r >> 3] as number) & ~(1 << (r & 7));
  }
}

const INT32_ORDER = ["year", "quarter", "records", "hs_level"] as const;
const INT64_ORDER = ["value_usd", "value_cny", "value_rub", "net_g", "quantity_milli", "orig_value"] as const;
const HANDLED = [...CODED_COLUMNS, ...INT32_ORDER, ...INT64_ORDER, "published", "fact_id", "event_id"];
const TEXT_COLUMNS = FACT_COLUMNS.filter(
  ([name, type]) => type === "VARCHAR" && name !== "fact_id" && name !== "event_id",
).map(([name]) => name);
if (
  CODED_COLUMNS.join() !== TEXT_COLUMNS.join() ||
  HANDLED.length !== FACT_COLUMNS.length ||
  FACT_COLUMNS.some(([name]) => !HANDLED.includes(name))
)
  throw new Error("stats.store: readFacts does not read the columns FACT_COLUMNS names");

/**
 * `fact_dict` as a connection knows it: per coded column (in DICT_COLUMNS's order) its values' codes
 * and its last code, and the entries given codes here that are not written yet (`added`). All of the
 * dictionary is read once per connection; it is small (a column's distinct values: months, ports,
 * HS codes, datasets). Held only while it is sure to be true: dropped when a transaction on that
 * connection rolls back or a statement fails there (forgetCodes), since the entries it added may then be
 * gone. A connection is the only writer of its file (DuckDB lets one process write it, and the store
 * keeps one connection).
 */
class KnownCodes {
  readonly codes: Map<string, number>[] = DICT_COLUMNS.map(() => new Map<string, number>());
  readonly last = new Int32Array(DICT_COLUMNS.length);
  added: { k: number; value: string; code: number }[] = [];

  /** The code of a value of coded column `k` that the dictionary lacks: the column's next. */
  learn(k: number, value: string): number {
    const code = (this.last[k] as number) + 1;
    this.last[k] = code;
    (this.codes[k] as Map<string, number>).set(value, code);
    this.added.push({ k, value, code });
    return code;
  }
}
const knownCodes = new WeakMap<DuckDBConnection, KnownCodes>();

function forgetCodes(c: DuckDBConnection): void {
  knownCodes.delete(c);
}

async function dictionary(c: DuckDBConnection): Promise<KnownCodes> {
  const cached = knownCodes.get(c);
  if (cached) return cached;
  const known = new KnownCodes();
  const rows = (await c.runAndReadAll("select col, value, code from fact_dict")).getRowsJS();
  for (const [col, value, code] of rows) {
    const k = DICT_COLUMNS.indexOf(String(col) as (typeof DICT_COLUMNS)[number]);
    if (k < 0) continue;
    (known.codes[k] as Map<string, number>).set(String(value), Number(code));
    if (Number(code) > (known.last[k] as number)) known.last[k] = Number(code);
  }
  knownCodes.set(c, known);
  return known;
}

/** Writes the dictionary entries given codes since the last write. */
async function writeAdded(c: DuckDBConnection, known: KnownCodes): Promise<void> {
  if (known.added.length === 0) return;
  const added = known.added;
  await c.run(
    "insert into fact_dict select unnest($1), unnest($2), unnest($3)",
    [
      listValue(added.map((a) => DICT_COLUMNS[a.k] as string)),
      listValue(added.map((a) => a.value)),
      listValue(added.map((a) => a.code)),
    ],
    [LIST(VARCHAR), LIST(VARCHAR), LIST(INTEGER)],
  );
  known.added = [];
}

/**
 * One coded column of a call's facts: each fact's code in `fact_dict` (column `k` of KnownCodes). A value
 * is looked up once per run of equal values (a file's rows share their reporter, period, unit…). Short
 * codes of digits, '-' and '.' (months, HS codes, years) are looked up by a number made of their
 * characters (shortKey): a map of small integers answers several times faster than one of strings made
 * fresh for every fact, which V8 has to compare character by character.
 */
class Coder {
  readonly column: Column<Int32Array<ArrayBuffer>>;
  readonly k: number;
  readonly known: KnownCodes;
  readonly codes: Map<string, number>;
  readonly byKey = new Map<number, number>();
  last: string | null = null;
  lastCode = 0;

  constructor(k: number, rows: number, known: KnownCodes) {
    this.column = new Column(new Int32Array(rows), 4, rows);
    this.k = k;
    this.known = known;
    this.codes = known.codes[k] as Map<string, number>;
  }

  code(r: number, v: string | null | undefined): void {
    if (v === null || v === undefined) {
      this.column.nullAt(r);
      return;
    }
    // The previous fact's value again: no lookup.
    if (v === this.last) {
      this.column.values[r] = this.lastCode;
      return;
    }
    if (typeof v !== "string")
      throw new Error(`fact ${r}: ${CODED_COLUMNS[this.k]} is not text: ${String(v)}`);
    const key = shortKey(v);
    let code: number;
    if (key > 0) {
      const known = this.byKey.get(key);
      if (known !== undefined) code = known;
      else {
        code = this.codes.get(v) ?? this.known.learn(this.k, v);
        this.byKey.set(key, code);
      }
    } else code = this.codes.get(v) ?? this.known.learn(this.k, v);
    this.column.values[r] = code;
    this.last = v;
    this.lastCode = code;
  }
}

/** A tuple of one T per element of tuple L. */
type OnePer<L extends readonly unknown[], T> = { readonly [K in keyof L]: T };

/**
 * A call's facts as columns, with the coded columns' codes. Facts are read once each, every field by
 * name at a site of its own: reading column after column would walk all the facts' memory once per
 * column, and one site reading a name that changes would make V8 look each name up the slow way.
 */
class FactColumns {
  /** The ids' text parts' codes, and their numbers (see ROW_COLUMNS). */
  readonly idPart: Column<Int32Array<ArrayBuffer>>;
  readonly idNumber: Column<BigInt64Array<ArrayBuffer>>;
  readonly events: (string | null)[];
  readonly eventColumn: Column<Uint8Array<ArrayBuffer>>;
  readonly published: Column<Uint8Array<ArrayBuffer>>;
  /** Coded columns (CODED_COLUMNS): each fact's code in `fact_dict`. */
  readonly coded: Column<Int32Array<ArrayBuffer>>[];
  /** Their coders, one per coded column (a tuple as long as CODED_COLUMNS). */
  readonly coders: OnePer<typeof CODED_COLUMNS, Coder>;
  readonly int32: Column<Int32Array<ArrayBuffer>>[];
  readonly int64: Column<BigInt64Array<ArrayBuffer>>[];
  readonly #known: KnownCodes;
  readonly #idWords: Uint32Array<ArrayBuffer>;
  #lastIdPart: string | null = null;
  #lastIdCode = 0;

  constructor(rows: number, known: KnownCodes) {
    this.idPart = new Column(new Int32Array(rows), 4, rows);
    this.idNumber = new Column(new BigInt64Array(rows), 8, rows);
    this.#idWords = new Uint32Array(this.idNumber.values.buffer);
    this.events = new Array(rows);
    this.eventColumn = new Column(new Uint8Array(0), 0, rows);
    this.published = new Column(new Uint8Array(rows), 1, rows);
    this.coders = CODED_COLUMNS.map((_, k) => new Coder(k, rows, known)) as unknown as typeof this.coders;
    this.coded = this.coders.map((c) => c.column);
    this.int32 = INT32_ORDER.map(() => new Column(new Int32Array(rows), 4, rows));
    this.int64 = INT64_ORDER.map(() => new Column(new BigInt64Array(rows), 8, rows));
    this.#known = known;
  }

  id(r: number, v: string | null | undefined): void {
    if (v === null || v === undefined) {
      this.idPart.nullAt(r);
      this.idNumber.nullAt(r);
      return;
    }
    if (typeof v !== "string") throw new Error(`fact ${r}: an id is not text: ${String(v)}`);
    const length = v.length;
    const from = numberStart(v);
    if (from === length) this.idNumber.nullAt(r);
    else {
      let n = 0;
      for (let i = from; i < length; i++) n = n * 10 + (v.charCodeAt(i) - 48);
      // Written as two 32-bit halves: no BigInt is made per fact.
      if (LITTLE_ENDIAN) {
        this.#idWords[2 * r] = n >>> 0;
        this.#idWords[2 * r + 1] = Math.floor(n / 4294967296);
      } else this.idNumber.values[r] = BigInt(n);
    }
    // The text part: most often the previous fact's (a file's lines, a declaration's lines).
    const last = this.#lastIdPart;
    if (last !== null && last.length === from && v.startsWith(last)) {
      this.idPart.values[r] = this.#lastIdCode;
      return;
    }
    const part = v.slice(0, from);
    const code =
      (this.#known.codes[ID_PART] as Map<string, number>).get(part) ?? this.#known.learn(ID_PART, part);
    this.idPart.values[r] = code;
    this.#lastIdPart = part;
    this.#lastIdCode = code;
  }

  int(k: number, r: number, v: number | null | undefined): void {
    const column = this.int32[k] as Column<Int32Array<ArrayBuffer>>;
    if (v === null || v === undefined) {
      column.nullAt(r);
      return;
    }
    if (!Number.isInteger(v) || v < -(2 ** 31) || v >= 2 ** 31)
      throw new Error(`fact ${r}: ${INT32_ORDER[k]} is not a 32-bit integer: ${String(v)}`);
    column.values[r] = v;
  }

  big(k: number, r: number, v: bigint | number | null | undefined): void {
    const column = this.int64[k] as Column<BigInt64Array<ArrayBuffer>>;
    if (v === null || v === undefined) {
      column.nullAt(r);
      return;
    }
    column.values[r] = typeof v === "bigint" ? v : BigInt(v);
  }

  text(
    column: Column<Uint8Array<ArrayBuffer>>,
    to: (string | null)[],
    r: number,
    v: string | null | undefined,
  ) {
    if (v === null || v === undefined) {
      column.nullAt(r);
      to[r] = null;
    } else if (typeof v !== "string") {
      throw new Error(`fact ${r}: an event id is not text: ${String(v)}`);
    } else to[r] = v;
  }
}

/**
 * Where the number at the end of id `v` starts (its length when it has none): the last digits, at most
 * 15 (exact as a double), less their leading zeros (a lone 0 stays).
 */
function numberStart(v: string): number {
  const length = v.length;
  let from = length;
  while (from > 0 && from > length - 15) {
    const ch = v.charCodeAt(from - 1);
    if (ch < 48 || ch > 57) break;
    from--;
  }
  while (from < length - 1 && v.charCodeAt(from) === 48) from++;
  return from;
}

/**
 * A number that only `v` gives, for a text of 1 to 8 characters among the digits, '-' and '.'; else 0.
 * The characters are the digits 1–12 of a bijective base-13 numeral (no digit 0, so "1", "01" and "001"
 * differ): at most 13^8 − 1, a small integer (Smi) to V8 on every platform.
 */
function shortKey(v: string): number {
  const length = v.length;
  if (length > 8 || length === 0) return 0;
  let key = 0;
  for (let i = 0; i < length; i++) {
    const ch = v.charCodeAt(i);
    let d: number;
    if (ch >= 48 && ch <= 57) d = ch - 47;
    else if (ch === 45) d = 11;
    else if (ch === 46) d = 12;
    else return 0;
    key = key * 13 + d;
  }
  return key;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Reads facts `from` to `to` (excluded) into `t`. */
function readFacts(t: FactColumns, facts: readonly Fact[], from: number, to: number): void {
  const [c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16] = t.coders;
  for (let r = from; r < to; r++) {
    const f = facts[r] as Fact;
    t.id(r, f.fact_id);
    t.text(t.eventColumn, t.events, r, f.event_id);
    if (f.published === null || f.published === undefined) t.published.nullAt(r);
    else t.published.values[r] = f.published ? 1 : 0;
    c0.code(r, f.source);
    c1.code(r, f.caliber);
    c2.code(r, f.dataset_id);
    c3.code(r, f.month);
    c4.code(r, f.reporter);
    c5.code(r, f.flow);
    c6.code(r, f.partner);
    c7.code(r, f.port_id);
    c8.code(r, f.region);
    c9.code(r, f.hs_section);
    c10.code(r, f.hs_chapter);
    c11.code(r, f.hs_heading);
    c12.code(r, f.hs_subheading);
    c13.code(r, f.trade_mode);
    c14.code(r, f.transport_mode);
    c15.code(r, f.quantity_unit);
    c16.code(r, f.orig_currency);
    t.int(0, r, f.year);
    t.int(1, r, f.quarter);
    t.int(2, r, f.records);
    t.int(3, r, f.hs_level);
    t.big(0, r, f.value_usd);
    t.big(1, r, f.value_cny);
    t.big(2, r, f.value_rub);
    t.big(3, r, f.net_g);
    t.big(4, r, f.quantity_milli);
    t.big(5, r, f.orig_value);
  }
}

type AnyColumn = Column<Int32Array<ArrayBuffer> | BigInt64Array<ArrayBuffer> | Uint8Array<ArrayBuffer>>;

/**
 * An append on its way into `fact_rows`: DuckDB asks the table function `amur_fact_feed(n)` for feed
 * n's rows a data chunk at a time (serve), while the facts are read ahead between its asks (appendFacts).
 */
interface Feed {
  readonly facts: readonly Fact[];
  readonly t: FactColumns;
  /** Each column of fact_rows, in its order: where its values are. */
  readonly sources: { column: AnyColumn; strings: (string | null)[] | null; repeated: boolean }[];
  /** Facts read into `t`, and facts given to DuckDB. */
  read: number;
  served: number;
  /** Why a fact was refused (the append then stores nothing). */
  error: unknown;
}
const feeds = new Map<number, Feed>();
let feedsStarted = 0;
/** Connections inside a transaction of StatsStore.transaction. */
const inTransaction = new WeakSet<DuckDBConnection>();

/** Registers `amur_fact_feed` on a new connection. */
function registerFeed(c: DuckDBConnection): void {
  c.registerTableFunction(
    DuckDBTableFunction.create({
      name: "amur_fact_feed",
      parameterTypes: [BIGINT],
      bindFunction: (info) => {
        const feed = feeds.get(Number(info.getParameter(0)));
        if (!feed) {
          info.setError("amur_fact_feed: no such append");
          return;
        }
        for (const [k, col] of ROW_COLUMNS.entries()) info.addResultColumn(col.name, ROW_TYPES[k] as never);
        info.setBindData(feed);
      },
      initFunction: () => undefined,
      mainFunction: (info, output) => serve(info, output),
    }),
  );
}

function readAhead(feed: Feed, upto: number): void {
  if (feed.error !== undefined || upto <= feed.read) return;
  try {
    readFacts(feed.t, feed.facts, feed.read, upto);
    feed.read = upto;
  } catch (e) {
    feed.error = e;
  }
}

/**
 * Fills DuckDB's next chunk of an append. Numbers are cheap: a column's are copied into the vector's
 * memory at once from a typed array. Text costs one call into DuckDB per value, so only the event ids
 * travel as text (the fact ids as their parts' code and number).
 */
function serve(info: DuckDBTableFunctionInfo, output: DuckDBDataChunk): void {
  const feed = info.bindData as Feed;
  const start = feed.served;
  const n = Math.min(CHUNK_ROWS, feed.facts.length - start);
  if (n > 0) readAhead(feed, start + n);
  if (feed.error !== undefined) {
    info.setError(feed.error instanceof Error ? feed.error.message : String(feed.error));
    output.rowCount = 0;
    return;
  }
  output.rowCount = Math.max(0, n);
  if (n <= 0) return;
  for (const [k, { column, strings, repeated }] of feed.sources.entries()) {
    const vector = duckdb.data_chunk_get_vector(output.chunk, k);
    const from = repeated ? 0 : start;
    if (strings) {
      for (let r = 0; r < n; r++) {
        const v = strings[start + r];
        if (v !== null && v !== undefined) duckdb.vector_assign_string_element(vector, r, v);
      }
    } else {
      const values = column.values;
      duckdb.copy_data_to_vector(
        vector,
        0,
        values.buffer,
        values.byteOffset + from * column.width,
        n * column.width,
      );
    }
    if (column.nulls) {
      // A null row's slot holds whatever it holds: DuckDB reads no value under a null bit.
      duckdb.vector_ensure_validity_writable(vector);
      duckdb.copy_data_to_vector_validity(vector, 0, column.validity.buffer, from / 8, Math.ceil(n / 64) * 8);
    }
  }
  feed.served = start + n;
}

export class StatsStore {
  readonly path: string;
  #instance: DuckDBInstance | null = null;
  #connection: Promise<DuckDBConnection> | null = null;
  /** DuckDB connections run one statement at a time; callers queue here. */
  #chain: Promise<unknown> = Promise.resolve();
  /**
   * True while the summary tables are known to be up to date: only this process can have the file
   * open, and everything that writes goes through exclusive(), which clears it.
   */
  #rollupsChecked = false;

  readonly #threads: number | undefined;
  /**
   * Prepared statements of the queries read through all(), by their SQL, least recently used first.
   * A dashboard asks the same few shapes again and again, and DuckDB's parse, bind and plan of one
   * cost about as much as running it on a summary table (0.5–1 ms of 2–5 ms).
   *
   * They live only as long as the data they were planned on: DuckDB plans with the tables' statistics
   * and does not plan a kept statement again when rows change (a sort over text planned on an empty
   * table returned corrupt text once rows came). Every write here goes through exclusive() or the
   * summary tables' refresh, and both drop them all.
   */
  readonly #prepared = new Map<string, DuckDBPreparedStatement>();

  /** `threads`: how many DuckDB may use (its default is every core). */
  constructor(file: string, options: { threads?: number } = {}) {
    this.path = file;
    this.#threads = options.threads;
  }

  async #connect(): Promise<DuckDBConnection> {
    if (this.path !== ":memory:") fs.mkdirSync(path.dirname(this.path), { recursive: true });
    try {
      this.#instance = await DuckDBInstance.create(this.path);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (/lock/i.test(message)) throw new AppError("STATS_BUSY", { path: this.path });
      throw e;
    }
    const c = await this.#instance.connect();
    if (this.#threads !== undefined) await c.run(`set threads = ${Math.max(1, Math.floor(this.#threads))}`);
    // A large append's full row groups are compressed and written as they fill, beside the reading of
    // the next facts, rather than five at a time (DuckDB's default buffers five) or at the commit.
    await c.run("set write_buffer_row_group_count = 1");
    // Outside any transaction: a function registered inside one goes when it rolls back.
    registerFeed(c);
    for (const ddl of SCHEMA) await c.run(ddl);
    await codeOldFacts(c);
    await splitFactIds(c);
    await c.run(FACTS_VIEW);
    return c;
  }

  connection(): Promise<DuckDBConnection> {
    this.#connection ??= this.#connect();
    return this.#connection;
  }

  /** Runs `fn` alone on the connection (one caller at a time). */
  exclusive<T>(fn: (c: DuckDBConnection) => Promise<T>): Promise<T> {
    // Whatever runs here may write facts: the summary tables are checked again before their next use,
    // and no statement planned before it is run again.
    this.#rollupsChecked = false;
    return this.#queue(async (c) => {
      try {
        return await fn(c);
      } catch (e) {
        forgetCodes(c);
        throw e;
      } finally {
        this.#rollupsChecked = false;
        this.#forgetPrepared();
      }
    });
  }

  #forgetPrepared(): void {
    for (const statement of this.#prepared.values()) statement.destroySync();
    this.#prepared.clear();
  }

  #queue<T>(fn: (c: DuckDBConnection) => Promise<T>): Promise<T> {
    const next = this.#chain.then(async () => fn(await this.connection()));
    this.#chain = next.catch(() => undefined);
    return next;
  }

  /** Runs `fn` alone on the connection inside one DuckDB transaction: all of it is stored, or none. */
  transaction<T>(fn: (c: DuckDBConnection) => Promise<T>): Promise<T> {
    return this.exclusive(async (c) => {
      await c.run("begin transaction");
      inTransaction.add(c);
      try {
        const out = await fn(c);
        await c.run("commit");
        return out;
      } catch (e) {
        forgetCodes(c);
        await c.run("rollback");
        throw e;
      } finally {
        inTransaction.delete(c);
      }
    });
  }

  /**
   * Stores an imported file's facts and its dataset row together (the row is what makes a second
   * import of the same file a no-op).
   */
  async storeDataset(
    facts: readonly Fact[],
    d: {
      id: string;
      source: string;
      caliber: string;
      fileHash: string;
      fileName: string | null;
      published: boolean;
      by: string | null;
    },
    onProgress?: (done: number, total: number) => void,
  ): Promise<void> {
    await this.transaction(async (c) => {
      const chunk = 50_000;
      for (let i = 0; i < facts.length; i += chunk) {
        await StatsStore.appendFacts(c, facts.slice(i, i + chunk));
        onProgress?.(Math.min(i + chunk, facts.length), facts.length);
      }
      await c.run("insert into datasets values ($1, $2, $3, $4, $5, $6, $7, $8, $9)", [
        d.id,
        d.source,
        d.caliber,
        d.fileHash,
        d.fileName ?? "",
        facts.length,
        d.published,
        new Date().toISOString(),
        d.by ?? "",
      ]);
    });
    // The dashboards' summary tables take the new facts in now rather than on their next reader's time.
    await this.refreshRollups();
  }

  /** Runs one read-only statement (kept prepared until the next write) and returns its rows. */
  all<T = Record<string, unknown>>(
    sql: string,
    params?: Record<string, DuckDBValue> | DuckDBValue[],
  ): Promise<T[]> {
    return this.#queue(async (c) => {
      let statement = this.#prepared.get(sql);
      if (statement) {
        this.#prepared.delete(sql);
      } else {
        statement = await c.prepare(sql);
        if (this.#prepared.size >= PREPARED_KEPT) {
          const [oldest, old] = this.#prepared.entries().next().value as [string, DuckDBPreparedStatement];
          this.#prepared.delete(oldest);
          old.destroySync();
        }
      }
      this.#prepared.set(sql, statement);
      statement.clearBindings();
      if (params !== undefined) statement.bind(params as never);
      return rowObjects(await statement.run()) as T[];
    });
  }

  run(sql: string, params?: Record<string, DuckDBValue> | DuckDBValue[]): Promise<void> {
    return this.exclusive(async (c) => {
      await c.run(sql, params as never);
    });
  }

  /**
   * Appends facts, all or none, straight into `fact_rows`: one `insert … select` from the table
   * function `amur_fact_feed`, which hands DuckDB the facts a data chunk of 2,048 rows (column vectors)
   * at a time. DuckDB compresses and writes each chunk on a thread of its own while this thread reads
   * the next facts (readAhead, between DuckDB's asks), so the two halves of the work overlap. The coded
   * text columns travel as their codes in `fact_dict` (new values are added to it after the rows, in the
   * same transaction). A refused fact fails the statement, and nothing is stored. The facts read back
   * through the view are exactly the ones given.
   */
  static async appendFacts(c: DuckDBConnection, facts: readonly Fact[]): Promise<void> {
    if (facts.length === 0) return;
    const own = !inTransaction.has(c);
    if (own) await c.run("begin transaction");
    try {
      const seq = await c.runAndReadAll(
        "update store_meta set value = value + 1 where key = 'load_seq' returning value",
      );
      const load = BigInt(seq.getRowsJS()[0]?.[0] as bigint | number);
      const known = await dictionary(c);
      const t = new FactColumns(facts.length, known);
      const loads = new Column(new BigInt64Array(CHUNK_ROWS).fill(load), 8, CHUNK_ROWS);
      const sources = ROW_COLUMNS.map((col) => {
        const name = col.name as string;
        if (name === "load_seq") return { column: loads, strings: null, repeated: true };
        if (name === "fact_id") return { column: t.idPart as AnyColumn, strings: null, repeated: false };
        if (name === "fact_no") return { column: t.idNumber as AnyColumn, strings: null, repeated: false };
        if (name === "event_id") return { column: t.eventColumn, strings: t.events, repeated: false };
        if (name === "published") return { column: t.published, strings: null, repeated: false };
        const coded = CODED_COLUMNS.indexOf(name as (typeof CODED_COLUMNS)[number]);
        if (coded >= 0) return { column: t.coded[coded] as AnyColumn, strings: null, repeated: false };
        const int = INT32_ORDER.indexOf(name as (typeof INT32_ORDER)[number]);
        if (int >= 0) return { column: t.int32[int] as AnyColumn, strings: null, repeated: false };
        const big = INT64_ORDER.indexOf(name as (typeof INT64_ORDER)[number]);
        return { column: t.int64[big] as AnyColumn, strings: null, repeated: false };
      });
      const feed: Feed = { facts, t, sources, read: 0, served: 0, error: undefined };
      const id = ++feedsStarted;
      feeds.set(id, feed);
      // Reads a chunk's worth ahead, then lets DuckDB's asks in, until every fact is read.
      let reading = true;
      const readOn = () => {
        if (!reading || feed.read >= facts.length || feed.error !== undefined) return;
        readAhead(feed, Math.min(facts.length, feed.read + CHUNK_ROWS));
        setImmediate(readOn);
      };
      setImmediate(readOn);
      try {
        await c.run(`insert into fact_rows by name select * from amur_fact_feed(${id})`);
      } catch (e) {
        throw feed.error ?? e;
      } finally {
        reading = false;
        feeds.delete(id);
      }
      if (feed.error !== undefined) throw feed.error;
      await writeAdded(c, known);
      if (own) await c.run("commit");
    } catch (e) {
      forgetCodes(c);
      if (own) await c.run("rollback").catch(() => undefined);
      throw e;
    }
  }

  /**
   * Deletes facts, or marks them published, that match every part of `filter` (at least one); when any
   * fact was touched, every summary table is rebuilt from the facts on its next use. The filter is
   * tested on the stored codes and numbers, so no fact's text is made.
   */
  static async changeFacts(
    c: DuckDBConnection,
    change: "delete" | "publish",
    filter: FactFilter,
  ): Promise<number> {
    const conditions: string[] = [];
    const params: DuckDBValue[] = [];
    const param = (value: DuckDBValue) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filter.source !== undefined) conditions.push(`source = ${codeOf("source", param(filter.source))}`);
    if (filter.dataset_id !== undefined)
      conditions.push(`dataset_id = ${codeOf("dataset_id", param(filter.dataset_id))}`);
    if (filter.year !== undefined) conditions.push(`year = ${param(filter.year)}`);
    if (filter.idPart !== undefined)
      conditions.push(`fact_id = ${codeOf("fact_id", param(filter.idPart))} and fact_no is not null`);
    if (filter.id !== undefined) {
      const from = numberStart(filter.id);
      conditions.push(`fact_id = ${codeOf("fact_id", param(filter.id.slice(0, from)))}`);
      conditions.push(
        from === filter.id.length ? "fact_no is null" : `fact_no = ${param(BigInt(filter.id.slice(from)))}`,
      );
    }
    if (conditions.length === 0) throw new Error("changeFacts: an empty filter would change every fact");
    const where = conditions.join(" and ");
    const result = await c.run(
      change === "delete"
        ? `delete from fact_rows where ${where}`
        : `update fact_rows set published = true where ${where}`,
      params,
    );
    const changed = result.rowsChanged;
    if (changed > 0) await c.run("update rollup_state set upto = -1");
    return changed;
  }

  /**
   * Brings the summary tables up to date with the facts (the loads they have not seen summed in, or a
   * full rebuild after a change) in one transaction; cheap when nothing is new. True when it wrote.
   */
  static async refreshRollups(c: DuckDBConnection): Promise<boolean> {
    // One statement at a time: a DuckDB connection does not run two at once.
    const meta = await c.runAndReadAll("select value from store_meta where key = 'load_seq'");
    const state = await c.runAndReadAll("select name, upto from rollup_state");
    const current = BigInt(meta.getRowsJS()[0]?.[0] as bigint | number);
    const upto = new Map(state.getRowsJS().map(([n, u]) => [String(n), BigInt(u as bigint | number)]));
    const stale = ROLLUPS.filter((r) => (upto.get(r.name) ?? -1n) < current);
    if (stale.length === 0) return false;
    await c.run("begin transaction");
    try {
      for (const r of stale) {
        const from = upto.get(r.name) ?? -1n;
        if (from < 0n) {
          await c.run(`delete from rollup_${r.name}`);
          await c.run(rollupInsertCoded(r, ""));
        } else {
          await c.run(rollupInsertCoded(r, "where load_seq > $1 and load_seq <= $2"), [from, current]);
        }
        await c.run("update rollup_state set upto = $1 where name = $2", [current, r.name]);
      }
      await c.run("commit");
    } catch (e) {
      await c.run("rollback");
      throw e;
    }
    return true;
  }

  /** Brings the summary tables up to date (see refreshRollups). */
  async refreshRollups(): Promise<void> {
    if (this.#rollupsChecked) return;
    // The queue runs one thing at a time: a write queued after this clears the mark when it is done.
    await this.#queue(async (c) => {
      try {
        if (await StatsStore.refreshRollups(c)) this.#forgetPrepared();
      } catch (e) {
        this.#forgetPrepared();
        throw e;
      }
      this.#rollupsChecked = true;
    });
  }

  async close(): Promise<void> {
    if (!this.#connection) return;
    // Whatever is queued finishes first: a statement is not destroyed while it runs.
    await this.#chain;
    this.#forgetPrepared();
    const c = await this.#connection.catch(() => null);
    c?.closeSync();
    this.#instance?.closeSync();
    this.#connection = null;
    this.#instance = null;
  }
}

/**
 * A file made before the facts were stored as codes has a table `facts` with their text: its facts move
 * into `fact_rows` and `fact_dict`, all at once or not at all, and the table goes (the view takes its
 * name). A file older still, without load numbers, has its facts counted as load 0.
 */
async function codeOldFacts(c: DuckDBConnection): Promise<void> {
  const old = await c.runAndReadAll(
    "select 1 from information_schema.tables where table_schema = current_schema() and table_name = 'facts' and table_type = 'BASE TABLE'",
  );
  if (old.currentRowCount === 0) return;
  await c.run("begin transaction");
  try {
    await c.run("alter table facts add column if not exists load_seq BIGINT");
    // Each dictionary column's text in the old table: the column itself, or the ids' text parts.
    const text = (column: string) => (column === "fact_id" ? idPartSql("f.fact_id") : `f.${column}`);
    for (const column of DICT_COLUMNS)
      await c.run(
        `insert into fact_dict select '${column}', value, row_number() over (order by value)::INTEGER
         from (select distinct ${text(column)} as value from facts f where f.${column} is not null)`,
      );
    await c.run(
      `insert into fact_rows by name select ${ROW_COLUMNS.map((col) =>
        col.name === "fact_no"
          ? `${idNumberSql("f.fact_id")} as fact_no`
          : CODED.has(col.name) || col.name === "fact_id"
            ? `d_${col.name}.code as ${col.name}`
            : `f.${col.name}`,
      ).join(", ")} from facts f ${DICT_COLUMNS.map(
        (column) =>
          `left join fact_dict d_${column} on d_${column}.col = '${column}' and d_${column}.value = ${text(column)}`,
      ).join(" ")}`,
    );
    await c.run("drop table facts");
    await c.run("commit");
  } catch (e) {
    await c.run("rollback");
    throw e;
  }
}

/**
 * A file made when `fact_rows` kept each id as text (2026-11-23) has them split into their text
 * parts' codes and numbers (see ROW_COLUMNS), all at once or not at all.
 */
async function splitFactIds(c: DuckDBConnection): Promise<void> {
  const old = await c.runAndReadAll(
    `select 1 from information_schema.columns where table_schema = current_schema()
       and table_name = 'fact_rows' and column_name = 'fact_id' and data_type = 'VARCHAR'`,
  );
  if (old.currentRowCount === 0) return;
  await c.run("begin transaction");
  try {
    await c.run("alter table fact_rows rename to fact_rows_text_ids");
    await c.run(SCHEMA[0] as string);
    await c.run(
      `insert into fact_dict select 'fact_id', value, row_number() over (order by value)::INTEGER
       from (select distinct ${idPartSql("f.fact_id")} as value from fact_rows_text_ids f where f.fact_id is not null)`,
    );
    await c.run(
      `insert into fact_rows by name select ${ROW_COLUMNS.map((col) =>
        col.name === "fact_no"
          ? `${idNumberSql("f.fact_id")} as fact_no`
          : col.name === "fact_id"
            ? "d.code as fact_id"
            : `f.${col.name}`,
      ).join(", ")} from fact_rows_text_ids f
       left join fact_dict d on d.col = 'fact_id' and d.value = ${idPartSql("f.fact_id")}`,
    );
    await c.run("drop table fact_rows_text_ids");
    await c.run("commit");
  } catch (e) {
    await c.run("rollback");
    throw e;
  }
}

/**
 * The rows of a result as objects of JavaScript values, as DuckDBResultReader.getRowObjectsJS gives
 * them. A materialized result holds every chunk already: they are read here directly, where the reader
 * would ask for each, and for the empty one after the last, with a trip through the thread pool.
 */
function rowObjects(result: DuckDBMaterializedResult): Record<string, unknown>[] {
  const names = result.deduplicatedColumnNames();
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < result.chunkCount; i++) {
    const chunk = result.getChunk(i);
    for (let r = 0; r < chunk.rowCount; r++) {
      const row: Record<string, unknown> = {};
      chunk.visitRowValues(r, (value, _row, column, type) => {
        row[names[column] as string] = JSDuckDBValueConverter(value, type, JSDuckDBValueConverter);
      });
      rows.push(row);
    }
  }
  return rows;
}

const stores = new WeakMap<object, StatsStore>();

/** The statistics store that goes with a main database handle (one per handle; tests get their own). */
export function statsStoreFor(db: object, config: Pick<TConfig, "statsPath" | "statsThreads">): StatsStore {
  let s = stores.get(db);
  if (!s) {
    s = new StatsStore(
      config.statsPath,
      config.statsThreads === undefined ? {} : { threads: config.statsThreads },
    );
    stores.set(db, s);
  }
  return s;
}

export async function closeStatsStore(db: object): Promise<void> {
  await stores.get(db)?.close();
  stores.delete(db);
}
