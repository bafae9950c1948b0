import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { startCheckpointer } from "./checkpointer.ts";

async function until(condition: () => boolean, what: string) {
  for (let i = 0; i < 500; i++) {
    if (condition()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`gave up waiting: ${what}`);
}

describe("WAL checkpoints in a background thread", () => {
  let dir = "";
  afterEach(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A new database file in WAL mode with one table, as the server opens it. */
  function walDatabase() {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "amur-ckpt-"));
    const file = path.join(dir, "a.sqlite");
    const db = new SQLite(file);
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.exec("create table t (id integer primary key, v text)");
    return { file, db };
  }

  it("takes the checkpoint off the committing connection, folds the log in later, and stops cleanly", async () => {
    const { file, db } = walDatabase();
    const checkpointer = startCheckpointer(file, db);
    await until(() => db.pragma("wal_autocheckpoint", { simple: true }) === 10_000, "thread ready");

    // About 8 MB in one commit: with SQLite's own checkpoint (1,000 pages) the commit would copy it
    // into the database file itself.
    const insert = db.prepare("insert into t (v) values (?)");
    db.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run(`${i}`.padEnd(4000, "x"));
    })();
    expect(fs.statSync(file).size).toBeLessThan(1_000_000);
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(8_000_000);
    await until(() => fs.statSync(file).size > 8_000_000, "the thread's checkpoint");

    // Written afterwards, still read back by the connection (from the log or the file).
    insert.run("after");
    expect(db.prepare("select count(*) as n from t").get()).toEqual({ n: 2001 });

    await checkpointer.stop();
    db.close();
    // The last connection to close folds what is left into the file and removes the log.
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    const again = new SQLite(file, { readonly: true });
    expect(again.prepare("select count(*) as n from t").get()).toEqual({ n: 2001 });
    again.close();
  });

  it("keeps the log bounded under writes without pause (the connection's backstop lets it start over)", async () => {
    const { file, db } = walDatabase();
    const checkpointer = startCheckpointer(file, db, { backstopPages: 500 });
    await until(() => db.pragma("wal_autocheckpoint", { simple: true }) === 500, "thread ready");
    const insert = db.prepare("insert into t (v) values (?)");
    const write = db.transaction(() => {
      for (let i = 0; i < 10; i++) insert.run("x".repeat(4000));
    });
    // About 24 MB in 600 transactions, one after another: 6,000 pages, twelve times the backstop.
    for (let k = 0; k < 600; k++) write();
    expect(fs.statSync(`${file}-wal`).size).toBeLessThan(4_000_000);
    await checkpointer.stop();
    db.close();
  });

  it("stopping before the thread is ready still ends it and leaves the connection usable", async () => {
    const { file, db } = walDatabase();
    const checkpointer = startCheckpointer(file, db);
    await checkpointer.stop();
    db.exec("insert into t default values");
    db.close();
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });
});
