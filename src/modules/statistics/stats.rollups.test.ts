import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DuckDBInstance, type DuckDBValue } from "@duckdb/node-api";
import { afterAll, describe, expect, it } from "vitest";
import { unitValueBands } from "./statistics.bands.ts";
import {
  chooseTarget,
  type Dimension,
  FACT_ROWS,
  FACTS,
  type MirrorInput,
  mirror,
  type QueryInput,
  querySql,
  scaled,
  sqlLiteral,
} from "./statistics.query.ts";
import { FACT_COLUMNS, type Fact, StatsStore } from "./stats.store.ts";

// The summary tables must answer exactly as the facts do: every query below runs both ways and the
// answers are compared, before and after appends, deletions and a change of the published flag.

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const rand = prng(7);
const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;

let next = 0;
function facts(n: number): Fact[] {
  const out: Fact[] = [];
  for (let i = 0; i < n; i++) {
    const reporter = pick(["CN", "RU"] as const);
    const year = 2022 + Math.floor(rand() * 4);
    const monthly = rand() < 0.8;
    const m = 1 + Math.floor(rand() * 12);
    const level = pick([0, 2, 4, 6, 6, 6]);
    const sub = `${pick(["27", "44", "84", "03"])}${pick(["01", "02", "11"])}${pick(["10", "90"])}`;
    const usd = BigInt(Math.floor(rand() * 1_000_000));
    out.push({
      fact_id: `t:${next++}`,
      source: pick(["platform", "comtrade", "province"]),
      caliber: "test",
      dataset_id: null,
      event_id: null,
      published: rand() < 0.7,
      month: monthly ? `${year}-${String(m).padStart(2, "0")}` : null,
      year,
      quarter: monthly ? Math.ceil(m / 3) : null,
      reporter,
      flow: pick(["export", "import"] as const),
      partner: rand() < 0.9 ? (reporter === "CN" ? "RU" : "CN") : null,
      port_id: rand() < 0.8 ? pick(["heihe-blagoveshchensk", "suifenhe-pogranichny"]) : null,
      region: rand() < 0.8 ? pick(["CN-HL", "RU-AMU"]) : null,
      hs_section: level ? pick(["V", "IX"]) : null,
      hs_chapter: level >= 2 ? sub.slice(0, 2) : null,
      hs_heading: level >= 4 ? sub.slice(0, 4) : null,
      hs_subheading: level >= 6 ? sub : null,
      trade_mode: rand() < 0.9 ? pick(["general", "small_border", "tourism_shopping"]) : null,
      transport_mode: rand() < 0.9 ? pick(["rail", "road"]) : null,
      value_usd: usd,
      value_cny: rand() < 0.95 ? usd * 7n : null,
      value_rub: usd * 90n,
      net_g: BigInt(Math.floor(rand() * 1_000_000)),
      quantity_milli: rand() < 0.5 ? BigInt(Math.floor(rand() * 1_000_000)) : null,
      quantity_unit: "kg",
      records: 1,
      hs_level: level,
      orig_value: usd,
      orig_currency: "USD",
    });
  }
  return out;
}

const DIMENSION_SETS: Dimension[][] = [
  ["month", "flow"],
  ["hs_section"],
  ["port", "flow"],
  ["trade_mode", "year"],
  ["hs_heading"],
  ["region", "quarter"],
  ["year", "reporter", "flow"],
  ["transport_mode", "year"],
  ["hs_subheading"],
  ["hs_chapter", "source"],
  [],
];
const FILTERS: QueryInput["filters"][] = [
  {},
  { reporter: ["RU"], flow: ["export"] },
  { hs: ["27"] },
  { hs: ["2701", "44"] },
  { hs: ["270110"] },
  { port: ["suifenhe-pogranichny"] },
  { source: ["comtrade"], partner: ["CN"] },
  { region: ["RU-AMU", "nowhere"], tradeMode: ["general"], transportMode: ["rail"] },
];
const PERIODS: QueryInput["period"][] = [
  undefined,
  { from: "2023", to: "2024" },
  { from: "2023-04", to: "2025-02" },
  { from: "2024" },
];

