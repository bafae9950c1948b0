import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import {
  type Column,
  DataTable,
  EmptyState,
  ErrorState,
  Notice,
  PageHeader,
  Select,
  Spinner,
  TextField,
} from "../../components";
import { KEEP_FOCUS } from "../../layout/navigation";
import { localToday } from "../tariffs/calculatorInput";
import { ChartFigure, LegendItem } from "./ChartFigure";
import { LineChart, StackedBarChart, Treemap, useChartFormat } from "./charts";
import { CURRENCIES, type TCurrency } from "./contracts";
import {
  compositionQuery,
  type DashboardSettings,
  DIRECTIONS,
  exportersTurnover,
  isDirection,
  portQuery,
  type Slice,
  type Stack,
  slices,
  stacks,
  TOP_PORTS,
  tradeModeQuery,
  trendQuery,
  trendSeries,
} from "./dashboard";
import { useStatQuery } from "./queries";
import { DownloadButtons, SERIES_CLASS, StatisticsNav, useStatLabels } from "./ui";
import "./statistics.css";

// The crossings' map brings d3-geo and the world outline: its own chunk, fetched when the dashboard shows it.
const PortValueMap = lazy(() => import("./PortValueMap"));

const isCurrency = (value: string | null): value is TCurrency => CURRENCIES.some((code) => code === value);
const isMonth = (value: string | null): value is string => value !== null && /^\d{4}-\d{2}$/.test(value);

/** The settings in the address, so a view can be shared and survives a reload. */
function useSettings(): [DashboardSettings, (key: "cur" | "dir" | "from" | "to", value: string) => void] {
  const [params, setParams] = useSearchParams();
  const cur = params.get("cur");
  const dir = params.get("dir");
  const from = params.get("from");
  const to = params.get("to");
  const settings: DashboardSettings = {
    currency: isCurrency(cur) ? cur : "USD",
    direction: isDirection(dir) ? dir : "exports",
    from: isMonth(from) ? from : "",
    to: isMonth(to) ? to : "",
  };
  const set = (key: "cur" | "dir" | "from" | "to", value: string) => {
    // From the address as it is now rather than as last drawn, so two quick changes both stay.
    const next = new URLSearchParams(window.location.search);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true, state: KEEP_FOCUS });
  };
  return [settings, set];
}

/**
 * The public dashboard of China–Russia trade: the monthly trend as each side reports it, what is traded
 * (HS sections), through which crossings and under which trade modes; in USD, CNY or RUB, each chart with
 * its table and downloads.
 */
export function StatisticsPage() {
  const { t } = useTranslation();
  const [settings, set] = useSettings();
  const trend = useStatQuery(trendQuery(settings));
  const notes = trend.data?.notes ?? [];
  return (
    <>
      <PageHeader
        title={t("modules.statistics.title")}
        description={<p>{t("statistics.dashboard.intro")}</p>}
      />
      <StatisticsNav />
      <search className="panel stat-controls" aria-label={t("statistics.dashboard.controls")}>
        <Select
          label={t("statistics.controls.currency")}
          value={settings.currency}
          onChange={(event) => set("cur", event.target.value === "USD" ? "" : event.target.value)}
          options={CURRENCIES.map((code) => ({ value: code, label: code }))}
          className="input--compact"
        />
        <Select
          label={t("statistics.controls.direction")}
          value={settings.direction}
          onChange={(event) => set("dir", event.target.value === "exports" ? "" : event.target.value)}
          options={DIRECTIONS.map((direction) => ({
            value: direction,
            label: t(`statistics.direction.${direction}`),
          }))}
          className="input--compact"
        />
        <TextField
          type="month"
          label={t("statistics.controls.from")}
          optional
          value={settings.from}
          max={settings.to || undefined}
          onChange={(event) => set("from", event.target.value)}
          className="input--compact"
        />
        <TextField
          type="month"
          label={t("statistics.controls.to")}
          optional
          value={settings.to}
          min={settings.from || undefined}
          onChange={(event) => set("to", event.target.value)}
          className="input--compact"
        />
      </search>
      {notes.length > 0 ? (
        <Notice tone="info" role="note">
          {notes.map((note) => (
            <p key={note}>{note}</p>
          ))}
          <p>{t("statistics.dashboard.sampleNote")}</p>
        </Notice>
      ) : null}
      <TrendSection settings={settings} query={trend} />
      <div className="stat-grid">
        <CompositionFigure settings={settings} />
        <PortsFigure settings={settings} />
      </div>
      <TradeModeFigure settings={settings} />
    </>
  );
}

