import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Badge, type BadgeTone, LineIcon } from "../../components";
import type { TBorderPort, TPortMode, TPortNames, TPortSide, TPortStatus } from "../../contracts";
import type { NameLanguage } from "./names";

export type SideKey = "cn" | "ru";

export const STATUS_TONE = {
  open: "success",
  temporarily_closed: "danger",
  unknown: "neutral",
} as const satisfies Record<TPortStatus, BadgeTone>;

/** "黑河 — 布拉戈维申斯克": both sides in the reader's language; the Chinese side alone when the other is unknown. */
export function pairName(port: TBorderPort, reader: NameLanguage): string {
  const cn = port.cn.names[reader];
  return port.ru ? `${cn} — ${port.ru.names[reader]}` : cn;
}

export function sideOf(port: TBorderPort, key: SideKey): TPortSide | null {
  return key === "cn" ? port.cn : port.ru;
}

export function namesTitle(names: TPortNames): string {
  return `${names.zh} · ${names.ru} · ${names.en}`;
}

// Line icons, decorative: every badge that shows one also says the mode in words.
const MODE_ICONS = {
  road: <path d="M7 21 10 3M17 21 14 3M12 5v2M12 11v2M12 17v2" />,
  rail: (
    <>
      <path d="M8 3 6 21M16 3l2 18" />
      <path d="M6.5 7h11M6 12h12M5.5 17h13" />
    </>
  ),
  river: <path d="M3 8c3-2 6 2 9 0s6-2 9 0M3 13c3-2 6 2 9 0s6-2 9 0M3 18c3-2 6 2 9 0s6-2 9 0" />,
  bridge: (
    <>
      <path d="M2 10h20M4 10v9M20 10v9M2 19h20" />
      <path d="M4 10c4 4 12 4 16 0" />
    </>
  ),
  pipeline: (
    <>
      <path d="M2 9h13a4 4 0 0 1 4 4v8M2 15h10a1 1 0 0 1 1 1v5" />
      <path d="M5 7v10" />
    </>
  ),
} satisfies Record<TPortMode, ReactNode>;

export function ModeIcon({ mode }: { mode: TPortMode }) {
  return (
    <LineIcon className="mode-icon" size={16}>
      {MODE_ICONS[mode]}
    </LineIcon>
  );
}

export function ModeBadges({ modes }: { modes: readonly TPortMode[] }) {
  const { t } = useTranslation();
  if (modes.length === 0) return <span className="ref-muted">{t("reference.ports.modesUnknown")}</span>;
  return (
    <ul className="badge-list">
      {modes.map((mode) => (
        <li key={mode}>
          <span className="badge badge--info mode-badge">
            <ModeIcon mode={mode} />
            {t(`reference.ports.modes.${mode}`)}
          </span>
        </li>
      ))}
    </ul>
  );
}

export function StatusBadge({ status }: { status: TPortStatus }) {
  const { t } = useTranslation();
  return <Badge tone={STATUS_TONE[status]}>{t(`reference.ports.status.${status}`)}</Badge>;
}

/** The marker's shape: a circle for the Chinese side, a square for the Russian one (see the legend). */
export function MarkerShape({
  side,
  status,
  approximate,
  size = 16,
}: {
  side: SideKey;
  /** `neutral` draws the bare shape, for the legend of the sides. */
  status: TPortStatus | "neutral";
  approximate: boolean;
  size?: number;
}) {
  const className = `marker-shape marker-shape--${status}${approximate ? " marker-shape--approximate" : ""}`;
  return (
    <svg
      className={className}
      viewBox="0 0 16 16"
      width={size}
      height={size}
      aria-hidden="true"
      focusable="false"
    >
      {side === "cn" ? (
        <circle cx="8" cy="8" r="6" />
      ) : (
        <rect x="2.5" y="2.5" width="11" height="11" rx="1" />
      )}
      {status === "temporarily_closed" ? (
        <path className="marker-shape__cross" d="M5 5l6 6M11 5l-6 6" />
      ) : null}
    </svg>
  );
}
