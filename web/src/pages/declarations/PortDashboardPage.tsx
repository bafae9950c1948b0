import { useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import {
  type Column,
  DataTable,
  EmptyState,
  ErrorState,
  PageHeader,
  Select,
  Spinner,
  TextField,
} from "../../components";
import { KEEP_FOCUS } from "../../layout/navigation";
import { useMe } from "../../session";
import { useNameLanguage } from "../reference/LocalName";
import { useBorderPorts } from "../reference/queries";
import { localToday } from "../tariffs/calculatorInput";
import { useFormatters } from "../tariffs/labels";
import { officerSides } from "./access";
import { LaneBadge, portLabel, usePortNames } from "./badges";
import { defaultMetric, LOAD_METRICS, type LoadMetric, loadSeries, utilization } from "./chart";
import type { TPortDay, TPortLoadEntry, TRecognitionRow } from "./contracts";
import { LoadChart } from "./LoadChart";
import { LANES_BY_SEVERITY } from "./lifecycle";
import { LANE_QUEUE_PATH } from "./paths";
import { usePortLoad, useRecognitionReport } from "./queries";
import "./declarations.css";

const DEFAULT_DAYS = 14;
const DEFAULT_MONTHS = 6;

function shiftDays(date: string, days: number): string {
  const [year, month, day] = date.split("-").map(Number);
  const shifted = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, (day ?? 1) + days));
  return shifted.toISOString().slice(0, 10);
}

function shiftMonths(month: string, months: number): string {
  const [year, monthNumber] = month.split("-").map(Number);
  const shifted = new Date(Date.UTC(year ?? 1970, (monthNumber ?? 1) - 1 + months, 1));
  return shifted.toISOString().slice(0, 7);
}

const isDate = (value: string | null): value is string => value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value);
const isMonth = (value: string | null): value is string => value !== null && /^\d{4}-\d{2}$/.test(value);

/**
 * The customs' port dashboard: per crossing, the load of each day against its capacity, the queue by
 * lane and clearance times; and below, what mutual recognition saved per port and month.
 */
export function PortDashboardPage() {
  const { t } = useTranslation();
  const me = useMe();
  const sides = officerSides(me.data);
  const [today] = useState(localToday);
  const [params, setParams] = useSearchParams();
  const fromParam = params.get("from");
  const toParam = params.get("to");
  const monthFromParam = params.get("mfrom");
  const monthToParam = params.get("mto");
  const from = isDate(fromParam) ? fromParam : shiftDays(today, -(DEFAULT_DAYS - 1));
  const to = isDate(toParam) ? toParam : today;
  const port = params.get("port") ?? "";
  const monthTo = isMonth(monthToParam) ? monthToParam : today.slice(0, 7);
  const monthFrom = isMonth(monthFromParam) ? monthFromParam : shiftMonths(monthTo, -(DEFAULT_MONTHS - 1));
  const setParam = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true, state: KEEP_FOCUS });
  };
  const officer = sides.length > 0;
  const load = usePortLoad({ from, to, ...(port ? { port } : {}) }, officer);
  const report = useRecognitionReport({ from: monthFrom, to: monthTo }, officer);
  const reader = useNameLanguage();
  const ports = useBorderPorts();
  const side = sides[0] ?? "CN";
  const portOptions = [
    { value: "", label: t("declarations.settings.allPorts") },
    ...(ports.data ?? [])
      .filter((candidate) => side === "CN" || candidate.ru !== null)
      .map((candidate) => ({ value: candidate.id, label: portLabel(candidate, side, reader) })),
  ];

  return (
    <>
      <PageHeader
        eyebrow={<Link to={LANE_QUEUE_PATH}>{t("declarations.queue.title")}</Link>}
        title={t("declarations.ports.title")}
        description={<p>{t("declarations.ports.intro")}</p>}
      />
      {!officer ? (
        <EmptyState title={t("declarations.queue.notOfficerTitle")}>
          <p>{t("declarations.queue.notOfficerText")}</p>
        </EmptyState>
      ) : (
        <>
          <search className="panel decl-filters">
            <div className="decl-filters__form">
              <TextField
                type="date"
                label={t("declarations.ports.from")}
                value={from}
                max={to}
                onChange={(event) => setParam("from", event.target.value)}
                className="input--date"
              />
              <TextField
                type="date"
                label={t("declarations.ports.to")}
                value={to}
                min={from}
                onChange={(event) => setParam("to", event.target.value)}
                className="input--date"
              />
              <Select
                label={t("declarations.form.port")}
                options={portOptions}
                value={port}
                onChange={(event) => setParam("port", event.target.value)}
              />
            </div>
          </search>
          <section className="section" aria-labelledby="ports-load-title">
            <h2 id="ports-load-title" className="section__title">
              {t("declarations.ports.loadTitle")}
            </h2>
            {load.isPending ? (
              <Spinner />
            ) : load.isError ? (
              <ErrorState error={load.error} onRetry={() => void load.refetch()} retrying={load.isFetching} />
            ) : load.data.ports.length === 0 ? (
              <EmptyState title={t("declarations.ports.emptyTitle")} headingLevel={3}>
                <p>{t("declarations.ports.emptyText")}</p>
              </EmptyState>
            ) : (
              <div className={load.isPlaceholderData ? "port-cards decl-results--stale" : "port-cards"}>
                {load.data.ports.map((entry) => (
                  <PortCard key={`${entry.portId}-${entry.side}`} entry={entry} />
                ))}
              </div>
            )}
          </section>
          <section className="section" aria-labelledby="ports-recognition-title">
            <h2 id="ports-recognition-title" className="section__title">
              {t("declarations.ports.recognitionTitle")}
            </h2>
            <p className="section__intro">{t("declarations.ports.recognitionIntro")}</p>
            <div className="decl-filters__form recognition-range">
              <TextField
                type="month"
                label={t("declarations.ports.monthFrom")}
                value={monthFrom}
                max={monthTo}
                onChange={(event) => setParam("mfrom", event.target.value)}
              />
              <TextField
                type="month"
                label={t("declarations.ports.monthTo")}
                value={monthTo}
                min={monthFrom}
                onChange={(event) => setParam("mto", event.target.value)}
              />
            </div>
            {report.isPending ? (
              <Spinner />
            ) : report.isError ? (
              <ErrorState
                error={report.error}
                onRetry={() => void report.refetch()}
                retrying={report.isFetching}
              />
            ) : (
              <>
                <RecognitionTable rows={report.data.items} />
                <p className="decl-muted recognition-method">{report.data.method}</p>
              </>
            )}
          </section>
        </>
      )}
    </>
  );
}

