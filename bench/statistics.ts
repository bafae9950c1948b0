// npm run bench:statistics — generates 10 million fact rows (seeded, BENCH_ROWS to change), appends them
// to the statistics store (ingest rows/s), then runs 10 dashboard queries through the API of a real
// `amur serve` (p50/p95 of BENCH_REPEAT runs each). In the same run the same rows go into a bare DuckDB
// through read_csv and the same SQL runs there directly; the ratios API / bare are reported.
// Figures go to docs/PERFORMANCE.md.
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { FACTS, type QueryInput, querySql } from "../src/modules/statistics/statistics.query.ts";
import { type Fact, rollupBuildSql, StatsStore } from "../src/modules/statistics/stats.store.ts";
import { machineLine, writePerformanceSection } from "./report.ts";
import { freePort, waitForServer } from "./support.ts";

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000_000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 50);
const WARMUP = 5;
// API and bare runs of a query alternate in blocks of BLOCK runs (each block after WARMUP_IN_BLOCK
// runs that are not counted), so that both sample the same minutes of a machine whose speed varies.
const BLOCK = 10;
const WARMUP_IN_BLOCK = 2;
const CHUNK = 200_000;
const root = path.resolve(import.meta.dirname, "..");

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const PORTS = [
  "manzhouli-zabaykalsk",
  "suifenhe-pogranichny",
  "heihe-blagoveshchensk",
  "hunchun-kraskino",
  "tongjiang-nizhneleninskoye",
  "dongning-poltavka",
];
const CHAPTERS = ["27", "44", "74", "03", "26", "84", "85", "87", "61", "62", "64", "39", "73", "08", "07"];
const SECTIONS: Record<string, string> = {
  "27": "V",
  "44": "IX",
  "74": "XV",
  "03": "I",
  "26": "V",
  "84": "XVI",
  "85": "XVI",
  "87": "XVII",
  "61": "XI",
  "62": "XI",
  "64": "XII",
  "39": "VII",
  "73": "XV",
  "08": "II",
  "07": "II",
};
const MODES = [
  "general",
  "small_border",
  "border_residents",
  "processing",
  "ecommerce",
  "tourism_shopping",
  "other",
];
const REGIONS = { CN: ["CN-HL", "CN-NM", "CN-JL"], RU: ["RU-AMU", "RU-PRI", "RU-ZAB", "RU-KHA", "RU-YEV"] };

function generate(n: number, offset: number, rand: () => number): Fact[] {
  const out: Fact[] = [];
  for (let i = 0; i < n; i++) {
    const reporter = rand() < 0.5 ? "CN" : "RU";
    const year = 2017 + Math.floor(rand() * 10);
    const m = 1 + Math.floor(rand() * 12);
    const chapter = CHAPTERS[Math.floor(rand() * CHAPTERS.length)] as string;
    const heading = `${chapter}${String(1 + Math.floor(rand() * 20)).padStart(2, "0")}`;
    const usd = BigInt(Math.floor(rand() * 5_000_000_00));
    out.push({
      fact_id: `bench:${offset + i}`,
      source: rand() < 0.8 ? "platform" : "comtrade",
      caliber: "bench",
      dataset_id: null,
      event_id: null,
      published: true,
      month: `${year}-${String(m).padStart(2, "0")}`,
      year,
      quarter: Math.ceil(m / 3),
      reporter,
      flow: rand() < 0.5 ? "export" : "import",
      partner: reporter === "CN" ? "RU" : "CN",
      port_id: PORTS[Math.floor(rand() * PORTS.length)] as string,
      region: (REGIONS[reporter] as string[])[Math.floor(rand() * REGIONS[reporter].length)] as string,
      hs_section: SECTIONS[chapter] as string,
      hs_chapter: chapter,
      hs_heading: heading,
      hs_subheading: `${heading}${String(10 + Math.floor(rand() * 80))}`,
      trade_mode: MODES[Math.floor(rand() * MODES.length)] as string,
      transport_mode: rand() < 0.6 ? "rail" : "road",
      value_usd: usd,
      value_cny: (usd * 72n) / 10n,
      value_rub: usd * 88n,
      net_g: BigInt(Math.floor(rand() * 100_000_000)),
      quantity_milli: BigInt(Math.floor(rand() * 10_000_000)),
      quantity_unit: "kg",
      records: 1,
      hs_level: 6,
      orig_value: usd,
      orig_currency: "USD",
    });
  }
  return out;
}

