import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import SQLite from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { makeInn10, makeOgrn, makeUscc } from "../src/modules/registry/identifiers.ts";
import { zipEntries } from "./zip.ts";

/** The same code with its check character changed. */
const typo = (code: string) => `${code.slice(0, 17)}${code[17] === "1" ? "2" : "1"}`;

const root = path.resolve(import.meta.dirname, "..");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "amur-cli-"));

/** Windows-1251 bytes of a text of Cyrillic, ASCII and the guillemets. */
function cp1251(text: string): Uint8Array {
  return Uint8Array.from(text, (ch) => {
    const c = ch.codePointAt(0) as number;
    if (c < 0x80) return c;
    if (c >= 0x410 && c <= 0x44f) return c - 0x410 + 0xc0;
    if (c === 0xab) return 0xab;
    if (c === 0xbb) return 0xbb;
    throw new Error(`not in this test's windows-1251 table: ${ch}`);
  });
}

function amur(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [path.join(root, "bin/amur.js"), ...args], {
    cwd: root,
    encoding: "utf8",
    // English unless a test asks otherwise, whatever the shell's LANG.
    env: { ...process.env, LANG: "C.UTF-8", AMUR_DATA_DIR: dataDir, AMUR_LOG_LEVEL: "warn", ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe("amur CLI (SQLite)", () => {
  it("imports official rate files and refuses a malformed one whole, naming the line", () => {
    const fixtures = path.join(root, "src/modules/tariffs/fx/fixtures");
    const ok = amur([
      "rates",
      "import",
      "--format",
      "cbr-daily",
      path.join(fixtures, "cbr-daily-2025-04-01.windows-1251.xml"),
    ]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^\d+ rates imported .*CNY\/RUB/);
    const cfets = amur([
      "rates",
      "import",
      "--format",
      "cfets-csv",
      path.join(fixtures, "cfets-central-parity.csv"),
    ]);
    expect(cfets.code, cfets.stderr).toBe(0);
    const bad = amur([
      "rates",
      "import",
      "--format",
      "cbr-daily",
      "--lang",
      "zh-CN",
      path.join(fixtures, "cbr-daily-malformed-bad-value.xml"),
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^amur: 第 \d+ 行/);
    expect(amur(["rates", "import", "--format", "nope", "x"]).code).toBe(1);
  });

  it("imports enterprises from CSV, writes a per-row report, fails when nothing could be imported", () => {
    const csv = path.join(dataDir, "enterprises.csv");
    fs.writeFileSync(
      csv,
      `side,uscc,name_zh,region\nCN,${makeUscc("91231100CL1000001")},示例公司（测试）,CN-HL\nCN,${typo(makeUscc("91231100CL1000002"))},坏代码,CN-HL\n`,
    );
    const ok = amur(["enterprises", "import", csv, "--lang", "zh-CN"]);
    expect(ok.code).toBe(0);
    // Everything it says in the language asked for.
    expect(ok.stdout).toMatch(/^共 2 行：导入 1 行，无效 1 行，用时 [\d.]+ 秒；报告：/);
    expect(ok.stderr).toContain("第 3 行: uscc:");
    const report = fs.readFileSync(`${csv}.report.csv`, "utf8");
    expect(report.split("\r\n")[2]).toMatch(/^3,invalid,,uscc: .*第 18 位/);
    const again = amur(["enterprises", "import", csv]);
    expect(again.code).toBe(1);
    expect(again.stdout).toMatch(/^0 imported, 2 invalid/);
    const broken = path.join(dataDir, "broken.csv");
    fs.writeFileSync(broken, 'side,region\nCN,"CN-HL\n');
    const bad = amur(["enterprises", "import", broken]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("line 2");
  });

  it("refuses an enterprises file in another encoding unless --encoding names it (Russian Excel: windows-1251, semicolons)", () => {
    const csv = path.join(dataDir, "enterprises-1251.csv");
    const text = `side;inn;ogrn;kpp;name_ru;region\r\nRU;${makeInn10("280100777")};${makeOgrn("102280077701")};280101001;ООО «Пример Амур»;RU-AMU\r\n`;
    fs.writeFileSync(csv, cp1251(text));
    const refused = amur(["enterprises", "import", csv, "--lang", "ru-RU"]);
    expect(refused.code).toBe(1);
    // In words, in the language asked for, with the code for scripts.
    expect(refused.stderr).toMatch(
      /^amur: Файл в другой кодировке: .*--encoding.* \[FILE_NOT_IN_ENCODING\]\n$/,
    );
    const ok = amur(["enterprises", "import", csv, "--encoding", "windows-1251", "--lang", "ru-RU"]);
    expect(ok.stdout).toMatch(/^Импортировано: 1, с ошибками: 0 из 1 строк за [\d.]+ с; отчёт: /);
    const db = new SQLite(path.join(dataDir, "amur.sqlite"), { readonly: true });
    try {
      const row = db.prepare("select name_ru from enterprises where name_ru like '%Пример Амур%'").get();
      expect(row).toEqual({ name_ru: "ООО «Пример Амур»" });
    } finally {
      db.close();
    }
  });

  it("imports a gzipped, tab-separated Comtrade bulk file as it is", () => {
    const header = ["typeCode", "freqCode", "refYear", "refMonth", "reporterCode", "flowCode", "partnerCode"];
    const more = ["partner2Code", "cmdCode", "cmdDesc", "netWgt", "qty", "qtyUnitAbbr", "primaryValue"];
    const lines = [
      [...header, ...more],
      [
        "C",
        "A",
        "2024",
        "52",
        "643",
        "X",
        "156",
        "0",
        "4407",
        "Wood, sawn",
        "1500000",
        "1500",
        "t",
        "980000.5",
      ],
      ["C", "A", "2024", "52", "643", "X", "156", "0", "2701", "Coal", "90000000", "90000", "t", "7650000"],
    ];
    const file = path.join(dataDir, "comtrade-bulk.txt.gz");
    fs.writeFileSync(file, zlib.gzipSync(lines.map((l) => l.join("\t")).join("\n")));
    const r = amur(["stats", "import", "--format", "comtrade", file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^2 facts imported from 2 rows/m);
    // The same file again changes nothing, and says so in the language asked for.
    const again = amur(["stats", "import", "--format", "comtrade", file, "--lang", "ru-RU"]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^уже импортирован как \S+; ничего не изменилось$/m);
    // Read back on the command line, with the API's filters (the facts are stored as codes).
    const query = amur(["stats", "query", "--dimensions", "hs_heading,flow", "--measures", "value,net_kg"]);
    expect(query.code, query.stderr).toBe(0);
    // CSV lines end in CRLF (RFC 4180).
    expect(query.stdout.trim().split("\r\n")).toEqual([
      "hs_heading,flow,value,net_kg",
      "2701,export,7650000.00,90000000.000",
      "4407,export,980000.50,1500000.000",
    ]);
    const filtered = amur(["stats", "query", "--dimensions", "year", "--hs", "44", "--reporter", "RU"]);
    expect(filtered.stdout.trim().split("\r\n")).toEqual(["year,value", "2024,980000.50"]);
    // A filter no fact matches: the header alone.
    const none = amur(["stats", "query", "--dimensions", "year", "--port", "heihe-blagoveshchensk"]);
    expect(none.code, none.stderr).toBe(0);
    expect(none.stdout.trim()).toBe("year,value");
    // The same answer as a file: CSV with its byte-order mark, or a workbook whose HS codes stay text.
    const csvFile = path.join(dataDir, "headings.csv");
    const toCsvFile = amur([
      "stats",
      "query",
      "--dimensions",
      "hs_heading",
      "--out",
      csvFile,
      "--lang",
      "zh-CN",
    ]);
    expect(toCsvFile.code, toCsvFile.stderr).toBe(0);
    expect(toCsvFile.stdout).toBe("");
    expect(toCsvFile.stderr.trim()).toBe(`已将 2 行写入 ${csvFile}`);
    expect(fs.readFileSync(csvFile, "utf8").split("\r\n")).toEqual([
      "\ufeffhs_heading,value",
      "2701,7650000.00",
      "4407,980000.50",
      "",
    ]);
    const book = path.join(dataDir, "headings.xlsx");
    const toBook = amur(["stats", "query", "--dimensions", "year,hs_heading", "--out", book]);
    expect(toBook.code, toBook.stderr).toBe(0);
    const sheet = zipEntries(fs.readFileSync(book)).get("xl/worksheets/sheet1.xml") ?? "";
    expect(sheet).toContain('<c r="A2"><v>2024</v></c>');
    expect(sheet).toContain('<c r="B2" t="inlineStr"><is><t xml:space="preserve">2701</t></is></c>');
    expect(sheet).toContain('<c r="C2"><v>7650000.00</v></c>');
  });

  it("imports the sample files of data/samples/statistics as their README says", () => {
    const samples = path.join(root, "data/samples/statistics");
    const comtrade = amur([
      "stats",
      "import",
      "--format",
      "comtrade",
      path.join(samples, "comtrade-chn-rus-2025-03.sample.csv"),
    ]);
    expect(comtrade.code, comtrade.stderr).toBe(0);
    expect(comtrade.stdout).toMatch(/^7 facts imported from 7 rows/m);
    const saved = amur(["stats", "caliber", "hlj-monthly", path.join(samples, "hlj-monthly.caliber.json")]);
    expect(saved.code, saved.stderr).toBe(0);
    const table = amur([
      "stats",
      "import",
      "--format",
      "caliber",
      "--caliber",
      "hlj-monthly",
      path.join(samples, "hlj-border-trade-2025-03.sample.csv"),
    ]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^9 facts imported from 12 rows/m);
    const modes = amur(["stats", "query", "--dimensions", "flow,trade_mode", "--source", "hlj-sample"]);
    expect(modes.stdout.trim().split("\r\n")).toEqual([
      "flow,trade_mode,value",
      "export,ecommerce,582000.00",
      "export,general,21330000.00",
      "export,small_border,963000.00",
      "export,tourism_shopping,573000.00",
      "import,border_residents,389000.00",
      "import,general,11060000.00",
      "import,small_border,4027000.00",
    ]);
    // The subtotals (合计) are the sum of their rows: nothing counted twice, nothing lost.
    const flows = amur(["stats", "query", "--dimensions", "flow", "--source", "hlj-sample"]);
    expect(flows.stdout.trim().split("\r\n")).toEqual([
      "flow,value",
      "export,23448000.00",
      "import,15476000.00",
    ]);
  });

  it("prints help for every command group", () => {
    const top = amur(["--help"]);
    expect(top.code).toBe(0);
    for (const cmd of ["serve", "migrate", "seed", "user", "apikey", "audit"])
      expect(top.stdout).toContain(cmd);
    expect(amur(["user", "--help"]).stdout).toContain("create-admin");
    expect(amur(["audit", "verify", "--help"]).code).toBe(0);
  });

  it("stops with one clear line on an invalid setting", () => {
    const r = amur(["migrate"], { PORT: "abc" });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^amur: invalid configuration: PORT /);
  });

  it("fails with a non-zero exit on an unknown command or bad input", () => {
    expect(amur(["frobnicate"]).code).not.toBe(0);
    const bad = amur([
      "user",
      "create-admin",
      "--email",
      "not-an-email",
      "--password",
      "long enough password",
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("--email");
    // The command's own errors in the language asked for, or the shell's.
    const missing = amur(["enterprises", "import", path.join(dataDir, "nope.csv"), "--lang", "ru-RU"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^amur: нет такого файла: /);
    const zh = amur(["user", "create-admin", "--email", "not-an-email", "--password", "x"], {
      LANG: "zh_CN.UTF-8",
    });
    expect(zh.stderr).toMatch(/^amur: --email 不是有效的电子邮箱地址/);
  });

  it("migrates, seeds demo data idempotently, creates an admin and an API key, verifies the audit log", () => {
    expect(amur(["migrate"]).code).toBe(0);
    expect(fs.existsSync(path.join(dataDir, "amur.sqlite"))).toBe(true);
    const first = amur(["seed", "demo", "--password", "demo password 123"]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("Demo data loaded.");
    const second = amur(["seed", "demo"]);
    expect(second.stdout).toContain("nothing changed");

    const admin = amur([
      "user",
      "create-admin",
      "--email",
      "Root@Example.org",
      "--password",
      "a long admin password",
    ]);
    expect(admin.code).toBe(0);
    const key = amur(["apikey", "create", "--email", "root@example.org", "--name", "ci"]);
    expect(key.code).toBe(0);
    expect(key.stdout.trim()).toMatch(/^amur_[A-Za-z0-9]{12}_[\w-]+$/);
    expect(amur(["apikey", "create", "--email", "nobody@example.org", "--name", "x"]).code).toBe(1);

    const ok = amur(["audit", "verify"]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^OK: \d+ entries/);

    const db = new SQLite(path.join(dataDir, "amur.sqlite"));
    db.prepare("update audit_log set actor_label = 'mallory' where seq = 2").run();
    db.close();
    const broken = amur(["audit", "verify"]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain("BROKEN at entry #2");
  });
});
