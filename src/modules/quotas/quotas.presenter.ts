import { csvText } from "../../platform/csv.ts";
import type { Executor } from "../../platform/db/db.ts";
import type { LicencesTable, QuotaApplicationsTable, QuotaPoolsTable } from "../../platform/db/schema.ts";
import { I18N_PARAM } from "../../platform/http/problem.ts";
import { type Locale, t } from "../../platform/i18n/i18n.ts";
import { borderReserve } from "./quotas.allocation.ts";
import * as repo from "./quotas.repository.ts";
import { enterpriseNames, fromMilli, remainingOf } from "./quotas.service.ts";

type Names = { zh: string | null; ru: string | null; en: string | null };
const poolNames = (p: QuotaPoolsTable): Names => ({ zh: p.name_zh, ru: p.name_ru, en: p.name_en });

export async function presentPool(db: Executor, p: QuotaPoolsTable) {
  const [totals, pending] = await Promise.all([
    repo.poolLicenceTotals(db, p.id),
    repo.countPendingApplications(db, p.id),
  ]);
  return {
    id: p.id,
    side: p.side,
    direction: p.direction,
    names: poolNames(p),
    hsPrefixes: JSON.parse(p.hs_prefixes) as string[],
    periodFrom: p.period_from,
    periodTo: p.period_to,
    unit: p.unit,
    currency: p.currency,
    total: fromMilli(p.total_milli),
    borderShare: p.border_share_pct,
    borderReserved: fromMilli(borderReserve(Number(p.total_milli), p.border_share_pct)),
    allocationRule: p.allocation_rule,
    status: p.status,
    allocationsPublished: p.allocations_published_at !== null,
    legalRef: p.legal_ref,
    note: p.note,
    figures: {
      allocated: fromMilli(Number(totals.allocated)),
      allocatedToBorderTrade: fromMilli(Number(totals.border)),
      reserved: fromMilli(Number(totals.reserved)),
      used: fromMilli(Number(totals.consumed)),
      remaining: fromMilli(Number(p.total_milli) - Number(totals.allocated)),
      licences: Number(totals.n),
      applicationsPending: Number(pending.n),
    },
    version: Number(p.version),
    updatedAt: p.updated_at,
    sample: Number(p.is_sample) === 1,
  };
}

export const localText = (s: string | null, locale: Locale) =>
  s?.startsWith(I18N_PARAM) ? t(locale, s.slice(I18N_PARAM.length)) : s;

export async function presentApplications(
  db: Executor,
  rows: readonly QuotaApplicationsTable[],
  locale: Locale,
) {
  const names = await enterpriseNames(
    db,
    rows.map((r) => r.enterprise_id),
  );
  const licences = rows.length
    ? await db
        .selectFrom("licences")
        .select(["application_id", "number"])
        .where(
          "application_id",
          "in",
          rows.map((r) => r.id),
        )
        .execute()
    : [];
  const byApp = new Map(licences.map((l) => [l.application_id, l.number]));
  const poolIds = [...new Set(rows.map((r) => r.pool_id))];
  const pools = new Map(
    (poolIds.length
      ? await db
          .selectFrom("quota_pools")
          .select(["id", "name_zh", "name_ru", "name_en", "unit"])
          .where("id", "in", poolIds)
          .execute()
      : []
    ).map((p) => [p.id, p]),
  );
  return rows.map((a) => {
    const n = names.get(a.enterprise_id);
    const pool = pools.get(a.pool_id);
    return {
      id: a.id,
      poolId: a.pool_id,
      pool: {
        names: { zh: pool?.name_zh ?? null, ru: pool?.name_ru ?? null, en: pool?.name_en ?? null },
        unit: pool?.unit ?? "t",
      },
      enterprise: { id: a.enterprise_id, names: { zh: n?.zh ?? null, ru: n?.ru ?? null, en: n?.en ?? null } },
      amount: fromMilli(a.amount_milli),
      borderTrade: Number(a.is_border_trade) === 1,
      status: a.status,
      note: a.note,
      reason: localText(a.reason, locale),
      createdAt: a.created_at,
      decidedAt: a.decided_at,
      licenceNumber: byApp.get(a.id) ?? null,
    };
  });
}

