import type { Executor } from "../../platform/db/db.ts";
import type {
  ApiKeysTable,
  OrganizationsTable,
  SessionsTable,
  UsersTable,
} from "../../platform/db/schema.ts";

/** Queries for organizations, users, memberships, sessions and API keys. No rules here. */

export function findUserByEmail(db: Executor, email: string) {
  return db.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirst();
}

export function findUserById(db: Executor, id: string) {
  return db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function insertUser(db: Executor, row: UsersTable): Promise<void> {
  await db.insertInto("users").values(row).execute();
}

export async function updateUser(
  db: Executor,
  id: string,
  patch: Partial<
    Pick<UsersTable, "display_name" | "locale" | "password_hash" | "updated_at" | "disabled_at">
  >,
): Promise<void> {
  await db.updateTable("users").set(patch).where("id", "=", id).execute();
}

export function listUsersPage(db: Executor, limit: number, after: { createdAt: string; id: string } | null) {
  let q = db
    .selectFrom("users")
    .selectAll()
    .orderBy("created_at")
    .orderBy("id")
    .limit(limit + 1);
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb("created_at", ">", after.createdAt),
        eb.and([eb("created_at", "=", after.createdAt), eb("id", ">", after.id)]),
      ]),
    );
  }
  return q.execute();
}

export function findOrganization(db: Executor, id: string) {
  return db.selectFrom("organizations").selectAll().where("id", "=", id).executeTakeFirst();
}

export function findOrganizationByName(db: Executor, name: string) {
  return db.selectFrom("organizations").selectAll().where("name", "=", name).executeTakeFirst();
}

export async function insertOrganization(db: Executor, row: OrganizationsTable): Promise<void> {
  await db.insertInto("organizations").values(row).execute();
}

export function listOrganizationsPage(
  db: Executor,
  limit: number,
  after: { createdAt: string; id: string } | null,
) {
  let q = db
    .selectFrom("organizations")
    .selectAll()
    .orderBy("created_at")
    .orderBy("id")
    .limit(limit + 1);
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb("created_at", ">", after.createdAt),
        eb.and([eb("created_at", "=", after.createdAt), eb("id", ">", after.id)]),
      ]),
    );
  }
  return q.execute();
}

export function listMembershipRows(db: Executor, userIds: readonly string[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("memberships as m")
    .innerJoin("organizations as o", "o.id", "m.organization_id")
    .select([
      "m.user_id",
      "m.role",
      "o.id as organization_id",
      "o.name as organization_name",
      "o.name_zh as organization_name_zh",
      "o.name_ru as organization_name_ru",
      "o.name_en as organization_name_en",
      "o.kind as organization_kind",
      "o.side as organization_side",
    ])
    .where("m.user_id", "in", userIds)
    .orderBy("o.name")
    .orderBy("m.role")
    .execute();
}

export type MembershipRow = Awaited<ReturnType<typeof listMembershipRows>>[number];

export async function insertMembership(
  db: Executor,
  row: { user_id: string; organization_id: string; role: string; created_at: string },
): Promise<boolean> {
  const existing = await db
    .selectFrom("memberships")
    .select("role")
    .where("user_id", "=", row.user_id)
    .where("organization_id", "=", row.organization_id)
    .where("role", "=", row.role)
    .executeTakeFirst();
  if (existing) return false;
  await db.insertInto("memberships").values(row).execute();
  return true;
}

export async function insertSession(db: Executor, row: SessionsTable): Promise<void> {
  await db.insertInto("sessions").values(row).execute();
}

/** The session and its user, if the session exists, has not expired and the user is enabled. */
export function findLiveSession(db: Executor, id: string, nowIso: string) {
  return db
    .selectFrom("sessions as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .select([
      "s.id as session_id",
      "s.csrf_token",
      "s.last_seen_at",
      "s.expires_at",
      "u.id",
      "u.email",
      "u.display_name",
      "u.locale",
    ])
    .where("s.id", "=", id)
    .where("s.expires_at", ">", nowIso)
    .where("u.disabled_at", "is", null)
    .executeTakeFirst();
}

export async function touchSession(db: Executor, id: string, lastSeenAt: string): Promise<void> {
  await db.updateTable("sessions").set({ last_seen_at: lastSeenAt }).where("id", "=", id).execute();
}

export async function deleteSession(db: Executor, id: string): Promise<void> {
  await db.deleteFrom("sessions").where("id", "=", id).execute();
}

export async function deleteExpiredSessions(db: Executor, nowIso: string): Promise<number> {
  const r = await db.deleteFrom("sessions").where("expires_at", "<=", nowIso).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function insertApiKey(db: Executor, row: ApiKeysTable): Promise<void> {
  await db.insertInto("api_keys").values(row).execute();
}

export function findApiKeyWithUser(db: Executor, prefix: string) {
  return db
    .selectFrom("api_keys as k")
    .innerJoin("users as u", "u.id", "k.user_id")
    .select([
      "k.id as key_id",
      "k.key_hash",
      "k.scopes",
      "k.revoked_at",
      "k.last_used_at",
      "u.id",
      "u.email",
      "u.display_name",
      "u.locale",
      "u.disabled_at",
    ])
    .where("k.prefix", "=", prefix)
    .executeTakeFirst();
}

export function listApiKeysOfUser(db: Executor, userId: string) {
  return db
    .selectFrom("api_keys")
    .selectAll()
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .orderBy("id")
    .execute();
}

export function findApiKeyOfUser(db: Executor, userId: string, id: string) {
  return db
    .selectFrom("api_keys")
    .selectAll()
    .where("user_id", "=", userId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function revokeApiKeyRow(db: Executor, id: string, at: string): Promise<void> {
  await db.updateTable("api_keys").set({ revoked_at: at }).where("id", "=", id).execute();
}

export async function touchApiKey(db: Executor, id: string, at: string): Promise<void> {
  await db.updateTable("api_keys").set({ last_used_at: at }).where("id", "=", id).execute();
}

export function listAuditPage(db: Executor, limit: number, beforeSeq: number | null) {
  let q = db
    .selectFrom("audit_log")
    .selectAll()
    .orderBy("seq", "desc")
    .limit(limit + 1);
  if (beforeSeq !== null) q = q.where("seq", "<", beforeSeq);
  return q.execute();
}