function PortCard({ entry }: { entry: TPortLoadEntry }) {
  const { t, i18n } = useTranslation();
  const portName = usePortNames();
  const format = useFormatters();
  const [metric, setMetric] = useState<LoadMetric>(() => defaultMetric(entry));
  const series = useMemo(() => loadSeries(entry, metric), [entry, metric]);
  const metricId = useId();
  const name = portName(entry.portId, entry.side);
  const number = new Intl.NumberFormat(i18n.language);
  const queued = LANES_BY_SEVERITY.reduce((sum, lane) => sum + entry.queue[lane], 0);
  const last = series.days.at(-1);
  const used = last ? utilization(last.value, series.capacity) : null;
  const minutes = (value: number | null) =>
    value === null ? t("common.notSet") : t("declarations.ports.minutes", { n: number.format(value) });
  const columns: Column<TPortDay>[] = [
    {
      id: "date",
      header: t("declarations.list.date"),
      rowHeader: true,
      cell: (day) => format.date(day.date),
    },
    {
      id: "submitted",
      header: t("declarations.ports.submitted"),
      align: "end",
      cell: (day) => day.submitted,
    },
    { id: "released", header: t("declarations.ports.released"), align: "end", cell: (day) => day.released },
    {
      id: "vehicles",
      header: t("declarations.ports.metric.vehicles"),
      align: "end",
      cell: (day) => day.vehicles,
    },
    { id: "wagons", header: t("declarations.ports.metric.wagons"), align: "end", cell: (day) => day.wagons },
    {
      id: "tonnes",
      header: t("declarations.ports.metric.tonnes"),
      align: "end",
      cell: (day) => <span className="num">{format.decimal(day.tonnes)}</span>,
    },
    {
      id: "median",
      header: t("declarations.ports.median"),
      align: "end",
      cell: (day) => minutes(day.medianMinutes),
    },
    { id: "p90", header: t("declarations.ports.p90"), align: "end", cell: (day) => minutes(day.p90Minutes) },
  ];
  return (
    <article className="panel port-card" aria-label={name}>
      <header className="port-card__head">
        <h3 className="port-card__title">{name}</h3>
        <span className="decl-muted">{t(`side.${entry.side}`)}</span>
      </header>
      <dl className="port-card__facts">
        <div>
          <dt>{t("declarations.ports.capacity")}</dt>
          <dd>
            {LOAD_METRICS.filter((key) => entry.capacity[key] !== null)
              .map((key) =>
                t("declarations.ports.perDay", {
                  n: number.format(entry.capacity[key] ?? 0),
                  unit: t(`declarations.ports.metric.${key}`),
                }),
              )
              .join(" · ") || t("common.notSet")}
          </dd>
        </div>
        <div>
          <dt>{t("declarations.ports.utilization")}</dt>
          <dd>{used === null ? t("common.notSet") : `${used}%`}</dd>
        </div>
        <div>
          <dt>{t("declarations.ports.queue")}</dt>
          <dd>
            <ul className="badge-list port-card__queue" aria-label={t("declarations.ports.queue")}>
              {LANES_BY_SEVERITY.map((lane) => (
                <li key={lane}>
                  <LaneBadge lane={lane} /> <span className="num">{entry.queue[lane]}</span>
                </li>
              ))}
            </ul>
            <QueueBar queue={entry.queue} total={queued} />
          </dd>
        </div>
      </dl>
      <div className="field port-card__metric">
        <label className="field__label" htmlFor={metricId}>
          {t("declarations.ports.metricLabel")}
        </label>
        <select
          id={metricId}
          className="input select input--compact"
          value={metric}
          onChange={(event) =>
            setMetric(LOAD_METRICS.find((key) => key === event.target.value) ?? "vehicles")
          }
        >
          {LOAD_METRICS.map((key) => (
            <option key={key} value={key}>
              {t(`declarations.ports.metric.${key}`)}
            </option>
          ))}
        </select>
      </div>
      <LoadChart
        title={t("declarations.ports.chartTitle", { port: name })}
        series={series}
        unitLabel={t(`declarations.ports.metric.${metric}`)}
        alternative={
          <DataTable
            caption={t("declarations.ports.daysTitle", { port: name })}
            columns={columns}
            rows={entry.days}
            rowKey={(day) => day.date}
            pageSizes={[31]}
          />
        }
      />
    </article>
  );
}

