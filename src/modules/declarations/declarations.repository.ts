import { sql } from "kysely";
import type { Dialect, Executor } from "../../platform/db/db.ts";
import { insertRows } from "../../platform/db/dialect.ts";
import type {
  DeclarationEventsTable,
  DeclarationLinesTable,
  DeclarationsTable,
  InspectionsTable,
  RiskRulesTable,
  RiskSettingsTable,
} from "../../platform/db/schema.ts";

/** An empty list matches nothing (SQL `in ()` is not valid everywhere). */
const sideList = (sides: readonly ("CN" | "RU")[]) =>
  sides.length ? sides : (["none"] as unknown as ["CN"]);

/** Queries for declarations, their lines, timeline and inspections, and the risk rules and settings. */

export function findDeclaration(db: Executor, id: string) {
  return db.selectFrom("declarations").selectAll().where("id", "=", id).executeTakeFirst();
}

export function findLines(db: Executor, id: string) {
  return db
    .selectFrom("declaration_lines")
    .selectAll()
    .where("declaration_id", "=", id)
    .orderBy("line_no")
    .execute();
}

export function findEvents(db: Executor, id: string) {
  return db
    .selectFrom("declaration_events")
    .selectAll()
    .where("declaration_id", "=", id)
    .orderBy("id")
    .execute();
}

export function findInspections(db: Executor, id: string) {
  return db.selectFrom("inspections").selectAll().where("declaration_id", "=", id).orderBy("at").execute();
}

export async function insertDeclaration(
  trx: Executor,
  dialect: Dialect,
  row: DeclarationsTable,
  lines: readonly DeclarationLinesTable[],
): Promise<void> {
  // Prebuilt statements (insertRows): the query builder's per-value work is a visible share of a
  // submission's time for a row of forty columns and its lines.
  await insertRows(trx, dialect, "declarations", [row]);
  await insertRows(trx, dialect, "declaration_lines", lines);
}

/** Replaces a draft's fields and lines. */
export async function replaceDraft(
  trx: Executor,
  row: DeclarationsTable,
  lines: readonly DeclarationLinesTable[],
): Promise<void> {
  const { id, ...rest } = row;
  await trx.updateTable("declarations").set(rest).where("id", "=", id).execute();
  await trx.deleteFrom("declaration_lines").where("declaration_id", "=", id).execute();
  await trx.insertInto("declaration_lines").values(lines).execute();
}

/**
 * Moves a declaration from one of the expected statuses to the next; false when another request
 * moved it first (the caller answers with a conflict instead of acting twice).
 */
