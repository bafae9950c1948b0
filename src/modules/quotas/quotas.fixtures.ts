import { randomUUID } from "node:crypto";
import type { AppDeps } from "../../platform/deps.ts";
import { operationDeps } from "../../platform/deps.ts";
import { runOperation, SYSTEM_ACTOR } from "../../platform/operations.ts";
import { ensureEnterprise, fixtureDeclarant } from "../declarations/declarations.fixtures.ts";
import * as repo from "./quotas.repository.ts";
import type { TPoolInput } from "./quotas.schema.ts";
import { createPool, licenceNumber, setPoolStatus, toMilli } from "./quotas.service.ts";

/** Made-up pools and licences for the route matrix, tests and benchmarks. */

export function samplePoolInput(side: "CN" | "RU", overrides: Partial<TPoolInput> = {}): TPoolInput {
  return {
    side,
    direction: side === "RU" ? "export" : "import",
    names:
      side === "RU" ? { ru: "Образец квоты", en: "Sample quota" } : { zh: "示例配额", en: "Sample quota" },
    hsPrefixes: ["2701"],
    periodFrom: "2026-01-01",
    periodTo: "2026-12-31",
    unit: "t",
    total: "100000",
    borderShare: "30",
    allocationRule: "first_come",
    ...overrides,
  };
}

export async function fixturePool(deps: AppDeps, side: "CN" | "RU", overrides: Partial<TPoolInput> = {}) {
  const pool = await runOperation(
    operationDeps(deps),
    createPool,
    { ...samplePoolInput(side, overrides), sample: true },
    { actor: SYSTEM_ACTOR },
  );
  await runOperation(
    operationDeps(deps),
    setPoolStatus,
    { id: pool.id, action: "publish" },
    { actor: SYSTEM_ACTOR },
  );
  return pool;
}

/** A licence of `holderId` (made an enterprise of the side) in a new published pool. */
export async function fixtureLicence(
  deps: AppDeps,
  side: "CN" | "RU",
  holderId?: string,
  amount = "1000",
  overrides: Partial<TPoolInput> = {},
) {
  const holder = holderId ?? (await fixtureDeclarant(deps, side));
  await ensureEnterprise(deps.db.db, holder, side);
  const pool = await fixturePool(deps, side, overrides);
  const number = licenceNumber(side, "2026");
  const now = new Date().toISOString();
  await repo.insertLicence(deps.db.db, {
    id: randomUUID(),
    number,
    pool_id: pool.id,
    holder_id: holder,
    application_id: null,
    amount_milli: toMilli(amount),
    reserved_milli: 0,
    consumed_milli: 0,
    from_border_share: 0,
    valid_from: pool.period_from,
    valid_to: pool.period_to,
    status: "active",
    issued_at: now,
    issued_by: null,
    is_sample: 1,
  });
  return { number, pool, holder };
}
