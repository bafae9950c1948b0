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
    // Opens in a spreadsheet as UTF-8: a byte order mark, CRLF lines.
    expect(csvReport.split("\r\n")[0]).toBe("\ufeffline,status,id,errors");
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

  it("reads column names and sides in Russian or Chinese, as a spreadsheet of either country heads them", async () => {
    const ru = [
      "Сторона;ИНН;ОГРН;КПП;Наименование;Регион;Группы ТН ВЭД;Приграничная торговля",
      `Россия;${makeInn10("280777022")};${makeOgrn("112287770022")};280101001;ООО «Заголовки по-русски»;RU-AMU;44;да`,
    ].join("\r\n");
    const zh = [
      "国别,统一社会信用代码,中文名称,地区,边境小额贸易企业",
      `中国,${makeUscc("91231100CL7770022")},黑河中文表头贸易有限公司,CN-HL,是`,
    ].join("\n");
    for (const [file, name] of [
      [ru, "ООО «Заголовки по-русски»"],
      [zh, "黑河中文表头贸易有限公司"],
    ] as const) {
      const report = await importEnterprises(deps(), file, { actor: SYSTEM_ACTOR, locale: "ru-RU" });
      expect(report.rows[0]?.errors).toEqual([]);
      const row = await deps()
        .db.db.selectFrom("enterprises")
        .selectAll()
        .where("id", "=", report.rows[0]?.id ?? "")
        .executeTakeFirstOrThrow();
      expect([row.name_ru, row.name_zh]).toContain(name);
      expect(row.is_border_trade).toBe(1);
    }
    // The same column twice is not guessed between.
    await expect(
      importEnterprises(deps(), "side,region,inn,ИНН\nRU,RU-AMU,1,2", { actor: SYSTEM_ACTOR }),
    ).rejects.toMatchObject({ params: { reason: expect.stringContaining("inn ×2") } });
  });

  it("refuses a broken file or an unknown header, naming the line or the columns", async () => {
    await expect(
      importEnterprises(deps(), `${HEADER}\nCN,"unterminated`, { actor: SYSTEM_ACTOR }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    // Said in the reader's language, the line once, whether the file is checked here or in the worker.
    for (const worker of [false, true]) {
      await expect(
        importEnterprises(deps(), `${HEADER}\nCN,"unterminated`, {
          actor: SYSTEM_ACTOR,
          locale: "ru-RU",
          worker,
        }),
      ).rejects.toMatchObject({
        params: { reason: 'файл CSV повреждён в строке 2: поле в кавычках не закрыто (кавычка " без пары)' },
      });
    }
    await expect(
      importEnterprises(deps(), "side,region,colour\nCN,CN-HL,red", { actor: SYSTEM_ACTOR }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      params: { reason: expect.stringContaining("colour") },
    });
  });

  // A file of 1,200 rows in two chunks (500, then the rest): a duplicate in each, invalid rows in each, a
  // row already registered.
  function bigFile(prefix: string, registered: string) {
    const lines = [HEADER];
    for (let i = 0; i < 1200; i++) {
      const n = String(i).padStart(5, "0");
      if (i === 20 || i === 900)
        lines.push(`CN,${makeUscc(`91231100AM${prefix}000020`)},,,,重复${i},,,CN-HL,,0`);
      else if (i === 30) lines.push(`CN,${registered},,,,已登记公司,,,CN-HL,,0`);
      else if (i % 250 === 7)
        lines.push(`CN,${makeUscc(`91231100AM${prefix}0${n}`)},,,,无效地区${i},,,RU-AMU,,0`);
      else if (i % 2)
        lines.push(
          `RU,,${makeInn10(`28${prefix}9${n}`)},${makeOgrn(`11228${prefix}9${n}`)},280101001,,ООО «Ряд ${prefix}-${i}»,,RU-AMU,44,0`,
        );
      else lines.push(`CN,${makeUscc(`91231100AM${prefix}0${n}`)},,,,测试公司${i},,Test ${i},CN-HL,08,1`);
    }
    return `${lines.join("\n")}\n`;
  }
  const outcome = (r: Awaited<ReturnType<typeof importEnterprises>>) =>
    r.rows.map((row) => `${row.line}:${row.status}:${row.errors.map((e) => e.code).join("+")}`);

  it("checks a large file in a worker thread with the same outcome, row by row, as in one thread", async () => {
    const registered = makeUscc("91231100AM7770001");
    await importEnterprises(deps(), `${HEADER}\nCN,${registered},,,,先登记公司,,,CN-HL,,0\n`, {
      actor: SYSTEM_ACTOR,
      worker: false,
    });
    const progress: number[] = [];
    const inWorker = await importEnterprises(deps(), bigFile("1", registered), {
      actor: SYSTEM_ACTOR,
      worker: true,
      onProgress: (done) => progress.push(done),
    });
    const here = await importEnterprises(deps(), bigFile("2", registered), {
      actor: SYSTEM_ACTOR,
      worker: false,
    });
    expect(outcome(inWorker)).toEqual(outcome(here));
    expect(inWorker).toMatchObject({ total: 1200, invalid: 7, imported: 1193 });
    expect(inWorker.rows.find((r) => r.line === 902)?.errors[0]?.code).toBe("duplicate_in_file");
    expect(inWorker.rows.find((r) => r.line === 32)?.errors[0]?.code).toBe("exists");
    expect(progress.at(-1)).toBe(1200);
    // The imported rows are findable in the directory's index, with their words counted.
    const docs = await deps()
      .db.db.selectFrom("search_docs")
      .select("ref")
      .where("scope", "=", "enterprise")
      .where(
        "ref",
        "in",
        inWorker.rows.filter((r) => r.id).map((r) => r.id as string),
      )
      .execute();
    expect(docs).toHaveLength(1193);
  });

  it("imports nothing from a large file broken after its first chunk", async () => {
    const text = bigFile("3", makeUscc("91231100AM7770002")).replace("ООО «Ряд 3-801»", 'ООО "Ряд 3-801');
    await expect(
      importEnterprises(deps(), text, { actor: SYSTEM_ACTOR, worker: true }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    const rows = await deps()
      .db.db.selectFrom("organizations")
      .select("id")
      .where("name", "=", "ООО «Ряд 3-1»")
      .execute();
    expect(rows).toHaveLength(0);
  });
});