function queries(): QueryInput[] {
  const out: QueryInput[] = [];
  // Every dimension set with every filter, the periods taking turns (the whole product is slow).
  let turn = 0;
  for (const dimensions of DIMENSION_SETS)
    for (const filters of FILTERS)
      out.push({
        dimensions,
        measures: ["value", "net_kg", "quantity", "records"],
        currency: pick(["USD", "CNY", "RUB"] as const),
        filters,
        period: PERIODS[turn++ % PERIODS.length],
      });
  return out;
}

const canonical = (rows: Record<string, unknown>[]) =>
  rows.map((r) => JSON.stringify(r, (_, v) => (typeof v === "bigint" ? v.toString() : v))).sort();

async function expectSameAnswers(store: StatsStore) {
  await store.refreshRollups();
  let viaSummary = 0;
  for (const q of queries()) {
    for (const published of [false, true]) {
      const summary = querySql(q, published);
      if (summary.target !== FACT_ROWS) viaSummary++;
      // The facts with their text (the view), and as the store keeps them (codes, decoded at the end).
      const direct = querySql(q, published, FACTS);
      const coded = querySql(q, published, FACT_ROWS);
      const [a, b, c] = await Promise.all([
        store.all(summary.sql),
        store.all(direct.sql),
        store.all(coded.sql),
      ]);
      expect(canonical(a), `${summary.target.table}: ${JSON.stringify(q)}`).toEqual(canonical(b));
      expect(canonical(c), `coded: ${JSON.stringify(q)}`).toEqual(canonical(b));
    }
  }
  return viaSummary;
}

it("gives DuckDB the number of threads it is configured with", async () => {
  const store = new StatsStore(":memory:", { threads: 1 });
  try {
    const [row] = await store.all<{ t: unknown }>("select current_setting('threads') as t");
    expect(Number(row?.t)).toBe(1);
  } finally {
    await store.close();
  }
});

describe("kept prepared statements", () => {
  it("are planned again after a write: a sorted text query planned on an empty table reads new rows right", async () => {
    // DuckDB plans with the tables' statistics and would run a kept plan on rows it has not seen
    // (before the store dropped its statements on writes, this returned corrupt text).
    const store = new StatsStore(":memory:");
    try {
      const list = "select name, mapping from calibers order by name";
      expect(await store.all(list)).toEqual([]);
      const mapping = JSON.stringify({ source: "province", columns: { value: "Стоимость, тыс. долл. США" } });
      for (const name of ["dvtu-monthly", "heilongjiang-2024", "黑龙江海关"]) {
        await store.run("insert or replace into calibers values ($1, $2, $3, $4)", [name, mapping, "t", "u"]);
        const rows = await store.all<{ name: string; mapping: string }>(list);
        expect(rows.at(-1)).toEqual({ name, mapping });
      }
      const facts = "select year, sum(value_usd) as v from rollup_region group by year order by year";
      const before = await store.all(facts);
      await store.transaction((c) =>
        StatsStore.appendFacts(c, [
          { ...oneFact(), fact_id: "k:1", year: 2031, value_usd: 7n },
          { ...oneFact(), fact_id: "k:2", year: 2031, value_usd: 5n },
        ]),
      );
      await store.refreshRollups();
      expect(await store.all(facts)).toEqual([...before, { year: 2031, v: 12n }]);
    } finally {
      await store.close();
    }
  });
});

function oneFact(): Fact {
  return { ...(facts(1)[0] as Fact), published: true };
}

