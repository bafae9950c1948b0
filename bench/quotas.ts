// npm run bench:quotas — 64 connections reserving from 100 licences for 20 s through HTTP
// (POST /api/v1/licences/{number}/reserve as a customs officer, 1 t per request, each with its own
// reference), against a real `amur serve` on SQLite and then on PostgreSQL (when BENCH_PG_URL or
// AMUR_TEST_PG_URL names a server). At the end the invariant is checked for every licence:
// reserved = Σ reservations − Σ consumed − Σ returned, reserved + consumed + remaining = amount,
// remaining ≥ 0, and one reservation movement per successful request. Figures go to docs/PERFORMANCE.md.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import pino from "pino";
import { fixtureLicence } from "../src/modules/quotas/quotas.fixtures.ts";
import { loadConfig } from "../src/platform/config.ts";
import { createDeps } from "../src/platform/server.ts";
import { machineLine, writePerformanceSection } from "./report.ts";
import { freePort, waitForServer, withTempPgDatabase } from "./support.ts";

const DURATION = Number(process.env.BENCH_SECONDS ?? 20);
const CONNECTIONS = 64;
const LICENCES = 100;
const PASSWORD = "bench password 0123456789";
const root = path.resolve(import.meta.dirname, "..");
const PG_URL = process.env.BENCH_PG_URL ?? process.env.AMUR_TEST_PG_URL ?? null;

interface Outcome {
  result: autocannon.Result;
  ok: number;
  exhausted: number;
  invariant: string;
}

