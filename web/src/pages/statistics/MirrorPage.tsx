import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import {
  Badge,
  Button,
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
import { useNameLanguage } from "../reference/LocalName";
import { pickName } from "../reference/names";
import { HS_BROWSER_PATH } from "../reference/paths";
import { ChartFigure, LegendItem } from "./ChartFigure";
import { MIRROR_LEVELS, type TMirrorLevel, type TMirrorQuery, type TMirrorRow } from "./contracts";
import { saveCsv, toCsv } from "./csv";
import { compareDecimals } from "./decimal";
import { PairChart } from "./PairChart";
import { useHsLevel, useMirror } from "./queries";
import { StatisticsNav, useStatLabels } from "./ui";
import "./statistics.css";

const PERIOD = /^\d{4}(-\d{2})?$/;
const CHART_ROWS = 15;

function readQuery(params: URLSearchParams): TMirrorQuery {
  const level = params.get("level");
  const pct = (value: string | null, fallback: string, pattern: RegExp) =>
    value !== null && pattern.test(value) ? value : fallback;
  const from = params.get("from");
  const to = params.get("to");
  const top = Number(params.get("top"));
  return {
    exporter: params.get("exporter") === "RU" ? "RU" : "CN",
    level: MIRROR_LEVELS.find((candidate) => candidate === level) ?? "chapter",
    by: params.get("by") === "month" ? "month" : "year",
    ...(from && PERIOD.test(from) ? { from } : {}),
    ...(to && PERIOD.test(to) ? { to } : {}),
    cifFobPct: pct(params.get("cif"), "5", /^\d{1,2}(\.\d{1,2})?$/),
    thresholdPct: pct(params.get("threshold"), "10", /^\d{1,3}(\.\d{1,2})?$/),
    top: Number.isInteger(top) && top >= 1 && top <= 20 ? top : 5,
  };
}

function writeQuery(query: TMirrorQuery): URLSearchParams {
  const params = new URLSearchParams({
    exporter: query.exporter,
    level: query.level,
    by: query.by,
    cif: query.cifFobPct,
    threshold: query.thresholdPct,
    top: String(query.top),
  });
  if (query.from) params.set("from", query.from);
  if (query.to) params.set("to", query.to);
  return params;
}

/** Absolute size of a difference, for ordering; rows without one (nothing reported by the importer) by exports. */
function weight(row: TMirrorRow): string {
  const value = row.difference ?? row.exportsReported ?? "0";
  return value.startsWith("-") ? value.slice(1) : value;
}

/**
 * The mirror report: one side's reported exports to the other against the other's reported imports from
 * it, by period and HS level, the imports brought from CIF to FOB, with the difference, the ratio, a
 * flag above the threshold and the subheadings that explain most of the gap.
 */
export function MirrorPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const query = readQuery(params);
  const [draft, setDraft] = useState(query);
  const mirror = useMirror(query);
  const labels = useStatLabels();
  const reader = useNameLanguage();
  const names = useHsLevel(
    query.level === "section" ? "section" : "chapter",
    query.level === "section" || query.level === "chapter",
  );
  const [periodChoice, setPeriodChoice] = useState("");
  const money = (value: string | null) => (value === null ? t("common.notSet") : labels.money(value, "USD"));
  const importer = query.exporter === "CN" ? "RU" : "CN";
  const hsLabel = (code: string | null) => {
    if (code === null || code === "") return t("statistics.notStated");
    if (code === "*") return t("statistics.mirror.allGoods");
    const found = names.data?.find((candidate) => candidate.code === code);
    const name = found ? pickName(found.names, reader)?.text : undefined;
    return name ? `${code} ${name}` : code;
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setParams(writeQuery(draft), { replace: true, state: KEEP_FOCUS });
  };
  const setDraftValue = <K extends keyof TMirrorQuery>(key: K, value: TMirrorQuery[K]) =>
    setDraft((previous) => ({ ...previous, [key]: value }));

  const rows = mirror.data?.rows ?? [];
  const periods = [...new Set(rows.map((row) => row.period))].sort();
  const period = periods.includes(periodChoice) ? periodChoice : (periods.at(-1) ?? "");
  const chartRows =
    query.level === "total"
      ? rows
      : rows
          .filter((row) => row.period === period)
          .sort((a, b) => compareDecimals(weight(b), weight(a)))
          .slice(0, CHART_ROWS);
  const flagged = rows.filter((row) => row.flagged).length;
  const exporterLabel = t(`side.${query.exporter}`);
  const importerLabel = t(`side.${importer}`);
  const exportsLabel = t("statistics.mirror.exports", { side: exporterLabel });
  const importsLabel = t("statistics.mirror.importsFob", { side: importerLabel });

  const columns: Column<TMirrorRow>[] = [
    {
      id: "period",
      header: t("statistics.columns.period"),
      rowHeader: true,
      sortValue: (row) => row.period,
      cell: (row) => row.period,
    },
    {
      id: "hs",
      header: t("statistics.columns.hs"),
      sortValue: (row) => row.hs,
      cell: (row) => hsLabel(row.hs),
    },
    {
      id: "exports",
      header: exportsLabel,
      align: "end",
      cell: (row) => <span className="num">{money(row.exportsReported)}</span>,
    },
    {
      id: "importsCif",
      header: t("statistics.mirror.importsCif", { side: importerLabel }),
      align: "end",
      cell: (row) => <span className="num">{money(row.importsReportedCif)}</span>,
    },
    {
      id: "importsFob",
      header: importsLabel,
      align: "end",
      cell: (row) => <span className="num">{money(row.importsFob)}</span>,
    },
    {
      id: "difference",
      header: t("statistics.mirror.difference"),
      align: "end",
      cell: (row) => <span className="num">{money(row.difference)}</span>,
    },
    {
      id: "ratio",
      header: t("statistics.mirror.ratio"),
      align: "end",
      sortValue: (row) => (row.ratio === null ? null : Number(row.ratio)),
      cell: (row) => (row.ratio === null ? t("common.notSet") : labels.decimal(row.ratio)),
    },
    {
      id: "flag",
      header: t("statistics.mirror.flag"),
      sortValue: (row) => (row.flagged ? 0 : 1),
      cell: (row) =>
        row.flagged ? (
          <Badge tone="danger">
            {row.ratio === null ? t("statistics.mirror.noMirror") : t("statistics.mirror.flagged")}
          </Badge>
        ) : (
          <Badge tone="success">{t("statistics.mirror.within")}</Badge>
        ),
    },
    {
      id: "contributors",
      header: t("statistics.mirror.contributors"),
      cell: (row) =>
        row.topContributors.length === 0 ? null : (
          <ul className="stat-contributors">
            {row.topContributors.map((contributor) => (
              <li key={contributor.hsSubheading}>
                <Link to={`${HS_BROWSER_PATH}/${contributor.hsSubheading}`} className="stat-code">
                  {contributor.hsSubheading}
                </Link>{" "}
                <span className="num">{money(contributor.difference)}</span>
              </li>
            ))}
          </ul>
        ),
    },
  ];

  const downloadCsv = () =>
    saveCsv(
      `amur-mirror-${query.exporter}-${query.level}-${query.by}`,
      toCsv(
        [
          "period",
          "hs",
          "exports_reported_usd",
          "imports_reported_cif_usd",
          "imports_fob_usd",
          "difference_usd",
          "ratio",
          "flagged",
          "top_contributors",
        ],
        rows.map((row) => [
          row.period,
          row.hs,
          row.exportsReported,
          row.importsReportedCif,
          row.importsFob,
          row.difference,
          row.ratio,
          row.flagged ? "yes" : "no",
          row.topContributors.map((c) => `${c.hsSubheading}:${c.difference}`).join(" "),
        ]),
      ),
    );

  return (
    <>
      <PageHeader title={t("statistics.mirror.title")} description={<p>{t("statistics.mirror.intro")}</p>} />
      <StatisticsNav />
      <form
        className="panel mirror-form"
        onSubmit={submit}
        aria-label={t("statistics.mirror.controls")}
        noValidate
      >
        <Select
          label={t("statistics.mirror.exporter")}
          value={draft.exporter}
          onChange={(event) => setDraftValue("exporter", event.target.value === "RU" ? "RU" : "CN")}
          options={[
            { value: "CN", label: t("statistics.mirror.exporterOption.CN") },
            { value: "RU", label: t("statistics.mirror.exporterOption.RU") },
          ]}
        />
        <Select
          label={t("statistics.mirror.level")}
          value={draft.level}
          onChange={(event) =>
            setDraftValue("level", MIRROR_LEVELS.find((level) => level === event.target.value) ?? "chapter")
          }
          options={MIRROR_LEVELS.map((level: TMirrorLevel) => ({
            value: level,
            label: t(`statistics.mirror.levels.${level}`),
          }))}
        />
        <Select
          label={t("statistics.mirror.by")}
          value={draft.by}
          onChange={(event) => setDraftValue("by", event.target.value === "month" ? "month" : "year")}
          options={[
            { value: "year", label: t("statistics.mirror.byYear") },
            { value: "month", label: t("statistics.mirror.byMonth") },
          ]}
        />
        <TextField
          label={t("statistics.controls.from")}
          hint={t("statistics.mirror.periodHint")}
          optional
          value={draft.from ?? ""}
          onChange={(event) =>
            setDraft(({ from: _from, ...rest }) =>
              event.target.value ? { ...rest, from: event.target.value.trim() } : rest,
            )
          }
        />
        <TextField
          label={t("statistics.controls.to")}
          hint={t("statistics.mirror.periodHint")}
          optional
          value={draft.to ?? ""}
          onChange={(event) =>
            setDraft(({ to: _to, ...rest }) =>
              event.target.value ? { ...rest, to: event.target.value.trim() } : rest,
            )
          }
        />
        <TextField
          label={t("statistics.mirror.cifFob")}
          hint={t("statistics.mirror.cifFobHint")}
          inputMode="decimal"
          value={draft.cifFobPct}
          onChange={(event) => setDraftValue("cifFobPct", event.target.value.trim())}
          className="input--number"
        />
        <TextField
          label={t("statistics.mirror.threshold")}
          hint={t("statistics.mirror.thresholdHint")}
          inputMode="decimal"
          value={draft.thresholdPct}
          onChange={(event) => setDraftValue("thresholdPct", event.target.value.trim())}
          className="input--number"
        />
        <TextField
          type="number"
          label={t("statistics.mirror.top")}
          min={1}
          max={20}
          value={String(draft.top)}
          onChange={(event) => setDraftValue("top", Number(event.target.value) || 5)}
          className="input--number"
        />
        <div className="mirror-form__actions">
          <Button type="submit">{t("statistics.mirror.apply")}</Button>
        </div>
      </form>
      {mirror.isPending ? (
        <Spinner />
      ) : mirror.isError ? (
        <ErrorState error={mirror.error} onRetry={() => void mirror.refetch()} retrying={mirror.isFetching} />
      ) : rows.length === 0 ? (
        <EmptyState title={t("statistics.emptyTitle")}>
          <p>{t("statistics.emptyText")}</p>
        </EmptyState>
      ) : (
        <div className={mirror.isPlaceholderData ? "stat-stale" : undefined}>
          <Notice
            tone={flagged > 0 ? "warning" : "success"}
            role="note"
            title={t("statistics.mirror.summary", { flagged, total: rows.length })}
          >
            <p>{mirror.data.method}</p>
            {rows.every((row) => row.importsReportedCif === null) ? (
              <p>{t("statistics.mirror.noImports", { side: importerLabel })}</p>
            ) : null}
          </Notice>
          {query.level !== "total" ? (
            <Select
              label={t("statistics.mirror.period")}
              value={period}
              onChange={(event) => setPeriodChoice(event.target.value)}
              options={periods.map((value) => ({ value, label: value }))}
              className="input--compact"
            />
          ) : null}
          <ChartFigure
            title={
              query.level === "total"
                ? t("statistics.mirror.chartTotal", { exporter: exporterLabel, importer: importerLabel })
                : t("statistics.mirror.chartPeriod", { period, count: chartRows.length })
            }
            description={<p>{t("statistics.mirror.chartDescription")}</p>}
            legend={
              <ul className="legend">
                <LegendItem swatch="series-1">{exportsLabel}</LegendItem>
                <LegendItem swatch="series-0">{importsLabel}</LegendItem>
                <li className="legend__item">
                  <span className="stat-flag" aria-hidden="true">
                    ⚑
                  </span>
                  {t("statistics.mirror.flagLegend", { threshold: labels.percent(query.thresholdPct) })}
                </li>
              </ul>
            }
            chart={
              <PairChart
                pairs={chartRows.map((row) => ({
                  key: `${row.period}-${row.hs}`,
                  label: query.level === "total" ? row.period : hsLabel(row.hs),
                  flagged: row.flagged,
                  first: { label: exportsLabel, value: row.exportsReported },
                  second: { label: importsLabel, value: row.importsFob },
                }))}
                formatValue={(value) => labels.money(value, "USD")}
              />
            }
            table={
              <DataTable
                caption={t("statistics.mirror.tableTitle")}
                columns={columns}
                rows={rows}
                rowKey={(row) => `${row.period}-${row.hs}`}
                pageSizes={[25, 50, 100]}
              />
            }
            downloads={
              <Button
                size="sm"
                variant="secondary"
                onClick={downloadCsv}
                aria-label={t("statistics.download.csvLabel")}
              >
                {t("statistics.download.csv")}
              </Button>
            }
          />
        </div>
      )}
    </>
  );
}
