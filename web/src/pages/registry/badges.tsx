import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Badge } from "../../components";
import type { TEnterprise, TEnterpriseStatus } from "../../contracts";

const STATUS_TONE = { verified: "success", pending: "warning", rejected: "danger" } as const satisfies Record<
  TEnterpriseStatus,
  "success" | "warning" | "danger"
>;

/** 已认证 / Подтверждено / Verified, or where the registration stands. */
export function StatusBadge({ status }: { status: TEnterpriseStatus }) {
  const { t } = useTranslation();
  return (
    <Badge tone={STATUS_TONE[status]}>
      {status === "verified" ? <CheckMark /> : null}
      {t(`registry.status.${status}`)}
    </Badge>
  );
}

function CheckMark() {
  return (
    <svg className="badge__icon" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
      <path
        d="M3 8.5 6.5 12 13 4.5"
        fill="none"
        stroke="currentColor"
        strokeWidth="2.2"
        strokeLinecap="round"
      />
    </svg>
  );
}

/** Status, AEO, border trade, cross-border e-commerce and the sample marker, as a list of badges. */
export function EnterpriseBadges({ enterprise }: { enterprise: TEnterprise }) {
  const { t } = useTranslation();
  return (
    <ul className="badge-list" aria-label={t("registry.badges.label")}>
      <li>
        <StatusBadge status={enterprise.status} />
      </li>
      {enterprise.aeo.level ? (
        <li>
          <Badge tone="info">{t(`registry.aeo.badge.${enterprise.aeo.level}`)}</Badge>
        </li>
      ) : null}
      {enterprise.borderTrade ? (
        <li>
          <Badge>{t("registry.flags.borderTrade")}</Badge>
        </li>
      ) : null}
      {enterprise.crossBorderEcommerce ? (
        <li>
          <Badge>{t("registry.flags.crossBorderEcommerce")}</Badge>
        </li>
      ) : null}
      {enterprise.sample ? (
        <li>
          <Badge>{t("registry.sample")}</Badge>
        </li>
      ) : null}
    </ul>
  );
}

/** The trust score as a number and a small meter: "50 / 100". */
export function TrustMeter({ score, size = "sm" }: { score: number | null; size?: "sm" | "lg" }) {
  const { t } = useTranslation();
  if (score === null)
    return <span className="trust-meter trust-meter--none">{t("registry.trust.none")}</span>;
  const label = t("registry.trust.scoreOf", { score });
  return (
    <span className={`trust-meter trust-meter--${size}`}>
      <span className="trust-meter__value" aria-hidden="true">
        <strong>{score}</strong>
        <span className="trust-meter__max"> / 100</span>
      </span>
      <span className="trust-meter__track" aria-hidden="true">
        <span className="trust-meter__bar" style={{ width: `${Math.max(0, Math.min(100, score))}%` }} />
      </span>
      <span className="visually-hidden">{label}</span>
    </span>
  );
}

/** An identifier in monospace with a button that copies it; the button says which one it copies. */
export function CopyableCode({ value, label }: { value: string; label: string }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<"idle" | "copied" | "failed">("idle");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setOutcome("copied");
    } catch {
      setOutcome("failed");
    }
  };
  return (
    <span className="copyable">
      <code className="copyable__value" translate="no">
        {value}
      </code>
      <button
        type="button"
        className="copyable__button"
        onClick={copy}
        aria-label={t("registry.copyLabel", { label })}
      >
        {t("common.copy")}
      </button>
      <span className="copyable__status" role="status">
        {outcome === "copied" ? t("common.copied") : outcome === "failed" ? t("common.copyFailed") : ""}
      </span>
    </span>
  );
}
