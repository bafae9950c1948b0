import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { describeEachDialect } from "../../../test/harness.ts";
import { newId } from "../../platform/clock.ts";
import { insertRows } from "../../platform/db/dialect.ts";
import type { EnterprisesTable } from "../../platform/db/schema.ts";
import { identifierQuery } from "./registry.directory.ts";
import { type DirectoryFilter, listDirectory, prefixEnd } from "./registry.repository.ts";

// The directory lists verified enterprises first (latest verification first), then pending ones
// (newest first), never rejected ones: paged through with any filter, always in that one order.
describeEachDialect("enterprise directory order", ({ deps, dialect }) => {
  const rows: (EnterprisesTable & { chapters: string[] })[] = [];

  it("pages through verified then pending enterprises in one order, with every filter", async () => {
    const db = deps().db.db;
    const at = "2026-11-01T00:00:00.000Z";
    const regions = { CN: ["CN-HL", "CN-JL"], RU: ["RU-AMU", "RU-PRI"] } as const;
    for (let i = 0; i < 60; i++) {
      const side = i % 3 === 0 ? "RU" : "CN";
      const status = i % 5 === 0 ? "rejected" : i % 2 === 0 ? "verified" : "pending";
      // Some verifications at the same instant: the id decides between them.
      const verifiedAt =
        status === "verified" ? `2026-11-${String(10 + (i % 7)).padStart(2, "0")}T08:00:00.000Z` : null;
      rows.push({
        id: newId(Date.parse(at) + i * 1000),
        side,
        status,
        uscc: null,
        inn: null,
        ogrn: null,
        kpp: null,
        name_zh: `目录测试${i}`,
        name_ru: `Каталог ${i}`,
        name_en: null,
        legal_form: null,
        region: regions[side][i % 2] as string,
        address: null,
        contact_email: null,
        contact_phone: null,
        website: null,
        hs_chapters: "[]",
        is_border_trade: 0,
        aeo_level: null,
        aeo_since: null,
        is_cross_border_ecommerce: 0,
        registered_by: null,
        registered_at: at,
        verified_at: verifiedAt,
        verified_by: null,
        decision_reason: null,
        updated_at: at,
        is_sample: 1,
        chapters: i % 4 === 0 ? ["44"] : ["08"],
      });
    }
    await db.transaction().execute(async (trx) => {
      // Only these rows in the table: the test owns its database.
      await sql`delete from enterprises`.execute(trx);
      await insertRows(
        trx,
        dialect,
        "organizations",
        rows.map((r) => ({
          id: r.id,
          kind: "enterprise" as const,
          side: r.side,
          name: r.name_zh ?? "",
          name_zh: r.name_zh,
          name_ru: r.name_ru,
          name_en: null,
          is_sample: 1,
          created_at: at,
        })),
      );
      await insertRows(
        trx,
        dialect,
        "enterprises",
        rows.map(({ chapters: _, ...r }) => r),
      );
      await insertRows(
        trx,
        dialect,
        "enterprise_hs_chapters",
        rows.flatMap((r) => r.chapters.map((chapter) => ({ enterprise_id: r.id, chapter }))),
      );
    });

    const expected = (f: DirectoryFilter) => {
      const pass = rows.filter(
        (r) =>
          r.status !== "rejected" &&
          (!f.verifiedOnly || r.status === "verified") &&
          (!f.side || r.side === f.side) &&
          (!f.region || r.region === f.region) &&
          (!f.hsChapter || r.chapters.includes(f.hsChapter)),
      );
      const byIdDesc = (a: EnterprisesTable, b: EnterprisesTable) => (a.id < b.id ? 1 : -1);
      const verified = pass
        .filter((r) => r.verified_at)
        .sort((a, b) =>
          (b.verified_at ?? "") < (a.verified_at ?? "")
            ? -1
            : b.verified_at === a.verified_at
              ? byIdDesc(a, b)
              : 1,
        );
      return [...verified, ...pass.filter((r) => !r.verified_at).sort(byIdDesc)].map((r) => r.id);
    };
    const filters: DirectoryFilter[] = [
      { verifiedOnly: false },
      { verifiedOnly: true },
      { side: "CN", verifiedOnly: false },
      { side: "RU", verifiedOnly: false },
      { region: "CN-JL", verifiedOnly: false },
      { side: "RU", region: "RU-AMU", verifiedOnly: false },
      { hsChapter: "44", verifiedOnly: false },
      { side: "CN", hsChapter: "08", verifiedOnly: true },
    ];
    for (const f of filters) {
      const want = expected(f);
      expect(want.length).toBeGreaterThan(0);
      for (const size of [1, 4, 7, 100]) {
        const got: string[] = [];
        for (let offset = 0; offset <= want.length; offset += size) {
          const page = await listDirectory(db, f, size, offset);
          expect(
            page.map((r) => r.id),
            `${JSON.stringify(f)} size ${size} offset ${offset}`,
          ).toEqual(want.slice(offset, offset + size));
          got.push(...page.map((r) => r.id));
        }
        expect(got).toEqual(want);
      }
    }
  });
});

describe("identifier queries", () => {
  it("takes what may be an identifier or its beginning, as typed", () => {
    expect(identifierQuery("91230100ma1b2c3d4e")).toBe("91230100MA1B2C3D4E");
    expect(identifierQuery(" 2801 99404-1 ")).toBe("2801994041");
    expect(identifierQuery("1027")).toBe("1027");
    expect(identifierQuery("102")).toBeNull();
    expect(identifierQuery("Heihe")).toBeNull();
    expect(identifierQuery("黑河 2801")).toBeNull();
    expect(identifierQuery("1234567890123456789")).toBeNull();
  });

  it("bounds a prefix's range from above, carrying past the last character of the alphabet", () => {
    expect(prefixEnd("9123")).toBe("9124");
    expect(prefixEnd("9129")).toBe("912A");
    expect(prefixEnd("91BZ")).toBe("91C");
    expect(prefixEnd("ZZZ")).toBeNull();
    for (const [prefix, inside] of [
      ["9129", "91299999"],
      ["91BZ", "91BZZ0"],
      ["2801", "2801994041"],
    ] as const) {
      const end = prefixEnd(prefix) as string;
      expect(inside >= prefix && inside < end).toBe(true);
    }
  });
});
