import type { AuthContext } from "../../platform/auth/policy.ts";
import { hasRole } from "../../platform/auth/policy.ts";
import { newId, randomCrockford } from "../../platform/clock.ts";
import type { Executor } from "../../platform/db/db.ts";
import type { LicencesTable, QuotaPoolsTable } from "../../platform/db/schema.ts";
import { AppError, fieldError } from "../../platform/errors.ts";
import { defineOperation, type OperationContext } from "../../platform/operations.ts";
import * as registryRepo from "../registry/registry.repository.ts";
import { AllocationError, allocate } from "./quotas.allocation.ts";
import * as repo from "./quotas.repository.ts";
import type { TPoolInput } from "./quotas.schema.ts";

/**
 * Quota pools, applications, allocation into licences, and the drawdown of licences: reserve at a
 * declaration's submission, consume at its release, return at its rejection or withdrawal. Each
 * movement happens once per licence and reference (a declaration line), so retries change nothing;
 * a reservation succeeds only when the licence's remaining amount covers it (one conditional UPDATE,
 * atomic on both databases), else LICENCE_EXHAUSTED.
 */

/** "12.5" → 12500 (thousandths); the schema allows three decimals at most. */
export function toMilli(amount: string): number {
  const [int = "0", frac = ""] = amount.trim().split(".");
  if (frac.length > 3)
    throw new AppError("VALIDATION_FAILED", {}, [
      fieldError("amount", "precision", "quotas.field.precision"),
    ]);
  return Number(int) * 1000 + Number(frac.padEnd(3, "0"));
}

/** 12500 → "12.5"; exact. */
export function fromMilli(milli: number | bigint): string {
  const n = BigInt(milli);
  const sign = n < 0n ? "-" : "";
  const abs = n < 0n ? -n : n;
  const int = abs / 1000n;
  const frac = (abs % 1000n).toString().padStart(3, "0").replace(/0+$/, "");
  return `${sign}${int}${frac ? `.${frac}` : ""}`;
}

export function licenceNumber(side: "CN" | "RU", year: string): string {
  return `${side}-L${year}-${randomCrockford(8)}`;
}

function poolRow(
  input: TPoolInput,
  base: { id: string; now: string; by: string | null; version: number; sample?: boolean },
) {
  const row: QuotaPoolsTable = {
    id: base.id,
    side: input.side,
    direction: input.direction,
    name_zh: input.names.zh ?? null,
    name_ru: input.names.ru ?? null,
    name_en: input.names.en ?? null,
    hs_prefixes: JSON.stringify([...new Set(input.hsPrefixes)].sort()),
    period_from: input.periodFrom,
    period_to: input.periodTo,
    unit: input.unit,
    currency: input.currency ?? null,
    total_milli: toMilli(input.total),
    border_share_pct: input.borderShare,
    allocation_rule: input.allocationRule,
    status: "draft",
    allocations_published_at: null,
    legal_ref: input.legalRef ?? null,
    note: input.note ?? null,
    version: base.version,
    created_at: base.now,
    created_by: base.by,
    updated_at: base.now,
    is_sample: base.sample ? 1 : 0,
  };
  return row;
}

export const createPool = defineOperation({
  name: "quotas.createPool",
  async run(ctx, input: TPoolInput & { sample?: boolean }) {
    const native = input.side === "CN" ? "zh" : "ru";
    if (!input.names[native])
      throw new AppError("VALIDATION_FAILED", {}, [
        fieldError(`names.${native}`, "required", "quotas.field.native_name"),
      ]);
    const row = poolRow(input, {
      id: newId(),
      now: ctx.now,
      by: ctx.actor.label,
      version: 1,
      sample: input.sample ?? false,
    });
    await repo.insertPool(ctx.trx, row);
    await ctx.audit({
      action: "quotas.pool_created",
      targetType: "quota_pool",
      targetId: row.id,
      summary: {
        side: row.side,
        direction: row.direction,
        hs: input.hsPrefixes,
        total: input.total,
        unit: row.unit,
        borderShare: row.border_share_pct,
        rule: row.allocation_rule,
      },
    });
    return row;
  },
});

