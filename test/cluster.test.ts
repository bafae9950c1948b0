import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleDeclarationInput } from "../src/modules/declarations/declarations.fixtures.ts";

// `amur serve --workers 2` on SQLite, as an operator runs it: a primary process and two workers on one
// port. Each request below goes over a new connection, so the primary hands them to both workers.

const root = path.resolve(import.meta.dirname, "..");
const PASSWORD = "cluster Demo password 42";
let dataDir = "";
let child: ChildProcess;
let base = "";
let output = "";

interface Answer {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

/** One request on a connection of its own. */
function request(
  method: string,
  url: string,
  options: { headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${base}${url}`,
      { method, agent: false, headers: { connection: "close", ...options.headers } },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => {
          body += d;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

async function login(email: string) {
  const r = await request("POST", "/api/v1/auth/login", {
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  expect(r.status, r.body).toBe(200);
  const cookie = String(r.headers["set-cookie"]?.[0] ?? "").split(";")[0] ?? "";
  const { csrfToken } = JSON.parse(r.body) as { csrfToken: string };
  return { cookie, csrfToken };
}

/** The roles of the processes that answer `n` fresh connections. */
async function rolesSeen(n: number): Promise<Set<string>> {
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    const r = await request("GET", "/api/health");
    if (r.status === 200) seen.add((JSON.parse(r.body) as { process: string }).process);
  }
  return seen;
}

function workerPids(): number[] {
  const out = execFileSync("ps", ["-o", "pid=", "--ppid", String(child.pid)], { encoding: "utf8" });
  return out
    .split("\n")
    .map((s) => Number(s.trim()))
    .filter((n) => n > 0);
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "amur-cluster-"));
  child = spawn(
    process.execPath,
    [path.join(root, "bin/amur.js"), "serve", "--workers", "2", "--port", "0"],
    {
      cwd: root,
      env: { ...process.env, AMUR_DATA_DIR: dataDir, AMUR_DEMO_PASSWORD: PASSWORD, AMUR_LOG_LEVEL: "warn" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child.stdout?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  const deadline = Date.now() + 90_000;
  while (!/running at (http:\/\/\S+)/.test(output)) {
    if (child.exitCode !== null) throw new Error(`amur serve exited early:\n${output}`);
    if (Date.now() > deadline) throw new Error(`amur serve did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  base = (/running at (http:\/\/\S+)/.exec(output)?.[1] ?? "").replace("localhost", "127.0.0.1");
}, 120_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill("SIGKILL");
  }
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("amur serve --workers 2 (SQLite)", () => {
  it("serves from both workers, and statistics from any of them", async () => {
    expect(output).toContain("Server processes: 2");
    expect(await rolesSeen(12)).toEqual(new Set(["lead", "follower"]));

    const stats = await login("stats.fcs@sample.amur.local");
    for (let i = 0; i < 6; i++) {
      const r = await request("GET", "/api/v1/statistics/datasets", { headers: { cookie: stats.cookie } });
      expect(r.status, r.body).toBe(200);
      expect((JSON.parse(r.body) as { items: unknown[] }).items.length).toBeGreaterThan(0);
    }
    // Forwarded requests are still checked, by the lead: no session, no statistics, in Russian.
    for (let i = 0; i < 4; i++) {
      const r = await request("GET", "/api/v1/statistics/datasets", { headers: { "accept-language": "ru" } });
      expect(r.status).toBe(401);
      expect((JSON.parse(r.body) as { title: string }).title).toMatch(/[А-Яа-я]/);
    }
  });

  it("files declarations from both workers at once: none refused, none lost", async () => {
    const trader = await login("trader.suifenhe@sample.amur.local");
    const body = JSON.stringify(sampleDeclarationInput("CN", "export"));
    const headers = {
      cookie: trader.cookie,
      "x-csrf-token": trader.csrfToken,
      "content-type": "application/json",
    };
    const answers = await Promise.all(
      Array.from({ length: 40 }, () => request("POST", "/api/v1/declarations", { headers, body })),
    );
    for (const a of answers) expect(a.status, a.body).toBe(201);
    const numbers = new Set(answers.map((a) => (JSON.parse(a.body) as { number: string }).number));
    expect(numbers.size).toBe(40);
    // Every one is stored once, whichever worker took it.
    const list = await request("GET", "/api/v1/declarations?limit=200", {
      headers: { cookie: trader.cookie },
    });
    const listed = (JSON.parse(list.body) as { items: { number: string }[] }).items.map((d) => d.number);
    for (const n of numbers) expect(listed).toContain(n);
  });

  it("starts a new lead when the lead dies (followers find it), and stops all on SIGTERM", async () => {
    const stats = await login("stats.fcs@sample.amur.local");
    const before = workerPids();
    expect(before).toHaveLength(2);
    // The lead is forked first.
    const lead = Math.min(...before);
    process.kill(lead, "SIGKILL");
    const deadline = Date.now() + 30_000;
    let now = before;
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 300));
      now = workerPids();
      if (now.length === 2 && !now.includes(lead)) break;
    }
    expect(now).toHaveLength(2);
    expect(now).not.toContain(lead);
    let roles = new Set<string>();
    while (Date.now() < deadline && roles.size < 2) roles = await rolesSeen(8);
    expect(roles).toEqual(new Set(["lead", "follower"]));
    // The follower forwards to the new lead once the primary has told it where the lead listens: the
    // new lead may answer its first request before that message has reached the follower, which
    // meanwhile answers 503 ("try again in a few seconds").
    const datasets = () =>
      request("GET", "/api/v1/statistics/datasets", { headers: { cookie: stats.cookie } });
    let statuses: number[] = [];
    while (Date.now() < deadline) {
      statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await datasets()).status);
      if (statuses.every((status) => status === 200)) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(statuses).toEqual([200, 200, 200, 200]);
    for (let i = 0; i < 6; i++) {
      const r = await request("GET", "/api/v1/statistics/datasets", { headers: { cookie: stats.cookie } });
      expect(r.status, r.body).toBe(200);
    }

    const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    await expect(request("GET", "/api/health")).rejects.toThrow();
  });
});
