import { describe, expect, it } from "vitest";
import { describeEachDialect } from "../../../test/harness.ts";
import { newId } from "../clock.ts";
import { insertRows } from "./dialect.ts";

describeEachDialect("bulk insert", ({ deps }) => {
  it("writes every row, in chunks under the parameter limit, with missing values as null", async () => {
    const { db, dialect } = deps().db;
    const prefix = newId();
    // 9 columns × 7,001 rows = 63,009 parameters: more than one statement on either database.
    const rows = Array.from({ length: 7001 }, (_, i) => ({
      id: `${prefix}-${i}`,
      kind: "enterprise" as const,
      side: i % 2 ? ("CN" as const) : ("RU" as const),
      name: `Bulk ${i} «ООО» 黑河'"`,
      name_zh: i % 3 ? `黑河${i}` : null,
      name_ru: undefined as unknown as null,
      name_en: null,
      created_at: "2026-01-01T00:00:00.000Z",
      is_sample: 1,
    }));
    await db.transaction().execute((trx) => insertRows(trx, dialect, "organizations", rows));
    const stored = await db
      .selectFrom("organizations")
      .select(["id", "name", "name_zh", "name_ru", "side"])
      .where("id", "like", `${prefix}-%`)
      .execute();
    expect(stored).toHaveLength(7001);
    const byId = new Map(stored.map((r) => [r.id, r]));
    expect(byId.get(`${prefix}-7000`)).toEqual({
      id: `${prefix}-7000`,
      name: `Bulk 7000 «ООО» 黑河'"`,
      name_zh: "黑河7000",
      name_ru: null,
      side: "RU",
    });
    expect(byId.get(`${prefix}-3`)?.name_zh).toBeNull();
  });

  it("does nothing for no rows", async () => {
    const { db, dialect } = deps().db;
    await expect(insertRows(db, dialect, "organizations", [])).resolves.toBeUndefined();
  });
});

describe("newId", () => {
  it("makes version 7 UUIDs that sort in the order they were made", () => {
    const ids = Array.from({ length: 10_000 }, () => newId());
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it("carries the time in its first 48 bits and stays ordered past 4,096 in one millisecond", () => {
    const ms = Date.UTC(2030, 0, 1);
    const id = newId(ms);
    expect(Number.parseInt(id.replace(/-/g, "").slice(0, 12), 16)).toBe(ms);
    const burst = Array.from({ length: 5000 }, () => newId(ms));
    expect([...burst].sort()).toEqual(burst);
    expect(burst[0]! > id).toBe(true);
  });
});