async function measure(label: string, env: Record<string, string>): Promise<Outcome> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "amur-bench-quotas-"));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const serverEnv = {
    ...process.env,
    AMUR_DATA_DIR: dataDir,
    PORT: String(port),
    AMUR_DEMO_PASSWORD: PASSWORD,
    AMUR_LOG_LEVEL: "warn",
    ...env,
  };
  const server = spawn(process.execPath, [path.join(root, "bin/amur.js"), "serve"], {
    cwd: root,
    env: serverEnv,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const deps = { current: null as Awaited<ReturnType<typeof createDeps>> | null };
  try {
    await waitForServer(`${base}`);
    // 100 licences of 1,000,000 t each, held by made-up Russian enterprises, in published pools.
    deps.current = await createDeps(
      loadConfig({
        AMUR_DATA_DIR: dataDir,
        AMUR_LOG_LEVEL: "silent",
        ...(env.AMUR_DATABASE_URL ? { AMUR_DATABASE_URL: env.AMUR_DATABASE_URL } : {}),
      }),
      { log: pino({ level: "silent" }) },
    );
    await deps.current.outbox.stop();
    const numbers: string[] = [];
    for (let i = 0; i < LICENCES; i++)
      numbers.push(
        (
          await fixtureLicence(deps.current, "RU", undefined, "1000000", {
            hsPrefixes: [`27${String(i % 10)}`],
          })
        ).number,
      );

    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "officer.fecd@sample.amur.local", password: PASSWORD }),
    });
    if (!login.ok) throw new Error(`login failed: ${login.status}`);
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const headers = { cookie, "x-csrf-token": csrfToken, "content-type": "application/json" };
    process.stdout.write(
      `\n${label}: reserve 1 t, ${LICENCES} licences, ${CONNECTIONS} connections, ${DURATION} s…\n`,
    );
    let n = 0;
    let ok = 0;
    let exhausted = 0;
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        {
          url: base,
          connections: CONNECTIONS,
          duration: DURATION,
          requests: [
            {
              method: "POST",
              headers,
              setupRequest: (req) => {
                n += 1;
                return {
                  ...req,
                  path: `/api/v1/licences/${numbers[n % LICENCES]}/reserve`,
                  body: JSON.stringify({ reference: `bench-${n}`, amount: "1" }),
                };
              },
              onResponse: (status) => {
                if (status === 200) ok += 1;
                else if (status === 409) exhausted += 1;
              },
            },
          ],
        },
        (err, r) => (err ? reject(err) : resolve(r)),
      );
      autocannon.track(instance, {
        renderProgressBar: true,
        renderResultsTable: false,
        renderLatencyTable: false,
      });
    });

    // Let the server finish what is in flight (graceful stop), then check the invariant, licence by
    // licence, from the movements.
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    const db = deps.current.db.db;
    const rows = await db.selectFrom("licences").selectAll().where("number", "in", numbers).execute();
    const moves = await db
      .selectFrom("licence_movements")
      .select([
        "licence_id",
        "kind",
        (eb) => eb.fn.sum<number>("amount_milli").as("s"),
        (eb) => eb.fn.countAll<number>().as("n"),
      ])
      .where(
        "licence_id",
        "in",
        rows.map((r) => r.id),
      )
      .groupBy(["licence_id", "kind"])
      .execute();
    let broken = 0;
    let reservations = 0;
    for (const l of rows) {
      const s = (k: string) => Number(moves.find((m) => m.licence_id === l.id && m.kind === k)?.s ?? 0);
      reservations += Number(moves.find((m) => m.licence_id === l.id && m.kind === "reserve")?.n ?? 0);
      const remaining = Number(l.amount_milli) - Number(l.reserved_milli) - Number(l.consumed_milli);
      if (
        Number(l.reserved_milli) !== s("reserve") - s("consume") - s("return") ||
        Number(l.consumed_milli) !== s("consume") ||
        remaining < 0
      )
        broken += 1;
    }
    // Requests still in flight when the run stops are applied by the server but not counted by the
    // client, so there may be a few more movements than counted answers, never fewer.
    const inFlight = reservations - ok;
    const invariant =
      broken === 0 && inFlight >= 0 && inFlight <= CONNECTIONS
        ? `holds for all ${rows.length} licences; ${reservations.toLocaleString("en")} reservations recorded (${ok.toLocaleString("en")} answered before the stop, ${inFlight} in flight)`
        : `**broken** for ${broken} licences; ${reservations} movements vs ${ok} successful requests`;
    process.stdout.write(`invariant: ${invariant}\n`);
    return { result, ok, exhausted, invariant };
  } finally {
    await deps.current?.db.close();
    if (server.exitCode === null && server.signalCode === null) {
      server.kill("SIGTERM");
      await new Promise((r) => server.once("exit", r));
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const sqlite = await measure("SQLite", {});
let postgres: Outcome | null = null;
if (PG_URL)
  postgres = await withTempPgDatabase(PG_URL, "q", (url) =>
    measure("PostgreSQL", { AMUR_DATABASE_URL: url }),
  );

const row = (name: string, o: Outcome, target: number | null) => {
  const r = o.result;
  const errors = r.errors + r.non2xx;
  const rate = o.ok / DURATION;
  const verdict =
    target === null
      ? "reported"
      : rate >= target && errors === 0 && !o.invariant.includes("broken")
        ? "met"
        : "**not met**";
  return `| ${name} | ${Math.round(rate).toLocaleString("en")} | ${r.latency.p50} | ${r.latency.p99} | ${errors} | ${o.invariant} | ${target === null ? "—" : `≥ ${target.toLocaleString("en")}/s, invariant intact`} | ${verdict} |`;
};
const table = [
  "| database | reservations/s | p50 ms | p99 ms | errors | invariant at the end | target | |",
  "|---|---:|---:|---:|---:|---|---|---|",
  row("SQLite", sqlite, 2_000),
  ...(postgres ? [row("PostgreSQL 15 (same machine)", postgres, null)] : []),
].join("\n");
const md = `## Quotas (\`npm run bench:quotas\`)

Measured ${new Date().toISOString().slice(0, 10)} on ${machineLine()}. One \`amur serve\` process per database;
autocannon in a second process on the same machine, ${CONNECTIONS} connections, ${DURATION} s, spread over
${LICENCES} licences. Each request reserves 1 t for its own reference: one movement row (once per licence and
reference), one conditional UPDATE (only when the remaining amount covers it), one audit entry, in one
transaction (grouped with concurrent ones on SQLite).
${postgres ? "" : "\nPostgreSQL not measured: set BENCH_PG_URL (or AMUR_TEST_PG_URL) to a server where the user may create databases.\n"}
${table}`;
writePerformanceSection("quotas", md);
process.stdout.write(`\n${table}\n\nwritten to docs/PERFORMANCE.md\n`);
