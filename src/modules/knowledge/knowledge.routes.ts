import { AUTHENTICATED, type AuthContext, hasRole, PUBLIC, requireRole } from "../../platform/auth/policy.ts";
import type { Executor } from "../../platform/db/db.ts";
import type { KbDocumentsTable } from "../../platform/db/schema.ts";
import { operationDeps } from "../../platform/deps.ts";
import { AppError } from "../../platform/errors.ts";
import type { RouteModule } from "../../platform/http/app.ts";
import { type Locale, t } from "../../platform/i18n/i18n.ts";
import { diffLines, renderMarkdown } from "../../platform/markdown.ts";
import { runOperation, SYSTEM_ACTOR } from "../../platform/operations.ts";
import { actorOf } from "../identity/identity.service.ts";
import { whatApplies } from "./knowledge.applies.ts";
import {
  ZApplies,
  ZAppliesQuery,
  ZDocument,
  ZDocumentInput,
  ZDocumentList,
  ZDocumentListQuery,
  ZIdParams,
  ZNotificationList,
  ZReadInput,
  ZRepealInput,
  ZSearchQuery,
  ZSearchResult,
  ZSubscription,
  ZSubscriptionInput,
  ZSubscriptionList,
  ZTerm,
  ZTermInput,
  ZTermList,
  ZVersionHistory,
  ZVersionsQuery,
} from "./knowledge.schema.ts";
import { searchKnowledge, snippet } from "./knowledge.search.ts";
import {
  assertEditorSide,
  changeStatus,
  createDocument,
  currentVersions,
  saveTerm,
  subscribe,
  updateDocument,
} from "./knowledge.service.ts";

const tags = ["knowledge"];
const EDITOR = requireRole("editor");
const PUBLIC_STATUSES = ["published", "repealed"] as const;
const ALL_STATUSES = ["draft", "review", "published", "repealed"] as const;

const langOf = (locale: Locale) => (locale === "zh-CN" ? "zh" : locale === "ru-RU" ? "ru" : "en");
const isEditor = (auth: AuthContext | null) => auth !== null && hasRole(auth, "editor");

function authOf(request: { auth: AuthContext | null }): AuthContext {
  if (!request.auth) throw new AppError("UNAUTHENTICATED");
  return request.auth;
}

async function briefs(db: Executor, docs: readonly KbDocumentsTable[]) {
  const versions = await currentVersions(
    db,
    docs.map((d) => d.id),
  );
  return docs.map((d) => {
    const title = (lang: string) =>
      versions.find((v) => v.document_id === d.id && v.lang === lang)?.title ?? null;
    return {
      id: d.id,
      kind: d.kind as "law",
      side: d.side,
      number: d.number,
      status: d.status,
      titles: { zh: title("zh"), ru: title("ru"), en: title("en") },
      originalLang: d.original_lang,
      effectiveOn: d.effective_on,
      repealedOn: d.repealed_on,
    };
  });
}

async function visibleDocument(db: Executor, id: string, auth: AuthContext | null) {
  const d = await db.selectFrom("kb_documents").selectAll().where("id", "=", id).executeTakeFirst();
  if (!d || (!(PUBLIC_STATUSES as readonly string[]).includes(d.status) && !isEditor(auth)))
    throw new AppError("NOT_FOUND", { resource: "kb_document", id });
  return d;
}

