import { expect, it } from "vitest";
import { z } from "zod";
import { login, makeUser } from "../../../test/factories.ts";
import { describeEachDialect, testClock } from "../../../test/harness.ts";
import { verifyAuditChain } from "../../platform/audit/audit.ts";
import { operationDeps } from "../../platform/deps.ts";
import type { AmurApp } from "../../platform/http/app.ts";
import { runOperation, SYSTEM_ACTOR } from "../../platform/operations.ts";
import { createServer } from "../../platform/server.ts";
import { createOrganization } from "./identity.service.ts";

const clock = testClock();

describeEachDialect(
  "identity API",
  ({ deps }) => {
    let app: AmurApp;
    const getApp = async () => {
      app ??= (await createServer(deps())).app;
      return app;
    };

    it("rejects a wrong password with a localized problem and no cookie", async () => {
      const a = await getApp();
      const { email } = await makeUser(deps());
      for (const [lang, title] of [
        ["ru-RU", "Неверный адрес почты или пароль"],
        ["zh-CN", "邮箱或密码错误"],
        ["en", "Wrong email or password"],
      ] as const) {
        const res = await a.inject({
          method: "POST",
          url: "/api/v1/auth/login",
          headers: { "accept-language": lang },
          payload: { email, password: "not the password" },
        });
        expect(res.statusCode).toBe(401);
        expect(res.headers["content-type"]).toContain("application/problem+json");
        expect(res.json()).toMatchObject({ code: "INVALID_CREDENTIALS", title, status: 401 });
        expect(res.json().requestId).toBeTruthy();
        expect(res.cookies).toHaveLength(0);
      }
      const unknown = await a.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { email: "nobody@x.org", password: "x" },
      });
      expect(unknown.json().code).toBe("INVALID_CREDENTIALS");
    });

    it("localizes field errors by ?lang= and names the fields", async () => {
      const a = await getApp();
      const res = await a.inject({
        method: "POST",
        url: "/api/v1/auth/login?lang=ru-RU",
        payload: { email: "not-an-email" },
      });
      expect(res.statusCode).toBe(400);
      const body = res.json();
      expect(body.code).toBe("VALIDATION_FAILED");
      expect(body.title).toBe("В запросе есть неверные поля");
      expect(body.errors).toEqual(
        expect.arrayContaining([
          { path: "email", code: "invalid_email", message: "Введите корректный адрес электронной почты." },
          { path: "password", code: "required", message: "Обязательное поле." },
        ]),
      );
    });

    it("signs in with an HttpOnly SameSite=Lax cookie, serves /me, and signs out", async () => {
      const a = await getApp();
      const { email, password } = await makeUser(deps(), { role: "customs_officer", side: "RU" });
      const res = await a.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { email: email.toUpperCase(), password },
      });
      expect(res.statusCode).toBe(200);
      const cookie = res.cookies.find((c) => c.name === "amur_session");
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
      const me = await a.inject({
        method: "GET",
        url: "/api/v1/me",
        headers: { cookie: `amur_session=${cookie?.value}` },
      });
      expect(me.statusCode).toBe(200);
      expect(me.json()).toMatchObject({
        user: { email },
        memberships: [{ organization: { kind: "authority", side: "RU" }, roles: ["customs_officer"] }],
      });
      expect(me.json().csrfToken).toBe(res.json().csrfToken);

      const noCsrf = await a.inject({
        method: "POST",
        url: "/api/v1/auth/logout",
        headers: { cookie: `amur_session=${cookie?.value}` },
      });
      expect(noCsrf.statusCode).toBe(403);
      expect(noCsrf.json().code).toBe("CSRF_FAILED");
      const out = await a.inject({
        method: "POST",
        url: "/api/v1/auth/logout",
        headers: { cookie: `amur_session=${cookie?.value}`, "x-csrf-token": res.json().csrfToken },
      });
      expect(out.statusCode).toBe(204);
      const after = await a.inject({
        method: "GET",
        url: "/api/v1/me",
        headers: { cookie: `amur_session=${cookie?.value}` },
      });
      expect(after.statusCode).toBe(401);
    });

    it("tells every page who is signed in without an error: a visitor is null, a session is /me", async () => {
      const a = await getApp();
      const visitor = await a.inject({ method: "GET", url: "/api/v1/session" });
      expect(visitor.statusCode).toBe(200);
      expect(visitor.json()).toEqual({ me: null });
      // A cookie that names no session is a visitor too.
      const stale = await a.inject({
        method: "GET",
        url: "/api/v1/session",
        headers: { cookie: "amur_session=not-a-session" },
      });
      expect(stale.json()).toEqual({ me: null });

      const { email, password } = await makeUser(deps(), { role: "statistician", side: "CN" });
      const res = await a.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email, password } });
      const cookie = `amur_session=${res.cookies.find((c) => c.name === "amur_session")?.value}`;
      const [session, me] = await Promise.all([
        a.inject({ method: "GET", url: "/api/v1/session", headers: { cookie } }),
        a.inject({ method: "GET", url: "/api/v1/me", headers: { cookie } }),
      ]);
      expect(session.statusCode).toBe(200);
      expect(session.json().me).toEqual(me.json());
      expect(session.json().me.csrfToken).toBe(res.json().csrfToken);

      await a.inject({
        method: "POST",
        url: "/api/v1/auth/logout",
        headers: { cookie, "x-csrf-token": res.json().csrfToken },
      });
      const after = await a.inject({ method: "GET", url: "/api/v1/session", headers: { cookie } });
      expect(after.json()).toEqual({ me: null });
    });

    it("names the organization in the reader's language", async () => {
      const a = await getApp();
      const org = await runOperation(
        operationDeps(deps()),
        createOrganization,
        {
          kind: "authority",
          side: "CN",
          name: "哈尔滨海关",
          names: { zh: "哈尔滨海关", ru: "Харбинская таможня", en: "Harbin Customs" },
        },
        { actor: SYSTEM_ACTOR },
      );
      const { email } = await makeUser(deps(), { role: "customs_officer", organizationId: org.id });
      const s = await login(a, email);
      for (const [lang, name] of [
        ["ru-RU", "Харбинская таможня"],
        ["zh-CN", "哈尔滨海关"],
        ["en", "Harbin Customs"],
      ] as const) {
        const me = await a.inject({ method: "GET", url: `/api/v1/me?lang=${lang}`, headers: s.headers });
        expect(me.json().memberships[0].organization.name).toBe(name);
      }
    });

    it("says a required text is missing, and counts characters in proper Russian", async () => {
      const a = await getApp();
      const { email } = await makeUser(deps());
      const s = await login(a, email);
      const empty = await a.inject({
        method: "POST",
        url: "/api/v1/api-keys?lang=ru-RU",
        headers: s.write,
        payload: { name: "" },
      });
      expect(empty.statusCode, empty.body).toBe(400);
      expect(empty.json().errors).toEqual([
        { path: "name", code: "required", message: "Обязательное поле." },
      ]);
      const short = await a.inject({
        method: "POST",
        url: "/api/v1/admin/users?lang=ru-RU",
        headers: s.write,
        payload: { email: "x@y.org", displayName: "x", password: "short" },
      });
      // The member has no admin role: the policy answers before validation.
      expect(short.statusCode).toBe(403);
      const { fieldErrorOf } = await import("../../platform/http/problem.ts");
      const issueFor = (min: number) => z.string().min(min).safeParse("x").error?.issues[0];
      const twelve = issueFor(12);
      const twentyOne = issueFor(21);
      if (!twelve || !twentyOne) throw new Error("zod did not report");
      expect(fieldErrorOf(twelve, "ru-RU").message).toBe("Не короче 12 символов.");
      expect(fieldErrorOf(twentyOne, "ru-RU").message).toBe("Не короче 21 символа.");
      expect(fieldErrorOf(twentyOne, "en").message).toBe("Must be at least 21 characters.");
    });

    it("expires sessions", async () => {
      const a = await getApp();
      const { email } = await makeUser(deps());
      const s = await login(a, email);
      clock.advance((deps().config.sessionTtlHours + 1) * 3600_000);
      const res = await a.inject({ method: "GET", url: "/api/v1/me", headers: s.headers });
      expect(res.statusCode).toBe(401);
    });

    it("audits a profile change and emits an event in the same transaction", async () => {
      const a = await getApp();
      const { email, user } = await makeUser(deps());
      const s = await login(a, email);
      const res = await a.inject({
        method: "PATCH",
        url: "/api/v1/me",
        headers: s.write,
        payload: { locale: "ru-RU", displayName: "Анна" },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().user).toMatchObject({ locale: "ru-RU", displayName: "Анна" });
      const db = deps().db.db;
      const audit = await db
        .selectFrom("audit_log")
        .selectAll()
        .where("action", "=", "user.profile_updated")
        .where("target_id", "=", user.id)
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]?.request_id).toBe(res.headers["x-request-id"]);
      const events = await db
        .selectFrom("outbox")
        .selectAll()
        .where("type", "=", "user.profile_updated")
        .where("aggregate_id", "=", user.id)
        .execute();
      expect(events).toHaveLength(1);
      expect((await verifyAuditChain(db)).ok).toBe(true);
      // The user's language now answers when the request names none.
      const problem = await a.inject({
        method: "PATCH",
        url: "/api/v1/me",
        headers: s.write,
        payload: { locale: "xx" },
      });
      expect(problem.json().title).toBe("В запросе есть неверные поля");
    });

    it("creates, uses, lists and revokes API keys; the secret is shown once and stored hashed", async () => {
      const a = await getApp();
      const { email } = await makeUser(deps());
      const s = await login(a, email);
      const created = await a.inject({
        method: "POST",
        url: "/api/v1/api-keys",
        headers: s.write,
        payload: { name: "ERP", scopes: ["read"] },
      });
      expect(created.statusCode).toBe(201);
      const { secret, apiKey } = created.json();
      expect(secret).toMatch(/^amur_[A-Za-z0-9]{12}_/);
      const stored = await deps()
        .db.db.selectFrom("api_keys")
        .selectAll()
        .where("id", "=", apiKey.id)
        .executeTakeFirstOrThrow();
      expect(stored.key_hash).not.toContain(secret);
      expect(JSON.stringify(stored)).not.toContain(secret.slice("amur_".length + 13));

      const bearer = { authorization: `Bearer ${secret}` };
      const me = await a.inject({ method: "GET", url: "/api/v1/me", headers: bearer });
      expect(me.statusCode).toBe(200);
      expect(me.json().csrfToken).toBeNull();
      // A read-only key cannot write, and bearer requests need no CSRF token.
      const write = await a.inject({
        method: "PATCH",
        url: "/api/v1/me",
        headers: bearer,
        payload: { displayName: "x" },
      });
      expect(write.statusCode).toBe(403);
      expect(write.json().code).toBe("SCOPE_MISSING");

      const list = await a.inject({ method: "GET", url: "/api/v1/api-keys", headers: s.headers });
      expect(list.json().items).toEqual([
        expect.objectContaining({ id: apiKey.id, name: "ERP", revokedAt: null }),
      ]);
      expect(list.json().items[0].lastUsedAt).not.toBeNull();
      expect(list.body).not.toContain(secret);

      const revoke = await a.inject({
        method: "DELETE",
        url: `/api/v1/api-keys/${apiKey.id}`,
        headers: s.write,
      });
      expect(revoke.statusCode).toBe(204);
      const denied = await a.inject({ method: "GET", url: "/api/v1/me", headers: bearer });
      expect(denied.statusCode).toBe(401);
      const garbage = await a.inject({
        method: "GET",
        url: "/api/v1/me",
        headers: { authorization: "Bearer amur_nope" },
      });
      expect(garbage.statusCode).toBe(401);
    });

    it("replays an idempotent create and refuses the key for a different body", async () => {
      const a = await getApp();
      const { email } = await makeUser(deps(), { role: "platform_admin" });
      const s = await login(a, email);
      const headers = { ...s.write, "idempotency-key": "org-create-1" };
      const payload = { kind: "enterprise", side: "RU", name: "ООО «Тест»" };
      const first = await a.inject({ method: "POST", url: "/api/v1/admin/organizations", headers, payload });
      const second = await a.inject({ method: "POST", url: "/api/v1/admin/organizations", headers, payload });
      expect(first.statusCode).toBe(201);
      expect(second.statusCode).toBe(201);
      expect(second.json().id).toBe(first.json().id);
      const other = await a.inject({
        method: "POST",
        url: "/api/v1/admin/organizations",
        headers,
        payload: { ...payload, name: "Другое" },
      });
      expect(other.statusCode).toBe(409);
      expect(other.json().code).toBe("IDEMPOTENCY_KEY_REUSED");
      const count = await deps()
        .db.db.selectFrom("organizations")
        .select("id")
        .where("name", "=", "ООО «Тест»")
        .execute();
      expect(count).toHaveLength(1);
    });

    it("refuses a role the organization's kind cannot hold, saying so in the reader's language", async () => {
      const a = await getApp();
      const { email } = await makeUser(deps(), { role: "platform_admin" });
      const s = await login(a, email);
      const org = await a.inject({
        method: "POST",
        url: "/api/v1/admin/organizations",
        headers: s.write,
        payload: { kind: "enterprise", side: "CN", name: "黑河测试贸易有限公司" },
      });
      const user = await makeUser(deps());
      const res = await a.inject({
        method: "POST",
        url: `/api/v1/admin/users/${user.user.id}/memberships`,
        headers: { ...s.write, "accept-language": "zh-CN" },
        payload: { organizationId: org.json().id, role: "customs_officer" },
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().detail).toBe("请求与当前状态冲突：角色 customs_officer 不能属于 enterprise 类组织");
      // A customs authority belongs to a side; without one the field is named, in the reader's language.
      const authority = await a.inject({
        method: "POST",
        url: "/api/v1/admin/organizations",
        headers: { ...s.write, "accept-language": "ru-RU" },
        payload: { kind: "authority", name: "Таможня без стороны" },
      });
      expect(authority.statusCode, authority.body).toBe(400);
      expect(authority.json().errors).toEqual([
        { path: "side", code: "required", message: "Обязательное поле." },
      ]);
    });

    it("pages through users with a cursor", async () => {
      const a = await getApp();
      const { email } = await makeUser(deps(), { role: "platform_admin" });
      const s = await login(a, email);
      const seen = new Set<string>();
      let cursor: string | null = null;
      do {
        const url: string = `/api/v1/admin/users?limit=2${cursor ? `&cursor=${cursor}` : ""}`;
        const res = await a.inject({ method: "GET", url, headers: s.headers });
        expect(res.statusCode).toBe(200);
        for (const u of res.json().items) seen.add(u.id);
        cursor = res.json().nextCursor;
      } while (cursor);
      const total = await deps().db.db.selectFrom("users").select("id").execute();
      expect(seen.size).toBe(total.length);
    });
  },
  { clock: () => clock },
);
