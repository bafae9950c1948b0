import { sql } from "kysely";
import type { Dialect, Executor } from "../../platform/db/db.ts";
import { insertValues } from "../../platform/db/dialect.ts";
import type { EnterprisesTable, RegionsTable } from "../../platform/db/schema.ts";

/** Queries for regions, enterprises, decisions, clearance stats and trust profiles. */

export function findRegion(db: Executor, code: string) {
  return db.selectFrom("regions").selectAll().where("code", "=", code).executeTakeFirst();
}

export function listRegions(db: Executor, country?: string) {
  let q = db.selectFrom("regions").selectAll().orderBy("code");
  if (country) q = q.where("country", "=", country);
  return q.execute();
}

export async function replaceRegions(trx: Executor, rows: readonly RegionsTable[]) {
  await trx.deleteFrom("regions").execute();
  for (let i = 0; i < rows.length; i += 500)
    await trx
      .insertInto("regions")
      .values(rows.slice(i, i + 500))
      .execute();
}

export function findEnterprise(db: Executor, id: string) {
  return db.selectFrom("enterprises").selectAll().where("id", "=", id).executeTakeFirst();
}

export function findEnterprisesByIds(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom("enterprises").selectAll().where("id", "in", ids).execute();
}

/** The enterprise that already holds one of these identifiers, if any. */
export function findByIdentifiers(
  db: Executor,
  ids: { uscc?: string | null; inn?: string | null; ogrn?: string | null },
) {
  const conditions = Object.entries(ids).filter((e): e is [keyof typeof ids, string] => Boolean(e[1]));
  if (conditions.length === 0) return Promise.resolve(undefined);
  return db
    .selectFrom("enterprises")
    .selectAll()
    .where((eb) => eb.or(conditions.map(([col, value]) => eb(col, "=", value))))
    .executeTakeFirst();
}

export async function insertEnterprise(trx: Executor, row: EnterprisesTable, chapters: readonly string[]) {
  await trx.insertInto("enterprises").values(row).execute();
  if (chapters.length) {
    await trx
      .insertInto("enterprise_hs_chapters")
      .values(chapters.map((chapter) => ({ enterprise_id: row.id, chapter })))
      .execute();
  }
}

export async function updateEnterprise(
  trx: Executor,
  id: string,
  patch: Partial<EnterprisesTable>,
  chapters?: readonly string[],
) {
  await trx.updateTable("enterprises").set(patch).where("id", "=", id).execute();
  if (chapters) {
    await trx.deleteFrom("enterprise_hs_chapters").where("enterprise_id", "=", id).execute();
    if (chapters.length) {
      await trx
        .insertInto("enterprise_hs_chapters")
        .values(chapters.map((chapter) => ({ enterprise_id: id, chapter })))
        .execute();
    }
  }
}

export async function insertDecision(
  trx: Executor,
  row: {
    enterprise_id: string;
    action: "registered" | "approved" | "rejected" | "updated" | "imported";
    actor_user_id: string | null;
    reason: string | null;
    at: string;
  },
) {
  await trx.insertInto("enterprise_decisions").values(row).execute();
}

export function listDecisions(db: Executor, enterpriseId: string) {
  return db
    .selectFrom("enterprise_decisions as d")
    .leftJoin("users as u", "u.id", "d.actor_user_id")
    .select(["d.action", "d.reason", "d.at", "u.display_name as actor"])
    .where("d.enterprise_id", "=", enterpriseId)
    .orderBy("d.id")
    .execute();
}

export interface DirectoryFilter {
  ids?: readonly string[] | undefined;
  side?: "CN" | "RU" | undefined;
  region?: string | undefined;
  hsChapter?: string | undefined;
  verifiedOnly: boolean;
}

/** Directory rows: never rejected enterprises; filters applied in SQL. */
export function listDirectory(db: Executor, f: DirectoryFilter, limit: number, offset: number) {
  let q = db.selectFrom("enterprises as e").selectAll("e").where("e.status", "!=", "rejected");
  if (f.ids) q = q.where("e.id", "in", f.ids.length ? f.ids : ["-"]);
  if (f.side) q = q.where("e.side", "=", f.side);
  if (f.region) q = q.where("e.region", "=", f.region);
  if (f.verifiedOnly) q = q.where("e.status", "=", "verified");
  if (f.hsChapter) {
    const chapter = f.hsChapter;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("enterprise_hs_chapters as c")
          .select("c.chapter")
          .whereRef("c.enterprise_id", "=", "e.id")
          .where("c.chapter", "=", chapter),
      ),
    );
  }
  // Verified first, newest first, on both databases (PostgreSQL would put NULLs first by default).
  return q
    .orderBy("e.verified_at", (ob) => ob.desc().nullsLast())
    .orderBy("e.id", "desc")
    .limit(limit)
    .offset(offset)
    .execute();
}

