// npm run bench:declarations — sustained submissions of 5-line declarations (validation, assessment,
// risk lane, audit entry, outbox events) through HTTP: POST /api/v1/declarations as a demo trader,
// 32 connections on loopback, against a real `amur serve` on SQLite and then on PostgreSQL (when
// BENCH_PG_URL or AMUR_TEST_PG_URL names a server; a throw-away database is created and dropped).
// Figures go to docs/PERFORMANCE.md.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { sampleDeclarationInput } from "../src/modules/declarations/declarations.fixtures.ts";
import { machineLine, writePerformanceSection } from "./report.ts";
import { freePort, waitForServer, withTempPgDatabase } from "./support.ts";

const DURATION = Number(process.env.BENCH_SECONDS ?? 30);
const CONNECTIONS = 32;
const PASSWORD = "bench password 0123456789";
const root = path.resolve(import.meta.dirname, "..");
const PG_URL = process.env.BENCH_PG_URL ?? process.env.AMUR_TEST_PG_URL ?? null;

interface Outcome {
  result: autocannon.Result;
  lanes: Record<string, number>;
  declarations: number;
}

async function measure(label: string, env: Record<string, string>): Promise<Outcome> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "amur-bench-decl-"));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, [path.join(root, "bin/amur.js"), "serve"], {
    cwd: root,
    env: {
      ...process.env,
      AMUR_DATA_DIR: dataDir,
      PORT: String(port),
      AMUR_DEMO_PASSWORD: PASSWORD,
      AMUR_LOG_LEVEL: "warn",
      ...env,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    await waitForServer(`${base}`);
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "trader.suifenhe@sample.amur.local", password: PASSWORD }),
    });
    if (!login.ok) throw new Error(`login failed: ${login.status}`);
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const headers = { cookie, "x-csrf-token": csrfToken, "content-type": "application/json" };
    // Five lines: parts and tyres through Suifenhe by rail, in CNY (no conversion needed for duties;
    // the USD value for the risk bands goes through the sample rates).
    const body = sampleDeclarationInput("CN", "export", {
      portId: "suifenhe-pogranichny",
      transportMode: "rail",
      conveyances: 2,
      documents: [
        { kind: "invoice", number: "INV-B" },
        { kind: "contract", number: "C-B" },
        { kind: "smgs", number: "SMGS-B" },
      ],
    });
    body.lines = Array.from({ length: 5 }, (_, i) => ({
      code: i % 2 ? "4011100000" : "8431490000",
      description: i % 2 ? "Car tyres" : "Parts of machinery",
      origin: "CN",
      quantity: { value: String(100 + i), unit: "pcs" as const },
      netKg: String(900 + i),
      grossKg: String(1000 + i),
      value: `${20000 + i * 100}.00`,
    }));
    const check = await fetch(`${base}/api/v1/declarations`, {
      method: "POST",
      headers,
      body: JSON.stringify(body),
    });
    if (check.status !== 201)
      throw new Error(`sample submission failed: ${check.status} ${await check.text()}`);
    process.stdout.write(
      `\n${label}: POST /api/v1/declarations (5 lines), ${CONNECTIONS} connections, ${DURATION} s…\n`,
    );
    const payload = JSON.stringify(body);
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        {
          url: base,
          connections: CONNECTIONS,
          duration: DURATION,
          requests: [{ method: "POST", path: "/api/v1/declarations", headers, body: payload }],
        },
        (err, r) => (err ? reject(err) : resolve(r)),
      );
      autocannon.track(instance, {
        renderProgressBar: true,
        renderResultsTable: false,
        renderLatencyTable: false,
      });
    });
    const list = await fetch(`${base}/api/v1/declarations?limit=1`, { headers: { cookie } });
    const { total } = (await list.json()) as { total: number };
    const lanes: Record<string, number> = {};
    for (const lane of ["green", "blue", "yellow", "red"]) {
      const r = await fetch(`${base}/api/v1/declarations?limit=1&lane=${lane}`, { headers: { cookie } });
      lanes[lane] = ((await r.json()) as { total: number }).total;
    }
    return { result, lanes, declarations: total };
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

// One server process, and `amur serve --workers 2` (one per core here; platform/cluster.ts).
const sqlite = await measure("SQLite, 1 process", { AMUR_WORKERS: "1" });
const sqlite2 = await measure("SQLite, --workers 2", { AMUR_WORKERS: "2" });
let postgres: Outcome | null = null;
let postgres2: Outcome | null = null;
if (PG_URL) {
  postgres = await withTempPgDatabase(PG_URL, "d", (url) =>
    measure("PostgreSQL, 1 process", { AMUR_DATABASE_URL: url, AMUR_WORKERS: "1" }),
  );
  postgres2 = await withTempPgDatabase(PG_URL, "d", (url) =>
    measure("PostgreSQL, --workers 2", { AMUR_DATABASE_URL: url, AMUR_WORKERS: "2" }),
  );
}

const row = (name: string, o: Outcome, target: number | null) => {
  const r = o.result;
  const errors = r.errors + r.non2xx;
  const verdict =
    target === null
      ? "reported"
      : r.requests.average >= target && r.latency.p99 <= 50 && errors === 0
        ? "met"
        : "**not met**";
  return `| ${name} | ${Math.round(r.requests.average).toLocaleString("en")} | ${r.latency.p50} | ${r.latency.p99} | ${errors} | ${o.declarations.toLocaleString("en")} | ${target === null ? "—" : `≥ ${target.toLocaleString("en")}/s, p99 ≤ 50 ms`} | ${verdict} |`;
};
const table = [
  "| database | declarations/s | p50 ms | p99 ms | errors | filed in total | target | |",
  "|---|---:|---:|---:|---:|---:|---|---|",
  row("SQLite, 1 process", sqlite, 1_500),
  row("SQLite, `--workers 2`", sqlite2, 1_500),
  ...(postgres ? [row("PostgreSQL 15 (same machine), 1 process", postgres, null)] : []),
  ...(postgres2 ? [row("PostgreSQL 15 (same machine), `--workers 2`", postgres2, null)] : []),
].join("\n");
const md = `## Declarations (\`npm run bench:declarations\`)

Measured ${new Date().toISOString().slice(0, 10)} on ${machineLine()}. \`amur serve\` with one process, then with
\`--workers 2\` (two server processes sharing the port; on SQLite they take turns at the write lock), on each
database (demo data loaded: risk rules, settings, tariff rules, rates); autocannon in the benchmark's process,
${CONNECTIONS} connections, ${DURATION} s. Each request files a 5-line declaration: validation against the
reference data, assessment of every line, the lane decision (rules, random selection), the declaration,
lines and timeline, one audit entry and two outbox events, in one transaction.
${postgres ? "" : "\nPostgreSQL not measured: set BENCH_PG_URL (or AMUR_TEST_PG_URL) to a server where the user may create databases.\n"}
${table}

Lanes given (SQLite, 1 process): ${JSON.stringify(sqlite.lanes)}${postgres ? `; PostgreSQL, 1 process: ${JSON.stringify(postgres.lanes)}` : ""}.`;
writePerformanceSection("declarations", md);
process.stdout.write(`\n${table}\n\nwritten to docs/PERFORMANCE.md\n`);