describe("appending facts", () => {
  it("stores every fact exactly as given: text with quotes, brackets and any script, empty strings, nulls", async () => {
    const store = new StatsStore(":memory:");
    try {
      const odd = ["it's", "[1,2]", '"quoted"', "back\\slash", "黑河 / Благовещенск", "", "x".repeat(300)];
      const short = ["1", "01", "001", "10", "0", "00", "1.0", "10.", "-1", "-", ".", "2025-01", "202501"];
      short.push("20250", "", "12345678", "123456789", "99999999", "9.9.9.9", "..-", "٣", "1a", "a1");
      // Ids are kept as a text part and the number at their end: every kind of end comes back exactly.
      const ids = [
        "x:007",
        "x:000",
        "x:0",
        "12345",
        "0",
        "no number",
        "",
        "a:1234567890123456789",
        "a:999999999999999",
        "a:4294967295",
        "a:4294967296",
        "a:9007199254740993",
        "黑河:12",
        "Благовещенск-2024-03",
        "x:-5",
        "x:1.5",
      ];
      // More than two of DuckDB's 2,048-row chunks, the last one partly filled.
      const given = facts(4500).map((f, i) => ({
        ...f,
        fact_id:
          i < ids.length ? (ids[i] as string) : i % 100 === 0 ? `odd:${i}:${odd[i % odd.length]}` : f.fact_id,
        source: odd[i % odd.length] as string,
        dataset_id: i % 3 === 0 ? `ds-${i % 7}` : null,
        event_id: i % 5 === 0 ? `ev-${i}` : null,
        port_id: i % 4 === 0 ? null : (odd[(i + 3) % odd.length] as string),
        quantity_unit: i % 2 ? "кг" : "千克",
        // Short codes of digits, '-' and '.' are looked up by a number made of their characters.
        hs_subheading: short[i % short.length] as string,
        month: short[(i + 5) % short.length] as string,
        // Nulls in every kind of column, at chunk edges too.
        quarter: i % 2047 === 0 ? null : f.quarter,
        net_g: i % 11 === 0 || i === 2048 ? null : f.net_g,
        // Columns whose first null comes only in the second or third chunk.
        value_rub: i === 3000 ? null : f.value_rub,
        orig_currency: i === 4400 ? null : "USD",
        published: i % 13 !== 0,
      }));
      await store.transaction((c) => StatsStore.appendFacts(c, given));
      // A second call's dictionaries start afresh and must not mix with the first's.
      const more = facts(50).map((f) => ({ ...f, source: "second-call", region: "RU-AMU" }));
      await store.transaction((c) => StatsStore.appendFacts(c, more));
      const rows = await store.all<Record<string, unknown>>(
        "select * exclude (load_seq) from facts order by fact_id",
      );
      const expected = [...given, ...more]
        .map((f) => ({ ...f }))
        .sort((a, b) => (a.fact_id < b.fact_id ? -1 : a.fact_id > b.fact_id ? 1 : 0));
      expect(rows).toHaveLength(expected.length);
      for (const [i, row] of rows.entries()) {
        const want = expected[i] as Fact;
        for (const [key, value] of Object.entries(want)) {
          const got = row[key];
          expect(typeof value === "bigint" ? BigInt(got as bigint) : got, `${want.fact_id}.${key}`).toEqual(
            value === undefined ? null : value,
          );
        }
      }
    } finally {
      await store.close();
    }
  });
});

it("writes minor units as exact decimals: every sign, size and number of places", () => {
  // The reference: the same by division and remainder.
  const reference = (n: bigint, places: number) => {
    const base = 10n ** BigInt(places);
    const abs = n < 0n ? -n : n;
    const frac = places ? `.${(abs % base).toString().padStart(places, "0")}` : "";
    return `${n < 0n ? "-" : ""}${abs / base}${frac}`;
  };
  const values = [
    0n,
    1n,
    -1n,
    9n,
    10n,
    99n,
    100n,
    101n,
    -100n,
    -1005n,
    123456789n,
    2n ** 63n - 1n,
    -(2n ** 70n),
  ];
  for (let i = 0; i < 200; i++) values.push(BigInt(Math.floor(rand() * 2 ** 40)) * (i % 2 ? -1n : 1n));
  for (const v of values)
    for (const places of [0, 2, 3])
      expect(scaled(v, places), `${v} / 10^${places}`).toBe(reference(v, places));
  expect(scaled(-5, 2)).toBe("-0.05");
  expect(scaled("1500", 3)).toBe("1.500");
  expect(scaled(null, 2)).toBeNull();
});

