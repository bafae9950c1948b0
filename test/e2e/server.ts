import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

const repoRoot = path.resolve(import.meta.dirname, "../..");

export interface RunningAmur {
  url: string;
  /** The password of every demo account, admin@amur.local included. */
  password: string;
  /** The last 20,000 characters the server wrote (its warnings and errors), for a failed test's report. */
  log(): string;
  stop(): Promise<void>;
}

/** Asks the OS for a port nobody listens on. (Another process could take it before us; unlikely in CI.) */
async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  server.close();
  await once(server, "close");
  if (address === null || typeof address === "string") throw new Error("could not get a free port");
  return address.port;
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`amur serve exited with code ${child.exitCode} before it was healthy:\n${output()}`);
    }
    try {
      const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`amur serve did not become healthy within 60 s:\n${output()}`);
}

/**
 * Starts `amur serve` on a fresh temporary data directory (so it migrates and loads the demo data) and
 * a free port, and resolves once /api/health answers. The web app must be built to dist/web first.
 */
export async function startAmur(): Promise<RunningAmur> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "amur-e2e-"));
  const port = await freePort();
  const password = "e2e-Demo-Passw0rd-Amur";
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["bin/amur.js", "serve"], {
    cwd: repoRoot,
    env: {
      ...process.env,
      AMUR_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: "127.0.0.1",
      AMUR_DEMO_PASSWORD: password,
      AMUR_LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // Keep the server's output for the error message if it fails to start, and pass it on afterwards.
  let log = "";
  const collect = (chunk: Buffer) => {
    log += chunk.toString("utf8");
    if (log.length > 20_000) log = log.slice(-20_000);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForHealth(url, child, () => log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, password, log: () => log, stop };
}