export const updatePool = defineOperation({
  name: "quotas.updatePool",
  async run(ctx, input: { id: string; change: TPoolInput }) {
    const before = await repo.findPool(ctx.trx, input.id);
    if (!before) throw new AppError("NOT_FOUND", { resource: "quota_pool", id: input.id });
    if (input.change.side !== before.side) throw new AppError("FORBIDDEN_SIDE", { side: input.change.side });
    const next = poolRow(input.change, {
      id: before.id,
      now: ctx.now,
      by: before.created_by,
      version: Number(before.version) + 1,
    });
    const totals = await repo.poolLicenceTotals(ctx.trx, before.id);
    if (next.total_milli < Number(totals.allocated))
      throw new AppError("VALIDATION_FAILED", {}, [
        fieldError("total", "below_allocated", "quotas.field.total_below_allocated", {
          allocated: fromMilli(Number(totals.allocated)),
        }),
      ]);
    if (Number(totals.n) > 0 && (next.unit !== before.unit || next.currency !== before.currency))
      throw new AppError("VALIDATION_FAILED", {}, [
        fieldError("unit", "licences_issued", "quotas.field.unit_fixed"),
      ]);
    const { id: _id, created_at: _c, created_by: _b, is_sample: _s, ...set } = next;
    await repo.updatePool(ctx.trx, before.id, {
      ...set,
      status: before.status,
      allocations_published_at: before.allocations_published_at,
    });
    await ctx.audit({
      action: "quotas.pool_changed",
      targetType: "quota_pool",
      targetId: before.id,
      summary: {
        version: next.version,
        from: {
          total: fromMilli(before.total_milli),
          borderShare: before.border_share_pct,
          rule: before.allocation_rule,
          hs: JSON.parse(before.hs_prefixes),
          period: [before.period_from, before.period_to],
        },
        to: {
          total: fromMilli(next.total_milli),
          borderShare: next.border_share_pct,
          rule: next.allocation_rule,
          hs: JSON.parse(next.hs_prefixes),
          period: [next.period_from, next.period_to],
        },
      },
    });
    return (await repo.findPool(ctx.trx, before.id)) as QuotaPoolsTable;
  },
});

export const setPoolStatus = defineOperation({
  name: "quotas.setPoolStatus",
  async run(ctx, input: { id: string; action: "publish" | "close" | "publish_allocations" }) {
    const pool = await repo.findPool(ctx.trx, input.id);
    if (!pool) throw new AppError("NOT_FOUND", { resource: "quota_pool", id: input.id });
    const set: Partial<QuotaPoolsTable> = { updated_at: ctx.now };
    // draft → published → closed; a closed pool may be published again to reopen it.
    const from = {
      publish: ["draft", "closed"],
      close: ["published"],
      publish_allocations: ["published", "closed"],
    }[input.action];
    if (!from.includes(pool.status))
      throw new AppError("QUOTA_POOL_STATE", { status: `@i18n:quotas.status.${pool.status}` });
    if (input.action === "publish") set.status = "published";
    if (input.action === "close") set.status = "closed";
    if (input.action === "publish_allocations") {
      if (pool.status === "draft")
        throw new AppError("QUOTA_POOL_STATE", { status: `@i18n:quotas.status.${pool.status}` });
      set.allocations_published_at = ctx.now;
    }
    await repo.updatePool(ctx.trx, pool.id, set);
    await ctx.audit({
      action: `quotas.pool_${input.action}`,
      targetType: "quota_pool",
      targetId: pool.id,
      summary: { from: pool.status, to: set.status ?? pool.status },
    });
    await ctx.emit({
      type: `quota.pool_${input.action}`,
      aggregateType: "quota_pool",
      aggregateId: pool.id,
      payload: { side: pool.side },
    });
    return (await repo.findPool(ctx.trx, pool.id)) as QuotaPoolsTable;
  },
});