const QUERIES: { name: string; q: QueryInput }[] = [
  {
    name: "monthly trend by flow (2025–2026)",
    q: {
      dimensions: ["month", "flow"],
      measures: ["value"],
      currency: "USD",
      filters: {},
      period: { from: "2025-01", to: "2026-12" },
    },
  },
  {
    name: "composition by HS section, one year",
    q: {
      dimensions: ["hs_section"],
      measures: ["value", "net_kg"],
      currency: "USD",
      filters: {},
      period: { from: "2025", to: "2025" },
    },
  },
  {
    name: "by port and flow",
    q: { dimensions: ["port", "flow"], measures: ["value", "records"], currency: "CNY", filters: {} },
  },
  {
    name: "by trade mode and year",
    q: { dimensions: ["trade_mode", "year"], measures: ["value"], currency: "RUB", filters: {} },
  },
  {
    name: "top 10 headings of RU exports",
    q: {
      dimensions: ["hs_heading"],
      measures: ["value"],
      currency: "USD",
      filters: { reporter: ["RU"], flow: ["export"] },
      top: 10,
    },
  },
  {
    name: "chapter 27 by month",
    q: { dimensions: ["month"], measures: ["value", "net_kg"], currency: "USD", filters: { hs: ["27"] } },
  },
  {
    name: "region × quarter, CN",
    q: {
      dimensions: ["region", "quarter"],
      measures: ["value"],
      currency: "CNY",
      filters: { reporter: ["CN"] },
    },
  },
  {
    name: "yearly totals by reporter and flow",
    q: { dimensions: ["year", "reporter", "flow"], measures: ["value"], currency: "USD", filters: {} },
  },
  {
    name: "transport mode by year, one port",
    q: {
      dimensions: ["transport_mode", "year"],
      measures: ["value", "records"],
      currency: "USD",
      filters: { port: ["suifenhe-pogranichny"] },
    },
  },
  {
    name: "top 20 subheadings of 2026",
    q: {
      dimensions: ["hs_subheading"],
      measures: ["value"],
      currency: "USD",
      filters: {},
      period: { from: "2026", to: "2026" },
      top: 20,
    },
  },
];

// A plain keep-alive HTTP client: the figures are the server's, not a heavier client's.
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
function post(url: string, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { agent, method: "POST", headers: { "content-type": "application/json" } },
      (res) => {
        const parts: Buffer[] = [];
        res.on("data", (b: Buffer) => parts.push(b));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString("utf8") }),
        );
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

