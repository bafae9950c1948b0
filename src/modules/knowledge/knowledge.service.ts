import { randomBytes, randomUUID } from "node:crypto";
import type { Selectable } from "kysely";
import type { AuthContext } from "../../platform/auth/policy.ts";
import { sidesWithRole } from "../../platform/auth/policy.ts";
import type { Dialect, Executor } from "../../platform/db/db.ts";
import type { KbDocumentsTable, KbVersionsTable } from "../../platform/db/schema.ts";
import { AppError, fieldError } from "../../platform/errors.ts";
import { defineOperation, type OperationContext } from "../../platform/operations.ts";
import { appendDocuments, removeDocument, upsertDocument } from "../../platform/search/search.ts";
import type { TDocumentInput } from "./knowledge.schema.ts";
import { invalidateTerms } from "./knowledge.search.ts";

/**
 * The knowledge base: documents with a version history per language, relations between them (amends,
 * repeals, implements, references, and counterpart-of — the other side's matching measure), the
 * editorial workflow draft → review → published → repealed, the term bank and subscriptions. Every
 * step is audited; publishing, amending and repealing are outbox events that notify subscribers.
 */

export const KB_SCOPE = "kb";

/** 财关税〔2008〕90号 / 财关税[2008]90号 / "财关税 (2008) 90 号" → one key. */
export function numberKey(number: string): string {
  return number
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[〔〕【】（）()[\]［］{}]/g, "")
    .replace(/[\s№#"«»“”.,-]/g, "");
}

export function currentVersions(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([] as Selectable<KbVersionsTable>[]);
  return db
    .selectFrom("kb_versions as v")
    .selectAll("v")
    .where("v.document_id", "in", ids)
    .where(({ eb, selectFrom }) =>
      eb(
        "v.version",
        "=",
        selectFrom("kb_versions as w")
          .select((e) => e.fn.max("w.version").as("m"))
          .whereRef("w.document_id", "=", "v.document_id")
          .whereRef("w.lang", "=", "v.lang"),
      ),
    )
    .execute();
}

async function indexDocument(trx: Executor, dialect: Dialect, doc: KbDocumentsTable) {
  const versions = await currentVersions(trx, [doc.id]);
  for (const lang of ["zh", "ru", "en"] as const) {
    const v = versions.find((x) => x.lang === lang);
    const ref = `${doc.id}:${lang}`;
    if (!v || doc.status === "draft") {
      await removeDocument(trx, dialect, KB_SCOPE, ref);
      continue;
    }
    await upsertDocument(trx, dialect, KB_SCOPE, {
      ref,
      title: `${v.title} ${doc.number ?? ""}`,
      body: `${v.body}\n${doc.issuing_body}`,
      // Documents in force rank above repealed ones.
      boost: doc.status === "repealed" ? 0.6 : 1,
    });
  }
}

/** Editors act on documents of their side; bilateral documents belong to editors of both sides. */
export function assertEditorSide(auth: AuthContext, side: KbDocumentsTable["side"]) {
  const sides = sidesWithRole(auth, "editor");
  const platformEditor = auth.memberships.some((m) => m.roles.includes("editor") && m.side === null);
  if (platformEditor || (side === "bilateral" ? sides.length > 0 : sides.includes(side))) return;
  throw new AppError("FORBIDDEN_SIDE", { side });
}

function checkInput(input: TDocumentInput, creating: boolean) {
  const errors = [];
  const langs = input.versions.map((v) => v.lang);
  if (new Set(langs).size !== langs.length)
    errors.push(fieldError("versions", "duplicate_lang", "knowledge.field.duplicate_lang"));
  if (creating && !langs.includes(input.originalLang))
    errors.push(
      fieldError("versions", "original_missing", "knowledge.field.original_missing", {
        lang: input.originalLang,
      }),
    );
  for (const [i, v] of input.versions.entries())
    if ((v.translation === "original") !== (v.lang === input.originalLang))
      errors.push(fieldError(`versions.${i}.translation`, "original_flag", "knowledge.field.original_flag"));
  if (input.effectiveOn && input.repealedOn && input.repealedOn < input.effectiveOn)
    errors.push(fieldError("repealedOn", "before_effective", "knowledge.field.repealed_before"));
  if (errors.length) throw new AppError("VALIDATION_FAILED", {}, errors);
}

async function writeVersions(ctx: OperationContext, docId: string, input: TDocumentInput) {
  const current = await currentVersions(ctx.trx, [docId]);
  const changed: string[] = [];
  for (const v of input.versions) {
    const cur = current.find((c) => c.lang === v.lang);
    if (cur && cur.title === v.title && cur.body === v.body && cur.translation === v.translation) continue;
    await ctx.trx
      .insertInto("kb_versions")
      .values({
        document_id: docId,
        lang: v.lang,
        version: cur ? Number(cur.version) + 1 : 1,
        title: v.title,
        body: v.body,
        translation: v.translation,
        is_summary: v.isSummary ? 1 : 0,
        note: v.note ?? null,
        created_at: ctx.now,
        created_by: ctx.actor.label,
      })
      .execute();
    changed.push(v.lang);
  }
  return changed;
}

async function writeRelations(ctx: OperationContext, docId: string, input: TDocumentInput) {
  await ctx.trx.deleteFrom("kb_relations").where("document_id", "=", docId).execute();
  if (input.relations.length === 0) return;
  const targets = await ctx.trx
    .selectFrom("kb_documents")
    .select("id")
    .where(
      "id",
      "in",
      input.relations.map((r) => r.targetId),
    )
    .execute();
  const known = new Set(targets.map((t) => t.id));
  const errors = input.relations
    .map((r, i) =>
      known.has(r.targetId) && r.targetId !== docId
        ? null
        : fieldError(`relations.${i}.targetId`, "unknown", "knowledge.field.relation_target"),
    )
    .filter((e) => e !== null);
  if (errors.length) throw new AppError("VALIDATION_FAILED", {}, errors);
  await ctx.trx
    .insertInto("kb_relations")
    .values(input.relations.map((r) => ({ document_id: docId, kind: r.kind, target_id: r.targetId })))
    .execute();
}

function metadata(input: TDocumentInput) {
  return {
    kind: input.kind,
    side: input.side,
    issuing_body: input.issuingBody,
    number: input.number ?? null,
    number_key: input.number ? numberKey(input.number) : null,
    issued_on: input.issuedOn ?? null,
    effective_on: input.effectiveOn ?? null,
    repealed_on: input.repealedOn ?? null,
    original_lang: input.originalLang,
    hs_prefixes: JSON.stringify([...new Set(input.hsPrefixes)].sort()),
    ports: JSON.stringify([...new Set(input.ports)].sort()),
    regions: JSON.stringify([...new Set(input.regions)].sort()),
    topics: JSON.stringify([...new Set(input.topics)].sort()),
    source_url: input.sourceUrl ?? null,
  };
}

async function relatedTargets(trx: Executor, docId: string) {
  return (
    await trx
      .selectFrom("kb_relations")
      .select(["kind", "target_id"])
      .where("document_id", "=", docId)
      .execute()
  ).filter((r) => r.kind === "amends" || r.kind === "repeals");
}

export const createDocument = defineOperation({
  name: "knowledge.create",
  async run(ctx, input: TDocumentInput & { sample?: boolean; status?: "draft" | "published" }) {
    checkInput(input, true);
    const id = randomUUID();
    const status = input.status ?? "draft";
    const row: KbDocumentsTable = {
      id,
      ...metadata(input),
      status,
      created_at: ctx.now,
      created_by: ctx.actor.label,
      updated_at: ctx.now,
      published_at: status === "published" ? ctx.now : null,
      is_sample: input.sample ? 1 : 0,
    };
    await ctx.trx.insertInto("kb_documents").values(row).execute();
    await writeVersions(ctx, id, input);
    await writeRelations(ctx, id, input);
    await indexDocument(ctx.trx, ctx.dialect, row);
    await ctx.audit({
      action: "knowledge.created",
      targetType: "kb_document",
      targetId: id,
      summary: { kind: row.kind, side: row.side, number: row.number, status },
    });
    if (status === "published")
      await ctx.emit({
        type: "kb.document_published",
        aggregateType: "kb_document",
        aggregateId: id,
        payload: { related: await relatedTargets(ctx.trx, id) },
      });
    return row;
  },
});

export const updateDocument = defineOperation({
  name: "knowledge.update",
  async run(ctx, input: { id: string; change: TDocumentInput; auth: AuthContext | null }) {
    const before = await ctx.trx
      .selectFrom("kb_documents")
      .selectAll()
      .where("id", "=", input.id)
      .executeTakeFirst();
    if (!before) throw new AppError("NOT_FOUND", { resource: "kb_document", id: input.id });
    if (input.auth) {
      assertEditorSide(input.auth, before.side);
      assertEditorSide(input.auth, input.change.side);
    }
    checkInput(input.change, false);
    const changedLangs = await writeVersions(ctx, before.id, input.change);
    await writeRelations(ctx, before.id, input.change);
    const after: KbDocumentsTable = { ...before, ...metadata(input.change), updated_at: ctx.now };
    await ctx.trx
      .updateTable("kb_documents")
      .set({ ...metadata(input.change), updated_at: ctx.now })
      .where("id", "=", before.id)
      .execute();
    await indexDocument(ctx.trx, ctx.dialect, after);
    await ctx.audit({
      action: "knowledge.updated",
      targetType: "kb_document",
      targetId: before.id,
      summary: { languages: changedLangs, status: before.status },
    });
    // A published document that changes is an amendment its subscribers hear of.
    if (before.status === "published")
      await ctx.emit({
        type: "kb.document_amended",
        aggregateType: "kb_document",
        aggregateId: before.id,
        payload: { languages: changedLangs, related: await relatedTargets(ctx.trx, before.id) },
      });
    return after;
  },
});

const TRANSITIONS = {
  submit: { from: ["draft"], to: "review" },
  return: { from: ["review"], to: "draft" },
  publish: { from: ["draft", "review"], to: "published" },
  repeal: { from: ["published"], to: "repealed" },
} as const;

export const changeStatus = defineOperation({
  name: "knowledge.status",
  async run(
    ctx,
    input: {
      id: string;
      action: keyof typeof TRANSITIONS;
      repealedOn?: string | undefined;
      auth: AuthContext | null;
    },
  ) {
    const doc = await ctx.trx
      .selectFrom("kb_documents")
      .selectAll()
      .where("id", "=", input.id)
      .executeTakeFirst();
    if (!doc) throw new AppError("NOT_FOUND", { resource: "kb_document", id: input.id });
    if (input.auth) assertEditorSide(input.auth, doc.side);
    const t = TRANSITIONS[input.action];
    if (!(t.from as readonly string[]).includes(doc.status))
      throw new AppError("KB_STATE", { status: `@i18n:knowledge.status.${doc.status}` });
    const set: Partial<KbDocumentsTable> = { status: t.to, updated_at: ctx.now };
    if (t.to === "published") set.published_at = ctx.now;
    if (t.to === "repealed") set.repealed_on = input.repealedOn ?? ctx.now.slice(0, 10);
    await ctx.trx
      .updateTable("kb_documents")
      .set(set)
      .where("id", "=", doc.id)
      .where("status", "=", doc.status)
      .execute();
    await indexDocument(ctx.trx, ctx.dialect, { ...doc, ...set } as KbDocumentsTable);
    await ctx.audit({
      action: `knowledge.${input.action}`,
      targetType: "kb_document",
      targetId: doc.id,
      summary: { from: doc.status, to: t.to },
    });
    if (t.to === "published" || t.to === "repealed")
      await ctx.emit({
        type: t.to === "published" ? "kb.document_published" : "kb.document_repealed",
        aggregateType: "kb_document",
        aggregateId: doc.id,
        payload: { related: await relatedTargets(ctx.trx, doc.id) },
      });
    return { ...doc, ...set } as KbDocumentsTable;
  },
});

export const saveTerm = defineOperation({
  name: "knowledge.saveTerm",
  async run(ctx, input: { id?: string; zh: string; ru: string; en: string; note?: string | undefined }) {
    const id = input.id ?? randomUUID();
    const row = {
      id,
      zh: input.zh,
      ru: input.ru,
      en: input.en,
      note: input.note ?? null,
      updated_at: ctx.now,
      updated_by: ctx.actor.label,
    };
    const exists = input.id
      ? await ctx.trx.selectFrom("kb_terms").select("id").where("id", "=", id).executeTakeFirst()
      : undefined;
    if (input.id && !exists) throw new AppError("NOT_FOUND", { resource: "kb_term", id });
    if (exists) await ctx.trx.updateTable("kb_terms").set(row).where("id", "=", id).execute();
    else await ctx.trx.insertInto("kb_terms").values(row).execute();
    invalidateTerms();
    await ctx.audit({
      action: "knowledge.term_saved",
      targetType: "kb_term",
      targetId: id,
      summary: { zh: input.zh, ru: input.ru, en: input.en },
    });
    return row;
  },
});

export const subscribe = defineOperation({
  name: "knowledge.subscribe",
  async run(
    ctx,
    input: {
      userId: string;
      kind: "hs" | "port" | "topic" | "document";
      value: string;
      webhookUrl?: string | undefined;
      email: boolean;
    },
  ) {
    const row = {
      id: randomUUID(),
      user_id: input.userId,
      kind: input.kind,
      value: input.value,
      webhook_url: input.webhookUrl ?? null,
      webhook_secret: input.webhookUrl ? randomBytes(24).toString("base64url") : null,
      email: input.email ? 1 : 0,
      created_at: ctx.now,
    };
    await ctx.trx.insertInto("kb_subscriptions").values(row).execute();
    await ctx.audit({
      action: "knowledge.subscribed",
      targetType: "kb_subscription",
      targetId: row.id,
      summary: { kind: row.kind, value: row.value, webhook: row.webhook_url !== null, email: input.email },
    });
    return row;
  },
});

/**
 * Loads a collection of documents at once (an archive, a migration): rows, versions and the search
 * index written in batches, one audit entry for the whole load. Relations and notifications are not
 * part of a bulk load; publish or amend documents one by one for subscribers to hear of them.
 */
export const importDocuments = defineOperation({
  name: "knowledge.import",
  async run(
    ctx,
    input: { documents: (TDocumentInput & { status?: "draft" | "published" })[]; sample?: boolean },
  ) {
    const rows: KbDocumentsTable[] = [];
    const versions: Omit<KbVersionsTable, "id">[] = [];
    const index: { ref: string; title: string; body: string; boost: number }[] = [];
    for (const d of input.documents) {
      checkInput(d, true);
      const id = randomUUID();
      const status = d.status ?? "published";
      const row: KbDocumentsTable = {
        id,
        ...metadata(d),
        status,
        created_at: ctx.now,
        created_by: ctx.actor.label,
        updated_at: ctx.now,
        published_at: status === "published" ? ctx.now : null,
        is_sample: input.sample ? 1 : 0,
      };
      rows.push(row);
      for (const v of d.versions) {
        versions.push({
          document_id: id,
          lang: v.lang,
          version: 1,
          title: v.title,
          body: v.body,
          translation: v.translation,
          is_summary: v.isSummary ? 1 : 0,
          note: v.note ?? null,
          created_at: ctx.now,
          created_by: ctx.actor.label,
        });
        if (status !== "draft")
          index.push({
            ref: `${id}:${v.lang}`,
            title: `${v.title} ${row.number ?? ""}`,
            body: `${v.body}\n${row.issuing_body}`,
            boost: 1,
          });
      }
    }
    for (let i = 0; i < rows.length; i += 200)
      await ctx.trx
        .insertInto("kb_documents")
        .values(rows.slice(i, i + 200))
        .execute();
    for (let i = 0; i < versions.length; i += 200)
      await ctx.trx
        .insertInto("kb_versions")
        .values(versions.slice(i, i + 200))
        .execute();
    for (let i = 0; i < index.length; i += 500)
      await appendDocuments(ctx.trx, ctx.dialect, KB_SCOPE, index.slice(i, i + 500));
    await ctx.audit({
      action: "knowledge.imported",
      targetType: "kb_document",
      targetId: "bulk",
      summary: { documents: rows.length, versions: versions.length },
    });
    return { documents: rows.length, versions: versions.length };
  },
});