/** The queue as one bar split by lane, strictest first; the counts are in the list above it. */
function QueueBar({ queue, total }: { queue: TPortLoadEntry["queue"]; total: number }) {
  if (total === 0) return null;
  return (
    <div className="queue-bar" aria-hidden="true">
      {LANES_BY_SEVERITY.map((lane) =>
        queue[lane] > 0 ? (
          <span
            key={lane}
            className={`queue-bar__part lane-fill--${lane}`}
            style={{ width: `${(queue[lane] / total) * 100}%` }}
          />
        ) : null,
      )}
    </div>
  );
}

function RecognitionTable({ rows }: { rows: readonly TRecognitionRow[] }) {
  const { t, i18n } = useTranslation();
  const portName = usePortNames();
  const number = new Intl.NumberFormat(i18n.language);
  const month = (value: string) => {
    const [year, monthNumber] = value.split("-").map(Number);
    return new Intl.DateTimeFormat(i18n.language, { year: "numeric", month: "long", timeZone: "UTC" }).format(
      new Date(Date.UTC(year ?? 1970, (monthNumber ?? 1) - 1, 15)),
    );
  };
  const columns: Column<TRecognitionRow>[] = [
    {
      id: "port",
      header: t("declarations.form.port"),
      rowHeader: true,
      sortValue: (row) => portName(row.portId, row.side),
      cell: (row) => (
        <>
          {portName(row.portId, row.side)} <span className="decl-muted">({t(`side.${row.side}`)})</span>
        </>
      ),
    },
    {
      id: "month",
      header: t("declarations.ports.month"),
      sortValue: (row) => row.month,
      cell: (row) => month(row.month),
    },
    {
      id: "recognized",
      header: t("declarations.ports.recognized"),
      align: "end",
      sortValue: (row) => row.recognized,
      cell: (row) => number.format(row.recognized),
    },
    {
      id: "inspections",
      header: t("declarations.ports.inspectionsAvoided"),
      align: "end",
      sortValue: (row) => row.inspectionsAvoided,
      cell: (row) => <strong>{number.format(row.inspectionsAvoided)}</strong>,
    },
    {
      id: "checks",
      header: t("declarations.ports.documentChecksAvoided"),
      align: "end",
      sortValue: (row) => row.documentChecksAvoided,
      cell: (row) => number.format(row.documentChecksAvoided),
    },
    {
      id: "minutes",
      header: t("declarations.ports.minutesSaved"),
      align: "end",
      sortValue: (row) => row.minutesSaved,
      cell: (row) => (row.minutesSaved === null ? t("common.notSet") : number.format(row.minutesSaved)),
    },
  ];
  return (
    <DataTable
      caption={t("declarations.ports.recognitionTitle")}
      captionHidden
      columns={columns}
      rows={rows}
      rowKey={(row) => `${row.portId}-${row.side}-${row.month}`}
      initialSort={{ columnId: "month", direction: "descending" }}
      pageSizes={[25, 50]}
      empty={
        <EmptyState title={t("declarations.ports.recognitionEmptyTitle")} headingLevel={3}>
          <p>{t("declarations.ports.recognitionEmptyText")}</p>
        </EmptyState>
      }
    />
  );
}