export async function transition(
  trx: Executor,
  id: string,
  from: readonly string[],
  set: Partial<Omit<DeclarationsTable, "id">>,
): Promise<boolean> {
  const r = await trx
    .updateTable("declarations")
    .set(set)
    .where("id", "=", id)
    .where("status", "in", from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertEvents(
  trx: Executor,
  dialect: Dialect,
  rows: readonly Omit<DeclarationEventsTable, "id">[],
): Promise<void> {
  await insertRows(trx, dialect, "declaration_events", rows);
}

export async function insertInspection(trx: Executor, row: InspectionsTable): Promise<void> {
  await trx.insertInto("inspections").values(row).execute();
}

/**
 * The other side's inspections of the same shipment, made during the clearance of an export
 * declaration: the only inspection results shared across sides.
 */
export function linkedInspections(db: Executor, shipmentRef: string, otherSide: "CN" | "RU") {
  return db
    .selectFrom("inspections")
    .innerJoin("declarations", "declarations.id", "inspections.declaration_id")
    .select([
      "inspections.id",
      "inspections.side",
      "inspections.port_id",
      "inspections.at",
      "inspections.result",
      "declarations.number",
    ])
    .where("inspections.shipment_ref", "=", shipmentRef)
    .where("inspections.side", "=", otherSide)
    .where("declarations.flow", "=", "export")
    .orderBy("inspections.at", "desc")
    .execute();
}

/** Adds to an enterprise's clearance counts; its row is made by the first declaration decided. */
export async function bumpClearanceStats(
  trx: Executor,
  enterpriseId: string,
  change: { released?: number; rejected?: number; inspections?: number; inspectionsWithFindings?: number },
): Promise<void> {
  const add = (column: string) =>
    sql<number>`${sql.ref(`enterprise_clearance_stats.${column}`)} + ${sql.ref(`excluded.${column}`)}`;
  await trx
    .insertInto("enterprise_clearance_stats")
    .values({
      enterprise_id: enterpriseId,
      released: change.released ?? 0,
      rejected: change.rejected ?? 0,
      inspections: change.inspections ?? 0,
      inspections_with_findings: change.inspectionsWithFindings ?? 0,
    })
    .onConflict((oc) =>
      oc.column("enterprise_id").doUpdateSet({
        released: add("released"),
        rejected: add("rejected"),
        inspections: add("inspections"),
        inspections_with_findings: add("inspections_with_findings"),
      }),
    )
    .execute();
}

export interface ListFilter {
  declarantIds?: readonly string[];
  sides?: readonly ("CN" | "RU")[];
  status?: string | undefined;
  /** Only declarations with customs now: submitted, not yet released, rejected or cancelled. */
  open?: boolean | undefined;
  lane?: string | undefined;
  flow?: string | undefined;
  port?: string | undefined;
  q?: string | undefined;
}

function filtered(db: Executor, f: ListFilter) {
  let q = db.selectFrom("declarations");
  if (f.declarantIds) q = q.where("declarant_id", "in", f.declarantIds.length ? f.declarantIds : [""]);
  if (f.sides) q = q.where("side", "in", sideList(f.sides));
  if (f.status) q = q.where("status", "=", f.status);
  if (f.open) q = q.where("status", "not in", ["draft", "released", "rejected", "cancelled"]);
  if (f.lane) q = q.where("lane", "=", f.lane as "red");
  if (f.flow) q = q.where("flow", "=", f.flow as "export");
  if (f.port) q = q.where("port_id", "=", f.port);
  if (f.q) {
    const text = f.q;
    q = q.where((eb) => eb.or([eb("number", "=", text.toUpperCase()), eb("shipment_ref", "=", text)]));
  }
  return q;
}

export async function listDeclarations(db: Executor, f: ListFilter, limit: number, offset: number) {
  const [items, count] = await Promise.all([
    filtered(db, f)
      .selectAll()
      .orderBy("updated_at", "desc")
      .orderBy("id")
      .limit(limit)
      .offset(offset)
      .execute(),
    filtered(db, f)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirst(),
  ]);
  return { items, total: Number(count?.n ?? 0) };
}

/** Declarations of the given sides submitted in a date range, for the ports' load and reports. */
export function declarationsForLoad(
  db: Executor,
  sides: readonly ("CN" | "RU")[],
  fromIso: string,
  toIso: string,
  port?: string,
) {
  let q = db
    .selectFrom("declarations")
    .select([
      "id",
      "side",
      "port_id",
      "status",
      "lane",
      "transport_mode",
      "conveyances",
      "total_gross_kg",
      "submitted_at",
      "released_at",
      "recognition_basis",
      "recognized_from",
    ])
    .where("side", "in", sideList(sides))
    .where("submitted_at", ">=", fromIso)
    .where("submitted_at", "<", toIso);
  if (port) q = q.where("port_id", "=", port);
  return q.execute();
}

/** Open declarations by port, side and lane (the current queue). */
export function openQueue(db: Executor, sides: readonly ("CN" | "RU")[]) {
  return db
    .selectFrom("declarations")
    .select(["port_id", "side", "lane", (eb) => eb.fn.countAll<number>().as("n")])
    .where("side", "in", sideList(sides))
    .where("status", "in", ["lane_assigned", "document_check", "inspection", "assessed", "held"])
    .groupBy(["port_id", "side", "lane"])
    .execute();
}

// Risk rules and settings.

export function listRiskRules(db: Executor, sides: readonly ("CN" | "RU")[], history: boolean) {
  let q = db.selectFrom("risk_rules").selectAll().where("side", "in", sideList(sides));
  if (!history) q = q.where("superseded_at", "is", null);
  return q.orderBy("side").orderBy("rule_key").orderBy("version", "desc").execute();
}

export function currentRiskRules(db: Executor) {
  return db.selectFrom("risk_rules").selectAll().where("superseded_at", "is", null).execute();
}

export function findRiskRule(db: Executor, id: string) {
  return db.selectFrom("risk_rules").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function insertRiskRule(trx: Executor, row: RiskRulesTable): Promise<void> {
  await trx.insertInto("risk_rules").values(row).execute();
}

/** Marks a version superseded; false when it already was (a concurrent change won). */
export async function supersedeRiskRule(trx: Executor, id: string, at: string): Promise<boolean> {
  const r = await trx
    .updateTable("risk_rules")
    .set({ superseded_at: at })
    .where("id", "=", id)
    .where("superseded_at", "is", null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function currentSettings(db: Executor) {
  return db.selectFrom("risk_settings").selectAll().where("superseded_at", "is", null).execute();
}

export function findCurrentSettings(db: Executor, side: "CN" | "RU") {
  return db
    .selectFrom("risk_settings")
    .selectAll()
    .where("side", "=", side)
    .where("superseded_at", "is", null)
    .executeTakeFirst();
}

export async function replaceSettings(trx: Executor, row: RiskSettingsTable): Promise<void> {
  await trx
    .updateTable("risk_settings")
    .set({ superseded_at: row.updated_at })
    .where("side", "=", row.side)
    .where("superseded_at", "is", null)
    .execute();
  await trx.insertInto("risk_settings").values(row).execute();
}

/** A cheap fingerprint of the risk tables, to notice changes made by another process. */
export async function riskStamp(db: Executor): Promise<string> {
  const r = await sql<{ n: number; c: string | null; s: string | null; m: string | null }>`
    select (select count(*) from risk_rules) as n,
           (select max(created_at) from risk_rules) as c,
           (select max(superseded_at) from risk_rules) as s,
           (select max(updated_at) from risk_settings) as m`.execute(db);
  const row = r.rows[0];
  return `${row?.n}|${row?.c}|${row?.s}|${row?.m}`;
}
