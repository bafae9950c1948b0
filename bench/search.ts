// npm run bench:search — 100,000 synthetic knowledge-base documents across Chinese, Russian and English
// (BENCH_DOCS to change): the indexing rate of a bulk load (documents, versions and the search index),
// then p50/p95 of 1,000 mixed queries (Chinese words, Russian and English words, official numbers,
// queries the term bank expands across languages) through the search service, on SQLite and on
// PostgreSQL when BENCH_PG_URL or AMUR_TEST_PG_URL names a server. Figures go to docs/PERFORMANCE.md.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import type { TDocumentInput } from "../src/modules/knowledge/knowledge.schema.ts";
import { searchKnowledge } from "../src/modules/knowledge/knowledge.search.ts";
import { knowledgeDemoSeeder } from "../src/modules/knowledge/knowledge.seed.ts";
import { importDocuments } from "../src/modules/knowledge/knowledge.service.ts";
import { loadConfig } from "../src/platform/config.ts";
import { operationDeps } from "../src/platform/deps.ts";
import { runOperation, SYSTEM_ACTOR } from "../src/platform/operations.ts";
import { createDeps } from "../src/platform/server.ts";
import { machineLine, writePerformanceSection } from "./report.ts";
import { withTempPgDatabase } from "./support.ts";

const DOCS = Number(process.env.BENCH_DOCS ?? 100_000);
const QUERIES = 1000;
const PG_URL = process.env.BENCH_PG_URL ?? process.env.AMUR_TEST_PG_URL ?? null;

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
// A vocabulary shaped like real text: many words, a few of them common (Zipf: the word of rank k is
// used about 1/k as often as the most common one), so queries are as selective as real ones.
const ZH_CHARS = [
  ..."边境贸易海关进口出口关税增值税口岸许可证配额木材煤炭水果查验放行原产地检疫运输铁路公路互市企业商品申报价格合同发票仓库监管通关税率标准目录政策通知公告规定办法条例协定".replace(
    /\s/g,
    "",
  ),
];
const RU_ROOTS = [
  "тамож",
  "ввоз",
  "вывоз",
  "пошлин",
  "лиценз",
  "квот",
  "лесоматериал",
  "угл",
  "досмотр",
  "выпуск",
  "происхожден",
  "перевоз",
  "дорог",
  "границ",
  "декларац",
  "налог",
  "сертификат",
  "фрукт",
  "рыб",
  "склад",
  "контракт",
  "счёт",
  "тариф",
  "правил",
  "порядк",
  "документ",
  "товар",
  "предприят",
  "контрол",
  "соглашен",
];
const RU_ENDINGS = ["а", "ы", "ой", "ов", "ами", "е", "ение", "ный", "ная", "ать", "ому", "ях"];
const EN_ROOTS = [
  "custom",
  "import",
  "export",
  "duty",
  "licens",
  "quota",
  "timber",
  "coal",
  "inspect",
  "releas",
  "origin",
  "transport",
  "rail",
  "road",
  "border",
  "declar",
  "tax",
  "certif",
  "fruit",
  "fish",
  "warehous",
  "contract",
  "invoic",
  "tariff",
  "rule",
  "procedur",
  "document",
  "good",
  "enterpris",
  "control",
];
const EN_SUFFIXES = ["", "s", "ed", "ing", "er", "ion", "al", "ly", "ment", "ness", "able", "ive"];
const ZH = ZH_CHARS.flatMap((a) => ZH_CHARS.slice(0, 40).map((b) => a + b));
const RU = RU_ROOTS.flatMap((a) => RU_ENDINGS.map((b) => a + b));
const EN = EN_ROOTS.flatMap((a) => EN_SUFFIXES.map((b) => a + b));
function zipf(words: readonly string[], r: () => number): string {
  // Inverse of the harmonic CDF, approximated: rank ≈ n^u for uniform u.
  const k = Math.min(words.length - 1, Math.floor(words.length ** r()) - 1);
  return words[Math.max(0, k)] as string;
}
const pick = <T>(a: readonly T[], r: () => number) => a[Math.floor(r() * a.length)] as T;

function generate(n: number, r: () => number): TDocumentInput[] {
  const out: TDocumentInput[] = [];
  for (let i = 0; i < n; i++) {
    const lang = (["zh", "ru", "en"] as const)[i % 3] as "zh" | "ru" | "en";
    const words = lang === "zh" ? ZH : lang === "ru" ? RU : EN;
    const sep = lang === "zh" ? "" : " ";
    const title = Array.from({ length: 4 }, () => zipf(words, r)).join(sep);
    const body = Array.from(
      { length: 6 },
      () => `${Array.from({ length: 10 }, () => zipf(words, r)).join(sep)}${lang === "zh" ? "。" : "."}`,
    ).join(" ");
    out.push({
      kind: "notice",
      side: lang === "ru" ? "RU" : lang === "zh" ? "CN" : "bilateral",
      issuingBody: lang === "zh" ? "示例机关" : lang === "ru" ? "Образец ведомства" : "Sample body",
      number: lang === "zh" ? `示例〔2025〕${i}号` : lang === "ru" ? `Образец № ${i}` : `Sample No. ${i}`,
      originalLang: lang,
      hsPrefixes: [String(10 + (i % 89)).padStart(2, "0")],
      ports: [],
      regions: [],
      topics: [],
      versions: [{ lang, title, body, translation: "original", isSummary: false }],
      relations: [],
    });
  }
  return out;
}

