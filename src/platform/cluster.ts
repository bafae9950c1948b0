import cluster, { type Worker } from "node:cluster";
import http from "node:http";
import type { Logger } from "pino";
import { randomToken } from "./auth/crypto.ts";
import type { WriteTurns } from "./db/db.ts";
import type { AmurApp } from "./http/app.ts";

/**
 * `amur serve --workers N`: N processes serve the same port (Node's cluster module hands each new
 * connection to the next worker). Every worker has its own database connection; on SQLite they take
 * turns at the write lock (see db.ts), on PostgreSQL each has its pool.
 *
 * Some things exist once per installation, and they live in the first worker, the lead:
 * - the statistics store (DuckDB lets one process open its file): the other workers, followers,
 *   forward /api/v1/statistics/* to the lead, and ask it for the unit-value bands the risk engine
 *   uses;
 * - the outbox dispatcher and the background jobs. Events committed by a follower reach the lead's
 *   dispatcher on its next poll (AMUR_OUTBOX_POLL_MS).
 *
 * The lead listens on a second, loopback-only port for the followers. Requests forwarded there are
 * ordinary API requests, authenticated and authorized by the lead as any other; the band lookup needs
 * the token the primary process gives its workers.
 *
 * Per process, and so per worker: /metrics, the login rate limit, the caches (which look for other
 * processes' changes at least every second, as with several servers on one PostgreSQL database).
 */

const ROLE_ENV = "AMUR_WORKER_ROLE";
const TOKEN_ENV = "AMUR_INTERNAL_TOKEN";
const LEAD_ENV = "AMUR_LEAD_URL";
/** Paths a follower forwards to the lead. */
const LEAD_ONLY = "/api/v1/statistics/";
export const BANDS_PATH = "/internal/v1/unit-value-bands";
export const TOKEN_HEADER = "x-amur-internal-token";

/** What a follower knows of the lead: where it is (it changes if the lead is restarted) and the token. */
export interface LeadLink {
  url(): string;
  token: string;
}

export type WorkerRole =
  | { kind: "single" }
  | { kind: "lead"; token: string }
  | { kind: "follower"; lead: LeadLink };

interface ReadyMessage {
  type: "amur:ready";
  url: string;
  internalUrl: string | null;
}

/** Which process this is: the only one, or a worker of `amur serve --workers N`. */
export function processRole(): WorkerRole["kind"] {
  if (!cluster.isWorker) return "single";
  return process.env[ROLE_ENV] === "lead" ? "lead" : "follower";
}

/** This process's role, from what the primary put in its environment. */
export function workerRole(): WorkerRole {
  const kind = processRole();
  if (kind === "single") return { kind };
  const token = process.env[TOKEN_ENV] ?? "";
  if (kind === "lead") return { kind, token };
  let leadUrl = process.env[LEAD_ENV] ?? "";
  process.on("message", (m: unknown) => {
    const msg = m as { type?: string; url?: string };
    if (msg?.type === "amur:lead" && typeof msg.url === "string") leadUrl = msg.url;
  });
  return { kind: "follower", lead: { url: () => leadUrl, token } };
}

/** In a worker: turns at SQLite's write lock, asked of the primary (see runWorkers). */
export function writeTurnsFromPrimary(): WriteTurns {
  const granted: (() => void)[] = [];
  process.on("message", (m: unknown) => {
    if ((m as { type?: string })?.type === "amur:turn") granted.shift()?.();
  });
  return {
    acquire: () =>
      new Promise<void>((resolve) => {
        granted.push(resolve);
        process.send?.({ type: "amur:turn?" });
      }),
    release: () => {
      process.send?.({ type: "amur:turn!" });
    },
  };
}

/**
 * Tells the primary that this worker is ready to listen and waits for its go: the lead first, then the
 * followers once they know where the lead is (runWorkers).
 */
export function awaitListen(): Promise<void> {
  return new Promise<void>((resolve) => {
    const onMessage = (m: unknown) => {
      if ((m as { type?: string })?.type !== "amur:listen") return;
      process.off("message", onMessage);
      resolve();
    };
    process.on("message", onMessage);
    process.send?.({ type: "amur:prepared" });
  });
}

/** Tells the primary that this worker listens (and, for the lead, where followers reach it). */
export function reportReady(url: string, internalUrl: string | null): void {
  const message: ReadyMessage = { type: "amur:ready", url, internalUrl };
  process.send?.(message);
}

export function isLeadOnly(url: string): boolean {
  return url.startsWith(LEAD_ONLY);
}

/**
 * The lead's loopback listener: the band lookup (token required), everything else into the app as
 * if it had arrived on the public port.
 */
