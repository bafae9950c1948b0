import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { describeEachDialect } from "../../../test/harness.ts";
import { operationDeps } from "../deps.ts";
import { defineOperation, runOperation, SYSTEM_ACTOR } from "../operations.ts";
import { verifyAuditChain } from "./audit.ts";
import { canonicalJson } from "./canonical-json.ts";

const touch = defineOperation({
  name: "test.touch",
  async run(ctx, input: { n: number }) {
    await ctx.audit({
      action: "test.touched",
      targetType: "thing",
      targetId: String(input.n),
      summary: { n: input.n, note: "点 точка" },
    });
  },
});

describe("canonicalJson", () => {
  it("sorts keys at every depth and drops undefined", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: undefined, x: "х" }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"x":"х","z":1}]},"b":1}',
    );
  });
});

describeEachDialect("audit hash chain", ({ deps }) => {
  let baseline = 0;

  it("chains entries written by operations and verifies them", async () => {
    // The harness loads the regions dataset, which is audited too.
    baseline = (await deps().db.db.selectFrom("audit_log").select("seq").execute()).length;
    for (let n = 1; n <= 5; n += 1)
      await runOperation(operationDeps(deps()), touch, { n }, { actor: SYSTEM_ACTOR });
    const v = await verifyAuditChain(deps().db.db);
    expect(v).toMatchObject({ ok: true, count: baseline + 5 });
  });

  it("keeps one unbroken chain under concurrent writers", async () => {
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        runOperation(operationDeps(deps()), touch, { n: 100 + i }, { actor: SYSTEM_ACTOR }),
      ),
    );
    const v = await verifyAuditChain(deps().db.db);
    expect(v).toMatchObject({ ok: true, count: baseline + 29 });
  });

  it("rolls the audit entry back with the change when the operation fails", async () => {
    const failing = defineOperation({
      name: "test.fail",
      async run(ctx) {
        await ctx.audit({ action: "test.never", targetType: "thing", targetId: null, summary: {} });
        throw new Error("boom");
      },
    });
    await expect(runOperation(operationDeps(deps()), failing, {}, { actor: SYSTEM_ACTOR })).rejects.toThrow(
      "boom",
    );
    const rows = await deps()
      .db.db.selectFrom("audit_log")
      .select("action")
      .where("action", "=", "test.never")
      .execute();
    expect(rows).toHaveLength(0);
    expect((await verifyAuditChain(deps().db.db)).ok).toBe(true);
  });

  it("catches a tampered entry and names it", async () => {
    const db = deps().db.db;
    await db
      .updateTable("audit_log")
      .set({ summary: '{"n":3,"note":"edited"}' })
      .where("seq", "=", baseline + 3)
      .execute();
    const v = await verifyAuditChain(db);
    expect(v).toMatchObject({ ok: false, brokenAt: baseline + 3, reason: "hash", count: baseline + 2 });
  });

  it("catches a removed tail entry through the head", async () => {
    const db = deps().db.db;
    await db
      .updateTable("audit_log")
      .set({ summary: '{"n":3,"note":"点 точка"}' })
      .where("seq", "=", baseline + 3)
      .execute();
    expect((await verifyAuditChain(db)).ok).toBe(true);
    const last = await db.selectFrom("audit_head").select("last_seq").executeTakeFirstOrThrow();
    await db.deleteFrom("audit_log").where("seq", "=", Number(last.last_seq)).execute();
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, reason: "head" });
  });

  it("catches an entry deleted from the middle", async () => {
    const db = deps().db.db;
    await db.deleteFrom("audit_log").where("seq", "=", 2).execute();
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: 2, reason: "gap" });
    // Keep the raw SQL path honest on both dialects too.
    const n = await sql<{ c: number }>`select count(*) as c from audit_log`.execute(db);
    expect(Number(n.rows[0]?.c)).toBeGreaterThan(0);
  });
});
