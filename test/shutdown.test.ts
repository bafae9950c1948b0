import pino from "pino";
import { expect, it } from "vitest";
import { PUBLIC } from "../src/platform/auth/policy.ts";
import type { RouteModule } from "../src/platform/http/app.ts";
import { ROUTE_MODULES } from "../src/platform/modules.ts";
import { defineOperation, runOperation, SYSTEM_ACTOR } from "../src/platform/operations.ts";
import { OutboxDispatcher } from "../src/platform/outbox/outbox.ts";
import { serve } from "../src/platform/server.ts";
import { createTestDeps, DIALECTS } from "./harness.ts";

const emitOne = defineOperation({
  name: "test.emit",
  async run(ctx) {
    await ctx.emit({ type: "test.slow", aggregateType: "thing", aggregateId: "slow", payload: {} });
  },
});

for (const dialect of DIALECTS) {
  it(`finishes in-flight requests and the outbox round before closing [${dialect}]`, async () => {
    const { deps, close: drop } = await createTestDeps(dialect, { config: { PORT: "0" } });
    let entered!: () => void;
    const requestEntered = new Promise<void>((r) => {
      entered = r;
    });
    const slowRoute: RouteModule = (app) => {
      app.get("/api/v1/test/slow", { config: { policy: PUBLIC } }, async () => {
        entered();
        await new Promise((r) => setTimeout(r, 300));
        return { ok: true };
      });
    };
    let handled = false;
    deps.outbox.register({
      name: "slow",
      types: ["test.slow"],
      handle: async () => {
        await new Promise((r) => setTimeout(r, 300));
        handled = true;
      },
    });
    const server = await serve(deps, [...ROUTE_MODULES, slowRoute]);
    try {
      await runOperation(
        { db: deps.db, clock: deps.clock, onEventsCommitted: () => deps.outbox.kick() },
        emitOne,
        {},
        { actor: SYSTEM_ACTOR },
      );
      const inFlight = fetch(`${server.url}/api/v1/test/slow`);
      await requestEntered;
      await server.close();
      const res = await inFlight;
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ ok: true });
      expect(handled).toBe(true);
      await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();
    } finally {
      await server.close();
      await drop().catch(() => {});
    }
  });
}

it("stop() waits for the delivery round in progress", async () => {
  const { deps, close } = await createTestDeps("sqlite");
  try {
    const d = new OutboxDispatcher(deps.db, deps.clock, pino({ level: "silent" }), { pollMs: 10 });
    let finished = false;
    d.register({
      name: "slow",
      types: "*",
      handle: async () => {
        await new Promise((r) => setTimeout(r, 200));
        finished = true;
      },
    });
    await runOperation({ db: deps.db, clock: deps.clock }, emitOne, {}, { actor: SYSTEM_ACTOR });
    d.start();
    await new Promise((r) => setTimeout(r, 50));
    await d.stop();
    expect(finished).toBe(true);
  } finally {
    await close();
  }
});
