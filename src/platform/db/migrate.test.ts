import { randomBytes } from "node:crypto";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { openTestDb, PG_URL } from "../../../test/harness.ts";
import { migrateToLatest, migratorView } from "./migrate.ts";

/** Creates and drops a schema of many tables in a loop until stopped, as parallel test files do. */
function churnSchemas(url: string) {
  let running = true;
  const done = (async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      while (running) {
        const schema = `amur_churn_${randomBytes(6).toString("hex")}`;
        const tables = Array.from(
          { length: 40 },
          (_, i) => `create table ${schema}.t${i} (id serial primary key)`,
        );
        await c.query(`create schema ${schema}; ${tables.join("; ")}`);
        await c.query(`drop schema ${schema} cascade`);
      }
    } finally {
      await c.end();
    }
  })();
  return async () => {
    running = false;
    await done;
  };
}

describe.skipIf(!PG_URL)("migrations on PostgreSQL beside other schemas", () => {
  it("sees only its own schema's tables", async () => {
    const a = await openTestDb("postgres");
    const b = await openTestDb("postgres");
    try {
      await migrateToLatest(a.handle);
      const own = await migratorView(b.handle).introspection.getTables();
      expect(own).toEqual([]);
      const other = await migratorView(a.handle).introspection.getTables();
      expect(other.map((t) => t.name)).toContain("declaration_lines");
      expect(new Set(other.map((t) => t.schema))).toEqual(new Set([a.handle.schema]));
    } finally {
      await a.drop();
      await b.drop();
    }
  });

  it("migrates while another process creates and drops schemas full of tables", async () => {
    const churners = [1, 2, 3].map(() => churnSchemas(PG_URL as string));
    const stop = () => Promise.all(churners.map((s) => s()));
    try {
      for (let i = 0; i < 10; i++) {
        const { handle, drop } = await openTestDb("postgres");
        try {
          const report = await migrateToLatest(handle);
          expect(report.applied).toHaveLength(report.total);
        } finally {
          await drop();
        }
      }
    } finally {
      await stop();
    }
  }, 60_000);
});