type QueryState = ReturnType<typeof useStatQuery>;

function Loading({ query, children }: { query: QueryState; children: () => React.ReactNode }) {
  if (query.isPending) return <Spinner />;
  if (query.isError)
    return (
      <ErrorState
        error={query.error}
        onRetry={() => void query.refetch()}
        retrying={query.isFetching}
        headingLevel={3}
      />
    );
  return <div className={query.isPlaceholderData ? "stat-stale" : undefined}>{children()}</div>;
}

/** A headline figure: short to read at a glance ("438,8 млрд USD"), the exact amount beneath it. */
function Kpi({ value, currency }: { value: string; currency: string }) {
  const labels = useStatLabels();
  return (
    <dd>
      <span className="stat-kpi__short">{labels.moneyShort(value, currency)}</span>
      <span className="stat-kpi__exact">{labels.money(value, currency)}</span>
    </dd>
  );
}

function TrendSection({ settings, query }: { settings: DashboardSettings; query: QueryState }) {
  const { t } = useTranslation();
  const labels = useStatLabels();
  const chartFormat = useChartFormat();
  const money = (value: string) => labels.money(value, settings.currency);
  return (
    <section className="section" aria-labelledby="stat-trend-title">
      <h2 id="stat-trend-title" className="section__title">
        {t("statistics.trend.sectionTitle")}
      </h2>
      <Loading query={query}>
        {() => {
          const trend = trendSeries(query.data ?? { columns: [], rows: [], currency: "", notes: [] });
          if (trend.months.length === 0)
            return (
              <EmptyState title={t("statistics.emptyTitle")} headingLevel={3}>
                <p>{t("statistics.emptyText")}</p>
              </EmptyState>
            );
          const first = trend.months[0] ?? "";
          const last = trend.months.at(-1) ?? "";
          // Months from the current one on are not over yet: drawn dashed, and said so below the chart.
          const thisMonth = localToday().slice(0, 7);
          const unfinished = trend.months.findIndex((month) => month >= thisMonth);
          const columns: Column<{ month: string; values: (string | null)[] }>[] = [
            {
              id: "month",
              header: t("statistics.columns.month"),
              rowHeader: true,
              sortValue: (row) => row.month,
              cell: (row) => chartFormat.longMonth(row.month),
            },
            ...trend.series.map(
              (series, index): Column<{ month: string; values: (string | null)[] }> => ({
                id: series.key,
                header: labels.series(series.key),
                align: "end",
                cell: (row) => {
                  const value = row.values[index];
                  return value === null || value === undefined ? (
                    t("common.notSet")
                  ) : (
                    <span className="num">{money(value)}</span>
                  );
                },
              }),
            ),
          ];
          const rows = trend.months.map((month, index) => ({
            month,
            values: trend.series.map((series) => series.values[index] ?? null),
          }));
          return (
            <>
              <dl className="stat-kpis">
                <div className="stat-kpi">
                  <dt>
                    {t("statistics.kpi.turnover", {
                      from: chartFormat.longMonth(first),
                      to: chartFormat.longMonth(last),
                    })}
                  </dt>
                  <Kpi value={exportersTurnover(trend)} currency={settings.currency} />
                </div>
                {trend.series
                  .filter((series) => series.key.endsWith("_export"))
                  .map((series) => (
                    <div key={series.key} className={`stat-kpi ${SERIES_CLASS[series.key]}`}>
                      <dt>{labels.series(series.key)}</dt>
                      <Kpi value={series.total} currency={settings.currency} />
                    </div>
                  ))}
              </dl>
              <ChartFigure
                title={t("statistics.trend.title", { currency: settings.currency })}
                description={<p>{t("statistics.trend.description")}</p>}
                legend={
                  <ul className="legend">
                    {trend.series.map((series) => (
                      <LegendItem key={series.key} swatch={SERIES_CLASS[series.key]}>
                        {labels.series(series.key)}
                      </LegendItem>
                    ))}
                  </ul>
                }
                chart={
                  <LineChart
                    categories={trend.months}
                    series={trend.series.map((series) => ({
                      key: series.key,
                      label: labels.series(series.key),
                      className: SERIES_CLASS[series.key],
                      values: series.values,
                    }))}
                    formatValue={money}
                    unfinishedFrom={unfinished >= 0 ? unfinished : undefined}
                  />
                }
                table={
                  <DataTable
                    caption={t("statistics.trend.title", { currency: settings.currency })}
                    columns={columns}
                    rows={rows}
                    rowKey={(row) => row.month}
                    pageSizes={[12, 24, 60]}
                  />
                }
                downloads={<DownloadButtons query={trendQuery(settings)} fileName="amur-trade-by-month" />}
                notes={
                  last >= thisMonth ? (
                    <p>{t("statistics.trend.incomplete", { month: chartFormat.longMonth(last) })}</p>
                  ) : undefined
                }
              />
            </>
          );
        }}
      </Loading>
    </section>
  );
}