describe("values written into a query's SQL", () => {
  const nasty = [
    "it's",
    "''",
    "'",
    "back\\slash\\'",
    "x' or true or port_id = '",
    "'; drop table fact_rows; --",
    "$1",
    "a\u0000b",
    "\u0000",
    "line\nbreak",
    "黑河 / Благовещенск",
    "",
  ];

  it("come back from DuckDB exactly as given", async () => {
    const store = new StatsStore(":memory:");
    try {
      for (const v of [...nasty, 0, 2026, -7, Number.MAX_SAFE_INTEGER]) {
        const [row] = await store.all<{ v: unknown }>(`select ${sqlLiteral(v)} as v`);
        expect(typeof v === "number" ? Number(row?.v) : row?.v, JSON.stringify(v)).toEqual(v);
      }
      expect(() => sqlLiteral(1.5)).toThrow();
      expect(() => sqlLiteral(Number.NaN)).toThrow();
    } finally {
      await store.close();
    }
  });

  it("filter the facts exactly by them: each odd port finds its own facts and nothing else", async () => {
    const store = new StatsStore(":memory:");
    try {
      const odd = nasty.filter((v) => !v.includes("\u0000"));
      const given = facts(600).map((f, i) => ({
        ...f,
        published: true,
        port_id: odd[i % odd.length] as string,
      }));
      await store.transaction((c) => StatsStore.appendFacts(c, given));
      await store.refreshRollups();
      for (const port of [...odd, "nowhere"]) {
        for (const target of [undefined, FACTS, FACT_ROWS]) {
          const q: QueryInput = {
            dimensions: ["port"],
            measures: ["value", "records"],
            currency: "USD",
            filters: { port: [port] },
          };
          const sql = querySql(q, false, target);
          const rows = await store.all<{ port: string; value: bigint; records: bigint }>(sql.sql);
          const mine = given.filter((f) => f.port_id === port);
          expect(
            rows.map((r) => r.port),
            `${JSON.stringify(port)} on ${sql.target.table}`,
          ).toEqual(mine.length ? [port] : []);
          if (mine.length)
            expect(BigInt(rows[0]?.value as bigint)).toBe(
              mine.reduce((sum, f) => sum + (f.value_usd ?? 0n), 0n),
            );
        }
      }
      const [count] = await store.all<{ n: bigint }>("select count(*) as n from fact_rows");
      expect(Number(count?.n)).toBe(given.length);
    } finally {
      await store.close();
    }
  });
});

it("changes the facts a filter names, tested on codes and numbers: source, dataset, year, id, ids' text part", async () => {
  const store = new StatsStore(":memory:");
  try {
    const ids = [
      "decl:a:1",
      "decl:a:2",
      "decl:a:10",
      "decl:ab:1",
      "decl:a:",
      "decl:a:x",
      "x:000",
      "x:00",
      "solo",
      "7",
    ];
    const given = facts(ids.length).map((f, i) => ({
      ...f,
      fact_id: ids[i] as string,
      source: i < 5 ? "platform" : "comtrade",
      dataset_id: i % 2 ? "ds-1" : null,
      published: false,
      year: i % 3 === 0 ? 2025 : 2024,
    }));
    await store.transaction((c) => StatsStore.appendFacts(c, given));
    const left = async () =>
      (await store.all<{ fact_id: string }>("select fact_id from facts order by fact_id")).map(
        (r) => r.fact_id,
      );
    const change = (kind: "delete" | "publish", filter: Parameters<typeof StatsStore.changeFacts>[2]) =>
      store.exclusive((c) => StatsStore.changeFacts(c, kind, filter));
    // A declaration's lines: its text part and a number, not a longer text part nor one without a number.
    expect(await change("delete", { idPart: "decl:a:" })).toBe(3);
    expect(await left()).toEqual(["7", "decl:a:", "decl:a:x", "decl:ab:1", "solo", "x:00", "x:000"]);
    expect(await change("delete", { id: "x:000" })).toBe(1);
    expect(await change("delete", { id: "solo" })).toBe(1);
    expect(await change("delete", { id: "7" })).toBe(1);
    expect(await change("delete", { id: "decl:a:9" })).toBe(0);
    expect(await change("delete", { idPart: "never seen" })).toBe(0);
    expect(await left()).toEqual(["decl:a:", "decl:a:x", "decl:ab:1", "x:00"]);
    expect(await change("publish", { dataset_id: "ds-1", year: 2025 })).toBe(1);
    const published = await store.all<{ fact_id: string }>(
      "select fact_id from facts where published order by fact_id",
    );
    expect(published.map((r) => r.fact_id)).toEqual(["decl:ab:1"]);
    expect(await change("delete", { source: "platform" })).toBe(2);
    expect(await left()).toEqual(["decl:a:x", "x:00"]);
    await expect(change("delete", {})).rejects.toThrow(/empty filter/);
  } finally {
    await store.close();
  }
});