export const applyForQuota = defineOperation({
  name: "quotas.apply",
  async run(ctx, input: { poolId: string; enterpriseId: string; amount: string; note?: string | undefined }) {
    const pool = await repo.findPool(ctx.trx, input.poolId);
    if (!pool || pool.status === "draft")
      throw new AppError("NOT_FOUND", { resource: "quota_pool", id: input.poolId });
    if (pool.status !== "published")
      throw new AppError("QUOTA_POOL_STATE", { status: `@i18n:quotas.status.${pool.status}` });
    const e = await registryRepo.findEnterprise(ctx.trx, input.enterpriseId);
    if (!e) throw new AppError("NOT_FOUND", { resource: "enterprise", id: input.enterpriseId });
    const errors = [];
    if (e.status !== "verified")
      errors.push(fieldError("enterpriseId", "not_verified", "declarations.field.declarant_not_verified"));
    if (e.side !== pool.side)
      errors.push(fieldError("enterpriseId", "other_side", "quotas.field.other_side", { side: pool.side }));
    if (toMilli(input.amount) > Number(pool.total_milli))
      errors.push(
        fieldError("amount", "above_total", "quotas.field.above_total", {
          total: fromMilli(pool.total_milli),
        }),
      );
    if (errors.length) throw new AppError("VALIDATION_FAILED", {}, errors);
    const row = {
      id: newId(),
      pool_id: pool.id,
      enterprise_id: e.id,
      amount_milli: toMilli(input.amount),
      is_border_trade: Number(e.is_border_trade) === 1 ? 1 : 0,
      status: "pending" as const,
      note: input.note ?? null,
      reason: null,
      created_at: ctx.now,
      created_by: ctx.actor.userId,
      decided_at: null,
      decided_by: null,
    };
    await repo.insertApplication(ctx.trx, row);
    await ctx.audit({
      action: "quotas.applied",
      targetType: "quota_application",
      targetId: row.id,
      organizationId: e.id,
      summary: { pool: pool.id, amount: input.amount, borderTrade: row.is_border_trade === 1 },
    });
    await ctx.emit({
      type: "quota.applied",
      aggregateType: "quota_application",
      aggregateId: row.id,
      payload: { enterpriseId: e.id, poolId: pool.id },
    });
    return row;
  },
});

export const allocatePool = defineOperation({
  name: "quotas.allocate",
  async run(
    ctx,
    input: { poolId: string; manual?: { applicationId: string; amount: string }[] | undefined },
  ) {
    const pool = await repo.findPool(ctx.trx, input.poolId);
    if (!pool) throw new AppError("NOT_FOUND", { resource: "quota_pool", id: input.poolId });
    if (pool.status !== "published")
      throw new AppError("QUOTA_POOL_STATE", { status: `@i18n:quotas.status.${pool.status}` });
    const pending = await repo.listApplications(ctx.trx, { poolId: pool.id, status: "pending" });
    const totals = await repo.poolLicenceTotals(ctx.trx, pool.id);
    const manual = input.manual?.map((m) => ({ applicationId: m.applicationId, amount: toMilli(m.amount) }));
    if (pool.allocation_rule === "manual" && !manual)
      throw new AppError("VALIDATION_FAILED", {}, [
        fieldError("manual", "required", "quotas.field.manual_required"),
      ]);
    let result: ReturnType<typeof allocate>;
    try {
      result = allocate(
        {
          total: Number(pool.total_milli),
          borderSharePct: pool.border_share_pct,
          allocated: Number(totals.allocated),
          allocatedBorder: Number(totals.border),
        },
        pool.allocation_rule,
        pending.map((a) => ({
          id: a.id,
          demand: Number(a.amount_milli),
          borderTrade: Number(a.is_border_trade) === 1,
          createdAt: a.created_at,
        })),
        manual,
      );
    } catch (e) {
      if (!(e instanceof AllocationError)) throw e;
      const index = manual?.findIndex((m) => m.applicationId === e.applicationId) ?? -1;
      throw new AppError("VALIDATION_FAILED", {}, [
        fieldError(index >= 0 ? `manual.${index}.amount` : "manual", e.reason, `quotas.field.${e.reason}`),
      ]);
    }
    const issued: LicencesTable[] = [];
    const year = pool.period_from.slice(0, 4);
    for (const g of result.grants) {
      const app = pending.find((a) => a.id === g.applicationId);
      if (!app) continue;
      if (g.amount <= 0) {
        if (!manual)
          await repo.decideApplication(ctx.trx, app.id, {
            status: "rejected",
            reason: "@i18n:quotas.reason.exhausted",
            decided_at: ctx.now,
            decided_by: ctx.actor.label,
          });
        continue;
      }
      const licence: LicencesTable = {
        id: newId(),
        number: licenceNumber(pool.side, year),
        pool_id: pool.id,
        holder_id: app.enterprise_id,
        application_id: app.id,
        amount_milli: g.amount,
        reserved_milli: 0,
        consumed_milli: 0,
        from_border_share: g.borderTrade ? 1 : 0,
        valid_from: pool.period_from,
        valid_to: pool.period_to,
        status: "active",
        issued_at: ctx.now,
        issued_by: ctx.actor.label,
        is_sample: pool.is_sample,
      };
      await repo.insertLicence(ctx.trx, licence);
      await repo.decideApplication(ctx.trx, app.id, {
        status: "allocated",
        reason: null,
        decided_at: ctx.now,
        decided_by: ctx.actor.label,
      });
      issued.push(licence);
    }
    await ctx.audit({
      action: "quotas.allocated",
      targetType: "quota_pool",
      targetId: pool.id,
      summary: {
        rule: manual ? "manual" : pool.allocation_rule,
        licences: issued.map((l) => ({
          number: l.number,
          holder: l.holder_id,
          amount: fromMilli(l.amount_milli),
        })),
        unallocated: fromMilli(result.unallocated),
      },
    });
    if (issued.length)
      await ctx.emitMany(
        issued.map((l) => ({
          type: "licence.issued",
          aggregateType: "licence",
          aggregateId: l.id,
          payload: { enterpriseId: l.holder_id, poolId: pool.id, number: l.number },
        })),
      );
    return { issued, unallocated: result.unallocated };
  },
});

