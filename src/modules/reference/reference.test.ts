import { beforeAll, expect, it } from "vitest";
import { login, makeUser } from "../../../test/factories.ts";
import { describeEachDialect } from "../../../test/harness.ts";
import type { AmurApp } from "../../platform/http/app.ts";
import { createServer } from "../../platform/server.ts";
import { loadReferenceData } from "./reference.service.ts";

describeEachDialect("reference data", ({ deps }) => {
  let app: AmurApp;
  beforeAll(async () => {
    const reports = await loadReferenceData(deps());
    // The harness has loaded the regions already; everything else is new.
    expect(reports.filter((r) => r.status === "loaded").map((r) => r.dataset)).toEqual([
      "hs",
      "countries",
      "currencies",
      "locations",
      "ports",
    ]);
    app = (await createServer(deps())).app;
  }, 120_000);

  const get = async (url: string, headers: Record<string, string> = {}) => {
    const res = await app.inject({ method: "GET", url, headers });
    return { status: res.statusCode, body: res.json(), headers: res.headers };
  };

  it("loads the HS 2022 counts and the EAEU national lines", async () => {
    const { body } = await get("/api/v1/reference/datasets");
    expect(body.counts).toMatchObject({ section: 21, chapter: 97, heading: 1229, subheading: 5613 });
    expect(body.counts.national).toBeGreaterThan(10_000);
    expect(body.items.map((d: { name: string }) => d.name).sort()).toEqual([
      "countries",
      "currencies",
      "hs",
      "locations",
      "ports",
      "regions",
    ]);
  });

  it("keeps the tree whole: every node's parent exists, every node below a section has one", async () => {
    const db = deps().db.db;
    const orphans = await db
      .selectFrom("hs_nodes as n")
      .leftJoin("hs_nodes as p", "p.code", "n.parent_code")
      .select(["n.code", "n.level"])
      .where("n.parent_code", "is not", null)
      .where("p.code", "is", null)
      .execute();
    expect(orphans).toEqual([]);
    const rootless = await db
      .selectFrom("hs_nodes")
      .select("code")
      .where("level", "in", ["heading", "subheading", "national"])
      .where("parent_code", "is", null)
      .execute();
    expect(rootless).toEqual([]);
    const sectionless = await db
      .selectFrom("hs_nodes")
      .select("code")
      .where("level", "=", "chapter")
      .where("section_code", "is", null)
      .execute();
    // UN Comtrade's chapter 99 ("not specified according to kind") belongs to no HS section.
    expect(sectionless.map((r) => r.code)).toEqual(["99"]);
    const untranslated = await db
      .selectFrom("hs_nodes")
      .select("code")
      .where("level", "in", ["section", "chapter"])
      .where("name_zh", "is", null)
      .execute();
    expect(untranslated).toEqual([]);
  });

  it("a second load changes nothing", async () => {
    const before = await deps().db.db.selectFrom("audit_log").select("seq").execute();
    const reports = await loadReferenceData(deps());
    expect(reports.every((r) => r.status === "unchanged")).toBe(true);
    const after = await deps().db.db.selectFrom("audit_log").select("seq").execute();
    expect(after.length).toBe(before.length);
  });

  it.each([
    ["wood", "4403"],
    ["лесоматериалы", "4403"],
    ["木", "44"],
    ["4403", "4403"],
    ["Лесоматер", "4403"],
    ["木制品", "44"],
  ])("search %s finds %s", async (q, code) => {
    const { status, body } = await get(`/api/v1/hs?q=${encodeURIComponent(q)}&limit=50`);
    expect(status).toBe(200);
    expect(body.items.map((i: { code: string }) => i.code)).toContain(code);
  });

  it("lists the sections, or all chapters, when there is no query", async () => {
    expect((await get("/api/v1/hs")).body.items).toHaveLength(21);
    const chapters = (await get("/api/v1/hs?level=chapter&lang=zh-CN")).body.items;
    expect(chapters).toHaveLength(97);
    expect(chapters.find((c: { code: string }) => c.code === "44").names.zh).toContain("木");
  });

  it("returns a heading with names in three languages (absent ones null), its path and children", async () => {
    const { body } = await get("/api/v1/hs/4407");
    expect(body).toMatchObject({ code: "4407", level: "heading", scheme: "HS", sectionCode: "IX" });
    expect(body.names.en).toMatch(/^Wood sawn/);
    expect(body.names.ru).toMatch(/^Лесоматериалы, полученные распиловкой/);
    expect(body.names.zh).toBeNull();
    expect(body.path.map((p: { code: string }) => p.code)).toEqual(["IX", "44"]);
    expect(body.children.length).toBeGreaterThan(5);
    const chapter = await get("/api/v1/hs/44");
    expect(chapter.body.names.zh).toContain("木");
    expect(chapter.body.nameSources.zh).toBe("amur-team-translation");
  });

  it("serves an EAEU line with its validity, and checks Chinese national codes by structure", async () => {
    const db = deps().db.db;
    const line = await db
      .selectFrom("hs_nodes")
      .selectAll()
      .where("level", "=", "national")
      .where("code", "like", "4407%")
      .orderBy("code")
      .executeTakeFirstOrThrow();
    const eaeu = await get(`/api/v1/hs/${line.code}`);
    expect(eaeu.body).toMatchObject({ level: "national", scheme: "EAEU" });
    expect(eaeu.body.path.map((p: { code: string }) => p.code)).toEqual([
      "IX",
      "44",
      "4407",
      line.code.slice(0, 6),
    ]);
    const cn = await get("/api/v1/hs/44071100.10");
    expect(cn.body).toMatchObject({ code: "4407110010", scheme: "CN", level: "national" });
    const bad = await get("/api/v1/hs/99119911", { "accept-language": "ru-RU" });
    expect(bad.status).toBe(404);
    expect(bad.body).toMatchObject({ code: "HS_CODE_NOT_FOUND", title: "Неизвестный код товара" });
    expect(bad.body.detail).toContain("99119911");
  });

  it("serves countries with Chinese and Russian names, and current currencies with minor units", async () => {
    const countries = (await get("/api/v1/countries")).body.items;
    expect(countries.find((c: { alpha2: string }) => c.alpha2 === "RU").names).toMatchObject({
      zh: "俄罗斯联邦",
      ru: "Российская Федерация",
    });
    const current = (await get("/api/v1/currencies")).body.items;
    expect(current.find((c: { code: string }) => c.code === "CNY")).toMatchObject({
      minorUnit: 2,
      current: true,
    });
    expect(current.every((c: { current: boolean }) => c.current)).toBe(true);
    const all = (await get("/api/v1/currencies?all=true")).body.items;
    expect(all.length).toBeGreaterThan(current.length);
  });

  it("serves regions of both countries with names in the reader's language", async () => {
    const ru = (await get("/api/v1/regions?country=RU&lang=zh-CN")).body.items;
    expect(ru.find((r: { code: string }) => r.code === "RU-AMU")).toMatchObject({
      name: "阿穆尔州",
      country: "RU",
    });
    const cn = (await get("/api/v1/regions?country=CN&lang=ru-RU")).body.items;
    expect(cn.find((r: { code: string }) => r.code === "CN-HL").name).toBe("Провинция Хэйлунцзян");
    expect(cn.length + ru.length).toBe((await get("/api/v1/regions")).body.items.length);
  });

  it("serves UN/LOCODE locations with coordinates and functions", async () => {
    const blagoveshchensk = await get("/api/v1/locations?country=RU&q=blagoveshchensk");
    const item = blagoveshchensk.body.items.find((l: { name: string }) =>
      l.name.startsWith("Blagoveshchensk"),
    );
    expect(item.coordinates.lat).toBeCloseTo(50.27, 1);
    expect(item.functions.length).toBeGreaterThan(0);
    const one = await get(`/api/v1/locations/${item.locode}`);
    expect(one.body.locode).toBe(item.locode);
    const page1 = await get("/api/v1/locations?country=CN&limit=50");
    const page2 = await get(`/api/v1/locations?country=CN&limit=50&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items[0].locode > page1.body.items.at(-1).locode).toBe(true);
  });

  it("serves the border ports and their GeoJSON", async () => {
    const ports = (await get("/api/v1/ports")).body.items;
    const heihe = ports.find((p: { cn: { names: { zh: string } } }) => p.cn.names.zh === "黑河");
    expect(heihe.ru.names.ru).toBe("Благовещенск");
    expect(heihe.facts.some((f: { date: string | null }) => f.date === "2022-06-10")).toBe(true);
    expect(heihe.capacity.vehiclesPerDay).toBeGreaterThan(0);
    const geo = await get("/api/v1/ports.geojson");
    expect(geo.headers["content-type"]).toContain("application/geo+json");
    const points = geo.body.features.filter(
      (f: { geometry: { type: string } }) => f.geometry.type === "Point",
    );
    expect(points.length).toBeGreaterThan(15);
    for (const p of points) {
      const [lon, lat] = p.geometry.coordinates;
      expect(lon).toBeGreaterThan(110);
      expect(lat).toBeGreaterThan(40);
    }
  });

  it("lets a platform admin configure a port's capacity, audited, kept across reloads", async () => {
    const admin = await makeUser(deps(), { role: "platform_admin" });
    const s = await login(app, admin.email);
    const id = "shiwei-olochi";
    const res = await app.inject({
      method: "PUT",
      url: `/api/v1/ports/${id}/capacity`,
      headers: s.write,
      payload: { vehiclesPerDay: 120, wagonsPerDay: null, tonnesPerDay: 5000 },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().capacity).toMatchObject({
      vehiclesPerDay: 120,
      tonnesPerDay: 5000,
      source: "configured",
    });
    await loadReferenceData(deps(), { force: true });
    const after = (await get(`/api/v1/ports/${id}`)).body;
    expect(after.capacity).toMatchObject({ vehiclesPerDay: 120, source: "configured" });
    const audit = await deps()
      .db.db.selectFrom("audit_log")
      .select("action")
      .where("target_id", "=", id)
      .execute();
    expect(audit.map((a) => a.action)).toContain("port.capacity_configured");
  });
});
