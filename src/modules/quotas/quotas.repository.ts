import { sql } from "kysely";
import type { Executor } from "../../platform/db/db.ts";
import type { LicencesTable, QuotaApplicationsTable, QuotaPoolsTable } from "../../platform/db/schema.ts";

/** Queries for quota pools, applications, licences and their movements. */

export function findPool(db: Executor, id: string) {
  return db.selectFrom("quota_pools").selectAll().where("id", "=", id).executeTakeFirst();
}

export function listPools(
  db: Executor,
  f: { sides?: readonly string[]; publishedOnly: boolean; side?: string },
) {
  let q = db.selectFrom("quota_pools").selectAll();
  if (f.side) q = q.where("side", "=", f.side as "CN");
  if (f.publishedOnly) q = q.where("status", "in", ["published", "closed"]);
  return q.orderBy("period_from", "desc").orderBy("id").execute();
}

/** Published pools of a side and direction in force on the date (the ones declarations draw from). */
export function poolsInForce(db: Executor, side: "CN" | "RU", direction: "export" | "import", date: string) {
  return db
    .selectFrom("quota_pools")
    .selectAll()
    .where("side", "=", side)
    .where("direction", "=", direction)
    .where("status", "=", "published")
    .where("period_from", "<=", date)
    .where("period_to", ">=", date)
    .execute();
}

export async function insertPool(trx: Executor, row: QuotaPoolsTable) {
  await trx.insertInto("quota_pools").values(row).execute();
}

export async function updatePool(trx: Executor, id: string, set: Partial<QuotaPoolsTable>) {
  await trx.updateTable("quota_pools").set(set).where("id", "=", id).execute();
}

export async function insertApplication(trx: Executor, row: QuotaApplicationsTable) {
  await trx.insertInto("quota_applications").values(row).execute();
}

export function findApplication(db: Executor, id: string) {
  return db.selectFrom("quota_applications").selectAll().where("id", "=", id).executeTakeFirst();
}

export function listApplications(
  db: Executor,
  f: { poolId?: string; enterpriseIds?: readonly string[]; status?: string },
) {
  let q = db.selectFrom("quota_applications").selectAll();
  if (f.poolId) q = q.where("pool_id", "=", f.poolId);
  if (f.enterpriseIds) q = q.where("enterprise_id", "in", f.enterpriseIds.length ? f.enterpriseIds : [""]);
  if (f.status) q = q.where("status", "=", f.status as "pending");
  return q.orderBy("created_at").orderBy("id").execute();
}