it("stores nothing of a call that fails, and reports its own error", async () => {
  const store = new StatsStore(":memory:");
  try {
    const bad = facts(10).map((f, i) => (i === 7 ? { ...f, year: "twenty" as unknown as number } : f));
    const failure = await store
      .transaction((c) => StatsStore.appendFacts(c, bad))
      .then(() => null)
      .catch((e: unknown) => e as Error);
    expect(failure).toBeInstanceOf(Error);
    expect(String(failure?.message)).not.toMatch(/aborted/i);
    const [row] = await store.all<{ n: bigint }>("select count(*) as n from facts");
    expect(Number(row?.n)).toBe(0);
    // The store still works afterwards.
    await store.transaction((c) => StatsStore.appendFacts(c, facts(5)));
    const [after] = await store.all<{ n: bigint }>("select count(*) as n from facts");
    expect(Number(after?.n)).toBe(5);
    // Outside a transaction, refused late (chunks of the call already handed to DuckDB): neither its
    // facts nor its new dictionary entries stay.
    const dictionary = await store.all("select * from fact_dict order by col, code");
    const late = facts(6000).map((f, i) => ({
      ...f,
      caliber: "late",
      net_g: i === 5000 ? ("heavy" as unknown as bigint) : f.net_g,
    }));
    const refused = await store
      .exclusive((c) => StatsStore.appendFacts(c, late))
      .then(() => null)
      .catch((e: unknown) => e as Error);
    expect(String(refused?.message)).toMatch(/heavy/);
    const [still] = await store.all<{ n: bigint }>("select count(*) as n from facts");
    expect(Number(still?.n)).toBe(5);
    expect(await store.all("select * from fact_dict order by col, code")).toEqual(dictionary);
    await store.exclusive((c) => StatsStore.appendFacts(c, facts(3000)));
    const [last] = await store.all<{ n: bigint }>("select count(*) as n from facts");
    expect(Number(last?.n)).toBe(3005);
  } finally {
    await store.close();
  }
});

describe("statistics summary tables", () => {
  const store = new StatsStore(":memory:");
  afterAll(() => store.close());

  it("answer every query as the facts do", async () => {
    await store.transaction((c) => StatsStore.appendFacts(c, facts(3000)));
    const viaSummary = await expectSameAnswers(store);
    // Most of the matrix reads a summary table; the rest (e.g. subheadings by month) reads the facts.
    expect(viaSummary).toBeGreaterThan(queries().length);
  });

  it("stay exact after appends, deletions and publishing", async () => {
    await store.transaction((c) => StatsStore.appendFacts(c, facts(500)));
    await store.transaction((c) => StatsStore.appendFacts(c, facts(10)));
    await expectSameAnswers(store);
    const deleted = await store.transaction((c) =>
      StatsStore.changeFacts(c, "delete", { source: "province", year: 2023 }),
    );
    expect(deleted).toBeGreaterThan(0);
    await expectSameAnswers(store);
    await store.transaction((c) => StatsStore.changeFacts(c, "publish", { source: "comtrade" }));
    await store.transaction((c) => StatsStore.appendFacts(c, facts(100)));
    await expectSameAnswers(store);
    // Three runs of the whole matrix: about 28 s alone on this 2-core machine, more beside another worker.
  }, 120_000);

  it("picks a summary table only when it has every column the query needs", () => {
    const q = (over: Partial<QueryInput>): QueryInput => ({
      dimensions: [],
      measures: ["value"],
      currency: "USD",
      filters: {},
      ...over,
    });
    expect(chooseTarget(q({ dimensions: ["month", "flow"] }), false).table).toBe("rollup_region");
    expect(chooseTarget(q({ dimensions: ["hs_section"] }), false).table).toBe("rollup_chapter");
    expect(chooseTarget(q({ dimensions: ["month"], filters: { hs: ["27"] } }), false).table).toBe(
      "rollup_chapter",
    );
    expect(chooseTarget(q({ dimensions: ["month"], filters: { hs: ["2701"] } }), false).table).toBe(
      "rollup_heading",
    );
    expect(
      chooseTarget(q({ dimensions: ["hs_subheading"], period: { from: "2026", to: "2026" } }), false).table,
    ).toBe("rollup_subheading_year");
    // Months, or a port with a region, are in no summary table with subheadings.
    expect(
      chooseTarget(q({ dimensions: ["hs_subheading"], period: { from: "2026-01", to: "2026-03" } }), false)
        .table,
    ).toBe("fact_rows");
    expect(chooseTarget(q({ dimensions: ["port", "region"] }), false).table).toBe("fact_rows");
  });
});

