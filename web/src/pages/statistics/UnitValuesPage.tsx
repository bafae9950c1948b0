import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import {
  Button,
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
import { LocalName } from "../reference/LocalName";
import { useHsNode } from "../reference/queries";
import { ChartFigure } from "./ChartFigure";
import { BandChart } from "./charts";
import type { TUnitValueBand } from "./contracts";
import { saveCsv, toCsv } from "./csv";
import { useUnitValues } from "./queries";
import { StatisticsNav, useStatLabels } from "./ui";
import "./statistics.css";

const HS = /^\d{2,6}$/;
const YEAR = /^\d{4}$/;
/** Subheadings to start from: apples, sawn birch, light oils, passenger cars (all in the demo's trade). */
const EXAMPLES = ["080810", "440796", "271012", "870323"] as const;

/** A subheading to look at, with a short name in the reader's language. */
function ExampleCode({ code }: { code: (typeof EXAMPLES)[number] }) {
  const { t } = useTranslation();
  return (
    <Link to={`?hs6=${code}`}>
      <span className="stat-code">{code}</span> · {t(`statistics.unitValues.examples.${code}`)}
    </Link>
  );
}

/**
 * The unit-value band of an HS subheading: the quartiles of declared USD per net kilogram by flow and
 * year, with the fences beyond which the risk engine flags a declaration line.
 */
export function UnitValuesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const hs = params.get("hs6") ?? "";
  const flowParam = params.get("flow");
  const flow = flowParam === "export" || flowParam === "import" ? flowParam : undefined;
  const fromParam = params.get("from") ?? "";
  const toParam = params.get("to") ?? "";
  const [draft, setDraft] = useState({ hs, flow: flow ?? "", from: fromParam, to: toParam });
  // A code chosen by a link (or by going back) shows in the field too.
  useEffect(() => setDraft((previous) => (previous.hs === hs ? previous : { ...previous, hs })), [hs]);
  const valid = HS.test(hs);
  const bands = useUnitValues(
    valid
      ? {
          hs6: hs,
          ...(flow ? { flow } : {}),
          ...(YEAR.test(fromParam) ? { from: Number(fromParam) } : {}),
          ...(YEAR.test(toParam) ? { to: Number(toParam) } : {}),
        }
      : null,
  );
  const node = useHsNode(valid ? hs : null);
  const labels = useStatLabels();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next = new URLSearchParams();
    const code = draft.hs.replace(/\D/g, "");
    if (code) next.set("hs6", code);
    if (draft.flow) next.set("flow", draft.flow);
    if (draft.from.trim()) next.set("from", draft.from.trim());
    if (draft.to.trim()) next.set("to", draft.to.trim());
    setParams(next, { replace: true, state: KEEP_FOCUS });
  };
  const usd = (value: string) => `${labels.decimal(value)} USD/kg`;
  const rowLabel = (row: TUnitValueBand) =>
    t("statistics.unitValues.rowLabel", {
      hs6: row.hs6,
      flow: t(`statistics.flow.${row.flow === "import" ? "import" : "export"}`),
      year: row.year,
      n: row.n,
    });
  const columns: Column<TUnitValueBand>[] = [
    {
      id: "hs6",
      header: t("statistics.columns.hs"),
      rowHeader: true,
      sortValue: (row) => row.hs6,
      cell: (row) => <span className="stat-code">{row.hs6}</span>,
    },
    {
      id: "flow",
      header: t("statistics.columns.flow"),
      sortValue: (row) => row.flow,
      cell: (row) => t(`statistics.flow.${row.flow === "import" ? "import" : "export"}`),
    },
    {
      id: "year",
      header: t("statistics.columns.year"),
      sortValue: (row) => row.year,
      cell: (row) => row.year,
    },
    {
      id: "n",
      header: t("statistics.unitValues.n"),
      align: "end",
      sortValue: (row) => row.n,
      cell: (row) => row.n,
    },
    {
      id: "q1",
      header: t("statistics.unitValues.q1"),
      align: "end",
      cell: (row) => <span className="num">{usd(row.q1)}</span>,
    },
    {
      id: "median",
      header: t("statistics.unitValues.median"),
      align: "end",
      cell: (row) => <span className="num">{usd(row.median)}</span>,
    },
    {
      id: "q3",
      header: t("statistics.unitValues.q3"),
      align: "end",
      cell: (row) => <span className="num">{usd(row.q3)}</span>,
    },
  ];
  return (
    <>
      <PageHeader
        title={t("statistics.unitValues.title")}
        description={<p>{t("statistics.unitValues.intro")}</p>}
      />
      <StatisticsNav />
      <search className="panel">
        <form className="mirror-form" onSubmit={submit} noValidate>
          <TextField
            label={t("statistics.unitValues.hs")}
            hint={t("statistics.unitValues.hsHint")}
            name="hs6"
            inputMode="numeric"
            autoComplete="off"
            value={draft.hs}
            onChange={(event) => setDraft((previous) => ({ ...previous, hs: event.target.value }))}
            className="input--mono"
          />
          <Select
            label={t("statistics.columns.flow")}
            value={draft.flow}
            onChange={(event) => setDraft((previous) => ({ ...previous, flow: event.target.value }))}
            options={[
              { value: "", label: t("statistics.unitValues.anyFlow") },
              { value: "export", label: t("statistics.flow.export") },
              { value: "import", label: t("statistics.flow.import") },
            ]}
          />
          <TextField
            label={t("statistics.unitValues.fromYear")}
            optional
            inputMode="numeric"
            value={draft.from}
            onChange={(event) => setDraft((previous) => ({ ...previous, from: event.target.value }))}
          />
          <TextField
            label={t("statistics.unitValues.toYear")}
            optional
            inputMode="numeric"
            value={draft.to}
            onChange={(event) => setDraft((previous) => ({ ...previous, to: event.target.value }))}
          />
          <div className="mirror-form__actions">
            <Button type="submit">{t("statistics.unitValues.submit")}</Button>
          </div>
        </form>
      </search>
      {!hs ? (
        <EmptyState title={t("statistics.unitValues.askTitle")}>
          <p>{t("statistics.unitValues.askText")}</p>
          <ul className="stat-examples">
            {EXAMPLES.map((code) => (
              <li key={code}>
                <ExampleCode code={code} />
              </li>
            ))}
          </ul>
        </EmptyState>
      ) : !valid ? (
        <EmptyState title={t("statistics.unitValues.invalidTitle")}>
          <p>{t("statistics.unitValues.hsHint")}</p>
        </EmptyState>
      ) : bands.isPending ? (
        <Spinner />
      ) : bands.isError ? (
        <ErrorState error={bands.error} onRetry={() => void bands.refetch()} />
      ) : bands.data.items.length === 0 ? (
        <EmptyState title={t("statistics.unitValues.emptyTitle", { hs })}>
          <p>{t("statistics.unitValues.emptyText")}</p>
        </EmptyState>
      ) : (
        <ChartFigure
          title={t("statistics.unitValues.chartTitle", { hs })}
          description={
            node.data ? (
              <p>
                <LocalName names={node.data.names} />
              </p>
            ) : undefined
          }
          legend={<p className="stat-note">{t("statistics.unitValues.legend")}</p>}
          chart={
            <BandChart
              unit={bands.data.unit}
              rows={bands.data.items.map((row) => ({
                key: `${row.hs6}-${row.flow}-${row.year}`,
                label: rowLabel(row),
                q1: row.q1,
                median: row.median,
                q3: row.q3,
              }))}
            />
          }
          table={
            <DataTable
              caption={t("statistics.unitValues.chartTitle", { hs })}
              columns={columns}
              rows={bands.data.items}
              rowKey={(row) => `${row.hs6}-${row.flow}-${row.year}`}
              pageSizes={[25, 100]}
            />
          }
          downloads={
            <Button
              size="sm"
              variant="secondary"
              aria-label={t("statistics.download.csvLabel")}
              onClick={() =>
                saveCsv(
                  `amur-unit-values-${hs}`,
                  toCsv(
                    ["hs6", "flow", "year", "n", "q1_usd_per_kg", "median_usd_per_kg", "q3_usd_per_kg"],
                    bands.data.items.map((row) => [
                      row.hs6,
                      row.flow,
                      row.year,
                      row.n,
                      row.q1,
                      row.median,
                      row.q3,
                    ]),
                  ),
                )
              }
            >
              {t("statistics.download.csv")}
            </Button>
          }
          notes={<p>{bands.data.method}</p>}
        />
      )}
    </>
  );
}
