import { type ReactNode, useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";

export type SortDirection = "ascending" | "descending";
export type SortValue = string | number | null | undefined;

export interface Column<Row> {
  id: string;
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** Makes the column sortable by this value; `null`/`undefined` sort last in either direction. */
  sortValue?: (row: Row) => SortValue;
  align?: "start" | "end";
  /** Row header cells (<th scope="row">) name the row for screen readers; use it for the key column. */
  rowHeader?: boolean;
}

export interface DataTableProps<Row> {
  /** Names the table for everyone; hide it visually only when a heading right above says the same. */
  caption: string;
  captionHidden?: boolean;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  initialSort?: { columnId: string; direction: SortDirection };
  /** Page sizes offered; the first is the default. Pagination shows only when rows exceed it. */
  pageSizes?: readonly number[];
  /** Shown instead of the table when there are no rows. */
  empty?: ReactNode;
}

interface SortState {
  columnId: string;
  direction: SortDirection;
}

function compareValues(a: SortValue, b: SortValue, collator: Intl.Collator): number {
  const aMissing = a === null || a === undefined || a === "";
  const bMissing = b === null || b === undefined || b === "";
  if (aMissing || bMissing) return aMissing === bMissing ? 0 : aMissing ? 1 : -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return collator.compare(String(a), String(b));
}

/** Sorts stably; missing values go last whatever the direction, since they are not "smallest". */
export function sortRows<Row>(
  rows: readonly Row[],
  sortValue: (row: Row) => SortValue,
  direction: SortDirection,
  locale: string,
): Row[] {
  const collator = new Intl.Collator(locale, { numeric: true, sensitivity: "base" });
  const sign = direction === "ascending" ? 1 : -1;
  return [...rows].sort((left, right) => {
    const a = sortValue(left);
    const b = sortValue(right);
    const aMissing = a === null || a === undefined || a === "";
    const bMissing = b === null || b === undefined || b === "";
    if (aMissing || bMissing) return compareValues(a, b, collator);
    return sign * compareValues(a, b, collator);
  });
}

/**
 * A table with sortable columns (header buttons, aria-sort) and client-side pages. On a narrow screen the
 * table keeps its columns and scrolls sideways inside a focusable region, so keyboards can scroll it too.
 */
export function DataTable<Row>({
  caption,
  captionHidden = false,
  columns,
  rows,
  rowKey,
  initialSort,
  pageSizes = [10, 25, 50],
  empty,
}: DataTableProps<Row>) {
  const { t, i18n } = useTranslation();
  const captionId = useId();
  const [sort, setSort] = useState<SortState | null>(initialSort ?? null);
  const [pageSize, setPageSize] = useState(pageSizes[0] ?? 10);
  const [requestedPage, setRequestedPage] = useState(1);

  const sortColumn = sort ? columns.find((column) => column.id === sort.columnId) : undefined;
  const sorted = useMemo(
    () =>
      sort && sortColumn?.sortValue
        ? sortRows(rows, sortColumn.sortValue, sort.direction, i18n.language)
        : [...rows],
    [rows, sort, sortColumn, i18n.language],
  );

  const pageCount = Math.max(1, Math.ceil(sorted.length / pageSize));
  // Rows can shrink under us (a revoked item filtered out, a refetch); never show an empty page.
  const page = Math.min(requestedPage, pageCount);
  const first = (page - 1) * pageSize;
  const visible = sorted.slice(first, first + pageSize);
  const paginated = sorted.length > (pageSizes[0] ?? pageSize);

  if (rows.length === 0 && empty) return <>{empty}</>;

  const toggleSort = (columnId: string) => {
    setSort((current) =>
      current?.columnId === columnId
        ? { columnId, direction: current.direction === "ascending" ? "descending" : "ascending" }
        : { columnId, direction: "ascending" },
    );
    setRequestedPage(1);
  };

  return (
    <div className="data-table">
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls sideways must take focus, or keyboard users cannot scroll it (WCAG 2.1.1). */}
      <section className="table-scroll" tabIndex={0} aria-labelledby={captionId}>
        <table className="table">
          <caption id={captionId} className={captionHidden ? "visually-hidden" : "table__caption"}>
            {caption}
          </caption>
          <thead>
            <tr>
              {columns.map((column) => {
                const direction = sort?.columnId === column.id ? sort.direction : undefined;
                return (
                  <th
                    key={column.id}
                    scope="col"
                    aria-sort={direction}
                    className={column.align === "end" ? "table__cell--end" : undefined}
                  >
                    {column.sortValue ? (
                      <button type="button" className="sort-button" onClick={() => toggleSort(column.id)}>
                        <span>{column.header}</span>
                        <span className={`sort-icon sort-icon--${direction ?? "none"}`} aria-hidden="true" />
                      </button>
                    ) : (
                      column.header
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {visible.map((row) => (
              <tr key={rowKey(row)}>
                {columns.map((column) => {
                  const className = column.align === "end" ? "table__cell--end" : undefined;
                  return column.rowHeader ? (
                    <th key={column.id} scope="row" className={className}>
                      {column.cell(row)}
                    </th>
                  ) : (
                    <td key={column.id} className={className}>
                      {column.cell(row)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {paginated ? (
        <nav className="pagination" aria-label={`${t("table.pagination")}: ${caption}`}>
          <p className="pagination__range" aria-live="polite">
            {t("table.range", { from: first + 1, to: first + visible.length, total: sorted.length })}
          </p>
          <label className="pagination__size">
            <span>{t("table.pageSize")}</span>
            <select
              className="input select input--compact"
              value={pageSize}
              onChange={(event) => {
                setPageSize(Number(event.target.value));
                setRequestedPage(1);
              }}
            >
              {pageSizes.map((size) => (
                <option key={size} value={size}>
                  {size}
                </option>
              ))}
            </select>
          </label>
          <div className="pagination__pages">
            <button
              type="button"
              className="btn btn--secondary btn--sm"
              disabled={page <= 1}
              onClick={() => setRequestedPage(page - 1)}
            >
              <span aria-hidden="true">‹ </span>
              {t("table.previous")}
            </button>
            <span className="pagination__page">{t("table.pageOf", { page, pages: pageCount })}</span>
            <button
              type="button"
              className="btn btn--secondary btn--sm"
              disabled={page >= pageCount}
              onClick={() => setRequestedPage(page + 1)}
            >
              {t("table.next")}
              <span aria-hidden="true"> ›</span>
            </button>
          </div>
        </nav>
      ) : null}
    </div>
  );
}
