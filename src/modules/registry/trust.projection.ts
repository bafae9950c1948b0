import type { Db } from "../../platform/db/db.ts";
import type { DomainEvent, EventHandler } from "../../platform/outbox/outbox.ts";
import * as repo from "./registry.repository.ts";
import { computeTrust, TRUST_FORMULA_VERSION } from "./trust.ts";

/** Events after which an enterprise's trust profile is recomputed. Declarations add theirs. */
export const TRUST_EVENTS = [
  "enterprise.registered",
  "enterprise.verified",
  "enterprise.rejected",
  "enterprise.updated",
  "enterprise.imported",
  "enterprise.trust_refresh",
  "declaration.released",
  "declaration.rejected",
  "declaration.inspected",
] as const;

/** The enterprises an event concerns: its aggregate, the one its payload names, or an import batch's. */
function enterprisesOf(event: DomainEvent): string[] {
  if (event.aggregateType === "enterprise" && event.aggregateId) return [event.aggregateId];
  const payload = (event.payload ?? {}) as { enterpriseId?: unknown; enterpriseIds?: unknown };
  if (typeof payload.enterpriseId === "string") return [payload.enterpriseId];
  if (Array.isArray(payload.enterpriseIds))
    return payload.enterpriseIds.filter((id): id is string => typeof id === "string");
  return [];
}

/**
 * Recomputes the trust profile of each enterprise the event concerns from the facts in the database
 * and keeps a history row per enterprise and event. Idempotent by event id: a redelivered event
 * changes nothing, and one interrupted half-way finishes the enterprises it had not reached.
 */
export async function projectTrust(db: Db, event: DomainEvent, now: () => Date): Promise<void> {
  for (const enterpriseId of enterprisesOf(event)) await projectOne(db, enterpriseId, event, now);
}

async function projectOne(db: Db, enterpriseId: string, event: DomainEvent, now: () => Date) {
  await db.transaction().execute(async (trx) => {
    if (await repo.hasTrustHistoryFor(trx, enterpriseId, event.eventId)) return;
    const e = await repo.findEnterprise(trx, enterpriseId);
    if (!e) return;
    const stats = await repo.findClearanceStats(trx, enterpriseId);
    const at = now().toISOString();
    const result = computeTrust({
      status: e.status,
      verifiedAt: e.verified_at,
      aeoLevel: e.aeo_level,
      released: Number(stats?.released ?? 0),
      rejected: Number(stats?.rejected ?? 0),
      inspections: Number(stats?.inspections ?? 0),
      inspectionsWithFindings: Number(stats?.inspections_with_findings ?? 0),
      at,
    });
    const previous = await repo.findTrustProfile(trx, enterpriseId);
    const components = JSON.stringify(result.components);
    await repo.saveTrustProfile(trx, {
      enterprise_id: enterpriseId,
      score: result.score,
      components,
      formula_version: TRUST_FORMULA_VERSION,
      computed_at: at,
    });
    await repo.insertTrustHistory(trx, {
      enterprise_id: enterpriseId,
      event_id: event.eventId,
      event_type: event.type,
      score: result.score,
      previous_score: previous ? Number(previous.score) : null,
      components,
      at,
    });
  });
}

export function trustProjection(now: () => Date): EventHandler {
  return { name: "trust-profile", types: TRUST_EVENTS, handle: (event, db) => projectTrust(db, event, now) };
}
