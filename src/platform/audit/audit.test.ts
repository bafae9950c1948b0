import { createHash } from "node:crypto";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { describeEachDialect } from "../../../test/harness.ts";
import { operationDeps } from "../deps.ts";
import { defineOperation, runOperation, SYSTEM_ACTOR } from "../operations.ts";
import { auditHash, chainText, GENESIS_HASH, verifyAuditChain } from "./audit.ts";
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

describe("chainText", () => {
  it("splits the hashed text around the previous hash and the sequence number", () => {
    const base = {
      id: "0193-entry",
      occurred_at: "2026-11-23T01:00:00.000Z",
      actor_user_id: null,
      actor_label: "system",
      organization_id: null,
      action: "test.touched",
      target_type: "thing",
      target_id: null,
      request_id: null,
    };
    const summaries = [
      {},
      { note: '"prevHash":"x","seq":5 点 точка 𠀋', nested: { seq: 1, prevHash: "y" } },
      { quote: '\\"seq":1', list: [1, null, "\u0000"] },
    ];
    for (const [k, summary] of summaries.entries()) {
      const unhashed = { ...base, seq: 0, summary: canonicalJson(summary), prev_hash: GENESIS_HASH };
      const [before, between, after] = chainText(unhashed);
      const prev = createHash("sha256").update(String(k)).digest("hex");
      const seq = 1_000_000 + k;
      const text = `${before}${prev}${between}${seq}${after}`;
      expect(createHash("sha256").update(text).digest("hex")).toBe(
        auditHash({ ...unhashed, seq, prev_hash: prev }),
      );
    }
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

  it("appends an operation's entries after its other writes, in the order it recorded them", async () => {
    // The chain head is locked on PostgreSQL until the commit, so the entries go in last.
    const seen: number[] = [];
    const twice = defineOperation({
      name: "test.twice",
      async run(ctx) {
        const summary = { step: "recorded" };
        await ctx.audit({ action: "test.first", targetType: "thing", targetId: "a", summary });
        // What the entry says is what it said when recorded.
        summary.step = "changed afterwards";
        await ctx.audit({ action: "test.second", targetType: "thing", targetId: "b", summary: {} });
        const inside = await ctx.trx
          .selectFrom("audit_log")
          .select("seq")
          .where("action", "in", ["test.first", "test.second"])
          .execute();
        seen.push(inside.length);
      },
    });
    await runOperation(operationDeps(deps()), twice, {}, { actor: SYSTEM_ACTOR });
    expect(seen).toEqual([0]);
    const rows = await deps()
      .db.db.selectFrom("audit_log")
      .select(["seq", "action", "summary"])
      .where("action", "in", ["test.first", "test.second"])
      .orderBy("seq")
      .execute();
    expect(rows.map((r) => r.action)).toEqual(["test.first", "test.second"]);
    expect(rows[0]?.summary).toBe('{"step":"recorded"}');
    expect(Number(rows[1]?.seq)).toBe(Number(rows[0]?.seq) + 1);
    const v = await verifyAuditChain(deps().db.db);
    expect(v).toMatchObject({ ok: true, count: baseline + 31 });
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