describe("facts stored as codes", () => {
  const text = (rows: Record<string, unknown>[]) => canonical(rows);

  it("gives codes that a rolled-back call took to the next call's values, and reads every call back right", async () => {
    const store = new StatsStore(":memory:");
    try {
      const first = facts(20).map((f) => ({ ...f, port_id: "port-a" }));
      await store.transaction((c) => StatsStore.appendFacts(c, first));
      // New values written, then the transaction fails: their dictionary entries go with it.
      const lost = facts(5).map((f) => ({ ...f, port_id: "port-lost", caliber: "lost" }));
      const failure = await store
        .transaction(async (c) => {
          await StatsStore.appendFacts(c, lost);
          throw new Error("the import failed after its facts");
        })
        .catch((e: Error) => e.message);
      expect(failure).toBe("the import failed after its facts");
      const later = facts(7).map((f) => ({ ...f, port_id: "port-b", caliber: "later" }));
      await store.transaction((c) => StatsStore.appendFacts(c, later));
      const again = facts(3).map((f) => ({ ...f, port_id: "port-lost" }));
      await store.exclusive((c) => StatsStore.appendFacts(c, again));
      const got = await store.all<{ fact_id: string; port_id: string; caliber: string }>(
        "select fact_id, port_id, caliber from facts",
      );
      const want = [...first, ...later, ...again].map((f) => ({
        fact_id: f.fact_id,
        port_id: f.port_id,
        caliber: f.caliber,
      }));
      expect(text(got)).toEqual(text(want));
      // Every column's codes run 1, 2, 3 … without a gap or a value twice.
      const gaps = await store.all(
        "select col from fact_dict group by col having max(code) <> count(*) or count(distinct code) <> count(*) or min(code) <> 1",
      );
      expect(gaps).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it("moves the facts of a file made when they were stored as text into codes, summary tables and all", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "amur-stats-old-")), "statistics.duckdb");
    try {
      // The old layout: one table of text, written here as the store of before wrote it.
      const given = facts(300);
      const old = await DuckDBInstance.create(file);
      const c = await old.connect();
      await c.run(
        `create table facts (${FACT_COLUMNS.map(([n, t]) => `${n} ${t}`).join(", ")}, load_seq BIGINT)`,
      );
      const appender = await c.createAppender("facts");
      for (const f of given) {
        for (const [name, type] of FACT_COLUMNS) {
          const v = f[name];
          if (v === null || v === undefined) appender.appendNull();
          else if (type === "VARCHAR") appender.appendVarchar(v as string);
          else if (type === "BOOLEAN") appender.appendBoolean(v as boolean);
          else if (type === "INTEGER") appender.appendInteger(v as number);
          else appender.appendBigInt(v as bigint);
        }
        appender.appendBigInt(1n);
        appender.endRow();
      }
      appender.closeSync();
      c.closeSync();
      old.closeSync();

      const store = new StatsStore(file);
      try {
        const rows = await store.all<Record<string, unknown>>(
          "select * exclude (load_seq) from facts order by fact_id",
        );
        const expected = [...given].sort((a, b) => (a.fact_id < b.fact_id ? -1 : 1));
        expect(text(rows)).toEqual(text(expected.map((f) => ({ ...f }))));
        const tables = await store.all<{ t: string }>(
          "select table_name as t from information_schema.tables where table_name = 'facts'",
        );
        expect(tables).toHaveLength(1);
        // New facts take codes after the moved ones, and the summary tables answer as the facts do.
        await store.transaction((c2) => StatsStore.appendFacts(c2, facts(200)));
        await expectSameAnswers(store);
      } finally {
        await store.close();
      }
      // Opened again, nothing is moved twice.
      const reopened = new StatsStore(file);
      try {
        const [n] = await reopened.all<{ n: bigint }>("select count(*) as n from facts");
        expect(Number(n?.n)).toBe(500);
      } finally {
        await reopened.close();
      }
    } finally {
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });
});