interface SliceColumnsInput {
  header: string;
  valueHeader: string;
  shareHeader: string;
  notSet: string;
  label: (key: string) => string;
  money: (value: string) => string;
  percent: (value: string) => string;
}

function sliceColumns({
  header,
  valueHeader,
  shareHeader,
  notSet,
  label,
  money,
  percent,
}: SliceColumnsInput): Column<Slice>[] {
  return [
    { id: "key", header, rowHeader: true, sortValue: (row) => label(row.key), cell: (row) => label(row.key) },
    {
      id: "value",
      header: valueHeader,
      align: "end",
      sortValue: (row) => Number(row.value),
      cell: (row) => <span className="num">{money(row.value)}</span>,
    },
    {
      id: "share",
      header: shareHeader,
      align: "end",
      sortValue: (row) => Number(row.share ?? 0),
      cell: (row) => (row.share === null ? notSet : percent(row.share)),
    },
  ];
}

/** The headers every slice table shares. */
function useSliceHeaders() {
  const { t } = useTranslation();
  return {
    valueHeader: t("statistics.columns.value"),
    shareHeader: t("statistics.columns.share"),
    notSet: t("common.notSet"),
  };
}

function CompositionFigure({ settings }: { settings: DashboardSettings }) {
  const { t } = useTranslation();
  const labels = useStatLabels();
  const headers = useSliceHeaders();
  const query = compositionQuery(settings);
  const result = useStatQuery(query);
  const money = (value: string) => labels.money(value, settings.currency);
  const title = t("statistics.composition.title", {
    direction: t(`statistics.direction.${settings.direction}`),
  });
  return (
    <section aria-label={title}>
      <Loading query={result}>
        {() => {
          const rows = slices(
            result.data ?? { columns: [], rows: [], currency: "", notes: [] },
            "hs_section",
          );
          return (
            <ChartFigure
              headingLevel={3}
              title={title}
              description={<p>{t("statistics.composition.description")}</p>}
              chart={
                rows.length === 0 ? (
                  <p className="stat-muted">{t("statistics.emptyText")}</p>
                ) : (
                  <Treemap
                    items={rows.map((row, index) => ({
                      key: row.key,
                      label: labels.section(row.key),
                      detail: row.share === null ? money(row.value) : labels.percent(row.share),
                      className: `series-${index % 8}`,
                      value: row.value,
                    }))}
                    formatValue={money}
                  />
                )
              }
              table={
                <DataTable
                  caption={title}
                  columns={sliceColumns({
                    ...headers,
                    header: t("statistics.columns.section"),
                    label: labels.section,
                    money,
                    percent: labels.percent,
                  })}
                  rows={rows}
                  rowKey={(row) => row.key || "none"}
                  pageSizes={[25]}
                />
              }
              downloads={<DownloadButtons query={query} fileName="amur-trade-by-hs-section" />}
            />
          );
        }}
      </Loading>
    </section>
  );
}

