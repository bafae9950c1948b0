// npm run bench:http — authenticated reads (GET /api/v1/me) and audited writes (PATCH /api/v1/me:
// one audit entry and one outbox event per request) against a real `amur serve` on SQLite, 32
// concurrent connections on loopback. The server runs in its own process so the load generator does
// not share its event loop. Figures go to docs/PERFORMANCE.md.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { machineLine, writePerformanceSection } from "./report.ts";
import { freePort, waitForServer } from "./support.ts";

const DURATION = Number(process.env.BENCH_SECONDS ?? 20);
const CONNECTIONS = 32;
const PASSWORD = "bench password 0123456789";
const root = path.resolve(import.meta.dirname, "..");

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "amur-bench-"));
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
  },
  stdio: ["ignore", "ignore", "inherit"],
});

try {
  await waitForServer(`${base}`);
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "admin@amur.local", password: PASSWORD }),
  });
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const { csrfToken } = (await login.json()) as { csrfToken: string };

  const run = (title: string, opts: Partial<autocannon.Options>) =>
    new Promise<autocannon.Result>((resolve, reject) => {
      process.stdout.write(`\n${title}: ${CONNECTIONS} connections, ${DURATION} s…\n`);
      const instance = autocannon(
        { url: base, connections: CONNECTIONS, duration: DURATION, ...opts },
        (err, result) => (err ? reject(err) : resolve(result)),
      );
      autocannon.track(instance, {
        renderProgressBar: true,
        renderResultsTable: false,
        renderLatencyTable: false,
      });
    });

  const reads = await run("GET /api/v1/me", { url: `${base}/api/v1/me`, headers: { cookie } });
  let n = 0;
  const writes = await run("PATCH /api/v1/me (audited)", {
    requests: [
      {
        method: "PATCH",
        path: "/api/v1/me",
        headers: { cookie, "x-csrf-token": csrfToken, "content-type": "application/json" },
        setupRequest: (req) => ({ ...req, body: JSON.stringify({ displayName: `Bench ${n++}` }) }),
      },
    ],
  });

  const row = (name: string, r: autocannon.Result, target: number) => {
    const errors = r.errors + r.non2xx;
    const ok = r.requests.average >= target && r.latency.p99 <= 20 && errors === 0;
    return `| ${name} | ${Math.round(r.requests.average).toLocaleString("en")} | ${r.latency.p50} | ${r.latency.p99} | ${errors} | ≥ ${target.toLocaleString("en")} req/s, p99 ≤ 20 ms | ${ok ? "met" : "**not met**"} |`;
  };
  const table = [
    "| request | req/s | p50 ms | p99 ms | errors | target | |",
    "|---|---:|---:|---:|---:|---|---|",
    row("GET /api/v1/me (session cookie)", reads, 15_000),
    row("PATCH /api/v1/me (audit entry + outbox event)", writes, 3_000),
  ].join("\n");
  const md = `## HTTP (\`npm run bench:http\`)

Measured ${new Date().toISOString().slice(0, 10)} on ${machineLine()}. SQLite (WAL, synchronous=NORMAL), one
\`amur serve\` process; autocannon in a second process on the same machine (so the two share the 2 cores),
${CONNECTIONS} connections, ${DURATION} s per row.

${table}

Status codes: reads ${JSON.stringify(reads.statusCodeStats)}, writes ${JSON.stringify(writes.statusCodeStats)}.`;
  writePerformanceSection("http", md);
  process.stdout.write(`\n${table}\n\nwritten to docs/PERFORMANCE.md\n`);
} finally {
  server.kill("SIGTERM");
  await new Promise((r) => server.once("exit", r));
  fs.rmSync(dataDir, { recursive: true, force: true });
}
