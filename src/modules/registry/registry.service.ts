import type { AuthContext, Side } from "../../platform/auth/policy.ts";
import { hasRole, sidesWithRole } from "../../platform/auth/policy.ts";
import { newId } from "../../platform/clock.ts";
import type { Executor } from "../../platform/db/db.ts";
import type { EnterprisesTable } from "../../platform/db/schema.ts";
import type { AppDeps } from "../../platform/deps.ts";
import { AppError, type FieldError, fieldError } from "../../platform/errors.ts";
import { type Locale, t } from "../../platform/i18n/i18n.ts";
import { defineOperation, type OperationContext } from "../../platform/operations.ts";
import { removeDocument, upsertDocument } from "../../platform/search/search.ts";
import * as identityRepo from "../identity/identity.repository.ts";
import { type IdentifierScheme, validateIdentifier } from "./identifiers.ts";
import type { PackedRow } from "./registry.import.check.ts";
import * as repo from "./registry.repository.ts";
import { type CheckedIdentifiers, checkIdentifiers, searchText } from "./registry.requirements.ts";
import type { TEnterpriseInput } from "./registry.schema.ts";

export const ENTERPRISE_SEARCH_SCOPE = "enterprise";

/** An identifier check with messages in the reader's language (public validation endpoint). */
export function checkIdentifier(scheme: IdentifierScheme, value: string, locale: Locale) {
  const r = validateIdentifier(scheme, value);
  const localize = (i: { code: string; params: Record<string, string | number> }) => ({
    code: i.code,
    message: t(locale, `identifiers.${i.code}`, {
      ...i.params,
      scheme: t(locale, `identifiers.scheme.${scheme}`),
    }),
  });
  return {
    scheme,
    value,
    valid: r.valid,
    normalized: r.normalized,
    errors: r.errors.map(localize),
    warnings: r.warnings.map(localize),
  };
}

export async function indexEnterprise(
  trx: Executor,
  dialect: AppDeps["db"]["dialect"],
  row: EnterprisesTable,
) {
  if (row.status === "rejected") {
    await removeDocument(trx, dialect, ENTERPRISE_SEARCH_SCOPE, row.id);
    return;
  }
  await upsertDocument(trx, dialect, ENTERPRISE_SEARCH_SCOPE, { ref: row.id, title: searchText(row) });
}

/** The row of a new (pending) registration; shared by single registrations and bulk imports. */
export function newEnterpriseRow(a: {
  id: string;
  input: TEnterpriseInput;
  ids: Pick<CheckedIdentifiers, "uscc" | "inn" | "ogrn" | "kpp">;
  chapters: readonly string[];
  registeredBy: string | null;
  at: string;
  sample: boolean;
}): EnterprisesTable {
  const { input } = a;
  return {
    id: a.id,
    side: input.side,
    status: "pending",
    uscc: a.ids.uscc,
    inn: a.ids.inn,
    ogrn: a.ids.ogrn,
    kpp: a.ids.kpp,
    name_zh: input.names.zh ?? null,
    name_ru: input.names.ru ?? null,
    name_en: input.names.en ?? null,
    legal_form: input.legalForm ?? null,
    region: input.region,
    address: input.address ?? null,
    contact_email: input.contacts.email ?? null,
    contact_phone: input.contacts.phone ?? null,
    website: input.contacts.website ?? null,
    hs_chapters: JSON.stringify(a.chapters),
    is_border_trade: input.borderTrade ? 1 : 0,
    aeo_level: input.aeo.level,
    aeo_since: input.aeo.since ?? null,
    is_cross_border_ecommerce: input.crossBorderEcommerce ? 1 : 0,
    registered_by: a.registeredBy,
    registered_at: a.at,
    verified_at: null,
    verified_by: null,
    decision_reason: null,
    updated_at: a.at,
    is_sample: a.sample ? 1 : 0,
  };
}

/**
 * newEnterpriseRow for a checked import row (PackedRow), as statement parameters in ENTERPRISE_COLUMNS
 * order (registry.repository.ts), appended to `out`: a bulk import makes no row objects (registry.import.ts). A test holds the
 * two to the same result.
 */
export function pushEnterpriseRowValues(
  out: unknown[],
  p: PackedRow,
  a: { id: string; registeredBy: string | null; at: string; sample: boolean },
) {
  out.push(
    a.id,
    p[2],
    "pending",
    p[3],
    p[4],
    p[5],
    p[6],
    p[7],
    p[8],
    p[9],
    p[10],
    p[11],
    p[12],
    p[13],
    p[14],
    p[15],
    JSON.stringify(p[16]),
    p[17],
    p[18],
    p[19],
    p[20],
    a.registeredBy,
    a.at,
    null,
    null,
    null,
    a.at,
    a.sample ? 1 : 0,
  );
}

