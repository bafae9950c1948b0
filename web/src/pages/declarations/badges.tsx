import { useTranslation } from "react-i18next";
import { Badge } from "../../components";
import type { TBorderPort, TSide } from "../../contracts";
import { useNameLanguage } from "../reference/LocalName";
import type { NameLanguage } from "../reference/names";
import { useBorderPorts } from "../reference/queries";
import type { TLane, TStatus } from "./contracts";
import { LANE_TONE, STATUS_TONE } from "./lifecycle";

/** 已放行 / Выпуск разрешён / Released: where the declaration stands. */
export function StatusBadge({ status }: { status: TStatus }) {
  const { t } = useTranslation();
  return (
    <span className="decl-status" data-status={status}>
      <Badge tone={STATUS_TONE[status]}>{t(`declarations.status.${status}`)}</Badge>
    </span>
  );
}

/** The lane in words with a coloured dot; "no lane yet" before the risk assessment. */
export function LaneBadge({ lane }: { lane: TLane | null }) {
  const { t } = useTranslation();
  if (lane === null) return <span className="decl-muted">{t("declarations.lane.none")}</span>;
  return (
    <span className="decl-lane" data-lane={lane}>
      <Badge tone={LANE_TONE[lane]}>
        <span className={`lane-dot lane-dot--${lane}`} aria-hidden="true" />
        {t(`declarations.lane.${lane}`)}
      </Badge>
    </span>
  );
}

/** The crossing as seen from one side: "Heihe — Blagoveshchensk" for China, the other way for Russia. */
export function portLabel(port: TBorderPort, side: TSide, reader: NameLanguage): string {
  const own = side === "CN" ? port.cn : port.ru;
  const other = side === "CN" ? port.ru : port.cn;
  if (!own) return port.cn.names[reader];
  return other ? `${own.names[reader]} — ${other.names[reader]}` : own.names[reader];
}

/**
 * Port names by id for one side, in the reader's language (`short`: that side's name only, for tables);
 * the id itself until the list has loaded.
 */
export function usePortNames(): (portId: string, side: TSide, short?: boolean) => string {
  const ports = useBorderPorts();
  const reader = useNameLanguage();
  return (portId, side, short = false) => {
    const port = ports.data?.find((candidate) => candidate.id === portId);
    if (!port) return portId;
    const own = side === "CN" ? port.cn : port.ru;
    return short && own ? own.names[reader] : portLabel(port, side, reader);
  };
}

export function PortName({ portId, side }: { portId: string; side: TSide }) {
  const name = usePortNames();
  return <>{name(portId, side)}</>;
}