export async function presentLicences(db: Executor, rows: readonly LicencesTable[]) {
  const names = await enterpriseNames(
    db,
    rows.map((r) => r.holder_id),
  );
  const poolIds = [...new Set(rows.map((r) => r.pool_id))];
  const pools = poolIds.length
    ? await db.selectFrom("quota_pools").selectAll().where("id", "in", poolIds).execute()
    : [];
  const byPool = new Map(pools.map((p) => [p.id, p]));
  return rows.map((l) => {
    const p = byPool.get(l.pool_id);
    const n = names.get(l.holder_id);
    return {
      id: l.id,
      number: l.number,
      poolId: l.pool_id,
      pool: {
        names: p ? poolNames(p) : { zh: null, ru: null, en: null },
        side: p?.side ?? "CN",
        direction: p?.direction ?? "export",
        hsPrefixes: p ? (JSON.parse(p.hs_prefixes) as string[]) : [],
      },
      holder: { id: l.holder_id, names: { zh: n?.zh ?? null, ru: n?.ru ?? null, en: n?.en ?? null } },
      amount: fromMilli(l.amount_milli),
      reserved: fromMilli(l.reserved_milli),
      consumed: fromMilli(l.consumed_milli),
      remaining: fromMilli(remainingOf(l)),
      unit: p?.unit ?? "t",
      currency: p?.currency ?? null,
      fromBorderShare: Number(l.from_border_share) === 1,
      validFrom: l.valid_from,
      validTo: l.valid_to,
      status: l.status,
      issuedAt: l.issued_at,
      sample: Number(l.is_sample) === 1,
    };
  });
}

export async function presentLicence(db: Executor, l: LicencesTable) {
  const [base] = await presentLicences(db, [l]);
  const moves = await repo.movementsOf(db, { licenceId: l.id });
  const declIds = [...new Set(moves.map((m) => m.declaration_id).filter((x): x is string => x !== null))];
  const decls = declIds.length
    ? await db.selectFrom("declarations").select(["id", "number"]).where("id", "in", declIds).execute()
    : [];
  const numbers = new Map(decls.map((d) => [d.id, d.number]));
  return {
    ...(base as NonNullable<typeof base>),
    movements: moves.map((m) => ({
      kind: m.kind,
      amount: fromMilli(m.amount_milli),
      reference: m.reference,
      declarationNumber: m.declaration_id ? (numbers.get(m.declaration_id) ?? null) : null,
      at: m.at,
    })),
  };
}

/** Month-by-month movements and per-enterprise figures of a pool. */
export async function utilization(db: Executor, pool: QuotaPoolsTable) {
  const [moves, licences] = await Promise.all([
    repo.poolMovements(db, pool.id),
    repo.listLicences(db, { poolId: pool.id }),
  ]);
  const months = new Map<string, { reserved: number; consumed: number; returned: number }>();
  for (const m of moves) {
    const key = m.at.slice(0, 7);
    const row = months.get(key) ?? { reserved: 0, consumed: 0, returned: 0 };
    if (m.kind === "reserve") row.reserved += Number(m.amount_milli);
    if (m.kind === "consume") row.consumed += Number(m.amount_milli);
    if (m.kind === "return") row.returned += Number(m.amount_milli);
    months.set(key, row);
  }
  const names = await enterpriseNames(
    db,
    licences.map((l) => l.holder_id),
  );
  const byEnterprise = new Map<string, { allocated: number; consumed: number; reserved: number }>();
  for (const l of licences) {
    if (l.status !== "active") continue;
    const e = byEnterprise.get(l.holder_id) ?? { allocated: 0, consumed: 0, reserved: 0 };
    e.allocated += Number(l.amount_milli);
    e.consumed += Number(l.consumed_milli);
    e.reserved += Number(l.reserved_milli);
    byEnterprise.set(l.holder_id, e);
  }
  return {
    unit: pool.unit === "value" ? (pool.currency ?? "value") : pool.unit,
    byMonth: [...months]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([month, v]) => ({
        month,
        reserved: fromMilli(v.reserved),
        consumed: fromMilli(v.consumed),
        returned: fromMilli(v.returned),
      })),
    byEnterprise: [...byEnterprise]
      .sort((a, b) => b[1].allocated - a[1].allocated)
      .map(([id, v]) => {
        const n = names.get(id);
        return {
          enterprise: { id, names: { zh: n?.zh ?? null, ru: n?.ru ?? null, en: n?.en ?? null } },
          borderTrade: n?.borderTrade ?? false,
          allocated: fromMilli(v.allocated),
          consumed: fromMilli(v.consumed),
          reserved: fromMilli(v.reserved),
        };
      }),
  };
}

export function allocationsCsv(
  rows: Awaited<ReturnType<typeof presentLicences>>,
  pool: QuotaPoolsTable,
): string {
  const unit = pool.unit === "value" ? (pool.currency ?? "value") : pool.unit;
  return csvText(
    [
      "licence",
      "holder_zh",
      "holder_ru",
      "holder_en",
      "border_trade",
      "amount",
      "consumed",
      "reserved",
      "remaining",
      "unit",
      "valid_from",
      "valid_to",
      "status",
    ],
    rows.map((l) => [
      l.number,
      l.holder.names.zh ?? "",
      l.holder.names.ru ?? "",
      l.holder.names.en ?? "",
      l.fromBorderShare ? "yes" : "no",
      l.amount,
      l.consumed,
      l.reserved,
      l.remaining,
      unit,
      l.validFrom,
      l.validTo,
      l.status,
    ]),
  );
}