export interface RegisterInput extends TEnterpriseInput {
  userId: string | null;
  sample?: boolean;
  /** Attach the registry entry to this existing enterprise organization instead of creating one. */
  organizationId?: string;
}

/**
 * Validates and records a registration (status pending). The enterprise becomes an organization, the
 * registering user its member. Returns the row and the warnings (e.g. an early pilot-region USCC).
 */
export async function prepareRegistration(db: Executor, input: TEnterpriseInput) {
  const errors: FieldError[] = [];
  const ids = checkIdentifiers(input.side, input.identifiers);
  errors.push(...ids.errors);
  const native = input.side === "CN" ? "zh" : "ru";
  if (!input.names[native])
    errors.push(fieldError(`names.${native}`, "required", "registry.NATIVE_NAME_REQUIRED"));
  const region = await repo.findRegion(db, input.region);
  if (!region || region.country !== input.side) {
    errors.push(
      fieldError("region", "unknown_region", "registry.UNKNOWN_REGION", {
        region: input.region,
        side: input.side,
      }),
    );
  }
  const chapters = [...new Set(input.hsChapters)].sort();
  for (const [i, c] of chapters.entries()) {
    const n = Number(c);
    if (n < 1 || n > 99 || n === 77)
      errors.push(
        fieldError(`hsChapters.${i}`, "unknown_chapter", "registry.UNKNOWN_CHAPTER", { chapter: c }),
      );
  }
  if (errors.length) throw new AppError("VALIDATION_FAILED", {}, errors);
  const existing = await repo.findByIdentifiers(db, { uscc: ids.uscc, inn: ids.inn, ogrn: ids.ogrn });
  if (existing) {
    throw new AppError("ENTERPRISE_EXISTS", {
      id: existing.id,
      name: existing.name_zh ?? existing.name_ru ?? existing.name_en ?? existing.id,
    });
  }
  return { ids, chapters, nativeName: input.names[native] as string };
}

export const registerEnterprise = defineOperation({
  name: "registry.register",
  async run(ctx: OperationContext, input: RegisterInput) {
    const { ids, chapters, nativeName } = await prepareRegistration(ctx.trx, input);
    const id = input.organizationId ?? newId();
    if (input.organizationId) {
      const org = await identityRepo.findOrganization(ctx.trx, input.organizationId);
      if (org?.kind !== "enterprise" || org.side !== input.side) {
        throw new AppError("NOT_FOUND", { resource: "organization", id: input.organizationId });
      }
    } else {
      await identityRepo.insertOrganization(ctx.trx, {
        id,
        kind: "enterprise",
        side: input.side,
        name: nativeName,
        name_zh: input.names.zh ?? null,
        name_ru: input.names.ru ?? null,
        name_en: input.names.en ?? null,
        is_sample: input.sample ? 1 : 0,
        created_at: ctx.now,
      });
    }
    const row = newEnterpriseRow({
      id,
      input,
      ids,
      chapters,
      registeredBy: input.userId,
      at: ctx.now,
      sample: Boolean(input.sample),
    });
    await repo.insertEnterprise(ctx.trx, row, chapters);
    if (input.userId) {
      await identityRepo.insertMembership(ctx.trx, {
        user_id: input.userId,
        organization_id: id,
        role: "enterprise_member",
        created_at: ctx.now,
      });
    }
    await repo.insertDecision(ctx.trx, {
      enterprise_id: id,
      action: "registered",
      actor_user_id: input.userId,
      reason: null,
      at: ctx.now,
    });
    await indexEnterprise(ctx.trx, ctx.dialect, row);
    await ctx.audit({
      action: "enterprise.registered",
      targetType: "enterprise",
      targetId: id,
      organizationId: id,
      summary: { side: row.side, uscc: row.uscc, inn: row.inn, ogrn: row.ogrn, name: nativeName },
    });
    await ctx.emit({
      type: "enterprise.registered",
      aggregateType: "enterprise",
      aggregateId: id,
      payload: { side: row.side },
    });
    return { row, warnings: ids.warnings };
  },
});