it("splits the ids of a file made when fact_rows kept them as text, and goes on after them", async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "amur-stats-ids-")), "statistics.duckdb");
  try {
    const odd = ["a:1234567890123456789", "黑河:12", "solo", "y:000"];
    const given = facts(300).map((f, i) =>
      i % 50 === 0
        ? { ...f, fact_id: `x:00${i}` }
        : i <= odd.length
          ? { ...f, fact_id: odd[i - 1] as string }
          : f,
    );
    const store = new StatsStore(file);
    await store.transaction((c) => StatsStore.appendFacts(c, given));
    await store.close();
    // The layout of before: fact_rows with each id as text, and no text parts in the dictionary.
    const old = await DuckDBInstance.create(file);
    const c = await old.connect();
    await c.run(
      `create table rows_before as select ${FACT_COLUMNS.map(([n]) =>
        n === "fact_id"
          ? "(select list(value order by code) from fact_dict where col = 'fact_id')[r.fact_id] || coalesce(r.fact_no::VARCHAR, '') as fact_id"
          : `r.${n}`,
      ).join(", ")}, r.load_seq from fact_rows r`,
    );
    await c.run("drop view facts");
    await c.run("drop table fact_rows");
    await c.run("alter table rows_before rename to fact_rows");
    await c.run("delete from fact_dict where col = 'fact_id'");
    const [before] = (
      await c.runAndReadAll("select count(*) from fact_rows where fact_id like 'x:00%'")
    ).getRowsJS();
    expect(Number(before?.[0])).toBe(6);
    c.closeSync();
    old.closeSync();

    const reopened = new StatsStore(file);
    try {
      const types = await reopened.all<{ t: string }>(
        "select data_type as t from information_schema.columns where table_name = 'fact_rows' and column_name = 'fact_id'",
      );
      expect(types).toEqual([{ t: "INTEGER" }]);
      const rows = await reopened.all<Record<string, unknown>>(
        "select * exclude (load_seq) from facts order by fact_id",
      );
      const expected = [...given].sort((a, b) => (a.fact_id < b.fact_id ? -1 : 1));
      expect(canonical(rows)).toEqual(canonical(expected.map((f) => ({ ...f }))));
      await reopened.transaction((c2) => StatsStore.appendFacts(c2, facts(200)));
      const [n] = await reopened.all<{ n: bigint }>("select count(*) as n from facts");
      expect(Number(n?.n)).toBe(500);
      const gaps = await reopened.all(
        "select col from fact_dict group by col having max(code) <> count(*) or min(code) <> 1",
      );
      expect(gaps).toEqual([]);
      // Deleting by id reads the ids through their text parts and numbers.
      const deleted = await reopened.exclusive((c3) =>
        StatsStore.changeFacts(c3, "delete", { idPart: "x:00" }),
      );
      expect(deleted).toBe(6);
      // The ids split when the file was opened are found as the store splits them now.
      for (const id of odd)
        expect(await reopened.exclusive((c4) => StatsStore.changeFacts(c4, "delete", { id })), id).toBe(1);
      await expectSameAnswers(reopened);
    } finally {
      await reopened.close();
    }
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
});

