import { expect, it } from "vitest";
import { describeEachDialect } from "../../../test/harness.ts";
import { verifyAuditChain } from "../audit/audit.ts";
import { operationDeps } from "../deps.ts";
import { AppError } from "../errors.ts";
import { defineOperation, runOperation, SYSTEM_ACTOR } from "../operations.ts";

/** Writes one organization and an audit entry, or fails after writing when told to. */
const write = defineOperation({
  name: "test.groupWrite",
  async run(ctx, input: { name: string; fail: boolean }) {
    await ctx.trx
      .insertInto("organizations")
      .values({
        id: crypto.randomUUID(),
        kind: "enterprise",
        side: "CN",
        name: input.name,
        name_zh: null,
        name_ru: null,
        name_en: null,
        created_at: ctx.now,
        is_sample: 1,
      })
      .execute();
    await ctx.audit({
      action: "test.group_write",
      targetType: "organization",
      targetId: input.name,
      summary: {},
    });
    if (input.fail) throw new AppError("CONFLICT", { reason: input.name });
    return input.name;
  },
});

describeEachDialect("write transactions under concurrency", ({ deps }) => {
  it("commits concurrent operations together, each failure rolled back alone with its own error", async () => {
    const prefix = `gc-${Date.now()}`;
    const runs = Array.from({ length: 40 }, (_, i) =>
      runOperation(
        operationDeps(deps()),
        write,
        { name: `${prefix}-${i}`, fail: i % 7 === 3 },
        { actor: SYSTEM_ACTOR },
      ),
    );
    const settled = await Promise.allSettled(runs);
    settled.forEach((s, i) => {
      if (i % 7 === 3) {
        expect(s.status).toBe("rejected");
        expect((s as PromiseRejectedResult).reason).toMatchObject({
          code: "CONFLICT",
          params: { reason: `${prefix}-${i}` },
        });
      } else {
        expect(s).toEqual({ status: "fulfilled", value: `${prefix}-${i}` });
      }
    });
    const rows = await deps()
      .db.db.selectFrom("organizations")
      .select("name")
      .where("name", "like", `${prefix}-%`)
      .execute();
    const expected = Array.from({ length: 40 }, (_, i) => i)
      .filter((i) => i % 7 !== 3)
      .map((i) => `${prefix}-${i}`);
    expect(rows.map((r) => r.name).sort()).toEqual(expected.sort());
    // The audit chain holds: no entry of a failed operation, no gap.
    const entries = await deps()
      .db.db.selectFrom("audit_log")
      .select("target_id")
      .where("action", "=", "test.group_write")
      .execute();
    expect(entries.map((e) => e.target_id).sort()).toEqual(expected.sort());
    expect((await verifyAuditChain(deps().db.db)).ok).toBe(true);
  });

  it("settles an operation only after its data can be read", async () => {
    const name = `gc-read-${Date.now()}`;
    const results = await Promise.all(
      [0, 1, 2].map((i) =>
        runOperation(
          operationDeps(deps()),
          write,
          { name: `${name}-${i}`, fail: false },
          { actor: SYSTEM_ACTOR },
        ).then(
          async () =>
            (
              await deps()
                .db.db.selectFrom("organizations")
                .select("name")
                .where("name", "=", `${name}-${i}`)
                .execute()
            ).length,
        ),
      ),
    );
    expect(results).toEqual([1, 1, 1]);
  });

  it("groups operations that arrive in separate callbacks of one event-loop turn", async () => {
    const handle = deps().db;
    const name = `gc-turn-${Date.now()}`;
    const original = handle.db.transaction.bind(handle.db);
    let transactions = 0;
    handle.db.transaction = () => {
      transactions += 1;
      return original();
    };
    try {
      // Callbacks queued together run in one phase of the event loop (microtasks drained between
      // them), as the handlers of sockets readable together do: each starts its own operation.
      const runs = await new Promise<Promise<string>[]>((resolve) => {
        const started: Promise<string>[] = [];
        for (let i = 0; i < 5; i++) {
          setImmediate(() => {
            started.push(
              runOperation(
                operationDeps(deps()),
                write,
                { name: `${name}-${i}`, fail: false },
                { actor: SYSTEM_ACTOR },
              ),
            );
            if (started.length === 5) resolve(started);
          });
        }
      });
      expect(await Promise.all(runs)).toEqual([0, 1, 2, 3, 4].map((i) => `${name}-${i}`));
    } finally {
      handle.db.transaction = original;
    }
    // SQLite commits the five together; PostgreSQL gives each its own transaction.
    expect(transactions).toBe(handle.dialect === "sqlite" ? 1 : 5);
  });
});