export const decideVerification = defineOperation({
  name: "registry.decide",
  async run(
    ctx: OperationContext,
    input: { id: string; officer: AuthContext; decision: "approve" | "reject"; reason?: string | undefined },
  ) {
    const row = await repo.findEnterprise(ctx.trx, input.id);
    if (!row) throw new AppError("NOT_FOUND", { resource: "enterprise", id: input.id });
    // Checked again here (not only by the route's side scope) because CLI and jobs call this too.
    if (!sidesWithRole(input.officer, "customs_officer").includes(row.side))
      throw new AppError("FORBIDDEN_SIDE", { side: row.side });
    if (row.status !== "pending") throw new AppError("ENTERPRISE_NOT_PENDING", { status: row.status });
    if (input.decision === "reject" && !input.reason) {
      throw new AppError("VALIDATION_FAILED", {}, [
        fieldError("reason", "required", "registry.REASON_REQUIRED"),
      ]);
    }
    const patch: Partial<EnterprisesTable> =
      input.decision === "approve"
        ? {
            status: "verified",
            verified_at: ctx.now,
            verified_by: input.officer.user.id,
            decision_reason: input.reason ?? null,
            updated_at: ctx.now,
          }
        : { status: "rejected", decision_reason: input.reason ?? null, updated_at: ctx.now };
    await repo.updateEnterprise(ctx.trx, row.id, patch);
    await repo.insertDecision(ctx.trx, {
      enterprise_id: row.id,
      action: input.decision === "approve" ? "approved" : "rejected",
      actor_user_id: input.officer.user.id,
      reason: input.reason ?? null,
      at: ctx.now,
    });
    const after = { ...row, ...patch } as EnterprisesTable;
    await indexEnterprise(ctx.trx, ctx.dialect, after);
    const type = input.decision === "approve" ? "enterprise.verified" : "enterprise.rejected";
    await ctx.audit({
      action: type,
      targetType: "enterprise",
      targetId: row.id,
      organizationId: row.id,
      summary: { from: row.status, to: after.status, reason: input.reason ?? null },
    });
    await ctx.emit({ type, aggregateType: "enterprise", aggregateId: row.id, payload: { side: row.side } });
    return after;
  },
});

/** Members edit their enterprise; identifiers, side and verification status are not editable here. */
export const updateEnterpriseProfile = defineOperation({
  name: "registry.update",
  async run(
    ctx: OperationContext,
    input: {
      id: string;
      patch: {
        names?: { zh?: string | undefined; ru?: string | undefined; en?: string | undefined } | undefined;
        legalForm?: string | undefined;
        address?: string | undefined;
        contacts?:
          | { email?: string | undefined; phone?: string | undefined; website?: string | undefined }
          | undefined;
        hsChapters?: string[] | undefined;
        crossBorderEcommerce?: boolean | undefined;
      };
    },
  ) {
    const row = await repo.findEnterprise(ctx.trx, input.id);
    if (!row) throw new AppError("NOT_FOUND", { resource: "enterprise", id: input.id });
    const p = input.patch;
    const change: Partial<EnterprisesTable> = { updated_at: ctx.now };
    if (p.names) {
      if (p.names.zh !== undefined) change.name_zh = p.names.zh;
      if (p.names.ru !== undefined) change.name_ru = p.names.ru;
      if (p.names.en !== undefined) change.name_en = p.names.en;
    }
    if (p.legalForm !== undefined) change.legal_form = p.legalForm;
    if (p.address !== undefined) change.address = p.address;
    if (p.contacts) {
      if (p.contacts.email !== undefined) change.contact_email = p.contacts.email;
      if (p.contacts.phone !== undefined) change.contact_phone = p.contacts.phone;
      if (p.contacts.website !== undefined) change.website = p.contacts.website;
    }
    if (p.crossBorderEcommerce !== undefined)
      change.is_cross_border_ecommerce = p.crossBorderEcommerce ? 1 : 0;
    const chapters = p.hsChapters ? [...new Set(p.hsChapters)].sort() : undefined;
    if (chapters) change.hs_chapters = JSON.stringify(chapters);
    await repo.updateEnterprise(ctx.trx, row.id, change, chapters);
    const after = { ...row, ...change } as EnterprisesTable;
    await indexEnterprise(ctx.trx, ctx.dialect, after);
    await repo.insertDecision(ctx.trx, {
      enterprise_id: row.id,
      action: "updated",
      actor_user_id: ctx.actor.userId,
      reason: null,
      at: ctx.now,
    });
    await ctx.audit({
      action: "enterprise.updated",
      targetType: "enterprise",
      targetId: row.id,
      organizationId: row.id,
      summary: { fields: Object.keys(change).filter((k) => k !== "updated_at") },
    });
    await ctx.emit({
      type: "enterprise.updated",
      aggregateType: "enterprise",
      aggregateId: row.id,
      payload: {},
    });
    return after;
  },
});

/** Members of the enterprise and customs officers of its side may see its private data. */
export function canSeePrivate(auth: AuthContext | null, row: Pick<EnterprisesTable, "id" | "side">): boolean {
  if (!auth) return false;
  if (auth.memberships.some((m) => m.organizationId === row.id)) return true;
  return hasRole(auth, "customs_officer", row.side);
}

export function officerSides(auth: AuthContext): Side[] {
  return sidesWithRole(auth, "customs_officer");
}

export function isMemberOf(auth: AuthContext, enterpriseId: string): boolean {
  return auth.memberships.some(
    (m) => m.organizationId === enterpriseId && m.roles.includes("enterprise_member"),
  );
}
