import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { type DbHandle, openSqlite } from "./db.ts";

// Two handles on one file stand for two server processes: each has its own connection and its own
// lock, exactly as `amur serve --workers 2` has.
describe("SQLite write lock between processes", () => {
  const open: DbHandle[] = [];
  let dir = "";
  afterEach(async () => {
    for (const h of open.splice(0)) await h.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function twoHandles() {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "amur-lock-"));
    const file = path.join(dir, "amur.sqlite");
    const a = openSqlite(file);
    const b = openSqlite(file);
    open.push(a, b);
    await sql`create table counter (id integer primary key, n integer not null)`.execute(a.db);
    await sql`insert into counter (id, n) values (1, 0)`.execute(a.db);
    return { a, b };
  }

  it("waits for the other process's transaction without blocking its own event loop, then commits", async () => {
    const { a, b } = await twoHandles();
    let releaseA: () => void = () => {};
    const aHolds = new Promise<void>((r) => {
      releaseA = r;
    });
    let aStarted: () => void = () => {};
    const aIsIn = new Promise<void>((r) => {
      aStarted = r;
    });
    const first = a.db.transaction().execute(async (trx) => {
      await sql`update counter set n = n + 1 where id = 1`.execute(trx);
      aStarted();
      await aHolds;
    });
    await aIsIn;

    // Read then write, as most operations do: with a deferred BEGIN this would fail at the write
    // (stale snapshot) instead of waiting.
    const second = b.db.transaction().execute(async (trx) => {
      const row = await sql<{ n: number }>`select n from counter where id = 1`.execute(trx);
      await sql`update counter set n = ${Number(row.rows[0]?.n) + 10} where id = 1`.execute(trx);
    });
    let secondDone = false;
    void second.then(() => {
      secondDone = true;
    });
    let ticks = 0;
    const timer = setInterval(() => {
      ticks += 1;
    }, 2);
    await new Promise((r) => setTimeout(r, 80));
    // B is still waiting, and this process kept running timers meanwhile (SQLite's own busy handler
    // would have slept in this thread and no timer would have fired).
    expect(secondDone).toBe(false);
    expect(ticks).toBeGreaterThan(5);
    releaseA();
    await first;
    await second;
    clearInterval(timer);
    const after = await sql<{ n: number }>`select n from counter where id = 1`.execute(b.db);
    expect(Number(after.rows[0]?.n)).toBe(11);
  });
});