async function presentDocument(db: Executor, d: KbDocumentsTable, auth: AuthContext | null) {
  const [[brief], versions, outgoing, incoming] = await Promise.all([
    briefs(db, [d]),
    currentVersions(db, [d.id]),
    db.selectFrom("kb_relations").selectAll().where("document_id", "=", d.id).execute(),
    db.selectFrom("kb_relations").selectAll().where("target_id", "=", d.id).execute(),
  ]);
  const otherIds = [...outgoing.map((r) => r.target_id), ...incoming.map((r) => r.document_id)];
  const others = otherIds.length
    ? await db.selectFrom("kb_documents").selectAll().where("id", "in", otherIds).execute()
    : [];
  const visibleOthers = others.filter(
    (o) => (PUBLIC_STATUSES as readonly string[]).includes(o.status) || isEditor(auth),
  );
  const otherBriefs = new Map((await briefs(db, visibleOthers)).map((b) => [b.id, b]));
  return {
    ...(brief as NonNullable<typeof brief>),
    issuingBody: d.issuing_body,
    issuedOn: d.issued_on,
    hsPrefixes: JSON.parse(d.hs_prefixes) as string[],
    ports: JSON.parse(d.ports) as string[],
    regions: JSON.parse(d.regions) as string[],
    topics: JSON.parse(d.topics) as string[],
    sourceUrl: d.source_url,
    versions: versions.map((v) => ({
      lang: v.lang,
      version: Number(v.version),
      title: v.title,
      body: v.body,
      html: renderMarkdown(v.body),
      translation: v.translation,
      isSummary: Number(v.is_summary) === 1,
      createdAt: v.created_at,
      createdBy: v.created_by,
    })),
    relations: [
      ...outgoing.map((r) => ({
        kind: r.kind,
        direction: "outgoing" as const,
        document: otherBriefs.get(r.target_id),
      })),
      ...incoming.map((r) => ({
        kind: r.kind,
        direction: "incoming" as const,
        document: otherBriefs.get(r.document_id),
      })),
    ].filter(
      (
        r,
      ): r is {
        kind: typeof r.kind;
        direction: "outgoing" | "incoming";
        document: NonNullable<typeof r.document>;
      } => r.document !== undefined,
    ),
    updatedAt: d.updated_at,
    publishedAt: d.published_at,
  };
}

