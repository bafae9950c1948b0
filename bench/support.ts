import net from "node:net";
import pg from "pg";

/** What the benchmarks that start a real server share: a free port, waiting for it, a throw-away PostgreSQL database. */

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** Waits until the server at `base` answers its health check (two minutes at the most). */
export async function waitForServer(base: string): Promise<void> {
  for (let i = 0; ; i += 1) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {}
    if (i > 240) throw new Error("server did not start");
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * Runs `fn` with the URL of a new database on the server `adminUrl` names (the user must be allowed to
 * create databases), and drops the database afterwards.
 */
export async function withTempPgDatabase<T>(
  adminUrl: string,
  label: string,
  fn: (url: string) => Promise<T>,
): Promise<T> {
  const name = `amur_bench_${label}_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  try {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return await fn(url.toString());
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