export async function startLeadListener(
  app: AmurApp,
  token: string,
  bands: () => Promise<unknown>,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    if (req.url === BANDS_PATH) {
      if (req.headers[TOKEN_HEADER] !== token) {
        res.writeHead(403).end();
        return;
      }
      bands().then(
        (body) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body)),
        () => res.writeHead(503).end(),
      );
      return;
    }
    app.routing(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Passes a request on to the lead as it came, and its answer back as it comes. */
export function forwardToLead(
  lead: LeadLink,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  onError: (error: Error) => void,
): void {
  let target: URL;
  try {
    target = new URL(req.url ?? "/", lead.url());
  } catch {
    onError(new Error("the lead worker has not said where it listens yet"));
    return;
  }
  const upstream = http.request(
    target,
    { method: req.method, headers: { ...req.headers, connection: "close" } },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on("error", (error) => {
    if (res.headersSent) res.destroy(error);
    else onError(error);
  });
  req.pipe(upstream);
}

/**
 * The primary process: starts the lead, then the followers, restarts a worker that dies (up to a
 * limit, so a worker that cannot start does not loop for ever), and stops them all on SIGTERM/SIGINT.
 * Resolves with the public URL once every worker listens.
 */
export async function runWorkers(count: number, log: Logger): Promise<{ url: string }> {
  const token = randomToken(24);
  const roles = new Map<Worker, "lead" | "follower">();
  let leadUrl = "";
  let stopping = false;
  const restarts: number[] = [];

  // The write lock's turns: one worker holds it, the others wait in the order they asked.
  const waiting: Worker[] = [];
  let holder: Worker | null = null;
  const grant = () => {
    while (!holder && waiting.length > 0) {
      const next = waiting.shift() as Worker;
      if (next.isDead() || !next.isConnected()) continue;
      holder = next;
      next.send({ type: "amur:turn" });
    }
  };
  const letGo = (worker: Worker) => {
    for (let i = waiting.indexOf(worker); i >= 0; i = waiting.indexOf(worker)) waiting.splice(i, 1);
    if (holder === worker) holder = null;
    grant();
  };

  const fork = (role: "lead" | "follower") => {
    const worker = cluster.fork({ [ROLE_ENV]: role, [TOKEN_ENV]: token, [LEAD_ENV]: leadUrl });
    roles.set(worker, role);
    worker.on("message", (m: unknown) => {
      const type = (m as { type?: string })?.type;
      if (type === "amur:turn?") {
        waiting.push(worker);
        grant();
      } else if (type === "amur:turn!" && holder === worker) {
        holder = null;
        grant();
      }
    });
    return worker;
  };
  const message = <T>(worker: Worker, type: string) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (m: unknown) => {
        if ((m as { type?: string })?.type !== type) return;
        worker.off("message", onMessage);
        worker.off("exit", onExit);
        resolve(m as T);
      };
      const onExit = (code: number | null) =>
        reject(new Error(`worker ${worker.process.pid} exited (${code}) before it listened`));
      worker.on("message", onMessage);
      worker.once("exit", onExit);
    });
  /** Prepared → told to listen → listening. */
  const start = async (worker: Worker) => {
    await message(worker, "amur:prepared");
    worker.send({ type: "amur:listen" });
    return message<ReadyMessage>(worker, "amur:ready");
  };
  const announceLead = (m: ReadyMessage) => {
    leadUrl = m.internalUrl ?? "";
    for (const [w, role] of roles) if (role === "follower") w.send({ type: "amur:lead", url: leadUrl });
  };

  // All start at once; the lead listens first, so that the followers know where it is before they
  // take requests, and they follow at once, before a client has had time to open many connections.
  const lead = fork("lead");
  const followers = Array.from({ length: count - 1 }, () => fork("follower"));
  let first: ReadyMessage;
  try {
    const prepared = Promise.all(followers.map((w) => message(w, "amur:prepared")));
    first = await start(lead);
    announceLead(first);
    await prepared;
    for (const w of followers) w.send({ type: "amur:listen" });
    await Promise.all(followers.map((w) => message<ReadyMessage>(w, "amur:ready")));
  } catch (e) {
    // One did not start: none stays behind without its primary.
    stopping = true;
    for (const w of roles.keys()) w.process.kill("SIGTERM");
    throw e;
  }

  /** Stops every worker gracefully, then this process. */
  const stopAll = (exitCode: number) => {
    stopping = true;
    const alive = [...roles.keys()];
    if (alive.length === 0) process.exit(exitCode);
    let left = alive.length;
    for (const w of alive) {
      w.once("exit", () => {
        left -= 1;
        if (left === 0) process.exit(exitCode);
      });
      w.process.kill("SIGTERM");
    }
  };

  cluster.on("exit", (worker, code, signal) => {
    const role = roles.get(worker);
    roles.delete(worker);
    letGo(worker);
    if (stopping || !role) return;
    const now = Date.now();
    restarts.push(now);
    while ((restarts[0] ?? now) < now - 60_000) restarts.shift();
    if (restarts.length > 5) {
      log.fatal({ pid: worker.process.pid, code, signal }, "workers keep stopping; giving up");
      stopAll(1);
      return;
    }
    log.error({ pid: worker.process.pid, code, signal, role }, "worker stopped; starting another");
    start(fork(role)).then(
      (m) => {
        if (role === "lead") announceLead(m);
      },
      (err: unknown) => log.error({ err }, "the new worker did not start"),
    );
  });

  for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => stopAll(0));
  return { url: first.url };
}