describe("reports read from the coded facts", () => {
  const store = new StatsStore(":memory:");
  const given = facts(4000);
  afterAll(() => store.close());

  it("mirror: each period's and HS level's exports and imports are the sums of the facts", async () => {
    await store.transaction((c) => StatsStore.appendFacts(c, given));
    const cases: Omit<MirrorInput, "cifFobPct" | "thresholdPct" | "top">[] = [
      { exporter: "CN", importer: "RU", level: "chapter", by: "year" },
      { exporter: "RU", importer: "CN", level: "subheading", by: "month", from: "2023-04", to: "2024-09" },
      {
        exporter: "CN",
        importer: "RU",
        level: "total",
        by: "year",
        from: "2023",
        to: "2024",
        source: "comtrade",
      },
      { exporter: "RU", importer: "CN", level: "section", by: "month" },
      { exporter: "RU", importer: "CN", level: "heading", by: "year", source: "nobody" },
    ];
    for (const m of cases)
      for (const published of [false, true]) {
        const got = await mirror(store, { ...m, cifFobPct: "5", thresholdPct: "10", top: 3 }, !published);
        // The same sums straight from the facts given.
        const want = new Map<string, { exp: bigint | null; imp: bigint | null }>();
        for (const f of given) {
          if (published && !f.published) continue;
          if (m.source && f.source !== m.source) continue;
          const exp = f.reporter === m.exporter && f.partner === m.importer && f.flow === "export";
          const imp = f.reporter === m.importer && f.partner === m.exporter && f.flow === "import";
          if (!exp && !imp) continue;
          if (m.by === "month" && f.month === null) continue;
          const period = m.by === "year" ? String(f.year) : (f.month as string);
          if ((m.from && period < m.from) || (m.to && period > m.to)) continue;
          const hs = m.level === "total" ? "*" : (f[`hs_${m.level}`] ?? null);
          const key = `${period}|${hs}`;
          const cell = want.get(key) ?? { exp: null, imp: null };
          if (exp) cell.exp = (cell.exp ?? 0n) + (f.value_usd ?? 0n);
          else cell.imp = (cell.imp ?? 0n) + (f.value_usd ?? 0n);
          want.set(key, cell);
        }
        const cents = (v: bigint | null) => (v === null ? null : scaled(v, 2));
        expect(
          got.rows.map((r) => [`${r.period}|${r.hs}`, r.exportsReported, r.importsReportedCif]).sort(),
          JSON.stringify(m),
        ).toEqual([...want].map(([k, v]) => [k, cents(v.exp), cents(v.imp)]).sort());
      }
  });

  it("unit-value bands: the same as over the facts with their text", async () => {
    const viaView = (where: string, params: DuckDBValue[]) =>
      store.all<Record<string, unknown>>(
        `select hs_subheading as hs6, flow, year, count(*) as n,
           quantile_cont(value_usd * 10.0 / net_g, 0.25) as q1,
           quantile_cont(value_usd * 10.0 / net_g, 0.5) as median,
           quantile_cont(value_usd * 10.0 / net_g, 0.75) as q3
         from facts where hs_subheading is not null and net_g > 0 and value_usd is not null ${where}
         group by 1, 2, 3 order by 1, 2, 3`,
        params,
      );
    const shaped = (rows: Record<string, unknown>[]) =>
      rows.map((r) => ({
        hs6: r.hs6,
        flow: r.flow,
        year: Number(r.year),
        n: Number(r.n),
        q1: (r.q1 as number).toFixed(4),
        median: (r.median as number).toFixed(4),
        q3: (r.q3 as number).toFixed(4),
      }));
    const all = await unitValueBands(store, { includeUnpublished: true });
    expect(all.length).toBeGreaterThan(10);
    expect(all).toEqual(shaped(await viaView("", [])));
    expect(
      await unitValueBands(store, {
        hs6: "27",
        flow: "import",
        from: 2023,
        to: 2024,
        includeUnpublished: false,
      }),
    ).toEqual(
      shaped(
        await viaView("and published and hs_subheading like $1 and flow = $2 and year >= $3 and year <= $4", [
          "27%",
          "import",
          2023,
          2024,
        ]),
      ),
    );
  });
});
