import { useTranslation } from "react-i18next";
import { Badge, type BadgeTone } from "../../components";
import { formatDateTime } from "../../format";
import { useFormatters } from "../tariffs/labels";
import { poolSplit } from "./amounts";
import type { TApplicationStatus, TPool, TPoolStatus, TQuotaUnit, TVerificationStatus } from "./contracts";
import { QUOTA_UNITS } from "./contracts";

// Small pieces shared by the quotas pages: amounts with their unit, status badges, the bar that shows how
// a pool's total divides between border-trade enterprises and the others.

const POOL_TONE = { draft: "warning", published: "success", closed: "neutral" } as const satisfies Record<
  TPoolStatus,
  BadgeTone
>;
const APPLICATION_TONE = {
  pending: "info",
  allocated: "success",
  rejected: "danger",
  withdrawn: "neutral",
} as const satisfies Record<TApplicationStatus, BadgeTone>;
const VERIFICATION_TONE = {
  active: "success",
  revoked: "danger",
  expired: "warning",
  not_yet_valid: "warning",
  unknown: "danger",
} as const satisfies Record<TVerificationStatus, BadgeTone>;

function isQuotaUnit(value: string): value is TQuotaUnit {
  return QUOTA_UNITS.some((unit) => unit === value);
}

/** Amounts in a pool's unit, in the reader's language: "1,500.5 m³", "1 500,5 м³", "CNY 20,000.00". */
export function useQuotaFormat() {
  const { t } = useTranslation();
  const format = useFormatters();
  /** A unit code, or the currency of a pool in value (as the verification answer gives it). */
  const unitLabel = (unit: string, currency?: string | null) =>
    unit === "value" ? (currency ?? "") : isQuotaUnit(unit) ? t(`quotas.unit.${unit}`) : unit;
  const amount = (value: string, unit: string, currency?: string | null) => {
    if (unit === "value" && currency) return format.money(value, currency);
    if (!isQuotaUnit(unit) && /^[A-Z]{3}$/.test(unit)) return format.money(value, unit);
    return `${format.decimal(value)}\u00a0${unitLabel(unit, currency)}`;
  };
  return {
    ...format,
    unitLabel,
    amount,
    poolAmount: (value: string, pool: { unit: TQuotaUnit; currency: string | null }) =>
      amount(value, pool.unit, pool.currency),
    dateTime: (iso: string) => formatDateTime(iso, format.language),
    period: (from: string, to: string) =>
      t("quotas.period", { from: format.date(from), to: format.date(to) }),
  };
}

export function PoolStatusBadge({ status }: { status: TPoolStatus }) {
  const { t } = useTranslation();
  return (
    <span className="quota-status" data-status={status}>
      <Badge tone={POOL_TONE[status]}>{t(`quotas.status.${status}`)}</Badge>
    </span>
  );
}

export function ApplicationStatusBadge({ status }: { status: TApplicationStatus }) {
  const { t } = useTranslation();
  return (
    <span className="quota-status" data-status={status}>
      <Badge tone={APPLICATION_TONE[status]}>{t(`quotas.applicationStatus.${status}`)}</Badge>
    </span>
  );
}

export function VerificationBadge({ status }: { status: TVerificationStatus }) {
  const { t } = useTranslation();
  return (
    <span className="quota-status" data-status={status}>
      <Badge tone={VERIFICATION_TONE[status]}>{t(`quotas.verify.status.${status}`)}</Badge>
    </span>
  );
}

export function BorderTradeBadge() {
  const { t } = useTranslation();
  return <Badge tone="info">{t("quotas.borderTrade")}</Badge>;
}

export function SampleBadge() {
  const { t } = useTranslation();
  return <Badge tone="warning">{t("quotas.sample")}</Badge>;
}

/** "China · export · HS 2701": where a pool applies. */
export function usePoolScope(): (pool: {
  side: "CN" | "RU";
  direction: "export" | "import";
  hsPrefixes: readonly string[];
}) => string {
  const { t } = useTranslation();
  return (pool) =>
    [
      t(`side.${pool.side}`),
      t(`quotas.direction.${pool.direction}`),
      t("quotas.hsList", { codes: pool.hsPrefixes.join(", ") }),
    ].join(" · ");
}

/**
 * The pool's total as one bar: allocated to border small-scale trade enterprises, to the others, and
 * not allocated, with a mark where the border-trade reserve ends. The legend states every figure, so the
 * bar itself is decoration for screen readers.
 */
export function ShareBar({ pool, compact = false }: { pool: TPool; compact?: boolean }) {
  const { t } = useTranslation();
  const format = useQuotaFormat();
  const split = poolSplit(pool);
  return (
    <div className={compact ? "share-bar share-bar--compact" : "share-bar"}>
      <div className="share-bar__track" aria-hidden="true">
        {split.segments.map((segment) =>
          Number(segment.pct) > 0 ? (
            <span
              key={segment.key}
              className={`share-bar__part share-bar__part--${segment.key}`}
              style={{ width: `${segment.pct}%` }}
            />
          ) : null,
        )}
        {Number(split.reservePct) > 0 ? (
          <span className="share-bar__reserve" style={{ width: `${split.reservePct}%` }} />
        ) : null}
      </div>
      <ul className="share-bar__legend">
        {split.segments.map((segment) => (
          <li key={segment.key}>
            <span className={`share-bar__key share-bar__part--${segment.key}`} aria-hidden="true" />
            {t(`quotas.split.${segment.key}`)}: <strong>{format.poolAmount(segment.amount, pool)}</strong>{" "}
            <span className="quota-muted">({format.percent(segment.pct)})</span>
          </li>
        ))}
        {compact ? null : (
          <li>
            <span className="share-bar__key share-bar__key--reserve" aria-hidden="true" />
            {t("quotas.split.reserve", {
              pct: format.percent(pool.borderShare),
              amount: format.poolAmount(pool.borderReserved, pool),
              left: format.poolAmount(split.reserveLeft, pool),
            })}
          </li>
        )}
      </ul>
    </div>
  );
}
