import { beforeAll, expect, it } from "vitest";
import { login, makeUser, type Session } from "../../../test/factories.ts";
import { describeEachDialect } from "../../../test/harness.ts";
import type { AmurApp } from "../../platform/http/app.ts";
import { createServer } from "../../platform/server.ts";
import { makeInn10, makeOgrn, makeUscc } from "./identifiers.ts";
import { sampleRegistration } from "./registry.seed.ts";

describeEachDialect("enterprise registry", ({ deps }) => {
  let app: AmurApp;
  let cnOfficer: Session;
  let ruOfficer: Session;
  beforeAll(async () => {
    app = (await createServer(deps())).app;
    cnOfficer = await login(app, (await makeUser(deps(), { role: "customs_officer", side: "CN" })).email);
    ruOfficer = await login(app, (await makeUser(deps(), { role: "customs_officer", side: "RU" })).email);
  });

  const trader = async () => login(app, (await makeUser(deps(), { role: null })).email);
  const register = (s: Session, body: object, lang = "en") =>
    app.inject({ method: "POST", url: `/api/v1/enterprises?lang=${lang}`, headers: s.write, payload: body });

  it("validates identifiers publicly, naming the failed character or check in the reader's language", async () => {
    const ok = await app.inject({
      method: "GET",
      url: "/api/v1/identifiers/validate?scheme=uscc&value=914403001922038216",
    });
    expect(ok.json()).toMatchObject({ valid: true, normalized: "914403001922038216", errors: [] });
    const typo = await app.inject({
      method: "GET",
      url: "/api/v1/identifiers/validate?scheme=uscc&value=914403001922038217&lang=ru-RU",
    });
    expect(typo.json().valid).toBe(false);
    expect(typo.json().errors[0].message).toMatch(/18/);
    const inn = await app.inject({
      method: "GET",
      url: "/api/v1/identifiers/validate?scheme=inn&value=7707083894&lang=zh-CN",
    });
    expect(inn.json().valid).toBe(false);
    expect(inn.json().errors[0].message).toMatch(/[\u4e00-\u9fff]/);
    const pilot = await app.inject({
      method: "GET",
      url: "/api/v1/identifiers/validate?scheme=uscc&value=91350100M0001TGQXM",
    });
    expect(pilot.json().valid).toBe(true);
    expect(pilot.json().warnings.length).toBeGreaterThan(0);
  });

  it("registers a Chinese enterprise as pending, makes the user its member, refuses a duplicate USCC", async () => {
    const s = await trader();
    const body = sampleRegistration("CN", 101);
    const res = await register(s, body);
    expect(res.statusCode, res.body).toBe(201);
    const e = res.json().enterprise;
    expect(e).toMatchObject({
      status: "pending",
      side: "CN",
      identifiers: { uscc: body.identifiers.uscc },
      verifiedSince: null,
    });
    const me = await app.inject({ method: "GET", url: "/api/v1/me", headers: s.headers });
    expect(me.json().memberships.map((m: { organization: { id: string } }) => m.organization.id)).toContain(
      e.id,
    );
    const again = await register(await trader(), { ...body, names: { zh: "另一家" } }, "zh-CN");
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe("ENTERPRISE_EXISTS");
    expect(again.json().detail).toContain(e.id);
  });

  it("reports every identifier and field problem of a Russian registration at once, localized", async () => {
    const s = await trader();
    const res = await register(
      s,
      {
        side: "RU",
        identifiers: { inn: "7707083894", ogrn: makeOgrn("112280000999") },
        names: { en: "No Russian name" },
        region: "RU-XXX",
        hsChapters: ["77"],
      },
      "ru-RU",
    );
    expect(res.statusCode).toBe(400);
    const paths = res
      .json()
      .errors.map((e: { path: string }) => e.path)
      .sort();
    expect(paths).toEqual(["hsChapters.0", "identifiers.inn", "identifiers.kpp", "names.ru", "region"]);
    for (const e of res.json().errors) expect(e.message).toMatch(/[А-Яа-я]/);
  });

  it("lets only a customs officer of the enterprise's side decide, once", async () => {
    const s = await trader();
    const id = (await register(s, sampleRegistration("RU", 202))).json().enterprise.id;
    const wrongSide = await app.inject({
      method: "POST",
      url: `/api/v1/enterprises/${id}/verification`,
      headers: cnOfficer.write,
      payload: { decision: "approve" },
    });
    expect(wrongSide.statusCode).toBe(403);
    expect(wrongSide.json().code).toBe("FORBIDDEN_SIDE");
    const queue = await app.inject({
      method: "GET",
      url: "/api/v1/verification-queue",
      headers: ruOfficer.headers,
    });
    expect(queue.json().items.map((i: { id: string }) => i.id)).toContain(id);
    const cnQueue = await app.inject({
      method: "GET",
      url: "/api/v1/verification-queue",
      headers: cnOfficer.headers,
    });
    expect(cnQueue.json().items.map((i: { id: string }) => i.id)).not.toContain(id);
    const noReason = await app.inject({
      method: "POST",
      url: `/api/v1/enterprises/${id}/verification`,
      headers: ruOfficer.write,
      payload: { decision: "reject" },
    });
    expect(noReason.statusCode).toBe(400);
    const ok = await app.inject({
      method: "POST",
      url: `/api/v1/enterprises/${id}/verification`,
      headers: ruOfficer.write,
      payload: { decision: "approve" },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().status).toBe("verified");
    expect(ok.json().verifiedSince).not.toBeNull();
    const twice = await app.inject({
      method: "POST",
      url: `/api/v1/enterprises/${id}/verification`,
      headers: ruOfficer.write,
      payload: { decision: "reject", reason: "x" },
    });
    expect(twice.statusCode).toBe(409);
    const audit = await deps()
      .db.db.selectFrom("audit_log")
      .select("action")
      .where("target_id", "=", id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["enterprise.registered", "enterprise.verified"]);
    // The directory lists verified enterprises first, on both databases.
    const first = (await app.inject({ method: "GET", url: "/api/v1/enterprises?side=RU&limit=1" })).json()
      .items[0];
    expect(first.status).toBe("verified");
    // The enterprise sees the outcome in its history.
    const priv = await app.inject({
      method: "GET",
      url: `/api/v1/enterprises/${id}/private`,
      headers: s.headers,
    });
    expect(priv.json().decisions.map((d: { action: string }) => d.action)).toEqual([
      "registered",
      "approved",
    ]);
  });

  it("keeps private data private: other enterprises and other-side officers get 404", async () => {
    const a = await trader();
    const body = { ...sampleRegistration("CN", 303), contacts: { email: "a@sample.test" } };
    const id = (await register(a, body)).json().enterprise.id;
    const own = await app.inject({
      method: "GET",
      url: `/api/v1/enterprises/${id}/private`,
      headers: a.headers,
    });
    expect(own.json().contacts.email).toBe("a@sample.test");
    const b = await trader();
    await register(b, sampleRegistration("CN", 304));
    for (const s of [b, ruOfficer]) {
      const res = await app.inject({
        method: "GET",
        url: `/api/v1/enterprises/${id}/private`,
        headers: s.headers,
      });
      expect(res.statusCode).toBe(404);
    }
    const edit = await app.inject({
      method: "PATCH",
      url: `/api/v1/enterprises/${id}`,
      headers: b.write,
      payload: { address: "hijacked" },
    });
    expect(edit.statusCode).toBe(404);
    const officer = await app.inject({
      method: "GET",
      url: `/api/v1/enterprises/${id}/private`,
      headers: cnOfficer.headers,
    });
    expect(officer.statusCode).toBe(200);
    const publicView = await app.inject({ method: "GET", url: `/api/v1/enterprises/${id}` });
    expect(publicView.body).not.toContain("a@sample.test");
  });

  it("finds enterprises by name in any language, by identifier, and filters", async () => {
    const s = await trader();
    const cn = (
      await register(s, {
        ...sampleRegistration("CN", 404),
        names: { zh: "黑河龙江果蔬进出口有限公司（测试）", en: "Heihe Longjiang Fruit Test" },
        hsChapters: ["08", "07"],
      })
    ).json().enterprise;
    const ru = (
      await register(s, {
        side: "RU",
        identifiers: { inn: makeInn10("280199404"), ogrn: makeOgrn("112280099404"), kpp: "280101001" },
        names: { ru: "ООО «Амурские лесоматериалы»" },
        region: "RU-AMU",
        hsChapters: ["44"],
      })
    ).json().enterprise;
    const find = async (q: string, extra = "") =>
      (await app.inject({ method: "GET", url: `/api/v1/enterprises?q=${encodeURIComponent(q)}${extra}` }))
        .json()
        .items.map((i: { id: string }) => i.id);
    expect(await find("果蔬")).toContain(cn.id);
    expect(await find("fruit")).toContain(cn.id);
    expect(await find("лесоматериал")).toContain(ru.id);
    expect(await find(cn.identifiers.uscc)).toEqual([cn.id]);
    // Identifiers whole or begun, as typed: lower case, with spaces; alone or with a filter.
    expect(await find(cn.identifiers.uscc.toLowerCase())).toEqual([cn.id]);
    expect(await find(cn.identifiers.uscc.slice(0, 12))).toContain(cn.id);
    expect(await find(ru.identifiers.inn)).toEqual([ru.id]);
    expect(await find(`${ru.identifiers.ogrn.slice(0, 5)} ${ru.identifiers.ogrn.slice(5)}`)).toEqual([ru.id]);
    expect(await find(ru.identifiers.ogrn.slice(0, 9))).toContain(ru.id);
    expect(await find(ru.identifiers.inn, "&region=RU-AMU")).toEqual([ru.id]);
    expect(await find(ru.identifiers.inn, "&region=RU-PRI")).toEqual([]);
    expect(await find(`${ru.identifiers.inn.slice(0, 6)}X`)).not.toContain(ru.id);
    expect(await find("果蔬", "&hsChapter=44")).not.toContain(cn.id);
    expect(await find("果蔬", "&hsChapter=08")).toContain(cn.id);
    expect(await find("果蔬", "&verified=true")).not.toContain(cn.id);
    expect(await find("лесоматериал", "&region=RU-AMU")).toContain(ru.id);
    expect(await find("лесоматериал", "&region=RU-PRI")).not.toContain(ru.id);
    const list = (await app.inject({ method: "GET", url: "/api/v1/enterprises?side=RU&limit=2" })).json();
    expect(list.items.length).toBeLessThanOrEqual(2);
  });

  it("recomputes the trust profile from events, explains it in the reader's language, keeps history", async () => {
    const s = await trader();
    const body = {
      ...sampleRegistration("CN", 505),
      aeo: { level: "advanced" as const, since: "2024-01-01" },
    };
    const id = (await register(s, body)).json().enterprise.id;
    await deps().outbox.drain();
    let trust = (
      await app.inject({ method: "GET", url: `/api/v1/enterprises/${id}/trust?lang=zh-CN` })
    ).json();
    expect(trust.profile.score).toBe(20);
    expect(trust.profile.components.find((c: { key: string }) => c.key === "aeo").explanation).toContain(
      "高级认证",
    );
    await app.inject({
      method: "POST",
      url: `/api/v1/enterprises/${id}/verification`,
      headers: cnOfficer.write,
      payload: { decision: "approve" },
    });
    await deps().outbox.drain();
    trust = (await app.inject({ method: "GET", url: `/api/v1/enterprises/${id}/trust?lang=ru-RU` })).json();
    expect(trust.profile.score).toBe(50);
    expect(
      trust.profile.components.find((c: { key: string }) => c.key === "verification").explanation,
    ).toMatch(/подтверждены/);
    expect(trust.history.map((h: { score: number }) => h.score)).toEqual([50, 20]);
    // Redelivering the same events changes nothing.
    await deps()
      .db.db.updateTable("outbox")
      .set({ status: "pending", claimed_until: null })
      .where("aggregate_id", "=", id)
      .execute();
    await deps().db.db.deleteFrom("outbox_deliveries").execute();
    await deps().outbox.drain();
    const again = (await app.inject({ method: "GET", url: `/api/v1/enterprises/${id}/trust` })).json();
    expect(again.history).toHaveLength(2);
    // An event that leaves the score as it was is recorded (that is how a redelivery is recognized),
    // but the history shows changes only.
    const edit = await app.inject({
      method: "PATCH",
      url: `/api/v1/enterprises/${id}`,
      headers: s.write,
      payload: { address: "Heihe, Sample Road 1" },
    });
    expect(edit.statusCode, edit.body).toBe(200);
    await deps().outbox.drain();
    const rows = await deps()
      .db.db.selectFrom("trust_history")
      .select("event_type")
      .where("enterprise_id", "=", id)
      .execute();
    expect(rows.map((r) => r.event_type)).toContain("enterprise.updated");
    const after = (await app.inject({ method: "GET", url: `/api/v1/enterprises/${id}/trust` })).json();
    expect(after.profile.score).toBe(50);
    expect(after.history.map((h: { score: number }) => h.score)).toEqual([50, 20]);
  });

  it("shows the same public profile to every reader, with names chosen by language", async () => {
    const s = await trader();
    const id = (
      await register(s, {
        ...sampleRegistration("CN", 606),
        names: { zh: "绥芬河测试公司", ru: "Тестовая компания Суйфэньхэ" },
      })
    ).json().enterprise.id;
    const ru = (await app.inject({ method: "GET", url: `/api/v1/enterprises/${id}?lang=ru-RU` })).json();
    expect(ru.name).toBe("Тестовая компания Суйфэньхэ");
    expect(ru.region.name).toBe("Провинция Хэйлунцзян");
    const en = (await app.inject({ method: "GET", url: `/api/v1/enterprises/${id}?lang=en` })).json();
    expect(en.name).toBe("绥芬河测试公司");
  });
});

it("demo identifiers are valid and made up", () => {
  expect(makeUscc("91231100AMR000001")).toHaveLength(18);
});
