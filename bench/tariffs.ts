// npm run bench:tariffs — 100,000 line assessments in-process (service layer, SQLite), then the same
// through the API (the same number of POST /api/v1/tariffs/assess with an API key, 16 connections on
// loopback, the server in its own process): assessments/s and p50/p99. Figures go to docs/PERFORMANCE.md.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import pino from "pino";
import { loadReferenceData } from "../src/modules/reference/reference.service.ts";
import { assessLine } from "../src/modules/tariffs/tariffs.service.ts";
import { loadConfig } from "../src/platform/config.ts";
import { DEMO_SEEDERS } from "../src/platform/demo.ts";
import { runDemoSeeders } from "../src/platform/seed.ts";
import { createDeps } from "../src/platform/server.ts";
import { machineLine, writePerformanceSection } from "./report.ts";
import { waitForServer } from "./support.ts";

const N = Number(process.env.BENCH_ASSESSMENTS ?? 100_000);
const root = path.resolve(import.meta.dirname, "..");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "amur-bench-tariffs-"));
const PASSWORD = "bench password 0123456789";

const deps = await createDeps(loadConfig({ AMUR_DATA_DIR: dataDir, AMUR_LOG_LEVEL: "silent" }), {
  log: pino({ level: "silent" }),
});
await loadReferenceData(deps, { only: ["regions"] });
await runDemoSeeders(deps, DEMO_SEEDERS, { demoPassword: PASSWORD });
const LINES = [
  {
    side: "RU" as const,
    flow: "import" as const,
    hsCode: "401110",
    value: { amount: "10000.00", currency: "CNY" },
  },
  {
    side: "RU" as const,
    flow: "import" as const,
    hsCode: "8431",
    value: { amount: "2500.50", currency: "USD" },
  },
  {
    side: "CN" as const,
    flow: "import" as const,
    hsCode: "0303",
    value: { amount: "12000", currency: "RUB" },
  },
  {
    side: "RU" as const,
    flow: "export" as const,
    hsCode: "440710",
    value: { amount: "5000", currency: "USD" },
  },
  {
    side: "CN" as const,
    flow: "import" as const,
    hsCode: "2701",
    value: { amount: "80000", currency: "USD" },
  },
];
const date = "2026-03-10";
for (let i = 0; i < 500; i++) await assessLine(deps.db.db, { ...LINES[i % LINES.length]!, date });
const t0 = performance.now();
for (let i = 0; i < N; i++) await assessLine(deps.db.db, { ...LINES[i % LINES.length]!, date });
const inProcess = N / ((performance.now() - t0) / 1000);
process.stdout.write(`in-process: ${Math.round(inProcess)} assessments/s\n`);
await deps.db.close();

// Through the API: a real server process on the same database.
const port = await new Promise<number>((resolve) => {
  const s = net.createServer().listen(0, "127.0.0.1", () => {
    const p = (s.address() as net.AddressInfo).port;
    s.close(() => resolve(p));
  });
});
const env = { ...process.env, AMUR_DATA_DIR: dataDir, PORT: String(port), AMUR_LOG_LEVEL: "warn" };
const key = spawnSync(
  process.execPath,
  [path.join(root, "bin/amur.js"), "apikey", "create", "--email", "admin@amur.local", "--name", "bench"],
  { env, encoding: "utf8" },
).stdout.trim();
const server = spawn(process.execPath, [path.join(root, "bin/amur.js"), "serve", "--no-demo"], {
  env,
  stdio: ["ignore", "ignore", "inherit"],
});
try {
  await waitForServer(`http://127.0.0.1:${port}`);
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const inst = autocannon(
      {
        url: `http://127.0.0.1:${port}/api/v1/tariffs/assess`,
        connections: 16,
        amount: N,
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        // Each connection goes round the same five lines as the in-process run.
        requests: LINES.map((line) => ({ body: JSON.stringify({ ...line, date }) })),
      },
      (err, r) => (err ? reject(err) : resolve(r)),
    );
    autocannon.track(inst, { renderProgressBar: true, renderResultsTable: false, renderLatencyTable: false });
  });
  const errors = result.errors + result.non2xx;
  process.stdout.write(
    `API: ${Math.round(result.requests.average)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, errors ${errors}\n`,
  );
  writePerformanceSection(
    "tariffs",
    `## Tariff assessment (\`npm run bench:tariffs\`)

Measured ${new Date().toISOString().slice(0, 10)} on ${machineLine()}. SQLite, demo tariff rules and sample rates.

| measure | result | target | |
|---|---:|---|---|
| in-process line assessments (${N.toLocaleString("en")}, one at a time) | ${Math.round(inProcess).toLocaleString("en")} /s | ≥ 50,000 /s | ${inProcess >= 50000 ? "met" : "**not met**"} |
| API \`POST /api/v1/tariffs/assess\` (${N.toLocaleString("en")} requests of one line each, 16 connections, no warm-up) | ${Math.round(result.requests.average).toLocaleString("en")} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${errors} errors | p99 ≤ 10 ms | ${result.latency.p99 <= 10 && errors === 0 ? "met" : "**not met**"} |
`,
  );
} finally {
  server.kill("SIGTERM");
  await new Promise((r) => server.once("exit", r));
  fs.rmSync(dataDir, { recursive: true, force: true });
}