function percentile(values: number[], p: number) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "amur-bench-stats-"));
const statsPath = path.join(dataDir, "statistics.duckdb");
try {
  // 1. Ingest through the store's append path.
  const store = new StatsStore(statsPath);
  const rand = prng(20261122);
  let ingestMs = 0;
  process.stdout.write(`ingesting ${ROWS.toLocaleString("en")} facts…\n`);
  for (let done = 0; done < ROWS; done += CHUNK) {
    const facts = generate(Math.min(CHUNK, ROWS - done), done, rand);
    const t0 = performance.now();
    await store.exclusive((c) => StatsStore.appendFacts(c, facts));
    ingestMs += performance.now() - t0;
    if ((done / CHUNK) % 10 === 0) process.stdout.write(`  ${(done + facts.length).toLocaleString("en")}\n`);
  }
  const ingestRate = ROWS / (ingestMs / 1000);
  process.stdout.write(
    `ingest: ${Math.round(ingestRate).toLocaleString("en")} rows/s (appending only; generation not counted)\n`,
  );
  // The summary tables the dashboards read catch up with the new facts (timed on their own).
  const r0 = performance.now();
  await store.refreshRollups();
  const rollupSeconds = (performance.now() - r0) / 1000;
  process.stdout.write(`summary tables: ${rollupSeconds.toFixed(1)} s\n`);
  const csvFile = path.join(dataDir, "facts.csv");
  await store.run(`copy facts to '${csvFile}' (header, delimiter ',')`);
  await store.close();

  // 2. Bare DuckDB: the same rows through read_csv into a file of its own, the same summary tables.
  const bare = await DuckDBInstance.create(path.join(dataDir, "bare.duckdb"));
  const c = await bare.connect();
  const t0 = performance.now();
  await c.run(`create table facts as select * from read_csv('${csvFile}', header = true)`);
  const bareLoad = (performance.now() - t0) / 1000;
  for (const statement of rollupBuildSql()) await c.run(statement);
  const direct = async (sql: string) => {
    const s = performance.now();
    // Like the API, read the rows into JavaScript values.
    (await c.runAndReadAll(sql)).getRowObjectsJS();
    return performance.now() - s;
  };

  // 3. The API of a real server over the store's file, and the same SQL on the bare DuckDB. A query's
  // API and bare runs alternate in blocks (API ×10, bare ×10, API ×10, …), so that both are measured
  // over the same stretch of time on a machine whose speed varies from minute to minute. Not one by one:
  // two DuckDB instances taking turns run by run slow each other down (the bare figures about double).
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, [path.join(root, "bin/amur.js"), "serve", "--no-demo"], {
    cwd: root,
    env: {
      ...process.env,
      AMUR_DATA_DIR: dataDir,
      AMUR_STATS_PATH: statsPath,
      PORT: String(port),
      AMUR_LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const viaApi = async (q: QueryInput) => {
    const s = performance.now();
    const res = await post(`${base}/api/v1/statistics/query`, JSON.stringify(q));
    if (res.status !== 200) throw new Error(`query failed: ${res.status} ${res.body}`);
    JSON.parse(res.body);
    return performance.now() - s;
  };
  const api: number[][] = [];
  const same: number[][] = [];
  const kept: number[][] = [];
  const tables: string[] = [];
  try {
    await waitForServer(`${base}`);
    for (const { q } of QUERIES) {
      const sql = querySql(q, false);
      tables.push(sql.target.table);
      const a: number[] = [];
      const d: number[] = [];
      const k: number[] = [];
      // For comparison only: the bare DuckDB with the statement prepared once, as the server keeps it.
      const prepared = await c.prepare(sql.sql);
      const again = async () => {
        const s = performance.now();
        (await prepared.runAndReadAll()).getRowObjectsJS();
        return performance.now() - s;
      };
      for (let r = 0; r < WARMUP; r++) {
        await viaApi(q);
        await direct(sql.sql);
        await again();
      }
      while (a.length < REPEAT) {
        const n = Math.min(BLOCK, REPEAT - a.length);
        for (let r = 0; r < n + WARMUP_IN_BLOCK; r++) {
          const t = await viaApi(q);
          if (r >= WARMUP_IN_BLOCK) a.push(t);
        }
        for (let r = 0; r < n + WARMUP_IN_BLOCK; r++) {
          const t = await direct(sql.sql);
          if (r >= WARMUP_IN_BLOCK) d.push(t);
        }
        for (let r = 0; r < n + WARMUP_IN_BLOCK; r++) {
          const t = await again();
          if (r >= WARMUP_IN_BLOCK) k.push(t);
        }
      }
      prepared.destroySync();
      api.push(a);
      same.push(d);
      kept.push(k);
    }
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
  }
  // The same queries on the facts alone, for scale.
  const onFacts: number[][] = [];
  for (const { q } of QUERIES) {
    const facts = querySql(q, false, FACTS);
    const times: number[] = [];
    for (let r = 0; r < REPEAT + WARMUP; r++) {
      const t = await direct(facts.sql);
      if (r >= WARMUP) times.push(t);
    }
    onFacts.push(times);
  }
  c.closeSync();
  bare.closeSync();

  const rows = QUERIES.map((q, i) => {
    const a = api[i] as number[];
    const d = same[i] as number[];
    const ratio = percentile(a, 50) / Math.max(0.001, percentile(d, 50));
    const k = percentile(kept[i] as number[], 50);
    return `| ${q.name} | ${tables[i]} | ${percentile(a, 50).toFixed(1)} | ${percentile(a, 95).toFixed(1)} | ${percentile(d, 50).toFixed(1)} | ${percentile(d, 95).toFixed(1)} | ${ratio.toFixed(2)} | ${k.toFixed(1)} | ${(percentile(a, 50) / Math.max(0.001, k)).toFixed(2)} | ${percentile(onFacts[i] as number[], 50).toFixed(1)} |`;
  });
  const worstP95 = Math.max(...api.map((a) => percentile(a, 95)));
  const worstRatio = Math.max(
    ...QUERIES.map(
      (_, i) => percentile(api[i] as number[], 50) / Math.max(0.001, percentile(same[i] as number[], 50)),
    ),
  );
  const verdict = (ok: boolean) => (ok ? "met" : "**not met**");
  const md = `## Statistics (\`npm run bench:statistics\`)

Measured ${new Date().toISOString().slice(0, 10)} on ${machineLine()}. ${ROWS.toLocaleString("en")} generated facts (seeded;
10 years, both sides, 15 chapters, 6 ports). Ingest: the statistics store's append path (through
one \`insert … select\` per call from a table function that hands DuckDB the facts 2,048 at a time, the text dimensions and the ids' text parts as codes of the store's dictionary; generation not counted); then the summary tables the dashboards read caught up with the new facts in
${rollupSeconds.toFixed(1)} s. API: POST /api/v1/statistics/query against a real \`amur serve\` over the same
file, ${REPEAT} runs per query after ${WARMUP} warm-ups, measured by a keep-alive HTTP client on the same machine; each query reads
the smallest summary table that has its columns (or the facts). Bare: the same rows loaded with
\`read_csv\` (${bareLoad.toFixed(1)} s) into a plain DuckDB (default settings) with the same summary tables built, the same SQL
(its values written in as literals, as the server writes them) run directly and its rows read into JavaScript values. A query's API and bare runs alternate in blocks of ${BLOCK} (the first
${WARMUP_IN_BLOCK} of each block not counted), so that both are measured over the same stretch of time. The server keeps
its prepared statements until the next write (docs/STATISTICS.md), which the bare runs do not; for comparison, "bare,
prepared once" is the bare DuckDB with the statement kept as well, and "API / that" the ratio to it. The last column
is the same query run on the bare facts alone.

| target | measured | |
|---|---:|---|
| ingest ≥ 500,000 rows/s | ${Math.round(ingestRate).toLocaleString("en")} rows/s | ${verdict(ingestRate >= 500_000)} |
| dashboard p95 ≤ 50 ms through the API | worst p95 ${worstP95.toFixed(1)} ms | ${verdict(worstP95 <= 50)} |
| API ≤ 1.5 × bare DuckDB (p50) | worst ratio ${worstRatio.toFixed(2)} | ${verdict(worstRatio <= 1.5)} |

For scale: in the same run, bare DuckDB's own \`read_csv\` loaded the same rows at
${Math.round(ROWS / bareLoad).toLocaleString("en")} rows/s (CSV parsing included; column types as read_csv detects them).

| query | reads | API p50 ms | API p95 ms | bare p50 ms | bare p95 ms | API / bare | bare, prepared once, p50 ms | API / that | bare on facts p50 ms |
|---|---|---:|---:|---:|---:|---:|---:|---:|---:|
${rows.join("\n")}`;
  writePerformanceSection("statistics", md);
  process.stdout.write(`\n${md}\n\nwritten to docs/PERFORMANCE.md\n`);
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}
