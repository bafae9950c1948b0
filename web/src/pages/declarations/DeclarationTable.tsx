import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Button, type Column, DataTable } from "../../components";
import { formatDate, formatTime } from "../../format";
import { useNameLanguage } from "../reference/LocalName";
import { pickName } from "../reference/names";
import { useFormatters } from "../tariffs/labels";
import { LaneBadge, StatusBadge, usePortNames } from "./badges";
import type { TDeclarationSummary } from "./contracts";

export const PAGE_SIZE = 50;

/** "22 нояб. 2026 г.", "2026年11月22日": a calendar date (`YYYY-MM-DD…`), never shifted by the time zone. */
export function shortDate(date: string, language: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!match) return date;
  const [, year, month, day] = match;
  return new Intl.DateTimeFormat(language, { dateStyle: "medium", timeZone: "UTC" }).format(
    new Date(Date.UTC(Number(year), Number(month) - 1, Number(day), 12)),
  );
}

/**
 * Declarations as a table: number (a link), date, direction, port, parties, value, status and lane. The
 * server pages the list; the table sorts the page it shows.
 */
export function DeclarationTable({
  caption,
  rows,
  href,
  view,
  empty,
}: {
  caption: string;
  rows: readonly TDeclarationSummary[];
  href: (id: string) => string;
  /**
   * The declarant's list shows the declaration date and the lane; the customs queue (one lane per tab)
   * shows the declarant and when the declaration was lodged instead.
   */
  view: "declarant" | "customs";
  empty: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const portName = usePortNames();
  const reader = useNameLanguage();
  // A registered counterparty in the reader's language; one named on the declaration as written.
  const counterpartyText = (row: TDeclarationSummary) =>
    (row.counterpartyNames ? pickName(row.counterpartyNames, reader)?.text : undefined) ??
    row.counterpartyName;
  const columns: Column<TDeclarationSummary>[] = [
    {
      id: "number",
      header: t("declarations.list.number"),
      rowHeader: true,
      sortValue: (row) => row.number,
      cell: (row) => (
        <Link to={href(row.id)} className="decl-number">
          {row.number}
        </Link>
      ),
    },
    view === "customs"
      ? {
          id: "submitted",
          header: t("declarations.detail.submittedAt"),
          sortValue: (row) => row.submittedAt,
          cell: (row) =>
            // Date and time may go on two lines, so that a narrow screen keeps the status in view.
            row.submittedAt ? (
              <>
                <span className="decl-nowrap">{formatDate(row.submittedAt, i18n.language)}</span>{" "}
                <span className="decl-nowrap">{formatTime(row.submittedAt, i18n.language)}</span>
              </>
            ) : null,
        }
      : {
          id: "date",
          header: t("declarations.list.date"),
          sortValue: (row) => row.date,
          cell: (row) => <span className="decl-nowrap">{shortDate(row.date, i18n.language)}</span>,
        },
    {
      id: "flow",
      header: t("declarations.list.flow"),
      sortValue: (row) => row.flow,
      cell: (row) => t(`declarations.flow.${row.flow}`),
    },
    {
      id: "port",
      header: t("declarations.list.port"),
      sortValue: (row) => portName(row.portId, row.side, true),
      cell: (row) => (
        <span title={portName(row.portId, row.side)}>{portName(row.portId, row.side, true)}</span>
      ),
    },
    ...(view === "customs"
      ? [
          {
            id: "declarant",
            header: t("declarations.list.declarant"),
            sortValue: (row: TDeclarationSummary) => pickName(row.declarant.names, reader)?.text ?? "",
            cell: (row: TDeclarationSummary) =>
              pickName(row.declarant.names, reader)?.text ?? row.declarant.id,
          },
        ]
      : []),
    // The queue names the declarant instead; the other party is on the declaration's page.
    ...(view === "declarant"
      ? [
          {
            id: "counterparty",
            header: t("declarations.list.counterparty"),
            sortValue: (row: TDeclarationSummary) => counterpartyText(row),
            cell: (row: TDeclarationSummary) => counterpartyText(row),
          },
        ]
      : []),
    {
      id: "value",
      header: t("declarations.list.value"),
      align: "end",
      cell: (row) => <span className="num">{format.money(row.value, row.currency)}</span>,
    },
    // The queue is one lane already; the declarant sees the lane under the status, in one column, so
    // that the list keeps every column in view at a desktop width in Russian too.
    view === "customs"
      ? {
          id: "status",
          header: t("declarations.list.status"),
          sortValue: (row) => t(`declarations.status.${row.status}`),
          cell: (row) => <StatusBadge status={row.status} />,
        }
      : {
          id: "status",
          header: t("declarations.list.statusLane"),
          sortValue: (row) => t(`declarations.status.${row.status}`),
          cell: (row) => (
            <span className="decl-stack">
              <StatusBadge status={row.status} />
              <LaneBadge lane={row.lane} />
            </span>
          ),
        },
  ];
  return (
    <DataTable
      caption={caption}
      captionHidden
      columns={columns}
      rows={rows}
      rowKey={(row) => row.id}
      pageSizes={[PAGE_SIZE]}
      empty={empty}
    />
  );
}

/** "Previous / next" through the server's pages, with the range shown. */
export function ServerPages({
  offset,
  count,
  total,
  onOffset,
}: {
  offset: number;
  count: number;
  total: number;
  onOffset: (offset: number) => void;
}) {
  const { t } = useTranslation();
  if (total <= PAGE_SIZE && offset === 0) return null;
  return (
    <nav className="pagination" aria-label={t("table.pagination")}>
      <p className="pagination__range" aria-live="polite">
        {t("table.range", { from: count === 0 ? 0 : offset + 1, to: offset + count, total })}
      </p>
      <div className="pagination__pages">
        <Button
          variant="secondary"
          size="sm"
          disabled={offset === 0}
          onClick={() => onOffset(Math.max(0, offset - PAGE_SIZE))}
        >
          {t("table.previous")}
        </Button>
        <Button
          variant="secondary"
          size="sm"
          disabled={offset + count >= total}
          onClick={() => onOffset(offset + PAGE_SIZE)}
        >
          {t("table.next")}
        </Button>
      </div>
    </nav>
  );
}
