import pino from "pino";
import { expect, it } from "vitest";
import { describeEachDialect, testClock } from "../../../test/harness.ts";
import { defineOperation, runOperation, SYSTEM_ACTOR } from "../operations.ts";
import { type DomainEvent, OutboxDispatcher, outboxStats } from "./outbox.ts";

const clock = testClock();

const announce = defineOperation({
  name: "test.announce",
  async run(ctx, input: { tag: string }) {
    await ctx.emit({
      type: "test.announced",
      aggregateType: "thing",
      aggregateId: input.tag,
      payload: { tag: input.tag },
    });
  },
});

describeEachDialect(
  "outbox",
  ({ deps }) => {
    const silent = pino({ level: "silent" });
    const emit = (tag: string) =>
      runOperation({ db: deps().db, clock }, announce, { tag }, { actor: SYSTEM_ACTOR });

    it("retries a failing handler with backoff and marks the event done exactly once", async () => {
      await emit("retry");
      const seen: string[] = [];
      let calls = 0;
      const d = new OutboxDispatcher(deps().db, clock, silent, { backoffBaseMs: 1000 });
      d.register({
        name: "flaky",
        types: ["test.announced"],
        async handle(event: DomainEvent) {
          calls += 1;
          if (calls <= 2) throw new Error(`fail ${calls}`);
          seen.push((event.payload as { tag: string }).tag);
        },
      });
      expect(await d.dispatchOnce()).toEqual({ claimed: 1, done: 0, failed: 1 });
      // Not due again until the backoff has passed.
      expect((await d.dispatchOnce()).claimed).toBe(0);
      clock.advance(1000);
      expect(await d.dispatchOnce()).toEqual({ claimed: 1, done: 0, failed: 1 });
      clock.advance(1500);
      expect((await d.dispatchOnce()).claimed).toBe(0);
      clock.advance(1000);
      expect(await d.dispatchOnce()).toEqual({ claimed: 1, done: 1, failed: 0 });
      await d.drain();
      expect(seen).toEqual(["retry"]);
      const row = await deps()
        .db.db.selectFrom("outbox")
        .selectAll()
        .where("aggregate_id", "=", "retry")
        .executeTakeFirstOrThrow();
      expect(row.status).toBe("done");
      expect(Number(row.attempts)).toBe(3);
      expect(row.last_error).toBeNull();
    });

    it("re-runs only the handler that failed, not the ones that succeeded", async () => {
      await emit("partial");
      const counts = { a: 0, b: 0 };
      let failB = true;
      const d = new OutboxDispatcher(deps().db, clock, silent, { backoffBaseMs: 1 });
      d.register({
        name: "a",
        types: "*",
        handle: async () => {
          counts.a += 1;
        },
      });
      d.register({
        name: "b",
        types: "*",
        handle: async () => {
          counts.b += 1;
          if (failB) {
            failB = false;
            throw new Error("once");
          }
        },
      });
      await d.dispatchOnce();
      clock.advance(10);
      await d.drain();
      expect(counts).toEqual({ a: 1, b: 2 });
    });

    it("records an event no handler wants as done at once, and leaves a wanted one to the dispatcher", async () => {
      let kicks = 0;
      const run = (tag: string, wanted: boolean) =>
        runOperation(
          { db: deps().db, clock, wantsEvent: () => wanted, onEventsCommitted: () => (kicks += 1) },
          announce,
          { tag },
          { actor: SYSTEM_ACTOR },
        );
      await run("unwanted", false);
      await run("wanted", true);
      const rows = await deps()
        .db.db.selectFrom("outbox")
        .select(["aggregate_id", "status", "done_at"])
        .where("aggregate_id", "in", ["unwanted", "wanted"])
        .orderBy("aggregate_id")
        .execute();
      expect(rows).toEqual([
        { aggregate_id: "unwanted", status: "done", done_at: expect.any(String) },
        { aggregate_id: "wanted", status: "pending", done_at: null },
      ]);
      // Only the wanted event wakes the dispatcher.
      expect(kicks).toBe(1);
      await new OutboxDispatcher(deps().db, clock, silent).drain();
    });

    it("loses nothing when the process dies between commit and delivery", async () => {
      // The event is committed, but no dispatcher ran: as after a crash right after the commit.
      await emit("crash");
      expect((await outboxStats(deps().db.db, clock.now())).pending).toBeGreaterThanOrEqual(1);
      const delivered: string[] = [];
      const restarted = new OutboxDispatcher(deps().db, clock, silent);
      restarted.register({
        name: "after-restart",
        types: ["test.announced"],
        handle: async (e) => void delivered.push(e.aggregateId ?? ""),
      });
      await restarted.drain();
      expect(delivered).toContain("crash");
      const row = await deps()
        .db.db.selectFrom("outbox")
        .select("status")
        .where("aggregate_id", "=", "crash")
        .executeTakeFirstOrThrow();
      expect(row.status).toBe("done");
    });

    it("takes over a batch whose claiming process died once the claim expires", async () => {
      await emit("orphan");
      const now = clock.now();
      // Another process claimed it and vanished.
      await deps()
        .db.db.updateTable("outbox")
        .set({ claimed_until: new Date(now.getTime() + 60_000).toISOString() })
        .where("aggregate_id", "=", "orphan")
        .execute();
      const delivered: string[] = [];
      const d = new OutboxDispatcher(deps().db, clock, silent);
      d.register({
        name: "takeover",
        types: "*",
        handle: async (e) => void delivered.push(e.aggregateId ?? ""),
      });
      await d.drain();
      expect(delivered).not.toContain("orphan");
      clock.advance(60_001);
      await d.drain();
      expect(delivered).toContain("orphan");
    });

    it("two dispatchers sharing the database deliver each event to a handler once", async () => {
      for (let i = 0; i < 40; i += 1) await emit(`shared-${i}`);
      const seen = new Map<string, number>();
      const make = () => {
        const d = new OutboxDispatcher(deps().db, clock, silent, { batchSize: 5 });
        d.register({
          name: "count",
          types: "*",
          handle: async (e) => {
            seen.set(e.eventId, (seen.get(e.eventId) ?? 0) + 1);
          },
        });
        return d;
      };
      await Promise.all([make().drain(), make().drain()]);
      const shared = await deps()
        .db.db.selectFrom("outbox")
        .select("event_id")
        .where("aggregate_id", "like", "shared-%")
        .execute();
      expect(shared).toHaveLength(40);
      for (const { event_id } of shared) expect(seen.get(event_id)).toBe(1);
    });
  },
  {},
);
