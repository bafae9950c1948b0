import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import {
  Button,
  type Column,
  DataTable,
  EmptyState,
  ErrorState,
  Notice,
  PageHeader,
  Spinner,
} from "../../components";
import { useMe } from "../../session";
import { isStatistician } from "./access";
import { CaliberEditor } from "./CaliberEditor";
import { CaliberImport } from "./CaliberImport";
import { caliberFormFrom, emptyCaliberForm } from "./caliberForm";
import { useCaliberWords } from "./caliberLabels";
import { CALIBER_FIELDS, LABEL_TABLES, type TCaliber } from "./contracts";
import { CALIBERS_PATH, caliberPath } from "./paths";
import { useCalibers } from "./queries";
import { StatisticsNav } from "./ui";
import "./statistics.css";

/**
 * The statisticians' calibers: the saved mappings that read each source's own table into the unified
 * dimensions. The list, one caliber with its mapping, a form to create or change one, and the import of
 * a source's file through it (`/statistics/calibers/{name}`).
 */
export function CalibersPage() {
  const { t } = useTranslation();
  const me = useMe();
  const allowed = isStatistician(me.data);
  const { name } = useParams();
  const calibers = useCalibers(allowed);
  const selected = name ? (calibers.data?.find((caliber) => caliber.name === name) ?? null) : null;
  return (
    <>
      <PageHeader
        eyebrow={name ? <Link to={CALIBERS_PATH}>{t("statistics.calibers.title")}</Link> : undefined}
        title={name ?? t("statistics.calibers.title")}
        description={<p>{name ? (selected?.mapping.source ?? "") : t("statistics.calibers.intro")}</p>}
      />
      <StatisticsNav />
      {!allowed ? (
        <EmptyState title={t("statistics.datasets.notStatisticianTitle")}>
          <p>{t("statistics.calibers.notStatisticianText")}</p>
        </EmptyState>
      ) : calibers.isPending ? (
        <Spinner />
      ) : calibers.isError ? (
        <ErrorState error={calibers.error} onRetry={() => void calibers.refetch()} />
      ) : name === undefined ? (
        <CaliberList calibers={calibers.data} />
      ) : selected ? (
        <CaliberDetail key={selected.name} caliber={selected} />
      ) : (
        <EmptyState title={t("statistics.calibers.notFoundTitle", { name })}>
          <p>
            <Link to={CALIBERS_PATH}>{t("statistics.calibers.backToList")}</Link>
          </p>
        </EmptyState>
      )}
    </>
  );
}

function CaliberList({ calibers }: { calibers: readonly TCaliber[] }) {
  const { t } = useTranslation();
  const words = useCaliberWords();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const newRef = useRef<HTMLButtonElement>(null);
  const columns: Column<TCaliber>[] = [
    {
      id: "name",
      header: t("statistics.calibers.name"),
      rowHeader: true,
      sortValue: (row) => row.name,
      cell: (row) => (
        <Link to={caliberPath(row.name)} className="stat-code">
          {row.name}
        </Link>
      ),
    },
    {
      id: "source",
      header: t("statistics.calibers.source"),
      sortValue: (row) => row.mapping.source,
      cell: (row) => row.mapping.source,
    },
    {
      id: "reporter",
      header: t("statistics.calibers.reporter"),
      cell: (row) =>
        `${t(`statistics.calibers.reporters.${row.mapping.reporter}`)} · ${row.mapping.currency}`,
    },
    {
      id: "columns",
      header: t("statistics.calibers.columnsRead"),
      cell: (row) =>
        CALIBER_FIELDS.filter((field) => row.mapping.columns[field])
          .map((field) => words.field(field))
          .join(", "),
    },
  ];
  return (
    <>
      {creating ? (
        <CaliberEditor
          initial={emptyCaliberForm()}
          creating
          takenNames={calibers.map((caliber) => caliber.name)}
          onSaved={(caliber) => navigate(caliberPath(caliber.name), { state: { saved: true } })}
          onCancel={() => {
            setCreating(false);
            // Back to where the reader came from; the button is drawn again first.
            window.setTimeout(() => newRef.current?.focus());
          }}
        />
      ) : (
        <div className="form__actions caliber-actions">
          <Button ref={newRef} onClick={() => setCreating(true)}>
            {t("statistics.calibers.new")}
          </Button>
        </div>
      )}
      <section className="section" aria-labelledby="calibers-title">
        <h2 id="calibers-title" className="section__title">
          {t("statistics.calibers.listTitle")}
        </h2>
        <DataTable
          caption={t("statistics.calibers.listTitle")}
          captionHidden
          columns={columns}
          rows={calibers}
          rowKey={(row) => row.name}
          initialSort={{ columnId: "name", direction: "ascending" }}
          empty={
            <EmptyState title={t("statistics.calibers.emptyTitle")} headingLevel={3}>
              <p>{t("statistics.calibers.emptyText")}</p>
            </EmptyState>
          }
        />
      </section>
    </>
  );
}

function isSavedState(state: unknown): boolean {
  return typeof state === "object" && state !== null && "saved" in state && state.saved === true;
}