export async function decideApplication(
  trx: Executor,
  id: string,
  set: Pick<QuotaApplicationsTable, "status" | "reason" | "decided_at" | "decided_by">,
): Promise<boolean> {
  const r = await trx
    .updateTable("quota_applications")
    .set(set)
    .where("id", "=", id)
    .where("status", "=", "pending")
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertLicence(trx: Executor, row: LicencesTable) {
  await trx.insertInto("licences").values(row).execute();
}

export function findLicenceByNumber(db: Executor, number: string) {
  return db.selectFrom("licences").selectAll().where("number", "=", number).executeTakeFirst();
}

export function findLicencesByNumbers(db: Executor, numbers: readonly string[]) {
  return db
    .selectFrom("licences")
    .selectAll()
    .where("number", "in", numbers.length ? numbers : [""])
    .execute();
}

export function findLicence(db: Executor, id: string) {
  return db.selectFrom("licences").selectAll().where("id", "=", id).executeTakeFirst();
}

export function listLicences(db: Executor, f: { holderIds?: readonly string[]; poolId?: string }) {
  let q = db.selectFrom("licences").selectAll();
  if (f.holderIds) q = q.where("holder_id", "in", f.holderIds.length ? f.holderIds : [""]);
  if (f.poolId) q = q.where("pool_id", "=", f.poolId);
  return q.orderBy("issued_at", "desc").orderBy("number").execute();
}

export function poolLicenceTotals(db: Executor, poolId: string) {
  return db
    .selectFrom("licences")
    .select((eb) => [
      eb.fn.count<number>("id").as("n"),
      eb.fn.coalesce(eb.fn.sum<number>("amount_milli"), sql<number>`0`).as("allocated"),
      eb.fn.coalesce(eb.fn.sum<number>("reserved_milli"), sql<number>`0`).as("reserved"),
      eb.fn.coalesce(eb.fn.sum<number>("consumed_milli"), sql<number>`0`).as("consumed"),
      eb.fn
        .coalesce(
          eb.fn.sum<number>(sql`case when from_border_share = 1 then amount_milli else 0 end`),
          sql<number>`0`,
        )
        .as("border"),
    ])
    .where("pool_id", "=", poolId)
    .where("status", "=", "active")
    .executeTakeFirstOrThrow();
}

export function countPendingApplications(db: Executor, poolId: string) {
  return db
    .selectFrom("quota_applications")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("pool_id", "=", poolId)
    .where("status", "=", "pending")
    .executeTakeFirstOrThrow();
}

/** Records a movement once per licence, reference and kind; false when it was already there. */
export async function insertMovementOnce(
  trx: Executor,
  m: {
    licence_id: string;
    reference: string;
    kind: "reserve" | "consume" | "return";
    amount_milli: number;
    declaration_id: string | null;
    at: string;
  },
): Promise<boolean> {
  const r = await trx
    .insertInto("licence_movements")
    .values(m)
    .onConflict((oc) => oc.columns(["licence_id", "reference", "kind"]).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

/**
 * Reserves atomically, only when the remaining amount covers it; the licence's figures after the
 * change, or undefined when it did not cover it.
 */
export function reserveAmount(trx: Executor, licenceId: string, amount: number) {
  return trx
    .updateTable("licences")
    .set({ reserved_milli: sql`reserved_milli + ${amount}` })
    .where("id", "=", licenceId)
    .where("status", "=", "active")
    .where(sql<boolean>`amount_milli - reserved_milli - consumed_milli >= ${amount}`)
    .returning(["amount_milli", "reserved_milli", "consumed_milli"])
    .executeTakeFirst();
}

/** The licence with its pool's side, in one query (side scoping of the drawdown API). */
export function licenceSide(db: Executor, number: string) {
  return db
    .selectFrom("licences")
    .innerJoin("quota_pools", "quota_pools.id", "licences.pool_id")
    .select("quota_pools.side")
    .where("licences.number", "=", number)
    .executeTakeFirst();
}

export async function consumeAmount(trx: Executor, licenceId: string, amount: number): Promise<void> {
  await trx
    .updateTable("licences")
    .set({
      reserved_milli: sql`reserved_milli - ${amount}`,
      consumed_milli: sql`consumed_milli + ${amount}`,
    })
    .where("id", "=", licenceId)
    .execute();
}

export async function returnAmount(trx: Executor, licenceId: string, amount: number): Promise<void> {
  await trx
    .updateTable("licences")
    .set({ reserved_milli: sql`reserved_milli - ${amount}` })
    .where("id", "=", licenceId)
    .execute();
}

export function movementsOf(
  db: Executor,
  f: { licenceId?: string; declarationId?: string; reference?: string },
) {
  let q = db.selectFrom("licence_movements").selectAll();
  if (f.licenceId) q = q.where("licence_id", "=", f.licenceId);
  if (f.declarationId) q = q.where("declaration_id", "=", f.declarationId);
  if (f.reference) q = q.where("reference", "=", f.reference);
  return q.orderBy("id").execute();
}

export function poolMovements(db: Executor, poolId: string) {
  return db
    .selectFrom("licence_movements")
    .innerJoin("licences", "licences.id", "licence_movements.licence_id")
    .select([
      "licence_movements.kind",
      "licence_movements.amount_milli",
      "licence_movements.at",
      "licences.holder_id",
    ])
    .where("licences.pool_id", "=", poolId)
    .execute();
}
