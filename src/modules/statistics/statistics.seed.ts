import type { DemoSeeder } from "../../platform/seed.ts";
import { rebuildPlatformFacts } from "./statistics.service.ts";
import { statsStoreFor } from "./stats.store.ts";

/**
 * After the demo declarations: their facts are computed at once (a rebuild) instead of one outbox
 * delivery per release, and the outbox is told the statistics handler has nothing left to do for those
 * releases, so a new server answers at once instead of working through two years of events.
 */
export const statisticsDemoSeeder: DemoSeeder = {
  name: "statistics",
  async run(deps) {
    const store = statsStoreFor(deps.db.db, deps.config);
    const have = await store.all<{ n: bigint }>("select count(*) as n from facts where source = 'platform'");
    if (Number(have[0]?.n ?? 0) > 0) return { created: 0 };
    const pending = await deps.db.db
      .selectFrom("outbox")
      .select("event_id")
      .where("type", "=", "declaration.released")
      .where("status", "=", "pending")
      .execute();
    const r = await rebuildPlatformFacts(deps.db.db, store);
    const at = deps.clock.now().toISOString();
    for (let i = 0; i < pending.length; i += 500) {
      const part = pending.slice(i, i + 500);
      await deps.db.db
        .insertInto("outbox_deliveries")
        .values(part.map((e) => ({ event_id: e.event_id, handler: "statistics-facts", delivered_at: at })))
        .onConflict((oc) => oc.doNothing())
        .execute();
      await store.exclusive(async (c) => {
        for (const e of part)
          await c.run("insert or ignore into processed_events values ($1, $2)", [e.event_id, at]);
      });
    }
    return { created: r.facts };
  },
};
