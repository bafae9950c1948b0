import { useTranslation } from "react-i18next";
import { type Column, DataTable } from "../../components";
import type { TBorderPort } from "../../contracts";
import { useNameLanguage } from "./LocalName";
import { ModeBadges, pairName, StatusBadge } from "./ports";

export interface PortListProps {
  ports: readonly TBorderPort[];
  selectedId: string | null;
  onSelect: (id: string, trigger: HTMLElement) => void;
}

const STATUS_ORDER = { open: 0, temporarily_closed: 1, unknown: 2 } as const;

/**
 * Every crossing pair as a table: the map's text alternative, and the only place for the pairs whose
 * location is not confirmed, which the map cannot show.
 */
export function PortList({ ports, selectedId, onSelect }: PortListProps) {
  const { t } = useTranslation();
  const reader = useNameLanguage();

  const onMap = (port: TBorderPort): string => {
    const cn = port.cn.coordinates !== null;
    const ru = port.ru?.coordinates != null;
    if (cn && ru) return t("reference.ports.list.onMapBoth");
    if (cn)
      return port.ru ? t("reference.ports.list.onMapCnOnly") : t("reference.ports.list.onMapCnNoCounterpart");
    if (ru) return t("reference.ports.list.onMapRuOnly");
    return t("reference.ports.locationNotConfirmed");
  };

  const columns: Column<TBorderPort>[] = [
    {
      id: "pair",
      header: t("reference.ports.list.pair"),
      rowHeader: true,
      sortValue: (port) => pairName(port, reader),
      cell: (port) => (
        <>
          <button
            type="button"
            className="link-button"
            aria-pressed={port.id === selectedId}
            data-pair={port.id}
            onClick={(event) => onSelect(port.id, event.currentTarget)}
          >
            {pairName(port, reader)}
          </button>
          {port.ru ? null : (
            <span className="port-list__muted">{t("reference.ports.counterpartUnknown")}</span>
          )}
        </>
      ),
    },
    {
      id: "regions",
      header: t("reference.ports.list.regions"),
      sortValue: (port) => port.cn.region.names[reader],
      cell: (port) => (
        <>
          {port.cn.region.names[reader]}
          {port.ru ? (
            <>
              <br />
              {port.ru.region.names[reader]}
            </>
          ) : null}
        </>
      ),
    },
    {
      id: "modes",
      header: t("reference.ports.list.modes"),
      cell: (port) => <ModeBadges modes={port.modes} />,
    },
    {
      id: "status",
      header: t("reference.ports.list.status"),
      sortValue: (port) => STATUS_ORDER[port.status],
      cell: (port) => <StatusBadge status={port.status} />,
    },
    {
      id: "map",
      header: t("reference.ports.list.onMap"),
      sortValue: onMap,
      cell: onMap,
    },
  ];

  return (
    <DataTable
      caption={t("reference.ports.list.caption")}
      captionHidden
      columns={columns}
      rows={ports}
      rowKey={(port) => port.id}
      pageSizes={[100]}
    />
  );
}
