import type { Executor } from "../../platform/db/db.ts";
import type {
  BorderPortsTable,
  CountriesTable,
  CurrenciesTable,
  HsNodesTable,
  LocationsTable,
} from "../../platform/db/schema.ts";

/** Queries for reference data. Bulk writes run inside the caller's transaction. */

type Tables = "hs_nodes" | "countries" | "currencies" | "locations" | "border_ports";
type RowOf<T extends Tables> = T extends "hs_nodes"
  ? HsNodesTable
  : T extends "countries"
    ? CountriesTable
    : T extends "currencies"
      ? CurrenciesTable
      : T extends "locations"
        ? LocationsTable
        : BorderPortsTable;

/** Inserts in chunks small enough for SQLite's bound-parameter limit. */
export async function insertRows<T extends Tables>(
  trx: Executor,
  table: T,
  rows: readonly RowOf<T>[],
  onChunk?: (n: number) => void,
) {
  const columns = rows[0] ? Object.keys(rows[0]).length : 1;
  const size = Math.max(1, Math.floor(30000 / columns));
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size);
    await trx
      .insertInto(table)
      .values(chunk as never)
      .execute();
    onChunk?.(chunk.length);
  }
}

export async function clearTable(trx: Executor, table: Tables): Promise<void> {
  await trx.deleteFrom(table).execute();
}

export function findDataset(db: Executor, name: string) {
  return db.selectFrom("reference_datasets").selectAll().where("name", "=", name).executeTakeFirst();
}

export async function saveDataset(
  trx: Executor,
  row: { name: string; source_hash: string; row_count: number; loaded_at: string },
) {
  await trx.deleteFrom("reference_datasets").where("name", "=", row.name).execute();
  await trx.insertInto("reference_datasets").values(row).execute();
}

export function listDatasets(db: Executor) {
  return db.selectFrom("reference_datasets").selectAll().orderBy("name").execute();
}

export function findHsNode(db: Executor, code: string) {
  return db.selectFrom("hs_nodes").selectAll().where("code", "=", code).executeTakeFirst();
}

export function findHsNodes(db: Executor, codes: readonly string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return db.selectFrom("hs_nodes").selectAll().where("code", "in", codes).execute();
}

export function listHsChildren(db: Executor, parentCode: string) {
  return db
    .selectFrom("hs_nodes")
    .selectAll()
    .where("parent_code", "=", parentCode)
    .orderBy("position")
    .execute();
}

export function listHsLevel(db: Executor, level: "section" | "chapter") {
  return db.selectFrom("hs_nodes").selectAll().where("level", "=", level).orderBy("position").execute();
}

/** Codes starting with the digits, shortest (highest level) first. */
export function findHsByCodePrefix(db: Executor, prefix: string, limit: number) {
  return db
    .selectFrom("hs_nodes")
    .selectAll()
    .where("code", ">=", prefix)
    .where("code", "<", `${prefix}:`)
    .where("level", "!=", "section")
    .orderBy("position")
    .limit(limit)
    .execute();
}

export function countHsByLevel(db: Executor) {
  return db
    .selectFrom("hs_nodes")
    .select(["level", (eb) => eb.fn.countAll<number>().as("n")])
    .groupBy("level")
    .execute();
}

export function listCountries(db: Executor) {
  return db.selectFrom("countries").selectAll().orderBy("alpha2").execute();
}

export function findCountry(db: Executor, alpha2: string) {
  return db.selectFrom("countries").selectAll().where("alpha2", "=", alpha2).executeTakeFirst();
}

export function listCurrencies(db: Executor, includeWithdrawn: boolean) {
  let q = db.selectFrom("currencies").selectAll().orderBy("code");
  if (!includeWithdrawn) q = q.where("is_current", "=", 1);
  return q.execute();
}

export function listLocations(
  db: Executor,
  filter: {
    country?: string | undefined;
    q?: string | undefined;
    fn?: string | undefined;
    after?: string | null;
  },
  limit: number,
) {
  let q = db
    .selectFrom("locations")
    .selectAll()
    .orderBy("locode")
    .limit(limit + 1);
  if (filter.country) q = q.where("country", "=", filter.country);
  if (filter.q) {
    const needle = `%${filter.q.toLowerCase().replace(/[%_\\]/g, "")}%`;
    q = q.where((eb) =>
      eb.or([
        eb(eb.fn("lower", ["name_ascii"]), "like", needle),
        eb(eb.fn("lower", ["name"]), "like", needle),
        eb("locode", "=", filter.q?.toUpperCase() ?? ""),
      ]),
    );
  }
  if (filter.fn) q = q.where("functions", "like", `%"${filter.fn.replace(/[%_"\\]/g, "")}"%`);
  if (filter.after) q = q.where("locode", ">", filter.after);
  return q.execute();
}

export function findLocation(db: Executor, locode: string) {
  return db.selectFrom("locations").selectAll().where("locode", "=", locode).executeTakeFirst();
}

export function listPorts(db: Executor) {
  return db.selectFrom("border_ports").selectAll().orderBy("position").execute();
}

export function findPort(db: Executor, id: string) {
  return db.selectFrom("border_ports").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function updatePortCapacity(
  trx: Executor,
  id: string,
  patch: Pick<
    BorderPortsTable,
    "capacity_vehicles" | "capacity_wagons" | "capacity_tonnes" | "capacity_updated_at"
  > & {
    capacity_source: "configured";
  },
) {
  await trx.updateTable("border_ports").set(patch).where("id", "=", id).execute();
}
