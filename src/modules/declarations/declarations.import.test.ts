import { beforeAll, expect, it } from "vitest";
import { makeUser } from "../../../test/factories.ts";
import { describeEachDialect } from "../../../test/harness.ts";
import { detectSeparator } from "../../platform/csv.ts";
import { AppError } from "../../platform/errors.ts";
import { ensureDeclarationReference, ensureEnterprise } from "./declarations.fixtures.ts";
import { importDeclarations } from "./declarations.import.ts";

const HEADER =
  "ref;flow;port;trade_mode;transport_mode;currency;incoterms;counterparty_name;counterparty_country;invoice;contract;transport_doc;code;description;origin;quantity;unit;net_kg;gross_kg;value";

describeEachDialect("declarations import", ({ deps }) => {
  let email: string;
  beforeAll(async () => {
    await ensureDeclarationReference(deps());
    const u = await makeUser(deps(), { role: "enterprise_member", side: "RU" });
    email = u.email;
    await ensureEnterprise(deps().db.db, u.organizationId as string, "RU");
  });

  const file = [
    HEADER,
    "A-1;export;heihe-blagoveshchensk;10;road;RUB;FCA;Хэйхэ Пример;CN;INV-1;C-1;CMR-1;4407961001;Пиломатериалы;RU;40;m3;26000;27000,5;1160000,00",
    "A-1;;;;;;;;;;;;4407961003;Пиломатериалы 2;RU;10;m3;6000;6500;290000",
    "B-2;export;heihe-blagoveshchensk;10;road;RUB;FCA;Хэйхэ Пример;CN;INV-2;C-2;CMR-2;4407961001;Пиломатериалы;RU;5;m3;3000;3100;150000",
    "B-2;;;;;;;;;;;;1234;Плохой код;RU;5;m3;3000;2000;150000",
    "A-1;import;;;;;;;;;;;4407961001;Конфликт;RU;1;m3;1;1;1",
  ].join("\r\n");

  it("groups rows into declarations, files the valid ones, reports every row, and files nothing twice", async () => {
    const progress: number[] = [];
    const report = await importDeclarations(deps(), file, {
      email,
      locale: "ru-RU",
      onProgress: (done) => progress.push(done),
    });
    expect(progress).toEqual([1, 2]);
    expect(report).toMatchObject({ declarations: 2, imported: 1, existing: 0 });
    const byLine = Object.fromEntries(report.rows.map((r) => [r.line, r]));
    expect(byLine[2]).toMatchObject({ ref: "A-1", status: "imported" });
    expect(byLine[3]?.number).toBe(byLine[2]?.number);
    expect(byLine[4]).toMatchObject({ status: "invalid" });
    expect(byLine[4]?.errors[0]?.message).toContain("другой строке");
    expect(byLine[5]?.status).toBe("invalid");
    expect(byLine[5]?.errors.map((e) => e.path)).toContain("lines.1.code");
    expect(byLine[6]?.errors[0]?.message).toContain("строка 2");
    const d = await deps()
      .db.db.selectFrom("declarations")
      .selectAll()
      .where("number", "=", byLine[2]?.number ?? "")
      .executeTakeFirstOrThrow();
    expect(d).toMatchObject({ line_count: 2, total_gross_kg: "33500.5", total_value: "1450000" });

    const again = await importDeclarations(deps(), file, { email, locale: "en" });
    expect(again).toMatchObject({ imported: 0, existing: 1 });
    const count = await deps()
      .db.db.selectFrom("declarations")
      .select("id")
      .where("declarant_id", "=", d.declarant_id)
      .execute();
    expect(count).toHaveLength(1);
  });

  it("reads dates, numbers and words as a Russian spreadsheet writes them; refuses what could be read two ways or not at all", async () => {
    const file = [
      `${HEADER};date`,
      // Formatted cells: no-break spaces between thousands, decimal commas, a date of the Russian locale.
      "D-1;export;heihe-blagoveshchensk;10;road;RUB;FCA;Хэйхэ Пример;CN;INV-D1;C-D1;CMR-D1;4407961001;Пиломатериалы;RU;5;m3;3\u00a0000;3\u00a0100,5;150\u00a0000,00;03.11.2026",
      // The flow, transport mode and unit in Russian words.
      "W-1;Экспорт;heihe-blagoveshchensk;10;Автомобильный;RUB;FCA;Хэйхэ Пример;CN;INV-W1;C-W1;CMR-W1;4407961001;Пиломатериалы;RU;5;м3;3000;3100;150000;",
      // Day or month first? Refused at its field.
      "D-2;export;heihe-blagoveshchensk;10;road;RUB;FCA;Хэйхэ Пример;CN;INV-D2;C-D2;CMR-D2;4407961001;Пиломатериалы;RU;5;m3;3000;3100;150000;11/03/2026",
      // A word it does not know: refused at its field, with the allowed values.
      "W-2;вывоз;heihe-blagoveshchensk;10;road;RUB;FCA;Хэйхэ Пример;CN;INV-W2;C-W2;CMR-W2;4407961001;Пиломатериалы;RU;5;m3;3000;3100;150000;",
    ].join("\r\n");
    const report = await importDeclarations(deps(), file, { email, locale: "ru-RU" });
    expect(report.rows.map((r) => r.status)).toEqual(["imported", "imported", "invalid", "invalid"]);
    expect(report.rows[2]?.errors.map((e) => e.path)).toEqual(["date"]);
    expect(report.rows[3]?.errors.map((e) => e.path)).toEqual(["flow"]);
    const stored = await deps()
      .db.db.selectFrom("declarations")
      .select(["decl_date", "total_value", "total_gross_kg", "flow", "transport_mode"])
      .where("number", "in", [report.rows[0]?.number ?? "", report.rows[1]?.number ?? ""])
      .orderBy("total_gross_kg", "desc")
      .execute();
    expect(stored[0]).toEqual({
      decl_date: "2026-11-03",
      total_value: "150000",
      total_gross_kg: "3100.5",
      flow: "export",
      transport_mode: "road",
    });
    expect(stored[1]).toMatchObject({ flow: "export", transport_mode: "road", total_gross_kg: "3100" });
  });

  it("names missing and unknown columns instead of guessing", async () => {
    await expect(
      importDeclarations(deps(), "ref,flow,colour\nx,export,red", { email, locale: "en" }),
    ).rejects.toThrow(AppError);
  });
});

it("detects the separator", () => {
  expect(detectSeparator("a;b;c\n1,5;2;3")).toBe(";");
  expect(detectSeparator("a,b,c\n")).toBe(",");
  expect(detectSeparator("a\tb,x\tc\n")).toBe("\t");
});