export const knowledgeRoutes: RouteModule = (app, deps) => {
  const db = deps.db.db;

  app.route({
    method: "GET",
    url: "/api/v1/kb/search",
    config: { policy: PUBLIC },
    schema: {
      tags,
      summary:
        "Search the knowledge base in any language: words, official numbers, and the term bank's equivalents in the other languages; filters; highlighted snippets",
      querystring: ZSearchQuery,
      response: { 200: ZSearchResult },
    },
    handler: async (request) => {
      const { q, limit, ...filter } = request.query;
      const r = await searchKnowledge(db, deps.db.dialect, q, filter, {
        visibleStatuses: isEditor(request.auth) ? ALL_STATUSES : PUBLIC_STATUSES,
        readerLang: langOf(request.locale),
        limit,
      });
      const docBriefs = new Map(
        (
          await briefs(
            db,
            r.hits.map((h) => h.document),
          )
        ).map((b) => [b.id, b]),
      );
      return {
        items: r.hits.map((h) => ({
          document: docBriefs.get(h.document.id) as NonNullable<ReturnType<typeof docBriefs.get>>,
          lang: h.lang,
          title: h.version.title,
          snippet: snippet(h.version.body, h.via ? h.via.text : q),
          score: Math.round(h.score * 1000) / 1000,
          exactNumber: h.exactNumber,
          via: h.via
            ? {
                ...h.via,
                text: t(request.locale, "knowledge.search.via", {
                  term: h.via.term,
                  equivalent: h.via.text,
                  lang: t(request.locale, `knowledge.lang.${h.via.to}`),
                }),
              }
            : null,
          otherLanguages: h.otherLanguages,
        })),
        expansions: r.expansions.map((e) => ({
          term: e.term,
          equivalents: e.equivalents.map((x) => x.text),
        })),
      };
    },
  });

  app.route({
    method: "GET",
    url: "/api/v1/kb/documents",
    config: { policy: PUBLIC },
    schema: {
      tags,
      summary: "Documents, newest first (drafts and reviews for editors only)",
      querystring: ZDocumentListQuery,
      response: { 200: ZDocumentList },
    },
    handler: async (request) => {
      const q = request.query;
      let sel = db
        .selectFrom("kb_documents")
        .where("status", "in", isEditor(request.auth) ? [...ALL_STATUSES] : [...PUBLIC_STATUSES]);
      if (q.status) sel = sel.where("status", "=", q.status);
      if (q.side) sel = sel.where("side", "=", q.side);
      if (q.kind) sel = sel.where("kind", "=", q.kind);
      const [rows, count] = await Promise.all([
        sel.selectAll().orderBy("updated_at", "desc").orderBy("id").limit(q.limit).offset(q.offset).execute(),
        sel.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirst(),
      ]);
      return { items: await briefs(db, rows), total: Number(count?.n ?? 0) };
    },
  });

  app.route({
    method: "GET",
    url: "/api/v1/kb/documents/:id",
    config: { policy: PUBLIC },
    schema: {
      tags,
      summary: "A document: metadata, each language's current version (Markdown and safe HTML), relations",
      params: ZIdParams,
      response: { 200: ZDocument },
    },
    handler: async (request) =>
      presentDocument(db, await visibleDocument(db, request.params.id, request.auth), request.auth),
  });

  app.route({
    method: "GET",
    url: "/api/v1/kb/documents/:id/versions",
    config: { policy: PUBLIC },
    schema: {
      tags,
      summary: "The version history of one language, each version with its diff against the previous",
      params: ZIdParams,
      querystring: ZVersionsQuery,
      response: { 200: ZVersionHistory },
    },
    handler: async (request) => {
      const d = await visibleDocument(db, request.params.id, request.auth);
      const rows = await db
        .selectFrom("kb_versions")
        .selectAll()
        .where("document_id", "=", d.id)
        .where("lang", "=", request.query.lang)
        .orderBy("version")
        .execute();
      return {
        lang: request.query.lang,
        versions: rows.map((v, i) => ({
          version: Number(v.version),
          title: v.title,
          createdAt: v.created_at,
          createdBy: v.created_by,
          note: v.note,
          diff: diffLines(i > 0 ? (rows[i - 1]?.body ?? "") : "", v.body),
        })),
      };
    },
  });

  app.route({
    method: "GET",
    url: "/api/v1/kb/applies",
    config: { policy: PUBLIC },
    schema: {
      tags,
      summary:
        "What applies to me: for an HS code, direction and port on a date, the documents in force on both sides, duties, VAT, prohibitions and quotas",
      querystring: ZAppliesQuery,
      response: { 200: ZApplies },
    },
    handler: async (request) =>
      whatApplies(
        db,
        { ...request.query, date: request.query.date ?? deps.clock.now().toISOString().slice(0, 10) },
        request.locale,
      ),
  });

  app.route({
    method: "POST",
    url: "/api/v1/kb/documents",
    config: { policy: EDITOR },
    schema: {
      tags,
      summary: "Create a document (a draft) with its language versions and relations",
      body: ZDocumentInput,
      response: { 201: ZDocument },
    },
    handler: async (request, reply) => {
      const auth = authOf(request);
      assertEditorSide(auth, request.body.side);
      const row = await runOperation(operationDeps(deps), createDocument, request.body, {
        actor: actorOf(auth),
        requestId: request.id,
      });
      reply.code(201);
      return presentDocument(db, row, auth);
    },
  });

  app.route({
    method: "PUT",
    url: "/api/v1/kb/documents/:id",
    config: { policy: EDITOR },
    schema: {
      tags,
      summary:
        "Change a document: changed languages get a new version; a published document's change is an amendment subscribers hear of",
      params: ZIdParams,
      body: ZDocumentInput,
      response: { 200: ZDocument },
    },
    handler: async (request) => {
      const auth = authOf(request);
      const row = await runOperation(
        operationDeps(deps),
        updateDocument,
        { id: request.params.id, change: request.body, auth },
        { actor: actorOf(auth), requestId: request.id },
      );
      return presentDocument(db, row, auth);
    },
  });

  for (const action of ["submit", "return", "publish", "repeal"] as const) {
    app.route({
      method: "POST",
      url: `/api/v1/kb/documents/:id/${action}`,
      config: { policy: EDITOR },
      schema: {
        tags,
        summary: {
          submit: "Send a draft to review",
          return: "Return a document in review to its draft",
          publish: "Publish",
          repeal: "Mark as repealed (with the date)",
        }[action],
        params: ZIdParams,
        body: ZRepealInput,
        response: { 200: ZDocument },
      },
      handler: async (request) => {
        const auth = authOf(request);
        const row = await runOperation(
          operationDeps(deps),
          changeStatus,
          { id: request.params.id, action, repealedOn: request.body.repealedOn, auth },
          { actor: actorOf(auth), requestId: request.id },
        );
        return presentDocument(db, row, auth);
      },
    });
  }

  app.route({
    method: "GET",
    url: "/api/v1/kb/terms",
    config: { policy: PUBLIC },
    schema: {
      tags,
      summary: "The term bank: the same words in Chinese, Russian and English",
      response: { 200: ZTermList },
    },
    handler: async () => ({
      items: (await db.selectFrom("kb_terms").selectAll().orderBy("en").execute()).map((r) => ({
        id: r.id,
        zh: r.zh,
        ru: r.ru,
        en: r.en,
        note: r.note,
        updatedAt: r.updated_at,
      })),
    }),
  });

  app.route({
    method: "POST",
    url: "/api/v1/kb/terms",
    config: { policy: EDITOR },
    schema: { tags, summary: "Add a term to the bank", body: ZTermInput, response: { 201: ZTerm } },
    handler: async (request, reply) => {
      const r = await runOperation(operationDeps(deps), saveTerm, request.body, {
        actor: actorOf(authOf(request)),
        requestId: request.id,
      });
      reply.code(201);
      return { id: r.id, zh: r.zh, ru: r.ru, en: r.en, note: r.note, updatedAt: r.updated_at };
    },
  });

  app.route({
    method: "PUT",
    url: "/api/v1/kb/terms/:id",
    config: { policy: EDITOR },
    schema: { tags, summary: "Change a term", params: ZIdParams, body: ZTermInput, response: { 200: ZTerm } },
    handler: async (request) => {
      const r = await runOperation(
        operationDeps(deps),
        saveTerm,
        { ...request.body, id: request.params.id },
        { actor: actorOf(authOf(request)), requestId: request.id },
      );
      return { id: r.id, zh: r.zh, ru: r.ru, en: r.en, note: r.note, updatedAt: r.updated_at };
    },
  });

  app.route({
    method: "GET",
    url: "/api/v1/kb/subscriptions",
    config: { policy: AUTHENTICATED },
    schema: { tags, summary: "My subscriptions", response: { 200: ZSubscriptionList } },
    handler: async (request) => ({
      items: (
        await db
          .selectFrom("kb_subscriptions")
          .selectAll()
          .where("user_id", "=", authOf(request).user.id)
          .orderBy("created_at")
          .execute()
      ).map((s) => ({
        id: s.id,
        kind: s.kind,
        value: s.value,
        webhookUrl: s.webhook_url,
        webhookSecret: null,
        email: Number(s.email) === 1,
        createdAt: s.created_at,
      })),
    }),
  });

  app.route({
    method: "POST",
    url: "/api/v1/kb/subscriptions",
    config: { policy: AUTHENTICATED },
    schema: {
      tags,
      summary: "Subscribe to an HS prefix, a port, a topic or a document (optionally a webhook and e-mail)",
      body: ZSubscriptionInput,
      response: { 201: ZSubscription },
    },
    handler: async (request, reply) => {
      const auth = authOf(request);
      const s = await runOperation(
        operationDeps(deps),
        subscribe,
        { userId: auth.user.id, ...request.body },
        { actor: actorOf(auth), requestId: request.id },
      );
      reply.code(201);
      return {
        id: s.id,
        kind: s.kind,
        value: s.value,
        webhookUrl: s.webhook_url,
        webhookSecret: s.webhook_secret,
        email: s.email === 1,
        createdAt: s.created_at,
      };
    },
  });

  app.route({
    method: "DELETE",
    url: "/api/v1/kb/subscriptions/:id",
    config: {
      policy: AUTHENTICATED,
      ownedResource: {
        async create(deps, owner) {
          const s = await runOperation(
            operationDeps(deps),
            subscribe,
            { userId: owner.userId, kind: "hs", value: "44", email: false },
            { actor: SYSTEM_ACTOR },
          );
          return { params: { id: s.id } };
        },
      },
    },
    schema: { tags, summary: "Unsubscribe", params: ZIdParams },
    handler: async (request, reply) => {
      const r = await db
        .deleteFrom("kb_subscriptions")
        .where("id", "=", request.params.id)
        .where("user_id", "=", authOf(request).user.id)
        .executeTakeFirst();
      if (Number(r.numDeletedRows) !== 1)
        throw new AppError("NOT_FOUND", { resource: "kb_subscription", id: request.params.id });
      reply.code(204);
      return null;
    },
  });

  app.route({
    method: "GET",
    url: "/api/v1/kb/notifications",
    config: { policy: AUTHENTICATED },
    schema: {
      tags,
      summary: "My notification feed, newest first, with the unread count",
      response: { 200: ZNotificationList },
    },
    handler: async (request) => {
      const auth = authOf(request);
      const rows = await db
        .selectFrom("kb_notifications")
        .selectAll()
        .where("user_id", "=", auth.user.id)
        .orderBy("id", "desc")
        .limit(100)
        .execute();
      const unread = await db
        .selectFrom("kb_notifications")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("user_id", "=", auth.user.id)
        .where("read_at", "is", null)
        .executeTakeFirst();
      const docs = rows.length
        ? await db
            .selectFrom("kb_documents")
            .selectAll()
            .where("id", "in", [...new Set(rows.map((r) => r.document_id))])
            .execute()
        : [];
      const b = new Map((await briefs(db, docs)).map((x) => [x.id, x]));
      const lang = langOf(request.locale);
      return {
        unread: Number(unread?.n ?? 0),
        items: rows
          .filter((r) => b.has(r.document_id))
          .map((r) => {
            const doc = b.get(r.document_id) as NonNullable<ReturnType<typeof b.get>>;
            const title = doc.titles[lang] ?? doc.titles[doc.originalLang] ?? doc.number ?? doc.id;
            const [kind, value] = r.reason.split(":");
            return {
              id: Number(r.id),
              change: r.change,
              document: doc,
              reason: r.reason,
              text: t(request.locale, `knowledge.notification.${r.change}`, {
                title,
                why: t(request.locale, `knowledge.notification.why_${kind}`, { value: value ?? "" }),
              }),
              createdAt: r.created_at,
              read: r.read_at !== null,
            };
          }),
      };
    },
  });

  app.route({
    method: "GET",
    url: "/api/v1/kb/notifications/unread",
    config: { policy: AUTHENTICATED },
    schema: {
      tags,
      summary: "How many of my notifications are unread (cheap; for a badge)",
      response: { 200: ZNotificationList.pick({ unread: true }) },
    },
    handler: async (request) => {
      const unread = await db
        .selectFrom("kb_notifications")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("user_id", "=", authOf(request).user.id)
        .where("read_at", "is", null)
        .executeTakeFirst();
      return { unread: Number(unread?.n ?? 0) };
    },
  });

  app.route({
    method: "POST",
    url: "/api/v1/kb/notifications/read",
    config: { policy: AUTHENTICATED },
    schema: {
      tags,
      summary: "Mark notifications read (the ids given, or all)",
      body: ZReadInput,
      response: { 200: ZNotificationList.pick({ unread: true }) },
    },
    handler: async (request) => {
      const auth = authOf(request);
      let u = db
        .updateTable("kb_notifications")
        .set({ read_at: deps.clock.now().toISOString() })
        .where("user_id", "=", auth.user.id)
        .where("read_at", "is", null);
      if (!request.body.all) u = u.where("id", "in", request.body.ids?.length ? request.body.ids : [-1]);
      await u.execute();
      const unread = await db
        .selectFrom("kb_notifications")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("user_id", "=", auth.user.id)
        .where("read_at", "is", null)
        .executeTakeFirst();
      return { unread: Number(unread?.n ?? 0) };
    },
  });
};
