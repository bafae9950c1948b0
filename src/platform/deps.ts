import type { Logger } from "pino";
import type { AuthCache } from "./auth/auth-cache.ts";
import type { Clock } from "./clock.ts";
import type { LeadLink } from "./cluster.ts";
import type { TConfig } from "./config.ts";
import type { DbHandle } from "./db/db.ts";
import type { OperationDeps } from "./operations.ts";
import type { OutboxDispatcher } from "./outbox/outbox.ts";

/** Everything a service may need, passed explicitly; there are no globals. */
export interface AppDeps {
  config: TConfig;
  db: DbHandle;
  clock: Clock;
  log: Logger;
  outbox: OutboxDispatcher;
  authCache: AuthCache;
  /** Set in a follower of `amur serve --workers N`: the lead worker, which owns the statistics store. */
  lead?: LeadLink;
}

export function operationDeps(deps: AppDeps): OperationDeps {
  return {
    db: deps.db,
    clock: deps.clock,
    onEventsCommitted: () => deps.outbox.kick(),
    wantsEvent: (type) => deps.outbox.wants(type),
  };
}