function queries(r: () => number): string[] {
  const out: string[] = [];
  for (let i = 0; i < QUERIES; i++) {
    const kind = i % 5;
    if (kind === 0) out.push(`${zipf(ZH, r)}${zipf(ZH, r)}`);
    else if (kind === 1) out.push(`${zipf(RU, r)} ${zipf(RU, r)}`);
    else if (kind === 2) out.push(`${zipf(EN, r)} ${zipf(EN, r)}`);
    else if (kind === 3)
      out.push(i % 2 ? `示例〔2025〕${Math.floor(r() * DOCS)}号` : `Образец № ${Math.floor(r() * DOCS)}`);
    else out.push(pick(["边境小额贸易", "原木 出口禁令", "приграничная торговля", "export ban", "配额"], r));
  }
  return out;
}

const pct = (v: number[], p: number) =>
  [...v].sort((a, b) => a - b)[Math.max(0, Math.ceil((p / 100) * v.length) - 1)] ?? 0;

async function measure(label: string, env: Record<string, string>) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "amur-bench-search-"));
  const deps = await createDeps(
    loadConfig({ AMUR_DATA_DIR: dataDir, AMUR_LOG_LEVEL: "silent", AMUR_STATS_PATH: ":memory:", ...env }),
    {
      log: pino({ level: "silent" }),
    },
  );
  await deps.outbox.stop();
  try {
    await knowledgeDemoSeeder.run(deps, { demoPassword: "x".repeat(12) });
    const r = prng(7);
    const docs = generate(DOCS, r);
    process.stdout.write(`${label}: indexing ${DOCS.toLocaleString("en")} documents…\n`);
    const t0 = performance.now();
    for (let i = 0; i < docs.length; i += 2000) {
      await runOperation(
        operationDeps(deps),
        importDocuments,
        { documents: docs.slice(i, i + 2000), sample: true },
        { actor: SYSTEM_ACTOR },
      );
      if ((i / 2000) % 10 === 0) process.stdout.write(`  ${(i + 2000).toLocaleString("en")}\n`);
    }
    const rate = DOCS / ((performance.now() - t0) / 1000);
    const times: number[] = [];
    const byKind = new Map<number, number[]>();
    for (const [i, q] of queries(prng(11)).entries()) {
      const s = performance.now();
      await searchKnowledge(
        deps.db.db,
        deps.db.dialect,
        q,
        {},
        { visibleStatuses: ["published", "repealed"], readerLang: "en", limit: 20 },
      );
      times.push(performance.now() - s);
      byKind.set(i % 5, [...(byKind.get(i % 5) ?? []), performance.now() - s]);
    }
    if (process.env.BENCH_DEBUG)
      for (const [k, v] of byKind)
        process.stdout.write(`  kind ${k}: p50 ${pct(v, 50).toFixed(1)} p95 ${pct(v, 95).toFixed(1)}\n`);
    process.stdout.write(
      `  ${Math.round(rate)} docs/s; query p50 ${pct(times, 50).toFixed(1)} ms, p95 ${pct(times, 95).toFixed(1)} ms\n`,
    );
    return { rate, p50: pct(times, 50), p95: pct(times, 95) };
  } finally {
    await deps.db.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const sqlite = await measure("SQLite", {});
let postgres: Awaited<ReturnType<typeof measure>> | null = null;
if (PG_URL)
  postgres = await withTempPgDatabase(PG_URL, "s", (url) =>
    measure("PostgreSQL", { AMUR_DATABASE_URL: url }),
  );
const row = (name: string, m: { rate: number; p50: number; p95: number }, targets: boolean) =>
  `| ${name} | ${Math.round(m.rate).toLocaleString("en")} | ${m.p50.toFixed(1)} | ${m.p95.toFixed(1)} | ${targets ? `${m.rate >= 2000 ? "met" : "**not met**"} / ${m.p95 <= 15 ? "met" : "**not met**"}` : "reported"} |`;
const md = `## Knowledge-base search (\`npm run bench:search\`)

Measured ${new Date().toISOString().slice(0, 10)} on ${machineLine()}. ${DOCS.toLocaleString("en")} synthetic documents (a third each
in Chinese, Russian and English, a title and six sentences each) loaded in batches of 2,000 (documents, versions,
search index, one audit entry per batch), on top of the seed; then ${QUERIES.toLocaleString("en")} mixed queries through the
search service (Chinese words, Russian and English words, official numbers, term-bank expansions), 20 results each.
Targets: indexing ≥ 2,000 documents/s; query p95 ≤ 15 ms on SQLite.
${postgres ? "" : "\nPostgreSQL not measured: set BENCH_PG_URL (or AMUR_TEST_PG_URL).\n"}
| database | documents/s | query p50 ms | query p95 ms | targets (indexing / p95) |
|---|---:|---:|---:|---|
${row("SQLite", sqlite, true)}
${postgres ? row("PostgreSQL 15 (same machine)", postgres, false) : ""}`;
writePerformanceSection("search", md);
process.stdout.write(`\n${md}\n\nwritten to docs/PERFORMANCE.md\n`);
