import { beforeAll, expect, it } from "vitest";
import { login, makeUser, type Session } from "../../../test/factories.ts";
import { describeEachDialect } from "../../../test/harness.ts";
import { parseCsvLines } from "../../platform/csv.ts";
import { operationDeps } from "../../platform/deps.ts";
import { AppError } from "../../platform/errors.ts";
import type { AmurApp } from "../../platform/http/app.ts";
import { runOperation } from "../../platform/operations.ts";
import { createServer } from "../../platform/server.ts";
import {
  ensureDeclarationReference,
  ensureEnterprise,
  sampleDeclarationInput,
} from "../declarations/declarations.fixtures.ts";
import { actOnDeclaration } from "../declarations/declarations.service.ts";
import { importComtrade, localizeIssues, parseComtrade } from "./statistics.comtrade.ts";
import { ZQueryResult } from "./statistics.schema.ts";
import { checkFacts, rebuildPlatformFacts } from "./statistics.service.ts";
import { StatsStore, statsStoreFor } from "./stats.store.ts";

const HEADER =
  "typeCode,freqCode,refPeriodId,refYear,refMonth,period,reporterCode,reporterISO,reporterDesc,flowCode,flowDesc,partnerCode,partnerISO,partnerDesc,partner2Code,partner2ISO,partner2Desc,classificationCode,classificationSearchCode,isOriginalClassification,cmdCode,cmdDesc,aggrLevel,isLeaf,customsCode,customsDesc,mosCode,motCode,motDesc,qtyUnitCode,qtyUnitAbbr,qty,isQtyEstimated,altQtyUnitCode,altQtyUnitAbbr,altQty,isAltQtyEstimated,netWgt,isNetWgtEstimated,grossWgt,isGrossWgtEstimated,cifvalue,fobvalue,primaryValue,legacyEstimationFlag,isReported,isAggregate";

function row(o: {
  reporter: number;
  flow: string;
  partner: number;
  cmd: string;
  value: string;
  net?: string;
  year?: number;
}) {
  const level = o.cmd === "TOTAL" ? 0 : o.cmd.length;
  const y = o.year ?? 2025;
  return [
    "C",
    "A",
    `${y}0101`,
    y,
    52,
    y,
    o.reporter,
    "",
    "",
    o.flow,
    "",
    o.partner,
    "",
    "",
    0,
    "W00",
    "World",
    "H6",
    "HS",
    "true",
    o.cmd,
    "desc, with comma",
    level,
    "true",
    "C00",
    "TOTAL CPC",
    0,
    0,
    "TOTAL MOT",
    8,
    "kg",
    o.net ?? "",
    "false",
    -1,
    "N/A",
    "",
    "false",
    o.net ?? "",
    "false",
    "",
    "false",
    "",
    "",
    o.value,
    0,
    "true",
    "false",
  ]
    .map((v) => (String(v).includes(",") ? `"${v}"` : String(v)))
    .join(",");
}

const COMTRADE = [
  HEADER,
  row({ reporter: 156, flow: "X", partner: 643, cmd: "TOTAL", value: "1100000000" }),
  row({ reporter: 156, flow: "X", partner: 643, cmd: "84", value: "600000000", net: "90000000" }),
  row({ reporter: 156, flow: "X", partner: 643, cmd: "87", value: "500000000.5" }),
  row({ reporter: 643, flow: "M", partner: 156, cmd: "84", value: "651000000" }),
  row({ reporter: 643, flow: "M", partner: 156, cmd: "87", value: "420000000" }),
  row({ reporter: 156, flow: "RX", partner: 643, cmd: "84", value: "1" }),
].join("\r\n");