const IDENTIFIER_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** The smallest string above every string that starts with `prefix` (digits and capitals only), if any. */
export function prefixEnd(prefix: string): string | null {
  for (let i = prefix.length - 1; i >= 0; i--) {
    const k = IDENTIFIER_ALPHABET.indexOf(prefix[i] as string);
    if (k >= 0 && k < IDENTIFIER_ALPHABET.length - 1)
      return prefix.slice(0, i) + (IDENTIFIER_ALPHABET[k + 1] as string);
  }
  return null;
}

/**
 * Enterprises whose USCC, INN or OGRN/OGRNIP is `value` or begins with it (`value`: digits and capital
 * letters): exact matches first, then in identifier order, at most `limit` per identifier. Each is a
 * range read of the identifier's unique index; the substr check keeps the answer right whatever the
 * database's collation makes of the range.
 */
export async function idsByIdentifier(db: Executor, value: string, limit: number): Promise<string[]> {
  const end = prefixEnd(value);
  const exact: string[] = [];
  const starting: { id: string; value: string }[] = [];
  for (const column of ["uscc", "inn", "ogrn"] as const) {
    let q = db
      .selectFrom("enterprises")
      .select(["id", sql<string>`${sql.ref(column)}`.as("value")])
      .where(column, ">=", value)
      .where(sql<string>`substr(${sql.ref(column)}, 1, ${sql.lit(value.length)})`, "=", value)
      .where("status", "!=", "rejected");
    if (end !== null) q = q.where(column, "<", end);
    for (const r of await q.orderBy(column).limit(limit).execute()) {
      if (r.value === value) exact.push(r.id);
      else starting.push(r);
    }
  }
  starting.sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  return [...new Set([...exact, ...starting.map((r) => r.id)])];
}

/**
 * Which of the candidate ids pass the directory filters (ids only: ranking happens elsewhere). The
 * candidates are looked up by primary key and filtered here: with a region or side condition in SQL
 * the planner would rather scan that index for every row of the region than probe a few hundred ids.
 */
export async function filterDirectoryIds(
  db: Executor,
  ids: readonly string[],
  f: DirectoryFilter,
): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500);
    const rows = await db
      .selectFrom("enterprises")
      .select(["id", "side", "region", "status"])
      .where("id", "in", part)
      .execute();
    let pass = rows.filter(
      (r) =>
        r.status !== "rejected" &&
        (!f.verifiedOnly || r.status === "verified") &&
        (!f.side || r.side === f.side) &&
        (!f.region || r.region === f.region),
    );
    if (f.hsChapter && pass.length > 0) {
      const withChapter = new Set(
        (
          await db
            .selectFrom("enterprise_hs_chapters")
            .select("enterprise_id")
            .where("chapter", "=", f.hsChapter)
            .where(
              "enterprise_id",
              "in",
              pass.map((r) => r.id),
            )
            .execute()
        ).map((r) => r.enterprise_id),
      );
      pass = pass.filter((r) => withChapter.has(r.id));
    }
    for (const r of pass) out.add(r.id);
  }
  return out;
}