export const rejectApplication = defineOperation({
  name: "quotas.rejectApplication",
  async run(ctx, input: { id: string; reason: string }) {
    const app = await repo.findApplication(ctx.trx, input.id);
    if (!app) throw new AppError("NOT_FOUND", { resource: "quota_application", id: input.id });
    if (
      !(await repo.decideApplication(ctx.trx, app.id, {
        status: "rejected",
        reason: input.reason,
        decided_at: ctx.now,
        decided_by: ctx.actor.label,
      }))
    )
      throw new AppError("QUOTA_POOL_STATE", { status: `@i18n:quotas.application_status.${app.status}` });
    await ctx.audit({
      action: "quotas.application_rejected",
      targetType: "quota_application",
      targetId: app.id,
      organizationId: app.enterprise_id,
      summary: { reason: input.reason },
    });
    return {
      ...app,
      status: "rejected" as const,
      reason: input.reason,
      decided_at: ctx.now,
      decided_by: ctx.actor.label,
    };
  },
});

// Drawdown.

export interface Movement {
  applied: boolean;
  licence: LicencesTable;
}

/** Reserves `amount` once for the reference; LICENCE_EXHAUSTED when the remaining amount is short. */
export async function reserve(
  ctx: OperationContext,
  licence: LicencesTable,
  reference: string,
  amount: number,
  declarationId: string | null,
): Promise<Pick<LicencesTable, "amount_milli" | "reserved_milli" | "consumed_milli"> | null> {
  const first = await repo.insertMovementOnce(ctx.trx, {
    licence_id: licence.id,
    reference,
    kind: "reserve",
    amount_milli: amount,
    declaration_id: declarationId,
    at: ctx.now,
  });
  if (!first) return null;
  const after = await repo.reserveAmount(ctx.trx, licence.id, amount);
  if (!after) {
    const now = await repo.findLicence(ctx.trx, licence.id);
    const remaining = now
      ? Number(now.amount_milli) - Number(now.reserved_milli) - Number(now.consumed_milli)
      : 0;
    throw new AppError("LICENCE_EXHAUSTED", {
      number: licence.number,
      remaining: fromMilli(remaining),
      requested: fromMilli(amount),
    });
  }
  return after;
}