describeEachDialect(
  "statistics",
  ({ deps }) => {
    let app: AmurApp;
    let statistician: Session;
    let trader: Session;
    const store = () => statsStoreFor(deps().db.db, deps().config);
    const deliver = async () => {
      for (let i = 0; i < 20; i++) if ((await deps().outbox.dispatchOnce()).claimed === 0) break;
    };
    const query = async (body: unknown, s: Session | null = null, qs = "") => {
      const res = await app.inject({
        method: "POST",
        url: `/api/v1/statistics/query${qs}`,
        payload: body as object,
        headers: s ? s.write : {},
      });
      const json = res.headers["content-type"]?.includes("json");
      // The route writes its answer without the schema's serializer: every answer must still be one.
      if (json && res.statusCode === 200) ZQueryResult.strict().parse(res.json());
      return { status: res.statusCode, body: json ? res.json() : res.body };
    };

    beforeAll(async () => {
      app = (await createServer(deps())).app;
      await ensureDeclarationReference(deps());
      const st = await makeUser(deps(), { role: "statistician", side: "CN" });
      const tr = await makeUser(deps(), { role: "enterprise_member", side: "CN" });
      await ensureEnterprise(deps().db.db, tr.organizationId as string, "CN");
      statistician = await login(app, st.email);
      trader = await login(app, tr.email);
    });

    it("turns each line of a released declaration into one fact, once, whatever the replays", async () => {
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/declarations",
        payload: sampleDeclarationInput("CN", "export", {}, 3),
        headers: trader.write,
      });
      expect(res.statusCode, res.body).toBe(201);
      const d = res.json();
      // Whatever the lane, walk it to release as the system.
      const ops = operationDeps(deps());
      const actor = { userId: null, label: "test", organizationId: null };
      if (d.status === "document_check")
        await runOperation(
          ops,
          actOnDeclaration,
          { id: d.id, action: { kind: "document_check", outcome: "ok" }, officerSide: "CN" },
          { actor },
        );
      if (d.status === "inspection")
        await runOperation(
          ops,
          actOnDeclaration,
          { id: d.id, action: { kind: "inspection", result: "compliant" }, officerSide: "CN" },
          { actor },
        );
      await runOperation(
        ops,
        actOnDeclaration,
        { id: d.id, action: { kind: "release" }, officerSide: "CN" },
        { actor },
      );
      await deliver();
      const facts = await store().all<{ n: bigint; v: bigint }>(
        "select count(*) as n, sum(orig_value) as v from facts where source = 'platform'",
      );
      expect(Number(facts[0]?.n)).toBe(3);
      expect(Number(facts[0]?.v)).toBe(3 * 9_600_000);
      // Replaying the event changes nothing.
      await deps().db.db.deleteFrom("outbox_deliveries").execute();
      await deps()
        .db.db.updateTable("outbox")
        .set({ status: "pending", done_at: null, attempts: 0, claimed_until: null })
        .execute();
      await deliver();
      expect(
        Number(
          (await store().all<{ n: bigint }>("select count(*) as n from facts where source = 'platform'"))[0]
            ?.n,
        ),
      ).toBe(3);
      const check = await checkFacts(deps().db.db, store());
      expect(check.ok, JSON.stringify(check.lines)).toBe(true);
      // The public query finds them by their crossing, whose id is long (heihe-blagoveshchensk).
      const byPort = await query({
        dimensions: ["port", "source"],
        measures: ["records"],
        filters: { port: ["heihe-blagoveshchensk"], source: ["platform"] },
      });
      expect(byPort.status, JSON.stringify(byPort.body)).toBe(200);
      expect(byPort.body.rows).toEqual([{ port: "heihe-blagoveshchensk", source: "platform", records: "3" }]);
      // A fact that goes missing is caught; rebuild restores it.
      await store().exclusive((c) => StatsStore.changeFacts(c, "delete", { id: `decl:${d.id}:2` }));
      expect((await checkFacts(deps().db.db, store())).ok).toBe(false);
      expect(await rebuildPlatformFacts(deps().db.db, store())).toMatchObject({ declarations: 1, facts: 3 });
      expect((await checkFacts(deps().db.db, store())).ok).toBe(true);
      // Officers read the check in their language.
      const checked = await app.inject({
        method: "GET",
        url: "/api/v1/statistics/check",
        headers: { ...statistician.headers, "accept-language": "ru" },
      });
      expect(checked.statusCode).toBe(200);
      expect(
        checked
          .json()
          .lines.slice(0, 2)
          .map((l: { what: string }) => l.what),
      ).toEqual(["строки деклараций", "вес нетто, г"]);
      const q = await query({
        dimensions: ["reporter", "flow", "hs_chapter", "port"],
        measures: ["value", "net_kg", "records"],
        currency: "CNY",
      });
      expect(q.body.rows).toEqual([
        {
          reporter: "CN",
          flow: "export",
          hs_chapter: "08",
          port: "heihe-blagoveshchensk",
          value: "288000.00",
          net_kg: "60000.000",
          records: "3",
        },
      ]);
    });

    it("imports a Comtrade export once, skipping aggregates and other flows, and refuses a file with bad rows", async () => {
      await deps().db.db.selectFrom("countries").select("alpha2").execute();
      const bad = COMTRADE.replace('"desc, with comma",4,true,C00', '"desc, with comma",4,true,C00').replace(
        ",500000000.5,",
        ",five hundred,",
      );
      const refused = await importComtrade(deps().db.db, store(), bad, {
        fileName: "bad.csv",
        published: false,
        by: null,
      });
      expect(refused.imported).toBe(0);
      expect(refused.errors).toEqual([expect.objectContaining({ line: 4, field: "primaryValue" })]);
      const r = await importComtrade(deps().db.db, store(), COMTRADE, {
        fileName: "cn-ru.csv",
        published: false,
        by: null,
      });
      expect(r).toMatchObject({ alreadyImported: false, rows: 6, imported: 4 });
      // TOTAL is half a dollar below its chapters (rounding in the source): the chapters are kept.
      expect(r.skipped).toEqual([
        expect.objectContaining({ code: "flow", params: { code: "RX" }, count: 1 }),
        expect.objectContaining({ code: "aggregate_below_parts", count: 1 }),
      ]);
      expect(localizeIssues(r, "ru-RU").skipped[0]?.message).toBe(
        "поток RX (учитываются только экспорт X и импорт M)",
      );
      const again = await importComtrade(deps().db.db, store(), COMTRADE, {
        fileName: "cn-ru.csv",
        published: false,
        by: null,
      });
      expect(again).toMatchObject({ alreadyImported: true, imported: 0 });
      // JSON from the API is the same data.
      const json = JSON.stringify({
        data: [
          {
            typeCode: "C",
            freqCode: "M",
            refYear: 2025,
            refMonth: 3,
            period: "202503",
            reporterCode: 643,
            flowCode: "X",
            partnerCode: 156,
            partner2Code: 0,
            cmdCode: "2701",
            primaryValue: 1234.5,
            netWgt: 1000,
            qty: 1,
            qtyUnitAbbr: "t",
          },
        ],
      });
      expect(
        (await importComtrade(deps().db.db, store(), json, { fileName: "x.json", published: true, by: null }))
          .imported,
      ).toBe(1);
    });

    it("refuses a file that is not a Comtrade export, saying where", async () => {
      const opts = { datasetId: "d", published: false };
      const refusal = async (text: string) => {
        try {
          await parseComtrade(deps().db.db, text, opts);
        } catch (e) {
          if (e instanceof AppError) return { code: e.code, ...e.params };
          throw e;
        }
        throw new Error("accepted");
      };
      const header = (COMTRADE.split("\n")[0] as string).replace(",primaryValue", "");
      expect(await refusal(`${header}\nC,A`)).toMatchObject({
        code: "STATS_FILE_INVALID",
        line: 1,
        reason: "@i18n:statistics.file.missing_columns",
        columns: "primaryValue",
      });
      expect(await refusal("")).toMatchObject({ line: 1, reason: "@i18n:statistics.file.empty" });
      const lines = COMTRADE.trim().split("\n");
      const broken = [...lines.slice(0, -1), `${lines.at(-1)},"unclosed`].join("\n");
      expect(await refusal(broken)).toMatchObject({
        line: lines.length,
        reason: "@i18n:csv.unterminated_quote",
      });
      expect(await refusal('{"count": 0}')).toMatchObject({ reason: "@i18n:statistics.file.no_data" });
      // Through the API the reader gets all of it in their language.
      const post = async (content: string, lang: string) =>
        (
          await app.inject({
            method: "POST",
            url: "/api/v1/statistics/imports/comtrade",
            headers: { ...statistician.write, "accept-language": lang },
            payload: { content, fileName: "x.csv" },
          })
        ).json();
      expect((await post(`${header}\nC,A`, "zh-CN")).detail).toBe(
        "第 1 行：缺少列：primaryValue。未导入任何数据。",
      );
      expect((await post(broken, "ru-RU")).detail).toBe(
        `Строка ${lines.length}: поле в кавычках не закрыто (кавычка " без пары). Ничего не загружено.`,
      );
    });

    it("reads the same export as tab-separated text with other header case, and as a semicolon spreadsheet with decimal commas", async () => {
      const opts = { datasetId: "d", published: false };
      const reads: [number, number][] = [];
      const base = await parseComtrade(deps().db.db, COMTRADE, {
        ...opts,
        onRead: (n, of) => reads.push([n, of]),
      });
      expect(base.facts.length).toBeGreaterThan(0);
      // Reading progress: from nothing of the file's rough row count to every row read.
      expect(reads[0]).toEqual([0, base.rows]);
      expect(reads.at(-1)).toEqual([base.rows, base.rows]);
      const records = [...parseCsvLines(COMTRADE)].map((r) => r.fields);
      const tsv = records.map((f, i) => (i === 0 ? f.map((h) => h.toUpperCase()) : f).join("\t")).join("\n");
      const semicolons = `\uFEFF${records
        .map((f) => f.map((v) => (/^-?\d+\.\d+$/.test(v) ? v.replace(".", ",") : v)).join(";"))
        .join("\r\n")}`;
      expect(semicolons).toMatch(/;500000000,5;/);
      // Some exports end every data row with one separator more than the header has.
      const quoted = (f: string[]) =>
        f.map((v) => (/[",]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(",");
      const trailing = records.map((f, i) => (i === 0 ? quoted(f) : `${quoted(f)},`)).join("\n");
      expect(trailing.split("\n")[1]).toMatch(/,$/);
      for (const text of [tsv, semicolons, trailing]) {
        const other = await parseComtrade(deps().db.db, text, opts);
        expect(other.errors).toEqual([]);
        expect(other.skipped).toEqual(base.skipped);
        expect(other.facts).toEqual(base.facts);
      }
      // JSON keys in another case are the same fields.
      const json = JSON.stringify({
        data: [
          {
            TypeCode: "C",
            FreqCode: "A",
            RefYear: 2025,
            ReporterCode: 643,
            FlowCode: "X",
            PartnerCode: 156,
            CmdCode: "27",
            PrimaryValue: 10,
          },
        ],
      });
      const fromJson = await parseComtrade(deps().db.db, json, opts);
      expect(fromJson.errors).toEqual([]);
      expect(fromJson.facts).toHaveLength(1);
      expect(fromJson.facts[0]).toMatchObject({
        reporter: "RU",
        partner: "CN",
        flow: "export",
        hs_chapter: "27",
      });
    });

    it("skips rows of SITC or BEC, whose codes would pass for HS chapters, and says how many", async () => {
      const sitc = (line: string) => line.replace(",H6,HS,", ",S4,SS,");
      const text = [
        HEADER,
        row({ reporter: 643, flow: "X", partner: 156, cmd: "27", value: "600", year: 2024 }),
        // SITC 27 is crude fertilizers and minerals, not HS 27 (fuels); BEC 11 is food for industry.
        sitc(row({ reporter: 643, flow: "X", partner: 156, cmd: "27", value: "5", year: 2024 })),
        sitc(row({ reporter: 643, flow: "X", partner: 156, cmd: "0011", value: "7", year: 2024 })),
        row({ reporter: 643, flow: "X", partner: 156, cmd: "11", value: "9", year: 2024 }).replace(
          ",H6,HS,",
          ",B5,B5,",
        ),
        row({ reporter: 643, flow: "X", partner: 156, cmd: "44", value: "30", year: 2024 }).replace(
          ",H6,HS,",
          ",HS,HS,",
        ),
      ].join("\n");
      const r = await parseComtrade(deps().db.db, text, { datasetId: "classes", published: false });
      expect(r.errors).toEqual([]);
      expect(r.facts.map((f) => [f.hs_chapter, f.value_usd])).toEqual([
        ["27", 60000n],
        ["44", 3000n],
      ]);
      expect(r.skipped).toEqual([
        expect.objectContaining({ code: "classification", params: { code: "S4" }, count: 2 }),
        expect.objectContaining({ code: "classification", params: { code: "B5" }, count: 1 }),
      ]);
      expect(localizeIssues(r, "zh-CN").skipped[0]?.message).toBe(
        "分类 S4（只读取协调制度各版本：H0–H6 和 HS）",
      );
    });

    it("reads Comtrade's quantity unit -1 (N/A) as no quantity, not as 0 of a unit called N/A", async () => {
      const stated = row({ reporter: 156, flow: "X", partner: 643, cmd: "8703", value: "40", net: "12" });
      const unstated = stated.replace(",8,kg,12,", ",-1,N/A,0,").replace(",8703,", ",8704,");
      expect(unstated).toContain(",-1,N/A,0,");
      const text = [HEADER, stated, unstated].join("\n");
      const r = await parseComtrade(deps().db.db, text, { datasetId: "units", published: false });
      expect(r.errors).toEqual([]);
      expect(r.facts.map((f) => [f.hs_heading, f.quantity_milli, f.quantity_unit, f.net_g])).toEqual([
        ["8703", 12000n, "kg", 12000n],
        ["8704", null, null, 12000n],
      ]);
    });

    it("keeps of a total only what it has beyond the finer rows of the same file, so every level adds up", async () => {
      // TOTAL, chapter 27 with one of its headings, and chapter 44 alone: a download of mixed levels.
      const text = [
        HEADER,
        row({ reporter: 643, flow: "X", partner: 156, cmd: "TOTAL", value: "1000", year: 2024 }),
        row({ reporter: 643, flow: "X", partner: 156, cmd: "27", value: "600", net: "500", year: 2024 }),
        row({ reporter: 643, flow: "X", partner: 156, cmd: "2701", value: "250", net: "300", year: 2024 }),
        row({ reporter: 643, flow: "X", partner: 156, cmd: "44", value: "300", year: 2024 }),
        // Another group: nothing nests, nothing changes.
        row({ reporter: 643, flow: "M", partner: 156, cmd: "84", value: "70", year: 2024 }),
        // The same chapter as a whole and in full: the chapter adds nothing and is dropped.
        row({ reporter: 156, flow: "X", partner: 643, cmd: "87", value: "40", year: 2024 }),
        row({ reporter: 156, flow: "X", partner: 643, cmd: "8703", value: "40", year: 2024 }),
      ].join("\n");
      const r = await parseComtrade(deps().db.db, text, { datasetId: "mixed", published: false });
      expect(r.errors).toEqual([]);
      const facts = r.facts.map((f) => ({
        reporter: f.reporter,
        flow: f.flow,
        chapter: f.hs_chapter,
        heading: f.hs_heading,
        usd: f.value_usd,
        net: f.net_g,
      }));
      expect(facts).toEqual([
        { reporter: "RU", flow: "export", chapter: null, heading: null, usd: 10000n, net: null },
        { reporter: "RU", flow: "export", chapter: "27", heading: null, usd: 35000n, net: 200000n },
        { reporter: "RU", flow: "export", chapter: "27", heading: "2701", usd: 25000n, net: 300000n },
        { reporter: "RU", flow: "export", chapter: "44", heading: null, usd: 30000n, net: null },
        { reporter: "RU", flow: "import", chapter: "84", heading: null, usd: 7000n, net: null },
        { reporter: "CN", flow: "export", chapter: "87", heading: "8703", usd: 4000n, net: null },
      ]);
      // Every level adds up to the file: the total, chapter 27 with its heading.
      const ruExports = r.facts.filter((f) => f.reporter === "RU" && f.flow === "export");
      expect(ruExports.reduce((sum, f) => sum + (f.value_usd ?? 0n), 0n)).toBe(100000n);
      expect(
        ruExports.filter((f) => f.hs_chapter === "27").reduce((sum, f) => sum + (f.value_usd ?? 0n), 0n),
      ).toBe(60000n);
      expect(r.skipped).toEqual([
        expect.objectContaining({ code: "aggregate_remainder", count: 2 }),
        expect.objectContaining({ code: "aggregate", count: 1 }),
      ]);
    });

    it("saves a caliber, lists it and reads it back by name; an unknown name is a 404 in the reader's language", async () => {
      const mapping = {
        source: "api-sample",
        reporter: "RU",
        currency: "USD",
        valueScale: "1000",
        columns: { period: "Период", flow: "Направление", value: "Стоимость, тыс. долл." },
        labels: { flow: { Экспорт: "export", Импорт: "import" } },
      };
      const put = await app.inject({
        method: "PUT",
        url: "/api/v1/statistics/calibers/api-sample",
        payload: mapping,
        headers: statistician.write,
      });
      expect(put.statusCode, put.body).toBe(200);
      const one = await app.inject({
        method: "GET",
        url: "/api/v1/statistics/calibers/api-sample",
        headers: statistician.headers,
      });
      expect(one.statusCode, one.body).toBe(200);
      expect(one.json()).toEqual(put.json());
      expect(one.json().mapping).toMatchObject({ source: "api-sample", valueScale: "1000" });
      const list = await app.inject({
        method: "GET",
        url: "/api/v1/statistics/calibers",
        headers: statistician.headers,
      });
      expect(list.json().items.map((c: { name: string }) => c.name)).toContain("api-sample");
      const missing = await app.inject({
        method: "GET",
        url: "/api/v1/statistics/calibers/no-such-caliber?lang=zh-CN",
        headers: statistician.headers,
      });
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toMatchObject({ code: "NOT_FOUND" });
      expect(missing.json().title).toMatch(/[\u4e00-\u9fff]/);
      const forbidden = await app.inject({
        method: "GET",
        url: "/api/v1/statistics/calibers/api-sample",
        headers: trader.headers,
      });
      expect(forbidden.statusCode).toBe(403);
    });

    it("answers queries with published facts for everyone and all facts for statisticians", async () => {
      const body = {
        dimensions: ["year", "reporter", "flow"],
        measures: ["value"],
        filters: { source: ["comtrade"] },
        period: { from: "2025", to: "2025" },
      };
      const pub = await query(body);
      expect(pub.body.rows).toEqual([{ year: "2025", reporter: "RU", flow: "export", value: "1234.50" }]);
      const all = await query(body, statistician);
      expect(all.body.rows).toHaveLength(3);
      expect(all.body.rows).toContainEqual({
        year: "2025",
        reporter: "CN",
        flow: "export",
        value: "1100000000.50",
      });
      const top = await query(
        {
          ...body,
          dimensions: ["hs_chapter"],
          filters: { source: ["comtrade"], flow: ["export"], reporter: ["CN"] },
          top: 1,
          shares: true,
        },
        statistician,
      );
      expect(top.body.rows).toEqual([{ hs_chapter: "84", value: "600000000.00", value_share_pct: "54.55" }]);
      const book = await app.inject({
        method: "POST",
        url: "/api/v1/statistics/query?format=xlsx",
        payload: body,
        headers: statistician.write,
      });
      expect(book.headers["content-type"]).toContain("spreadsheetml");
      expect(book.rawPayload.subarray(0, 2).toString()).toBe("PK");
      const csv = await query(body, statistician, "?format=csv");
      expect(csv.body).toContain("year,reporter,flow,value");
      const bad = await query({ ...body, yoy: true, dimensions: ["flow"] }, statistician);
      expect(bad.status).toBe(400);
    });

    it("puts one side's exports against the other's imports, adjusted from CIF to FOB, with the lines that explain the gap", async () => {
      const res = await app.inject({
        method: "GET",
        url: "/api/v1/statistics/mirror?exporter=CN&level=chapter&source=comtrade&cifFobPct=5&thresholdPct=10",
        headers: statistician.headers,
      });
      expect(res.statusCode, res.body).toBe(200);
      const rows = res.json().rows;
      const c84 = rows.find((r: { hs: string }) => r.hs === "84");
      expect(c84).toMatchObject({
        period: "2025",
        exportsReported: "600000000.00",
        importsReportedCif: "651000000.00",
        importsFob: "620000000.00",
        difference: "-20000000.00",
        ratio: "0.9677",
        flagged: false,
      });
      const c87 = rows.find((r: { hs: string }) => r.hs === "87");
      expect(c87.flagged).toBe(true);
      // Published only, for the public: the CN→RU rows are not published yet.
      const pub = await app.inject({
        method: "GET",
        url: "/api/v1/statistics/mirror?exporter=CN&source=comtrade",
      });
      expect(pub.json().rows).toEqual([]);
    });
  },
  { config: { AMUR_LOGIN_RATE_LIMIT: "10000" } },
);