function CaliberDetail({ caliber }: { caliber: TCaliber }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  // A caliber just created arrives here with `{ saved: true }`.
  const location = useLocation();
  const [saved, setSaved] = useState(() => isSavedState(location.state));
  const editRef = useRef<HTMLButtonElement>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (saved) noticeRef.current?.focus();
  }, [saved]);
  return (
    <>
      {saved && !editing ? (
        <div ref={noticeRef} tabIndex={-1} className="caliber-saved">
          <Notice tone="success" title={t("statistics.calibers.saved", { name: caliber.name })} />
        </div>
      ) : null}
      {editing ? (
        <CaliberEditor
          initial={caliberFormFrom(caliber)}
          creating={false}
          takenNames={[]}
          onSaved={() => {
            setEditing(false);
            setSaved(true);
          }}
          onCancel={() => {
            setEditing(false);
            window.setTimeout(() => editRef.current?.focus());
          }}
        />
      ) : (
        <section className="section" aria-labelledby="caliber-mapping-title">
          <div className="caliber-heading">
            <h2 id="caliber-mapping-title" className="section__title">
              {t("statistics.calibers.mappingTitle")}
            </h2>
            <Button
              ref={editRef}
              variant="secondary"
              onClick={() => {
                setSaved(false);
                setEditing(true);
              }}
            >
              {t("statistics.calibers.edit")}
            </Button>
          </div>
          <CaliberSummary caliber={caliber} />
        </section>
      )}
      <CaliberImport name={caliber.name} />
    </>
  );
}

/** A caliber's mapping, read-only: the source, the columns, the labels and the rows to skip. */
function CaliberSummary({ caliber }: { caliber: TCaliber }) {
  const { t } = useTranslation();
  const words = useCaliberWords();
  const { mapping } = caliber;
  const separator = mapping.separator ?? "";
  const separatorKey = { "": "detect", ",": "comma", ";": "semicolon", "\t": "tab" } as const;
  const fields = CALIBER_FIELDS.filter((field) => mapping.columns[field] || mapping.fixed?.[field]);
  const tables = LABEL_TABLES.filter((table) => Object.keys(mapping.values?.[table] ?? {}).length > 0);
  const skips = Object.entries(mapping.skipLabels ?? {});
  return (
    <>
      <dl className="details">
        <div>
          <dt>{t("statistics.calibers.source")}</dt>
          <dd className="stat-code">{mapping.source}</dd>
        </div>
        <div>
          <dt>{t("statistics.calibers.reporter")}</dt>
          <dd>{t(`statistics.calibers.reporters.${mapping.reporter}`)}</dd>
        </div>
        <div>
          <dt>{t("statistics.calibers.currency")}</dt>
          <dd>{mapping.currency}</dd>
        </div>
        <div>
          <dt>{t("statistics.calibers.valueScale")}</dt>
          <dd className="num">{mapping.valueScale ?? "1"}</dd>
        </div>
        <div>
          <dt>{t("statistics.calibers.numbers")}</dt>
          <dd>
            {mapping.decimalComma
              ? t("statistics.calibers.decimalCommaYes")
              : t("statistics.calibers.decimalPoint")}
          </dd>
        </div>
        <div>
          <dt>{t("statistics.calibers.separator")}</dt>
          <dd>{t(`statistics.calibers.separators.${separatorKey[separator]}`)}</dd>
        </div>
        {mapping.fillDown && mapping.fillDown.length > 0 ? (
          <div>
            <dt>{t("statistics.calibers.fillDownShown")}</dt>
            <dd>{mapping.fillDown.map((field) => words.field(field)).join(", ")}</dd>
          </div>
        ) : null}
      </dl>
      <DataTable
        caption={t("statistics.calibers.columnsGroup")}
        columns={[
          {
            id: "field",
            header: t("statistics.calibers.fieldHeader"),
            rowHeader: true,
            cell: (field) => words.field(field),
          },
          {
            id: "column",
            header: t("statistics.calibers.column"),
            cell: (field) => mapping.columns[field] ?? t("common.notSet"),
          },
          {
            id: "fixed",
            header: t("statistics.calibers.fixed"),
            cell: (field) => {
              const fixed = mapping.fixed?.[field];
              return fixed ? words.meaning(field, fixed) : t("common.notSet");
            },
          },
        ]}
        rows={fields}
        rowKey={(field) => field}
      />
      {tables.map((table) => (
        <DataTable
          key={table}
          caption={t("statistics.calibers.labelTable", { field: words.field(table) })}
          columns={[
            {
              id: "label",
              header: t("statistics.calibers.report.label"),
              rowHeader: true,
              cell: ([label]) => label,
            },
            {
              id: "means",
              header: t("statistics.calibers.meansHeader"),
              cell: ([, code]) => words.meaning(table, code),
            },
          ]}
          rows={Object.entries(mapping.values?.[table] ?? {})}
          rowKey={([label]) => label}
          pageSizes={[25, 100]}
        />
      ))}
      {skips.length > 0 ? (
        <>
          <h3 className="caliber-report__title">{t("statistics.calibers.skipGroup")}</h3>
          <ul>
            {skips.map(([column, labels]) => (
              <li key={column}>
                {t("statistics.calibers.skipSummary", { column, labels: labels.join(", ") })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