export function listQueue(
  db: Executor,
  sides: readonly ("CN" | "RU")[],
  status: EnterprisesTable["status"],
  limit: number,
) {
  if (sides.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("enterprises as e")
    .leftJoin("users as u", "u.id", "e.registered_by")
    .selectAll("e")
    .select("u.email as registered_by_email")
    .where("e.side", "in", sides)
    .where("e.status", "=", status)
    .orderBy("e.registered_at")
    .limit(limit)
    .execute();
}

/** An enterprise's clearance counts; none until its first declaration is decided (all zero). */
export function findClearanceStats(db: Executor, id: string) {
  return db
    .selectFrom("enterprise_clearance_stats")
    .selectAll()
    .where("enterprise_id", "=", id)
    .executeTakeFirst();
}

export function findTrustProfile(db: Executor, id: string) {
  return db.selectFrom("trust_profiles").selectAll().where("enterprise_id", "=", id).executeTakeFirst();
}

export function findTrustProfiles(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom("trust_profiles").selectAll().where("enterprise_id", "in", ids).execute();
}

export async function saveTrustProfile(
  trx: Executor,
  row: {
    enterprise_id: string;
    score: number;
    components: string;
    formula_version: number;
    computed_at: string;
  },
) {
  await trx.deleteFrom("trust_profiles").where("enterprise_id", "=", row.enterprise_id).execute();
  await trx.insertInto("trust_profiles").values(row).execute();
}

export function hasTrustHistoryFor(db: Executor, enterpriseId: string, eventId: string) {
  return db
    .selectFrom("trust_history")
    .select("id")
    .where("enterprise_id", "=", enterpriseId)
    .where("event_id", "=", eventId)
    .executeTakeFirst();
}

export async function insertTrustHistory(
  trx: Executor,
  row: {
    enterprise_id: string;
    event_id: string;
    event_type: string;
    score: number;
    previous_score: number | null;
    components: string;
    at: string;
  },
) {
  await trx.insertInto("trust_history").values(row).execute();
}

/**
 * The score's history: the first score and every change. Events that left the score as it was have
 * their rows too (they make a redelivered event recognizable), but say nothing a reader wants.
 */
export function listTrustHistory(db: Executor, enterpriseId: string) {
  return db
    .selectFrom("trust_history")
    .selectAll()
    .where("enterprise_id", "=", enterpriseId)
    .where((eb) => eb.or([eb("previous_score", "is", null), eb("score", "<>", eb.ref("previous_score"))]))
    .orderBy("id", "desc")
    .limit(100)
    .execute();
}

/**
 * A bulk import's rows, as statement parameters (registry.import.ts): organizations and enterprises
 * (ENTERPRISE_COLUMNS), HS chapters and the "imported" decisions, row after row.
 */
export async function insertEnterpriseImport(
  trx: Executor,
  dialect: Dialect,
  values: { organizations: unknown[]; enterprises: unknown[]; chapters: unknown[]; decisions: unknown[] },
) {
  await insertValues(trx, dialect, "organizations", ORGANIZATION_COLUMNS, values.organizations);
  await insertValues(trx, dialect, "enterprises", ENTERPRISE_COLUMNS, values.enterprises);
  await insertValues(trx, dialect, "enterprise_hs_chapters", ["enterprise_id", "chapter"], values.chapters);
  await insertValues(
    trx,
    dialect,
    "enterprise_decisions",
    ["enterprise_id", "action", "actor_user_id", "reason", "at"],
    values.decisions,
  );
}

/** The enterprises table's columns, in the order of pushEnterpriseRowValues (registry.service.ts). */
export const ENTERPRISE_COLUMNS = [
  "id",
  "side",
  "status",
  "uscc",
  "inn",
  "ogrn",
  "kpp",
  "name_zh",
  "name_ru",
  "name_en",
  "legal_form",
  "region",
  "address",
  "contact_email",
  "contact_phone",
  "website",
  "hs_chapters",
  "is_border_trade",
  "aeo_level",
  "aeo_since",
  "is_cross_border_ecommerce",
  "registered_by",
  "registered_at",
  "verified_at",
  "verified_by",
  "decision_reason",
  "updated_at",
  "is_sample",
] as const satisfies readonly (keyof EnterprisesTable)[];

/** The organizations columns of insertEnterpriseImport, in order. */
const ORGANIZATION_COLUMNS = [
  "id",
  "kind",
  "side",
  "name",
  "name_zh",
  "name_ru",
  "name_en",
  "is_sample",
  "created_at",
] as const;

/** Which of these identifiers are already registered (for bulk duplicate checks). */
export async function existingIdentifiers(
  db: Executor,
  column: "uscc" | "inn" | "ogrn",
  values: readonly string[],
) {
  const found = new Map<string, string>();
  for (let i = 0; i < values.length; i += 500) {
    const part = values.slice(i, i + 500);
    if (part.length === 0) continue;
    const rows = await db
      .selectFrom("enterprises")
      .select(["id", column])
      .where(column, "in", part)
      .execute();
    for (const r of rows) {
      const v = r[column];
      if (v) found.set(v, r.id);
    }
  }
  return found;
}
