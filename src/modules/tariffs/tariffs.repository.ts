import type { Executor } from "../../platform/db/db.ts";
import type { TariffRulesTable } from "../../platform/db/schema.ts";

/** Queries for tariff rules (current versions only unless said) and resident allowance use. */

/** Current rules of a kind that may apply to a code on a date: every prefix of the code. */
export function candidateRules(
  db: Executor,
  q: {
    side: "CN" | "RU";
    flow: "import" | "export";
    kind: TariffRulesTable["kind"];
    code: string;
    date: string;
  },
) {
  const prefixes = [""];
  for (let n = 2; n <= q.code.length; n++) prefixes.push(q.code.slice(0, n));
  return db
    .selectFrom("tariff_rules")
    .selectAll()
    .where("side", "=", q.side)
    .where("flow", "=", q.flow)
    .where("kind", "=", q.kind)
    .where("hs_prefix", "in", prefixes)
    .where("superseded_at", "is", null)
    .where("valid_from", "<=", q.date)
    .where((eb) => eb.or([eb("valid_to", "is", null), eb("valid_to", ">=", q.date)]))
    .execute();
}

export async function insertRule(trx: Executor, row: TariffRulesTable) {
  await trx.insertInto("tariff_rules").values(row).execute();
}

export function findRule(db: Executor, id: string) {
  return db.selectFrom("tariff_rules").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function supersede(trx: Executor, id: string, at: string) {
  await trx.updateTable("tariff_rules").set({ superseded_at: at }).where("id", "=", id).execute();
}

export function listRules(
  db: Executor,
  f: { side?: "CN" | "RU" | undefined; hs?: string | undefined; history?: boolean },
) {
  let q = db
    .selectFrom("tariff_rules")
    .selectAll()
    .orderBy("side")
    .orderBy("flow")
    .orderBy("kind")
    .orderBy("hs_prefix")
    .orderBy("valid_from")
    .orderBy("version");
  if (f.side) q = q.where("side", "=", f.side);
  if (!f.history) q = q.where("superseded_at", "is", null);
  if (f.hs) {
    const code = f.hs;
    const prefixes = [""];
    for (let n = 2; n <= code.length; n++) prefixes.push(code.slice(0, n));
    q = q.where((eb) => eb.or([eb("hs_prefix", "in", prefixes), eb("hs_prefix", "like", `${code}%`)]));
  }
  return q.execute();
}

export function ruleVersions(db: Executor, ruleKey: string) {
  return db
    .selectFrom("tariff_rules")
    .selectAll()
    .where("rule_key", "=", ruleKey)
    .orderBy("version")
    .execute();
}

export function countRules(db: Executor) {
  return db
    .selectFrom("tariff_rules")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
}

/**
 * Adds a purchase to a resident's day and returns the day's total before it, atomically on both
 * databases (one upsert; concurrent purchases of the same person never lose one another).
 */
export async function addResidentUsage(
  trx: Executor,
  residentKey: string,
  date: string,
  fen: bigint,
): Promise<bigint> {
  const row = await trx
    .insertInto("resident_allowance_usage")
    .values({ resident_key: residentKey, date, used_fen: Number(fen) })
    .onConflict((oc) =>
      oc.columns(["resident_key", "date"]).doUpdateSet((eb) => ({
        used_fen: eb("resident_allowance_usage.used_fen", "+", eb.ref("excluded.used_fen")),
      })),
    )
    .returning("used_fen")
    .executeTakeFirstOrThrow();
  return BigInt(row.used_fen) - fen;
}