/** Consumes (or returns) what the reference reserved, once; false when nothing is to be done. */
export async function settle(
  ctx: OperationContext,
  licenceId: string,
  reference: string,
  kind: "consume" | "return",
): Promise<boolean> {
  const moves = await repo.movementsOf(ctx.trx, { licenceId, reference });
  const reserved = moves.find((m) => m.kind === "reserve");
  if (!reserved || moves.some((m) => m.kind !== "reserve")) return false;
  const first = await repo.insertMovementOnce(ctx.trx, {
    licence_id: licenceId,
    reference,
    kind,
    amount_milli: Number(reserved.amount_milli),
    declaration_id: reserved.declaration_id,
    at: ctx.now,
  });
  if (!first) return false;
  if (kind === "consume") await repo.consumeAmount(ctx.trx, licenceId, Number(reserved.amount_milli));
  else await repo.returnAmount(ctx.trx, licenceId, Number(reserved.amount_milli));
  return true;
}

export const drawdown = defineOperation({
  name: "quotas.drawdown",
  async run(
    ctx,
    input: {
      number: string;
      reference: string;
      kind: "reserve" | "consume" | "return";
      amount?: string | undefined;
    },
  ) {
    const licence = await repo.findLicenceByNumber(ctx.trx, input.number);
    if (!licence) throw new AppError("NOT_FOUND", { resource: "licence", id: input.number });
    const audit = () =>
      ctx.audit({
        action: `licence.${input.kind}`,
        targetType: "licence",
        targetId: licence.number,
        organizationId: licence.holder_id,
        summary: { reference: input.reference, amount: input.amount ?? null },
      });
    let settled = false;
    if (input.kind === "reserve") {
      if (!input.amount)
        throw new AppError("VALIDATION_FAILED", {}, [
          fieldError("amount", "required", "validation.required"),
        ]);
      const amount = toMilli(input.amount);
      const after = await reserve(ctx, licence, input.reference, amount, null);
      if (after) {
        await audit();
        return { applied: true, licence: { ...licence, ...after }, amount };
      }
    } else {
      const moves = await repo.movementsOf(ctx.trx, { licenceId: licence.id, reference: input.reference });
      if (!moves.some((m) => m.kind === "reserve"))
        throw new AppError("NOT_FOUND", { resource: "reservation", id: input.reference });
      settled = await settle(ctx, licence.id, input.reference, input.kind);
      if (settled) await audit();
    }
    // A retry, or a settlement: answer with the licence as it is now.
    const now = (await repo.findLicence(ctx.trx, licence.id)) as LicencesTable;
    const moves = await repo.movementsOf(ctx.trx, { licenceId: licence.id, reference: input.reference });
    return {
      applied: settled,
      licence: now,
      amount: Number(moves.find((m) => m.kind === "reserve")?.amount_milli ?? 0),
    };
  },
});

export function remainingOf(
  l: Pick<LicencesTable, "amount_milli" | "reserved_milli" | "consumed_milli">,
): number {
  return Number(l.amount_milli) - Number(l.reserved_milli) - Number(l.consumed_milli);
}

/** Holder's members and the officers (customs or quota) of the pool's side see amounts. */
export function canSeeLicence(auth: AuthContext | null, licence: LicencesTable, side: "CN" | "RU"): boolean {
  if (!auth) return false;
  return (
    auth.memberships.some((m) => m.organizationId === licence.holder_id) ||
    hasRole(auth, "customs_officer", side) ||
    hasRole(auth, "quota_officer", side)
  );
}

export function licenceStatus(
  l: LicencesTable | undefined,
  today: string,
): "active" | "revoked" | "expired" | "not_yet_valid" | "unknown" {
  if (!l) return "unknown";
  if (l.status === "revoked") return "revoked";
  if (today > l.valid_to) return "expired";
  if (today < l.valid_from) return "not_yet_valid";
  return "active";
}

export async function enterpriseNames(db: Executor, ids: readonly string[]) {
  const rows = ids.length ? await registryRepo.findEnterprisesByIds(db, [...new Set(ids)]) : [];
  return new Map(
    rows.map((e) => [
      e.id,
      { zh: e.name_zh, ru: e.name_ru, en: e.name_en, borderTrade: Number(e.is_border_trade) === 1 },
    ]),
  );
}
