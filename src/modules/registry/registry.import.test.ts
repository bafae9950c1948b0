import { expect, it } from "vitest";
import { describeEachDialect } from "../../../test/harness.ts";
import { SYSTEM_ACTOR } from "../../platform/operations.ts";
import { makeInn10, makeOgrn, makeUscc } from "./identifiers.ts";
import { importEnterprises, importReportCsv } from "./registry.import.ts";
import { projectTrust } from "./trust.projection.ts";

const HEADER = "side,uscc,inn,ogrn,kpp,name_zh,name_ru,name_en,region,hs_chapters,border_trade";

describeEachDialect("enterprise CSV import", ({ deps }) => {
  it("imports the valid rows, reports each invalid row with its line and reason, writes nothing for them", async () => {
    const good = makeUscc("91231100AM7000001");
    const bad = `${good.slice(0, 17)}${good[17] === "1" ? "2" : "1"}`;
    const csv = [
      HEADER,
      `CN,${good},,,,"黑河测试果蔬有限公司",,Heihe Test Fruit,CN-HL,08;07,是`,
      `RU,,${makeInn10("280777001")},${makeOgrn("112287770001")},280101001,,"ООО ""Тест, Лес""",,RU-AMU,44,нет`,
      `CN,${bad},,,,坏代码公司,,,CN-HL,,0`,
      `CN,${good},,,,重复公司,,,CN-HL,,0`,
      `RU,,${makeInn10("280777002")},${makeOgrn("112287770002")},280101001,,ООО «Нет региона»,,RU-XXX,,0`,
      `CN,${makeUscc("91231100AM7000003")},,,,标志错误公司,,,CN-HL,,maybe`,
    ].join("\n");
    const report = await importEnterprises(deps(), csv, { actor: SYSTEM_ACTOR, locale: "ru-RU" });
    expect(report).toMatchObject({ total: 6, imported: 2, invalid: 4 });
    const byLine = new Map(report.rows.map((r) => [r.line, r]));
    expect(byLine.get(2)?.status).toBe("imported");
    expect(byLine.get(3)?.status).toBe("imported");
    expect(byLine.get(4)?.errors[0]).toMatchObject({ path: "uscc", code: "CHECK_DIGIT" });
    expect(byLine.get(4)?.errors[0]?.message).toContain("18");
    expect(byLine.get(5)?.errors[0]).toMatchObject({ code: "duplicate_in_file" });
    expect(byLine.get(5)?.errors[0]?.message).toContain("2");
    expect(byLine.get(6)?.errors.map((e) => e.path)).toContain("region");
    expect(byLine.get(7)?.errors.map((e) => e.path)).toContain("border_trade");
    const ru = await deps()
      .db.db.selectFrom("enterprises")
      .selectAll()
      .where("id", "=", byLine.get(3)?.id ?? "")
      .executeTakeFirstOrThrow();
    expect(ru).toMatchObject({ name_ru: 'ООО "Тест, Лес"', status: "pending", region: "RU-AMU" });
    const cn = await deps()
      .db.db.selectFrom("enterprises")
      .selectAll()
      .where("uscc", "=", good)
      .executeTakeFirstOrThrow();
    expect(cn.is_border_trade).toBe(1);
    const orgs = await deps()
      .db.db.selectFrom("organizations")
      .select("id")
      .where("name", "in", ["坏代码公司", "重复公司", "标志错误公司"])
      .execute();
    expect(orgs).toHaveLength(0);
    // One event for the batch, naming every enterprise imported; the trust projection makes a profile
    // for each of them from it (and only once when the event is delivered again).
    const events = await deps()
      .db.db.selectFrom("outbox")
      .selectAll()
      .where("type", "=", "enterprise.imported")
      .execute();
    expect(events).toHaveLength(1);
    const event = events[0] as (typeof events)[number];
    const payload = JSON.parse(event.payload) as { enterpriseIds: string[] };
    expect(payload.enterpriseIds.sort()).toEqual([cn.id, ru.id].sort());
    const delivered = {
      eventId: event.event_id,
      type: event.type,
      aggregateType: event.aggregate_type,
      aggregateId: event.aggregate_id,
      payload,
      createdAt: event.created_at,
    };
    await projectTrust(deps().db.db, delivered, () => new Date());
    await projectTrust(deps().db.db, delivered, () => new Date());
    const history = await deps()
      .db.db.selectFrom("trust_history")
      .select("enterprise_id")
      .where("event_id", "=", event.event_id)
      .execute();
    expect(history.map((h) => h.enterprise_id).sort()).toEqual([cn.id, ru.id].sort());
    const profiles = await deps()
      .db.db.selectFrom("trust_profiles")
      .select("enterprise_id")
      .where("enterprise_id", "in", [cn.id, ru.id])
      .execute();
    expect(profiles).toHaveLength(2);
    const csvReport = importReportCsv(report);
    expect(csvReport.split("\n")[0]).toBe("line,status,id,errors");
    expect(csvReport).toContain("4,invalid,,");

    // Importing the same file again: everything already exists, nothing is written.
    const again = await importEnterprises(deps(), csv, { actor: SYSTEM_ACTOR, locale: "en" });
    expect(again.imported).toBe(0);
    expect(again.rows.find((r) => r.line === 2)?.errors[0]).toMatchObject({ code: "exists" });
  });

  it("reads a semicolon-separated file, as a spreadsheet in a Russian locale saves it", async () => {
    const csv = [
      HEADER.replaceAll(",", ";"),
      `RU;;${makeInn10("280777011")};${makeOgrn("112287770011")};280101001;;"ООО «Точка; запятая»";;RU-AMU;"44;94";нет`,
    ].join("\r\n");
    const report = await importEnterprises(deps(), `\uFEFF${csv}`, { actor: SYSTEM_ACTOR, locale: "ru-RU" });
    expect(report.rows[0]?.errors).toEqual([]);
    expect(report).toMatchObject({ total: 1, imported: 1, invalid: 0 });
    const row = await deps()
      .db.db.selectFrom("enterprises")
      .selectAll()
      .where("id", "=", report.rows[0]?.id ?? "")
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name_ru: "ООО «Точка; запятая»", region: "RU-AMU" });
  });

  it("refuses a broken file or an unknown header, naming the line or the columns", async () => {
    await expect(
      importEnterprises(deps(), `${HEADER}\nCN,"unterminated`, { actor: SYSTEM_ACTOR }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(
      importEnterprises(deps(), "side,region,colour\nCN,CN-HL,red", { actor: SYSTEM_ACTOR }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      params: { reason: expect.stringContaining("colour") },
    });
  });
});
