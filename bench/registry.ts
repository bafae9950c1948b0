// npm run bench:registry — imports 100,000 made-up enterprises from CSV into SQLite (rows/s), then
// measures directory search (names in Chinese, Russian, English; identifiers; with filters) over
// them: p50/p95 of 2,000 queries through the service layer. Figures go to docs/PERFORMANCE.md.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { loadReferenceData } from "../src/modules/reference/reference.service.ts";
import { makeInn10, makeOgrn, makeUscc } from "../src/modules/registry/identifiers.ts";
import { searchDirectory } from "../src/modules/registry/registry.directory.ts";
import { importEnterprises } from "../src/modules/registry/registry.import.ts";
import { loadConfig } from "../src/platform/config.ts";
import { SYSTEM_ACTOR } from "../src/platform/operations.ts";
import { createDeps } from "../src/platform/server.ts";
import { machineLine, writePerformanceSection } from "./report.ts";

const N = Number(process.env.BENCH_ROWS ?? 100_000);
const Q = Number(process.env.BENCH_QUERIES ?? 2_000);
const ZH = ["黑河", "绥芬河", "哈尔滨", "满洲里", "东宁", "同江", "抚远", "珲春", "牡丹江", "佳木斯"];
const ZH_TRADE = ["果蔬", "木材", "机电", "煤炭", "海产品", "服装", "粮油", "化工", "建材", "汽配"];
const RU = [
  "Амурский",
  "Приморский",
  "Даурский",
  "Хинганский",
  "Забайкальский",
  "Уссурийский",
  "Зейский",
  "Бурейский",
];
const RU_TRADE = ["лес", "уголь", "морепродукты", "зерно", "металл", "транзит", "агро", "энерго"];
const EN = ["Trading", "Import-Export", "Logistics", "Timber", "Fruit", "Machinery", "Seafood", "Coal"];

function csvRows(n: number): string {
  const lines = ["side,uscc,inn,ogrn,kpp,name_zh,name_ru,name_en,region,hs_chapters,border_trade"];
  for (let i = 0; i < n; i++) {
    const s = String(i).padStart(7, "0");
    if (i % 2 === 0) {
      const name = `${ZH[i % ZH.length]}${ZH_TRADE[(i >> 3) % ZH_TRADE.length]}贸易有限公司${i}`;
      lines.push(
        `CN,${makeUscc(`91231100BM${s}`)},,,,${name},,${EN[i % EN.length]} Co. ${i},CN-HL,0${1 + (i % 9)},${i % 3 === 0 ? 1 : 0}`,
      );
    } else {
      const name = `ООО «${RU[i % RU.length]} ${RU_TRADE[(i >> 3) % RU_TRADE.length]} ${i}»`;
      lines.push(
        `RU,,${makeInn10(`27${s}`)},${makeOgrn(`11327${s}`)},270101001,,"${name.replace(/"/g, '""')}",${EN[i % EN.length]} LLC ${i},RU-KHA,44,0`,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "amur-bench-reg-"));
const deps = await createDeps(loadConfig({ AMUR_DATA_DIR: dataDir, AMUR_LOG_LEVEL: "silent" }), {
  log: pino({ level: "silent" }),
});
await loadReferenceData(deps, { only: ["regions"] });
const csv = csvRows(N);
process.stdout.write(`importing ${N.toLocaleString("en")} rows…\n`);
const t0 = performance.now();
const report = await importEnterprises(deps, csv, {
  actor: SYSTEM_ACTOR,
  sample: true,
  onProgress: (done, total) => {
    if (done % 20000 < 2000) process.stdout.write(`  ${done}/${total}\n`);
  },
});
const importSeconds = (performance.now() - t0) / 1000;
const rate = report.imported / importSeconds;
process.stdout.write(
  `imported ${report.imported} (invalid ${report.invalid}) in ${importSeconds.toFixed(1)} s: ${Math.round(rate)} rows/s\n`,
);

type Query = { kind: string; q?: string; side?: "CN" | "RU"; region?: string; hsChapter?: string };
const queries: Query[] = [];
for (let i = 0; i < 50; i++) {
  queries.push({ kind: "Chinese name", q: `${ZH[i % ZH.length]}${ZH_TRADE[i % ZH_TRADE.length]}` });
  queries.push({ kind: "Russian word", q: RU[i % RU.length] });
  queries.push({ kind: "English words + number", q: `${EN[i % EN.length]} ${1000 + i * 37}` });
  queries.push({ kind: "USCC", q: makeUscc(`91231100BM${String(i * 2 * 97).padStart(7, "0")}`) });
  queries.push({ kind: "word + region filter", q: `${RU_TRADE[i % RU_TRADE.length]}`, region: "RU-KHA" });
  queries.push({ kind: "side + HS chapter, no words", side: "CN", hsChapter: `0${1 + (i % 9)}` });
}
const times: number[] = [];
const byKind = new Map<string, number[]>();
const run = (q: Query) =>
  searchDirectory(deps, { q: q.q, side: q.side, region: q.region, hsChapter: q.hsChapter, limit: 20 }, "en");
for (let i = 0; i < 100; i++) await run(queries[i % queries.length] as Query);
for (let i = 0; i < Q; i++) {
  const q = queries[i % queries.length] as Query;
  const s = performance.now();
  await run(q);
  const ms = performance.now() - s;
  times.push(ms);
  byKind.set(q.kind, [...(byKind.get(q.kind) ?? []), ms]);
}
const pctOf = (list: number[], p: number) =>
  [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor((p / 100) * list.length))] ?? 0;
const pct = (p: number) => pctOf(times, p);
const kindRows = [...byKind]
  .map(([k, list]) => `| ${k} | ${pctOf(list, 50).toFixed(2)} | ${pctOf(list, 95).toFixed(2)} |`)
  .join("\n");
for (const [k, list] of byKind) {
  process.stdout.write(
    `  ${k}: p50 ${pctOf(list, 50).toFixed(2)} ms, p95 ${pctOf(list, 95).toFixed(2)} ms\n`,
  );
}
process.stdout.write(`search: p50 ${pct(50).toFixed(2)} ms, p95 ${pct(95).toFixed(2)} ms\n`);

writePerformanceSection(
  "registry",
  `## Enterprise registry (\`npm run bench:registry\`)

Measured ${new Date().toISOString().slice(0, 10)} on ${machineLine()}. SQLite.

| measure | result | target | |
|---|---:|---|---|
| CSV import of ${N.toLocaleString("en")} enterprises (validation, check digits, duplicates, search index, audit, events) | ${Math.round(rate).toLocaleString("en")} rows/s (${importSeconds.toFixed(1)} s) | ≥ 20,000 rows/s | ${rate >= 20000 ? "met" : "**not met**"} |
| directory search p50 (names zh/ru/en, identifiers, filters; ${Q.toLocaleString("en")} queries) | ${pct(50).toFixed(2)} ms | | |
| directory search p95 | ${pct(95).toFixed(2)} ms | ≤ 10 ms | ${pct(95) <= 10 ? "met" : "**not met**"} |

| query kind | p50 ms | p95 ms |
|---|---:|---:|
${kindRows}
`,
);
await deps.db.close();
fs.rmSync(dataDir, { recursive: true, force: true });