function PortsFigure({ settings }: { settings: DashboardSettings }) {
  const { t } = useTranslation();
  const labels = useStatLabels();
  const headers = useSliceHeaders();
  const query = portQuery(settings);
  const result = useStatQuery(query);
  const money = (value: string) => labels.money(value, settings.currency);
  const direction = t(`statistics.direction.${settings.direction}`);
  const rows = result.data ? slices(result.data, "port") : null;
  // "Top 12" only when there are more ports than that; fewer are all of them.
  const title =
    rows && rows.length < TOP_PORTS
      ? t("statistics.ports.titleAll", { direction })
      : t("statistics.ports.title", { count: TOP_PORTS, direction });
  return (
    <section aria-label={title}>
      <Loading query={result}>
        {() => {
          const loaded = rows ?? [];
          return (
            <ChartFigure
              headingLevel={3}
              title={title}
              description={<p>{t("statistics.ports.description")}</p>}
              chart={
                loaded.length === 0 ? (
                  <p className="stat-muted">{t("statistics.emptyText")}</p>
                ) : (
                  <StackedBarChart
                    rows={loaded.map((row) => ({
                      key: row.key || "none",
                      label: labels.port(row.key),
                      total:
                        row.share === null
                          ? labels.moneyShort(row.value, settings.currency)
                          : labels.percent(row.share),
                      parts: [
                        {
                          key: "value",
                          label: t("statistics.columns.value"),
                          className: "series-0",
                          value: row.value,
                        },
                      ],
                    }))}
                    formatValue={money}
                  />
                )
              }
              table={
                <DataTable
                  caption={title}
                  columns={sliceColumns({
                    ...headers,
                    header: t("statistics.columns.port"),
                    label: labels.port,
                    money,
                    percent: labels.percent,
                  })}
                  rows={loaded}
                  rowKey={(row) => row.key || "none"}
                  pageSizes={[25]}
                />
              }
              downloads={<DownloadButtons query={query} fileName="amur-trade-by-port" />}
            />
          );
        }}
      </Loading>
      <Suspense fallback={<Spinner />}>
        <PortValueMap settings={settings} />
      </Suspense>
    </section>
  );
}

function TradeModeFigure({ settings }: { settings: DashboardSettings }) {
  const { t } = useTranslation();
  const labels = useStatLabels();
  const query = tradeModeQuery(settings);
  const result = useStatQuery(query);
  const money = (value: string) => labels.money(value, settings.currency);
  const title = t("statistics.tradeModes.title", {
    direction: t(`statistics.direction.${settings.direction}`),
  });
  return (
    <section aria-label={title}>
      <Loading query={result}>
        {() => {
          const rows = stacks(
            result.data ?? { columns: [], rows: [], currency: "", notes: [] },
            "trade_mode",
          );
          const keys = [...new Set(rows.flatMap((row) => row.parts.map((part) => part.key)))];
          const columns: Column<Stack>[] = [
            {
              id: "mode",
              header: t("statistics.columns.tradeMode"),
              rowHeader: true,
              sortValue: (row) => labels.tradeMode(row.key),
              cell: (row) => labels.tradeMode(row.key),
            },
            ...keys.map(
              (key): Column<Stack> => ({
                id: key,
                header: labels.series(key),
                align: "end",
                cell: (row) => {
                  const part = row.parts.find((candidate) => candidate.key === key);
                  return part ? <span className="num">{money(part.value)}</span> : t("common.notSet");
                },
              }),
            ),
            {
              id: "total",
              header: t("statistics.columns.total"),
              align: "end",
              sortValue: (row) => Number(row.total),
              cell: (row) => <span className="num">{money(row.total)}</span>,
            },
          ];
          return (
            <ChartFigure
              title={title}
              description={<p>{t("statistics.tradeModes.description")}</p>}
              legend={
                <ul className="legend">
                  {keys.map((key) => (
                    <LegendItem key={key} swatch={SERIES_CLASS[key]}>
                      {labels.series(key)}
                    </LegendItem>
                  ))}
                </ul>
              }
              chart={
                rows.length === 0 ? (
                  <p className="stat-muted">{t("statistics.emptyText")}</p>
                ) : (
                  <StackedBarChart
                    rows={rows.map((row) => ({
                      key: row.key || "none",
                      label: labels.tradeMode(row.key),
                      total: labels.moneyShort(row.total, settings.currency),
                      parts: row.parts.map((part) => ({
                        key: part.key,
                        label: labels.series(part.key),
                        className: SERIES_CLASS[part.key],
                        value: part.value,
                      })),
                    }))}
                    formatValue={money}
                  />
                )
              }
              table={
                <DataTable
                  caption={title}
                  columns={columns}
                  rows={rows}
                  rowKey={(row) => row.key || "none"}
                  pageSizes={[25]}
                />
              }
              downloads={<DownloadButtons query={query} fileName="amur-trade-by-trade-mode" />}
            />
          );
        }}
      </Loading>
    </section>
  );
}
