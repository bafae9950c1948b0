// npm run bench:reference — HS search in Chinese, Russian and English and code lookups over the loaded
// reference data on SQLite, 10,000 queries each kind, timed one by one through the service layer
// (what the API calls). Figures go to docs/PERFORMANCE.md.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { getHsNode, loadReferenceData, searchHs } from "../src/modules/reference/reference.service.ts";
import { loadConfig } from "../src/platform/config.ts";
import { createDeps } from "../src/platform/server.ts";
import { machineLine, writePerformanceSection } from "./report.ts";

const N = Number(process.env.BENCH_QUERIES ?? 10_000);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "amur-bench-ref-"));
const deps = await createDeps(loadConfig({ AMUR_DATA_DIR: dataDir, AMUR_LOG_LEVEL: "silent" }), {
  log: pino({ level: "silent" }),
});

const t0 = performance.now();
await loadReferenceData(deps);
const loadSeconds = (performance.now() - t0) / 1000;

const QUERIES: Record<string, string[]> = {
  "search en": [
    "wood",
    "coal",
    "apples",
    "tyres",
    "frozen fish",
    "crab",
    "sawn",
    "machinery parts",
    "tomatoes",
    "footwear",
  ],
  "search ru": [
    "лесоматериалы",
    "уголь",
    "яблоки",
    "шины",
    "рыба мороженая",
    "крабы",
    "древесина",
    "томаты",
    "обувь",
    "пиломатериалы",
  ],
  "search zh": ["木", "煤", "水果", "橡胶", "鱼", "木制品", "机器", "鞋", "服装", "蔬菜"],
  "code prefix": ["44", "4403", "0808", "2701", "4011", "84", "0303", "6403", "440711", "8431"],
};
const CODES = ["4407", "440711", "0808", "2701", "IX", "44", "4011", "0303", "8431", "0702"];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function measure(run: (i: number) => Promise<unknown>) {
  for (let i = 0; i < 200; i += 1) await run(i); // warm-up
  const times: number[] = [];
  for (let i = 0; i < N; i += 1) {
    const s = performance.now();
    await run(i);
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), max: times.at(-1) ?? 0 };
}

const rows: string[] = [];
for (const [kind, qs] of Object.entries(QUERIES)) {
  const r = await measure((i) => searchHs(deps, qs[i % qs.length] ?? "", 20));
  rows.push(
    `| ${kind} (limit 20) | ${r.p50.toFixed(2)} | ${r.p95.toFixed(2)} | ${r.max.toFixed(1)} | ${r.p95 <= 5 ? "met" : "**not met**"} |`,
  );
  process.stdout.write(`${kind}: p50 ${r.p50.toFixed(2)} ms, p95 ${r.p95.toFixed(2)} ms\n`);
}
const lookup = await measure((i) => getHsNode(deps, CODES[i % CODES.length] ?? "44"));
rows.push(
  `| code lookup with path and children | ${lookup.p50.toFixed(2)} | ${lookup.p95.toFixed(2)} | ${lookup.max.toFixed(1)} | ${lookup.p95 <= 5 ? "met" : "**not met**"} |`,
);
process.stdout.write(`lookup: p50 ${lookup.p50.toFixed(2)} ms, p95 ${lookup.p95.toFixed(2)} ms\n`);

const md = `## Reference data (\`npm run bench:reference\`)

Measured ${new Date().toISOString().slice(0, 10)} on ${machineLine()}. SQLite; ${N.toLocaleString("en")} queries per row,
one at a time through the service layer. Loading all reference data into a new database took
${loadSeconds.toFixed(1)} s (target ≤ 10 s).

| query | p50 ms | p95 ms | max ms | target p95 ≤ 5 ms |
|---|---:|---:|---:|---|
${rows.join("\n")}
`;
writePerformanceSection("reference", md);
process.stdout.write(`load ${loadSeconds.toFixed(1)} s; written to docs/PERFORMANCE.md\n`);
await deps.db.close();
fs.rmSync(dataDir, { recursive: true, force: true });
