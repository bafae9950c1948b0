import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import {
  Button,
  type Column,
  ConfirmDialog,
  DataTable,
  EmptyState,
  ErrorState,
  LinkButton,
  Notice,
  PageHeader,
  Spinner,
} from "../../components";
import { useMe } from "../../session";
import { ActionError } from "../declarations/ActionError";
import { LocalName, useNameLanguage } from "../reference/LocalName";
import { pickName } from "../reference/names";
import { ChartFigure, LegendItem } from "../statistics/ChartFigure";
import { GroupedBarChart, StackedBarChart, useChartFormat } from "../statistics/charts";
import { subtractDecimals, trimZeros } from "../statistics/decimal";
import { applicantsFor, quotaOfficerSides } from "./access";
import { actOnPool, allocationsCsvUrl, type PoolAction } from "./api";
import type {
  TLicenceSummary,
  TPool,
  TUtilization,
  TUtilizationEnterprise,
  TUtilizationMonth,
} from "./contracts";
import { applyPath, editPoolPath, poolApplicationsPath, QUOTAS_PATH, verifyPath } from "./paths";
import { quotaKeys, useAllocations, usePool, useUtilization } from "./queries";
import { BorderTradeBadge, PoolStatusBadge, SampleBadge, ShareBar, usePoolScope, useQuotaFormat } from "./ui";
import "./quotas.css";

/**
 * A pool for everyone: its figures, how the total divides between border small-scale trade enterprises
 * and the others, and — once the officers publish the allocations — the licences, the drawdown by month
 * and by enterprise. Enterprises of the pool's side apply from here; its officers manage it.
 */
export function PoolPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const me = useMe();
  const pool = usePool(id);
  const officer = pool.data ? quotaOfficerSides(me.data).includes(pool.data.side) : false;
  const visible = Boolean(pool.data && (pool.data.allocationsPublished || officer));
  const allocations = useAllocations(id, visible);
  const utilization = useUtilization(id, visible);
  const [message, setMessage] = useState<string | null>(null);

  if (pool.isPending) return <Spinner />;
  if (pool.isError)
    return (
      <>
        <PageHeader
          title={t("quotas.pool.notFound")}
          eyebrow={<Link to={QUOTAS_PATH}>{t("modules.quotas.title")}</Link>}
        />
        <ErrorState error={pool.error} onRetry={() => void pool.refetch()} retrying={pool.isFetching} />
      </>
    );
  const data = pool.data;
  const applicants = applicantsFor(me.data, data.side);
  return (
    <>
      <PoolHeader pool={data} officer={officer} canApply={applicants.length > 0} onDone={setMessage} />
      {message ? <Notice tone="success" title={message} /> : null}
      <PoolFigures pool={data} />
      <section className="section" aria-labelledby="pool-use-title">
        <h2 id="pool-use-title" className="section__title">
          {t("quotas.pool.utilizationTitle")}
        </h2>
        {!visible ? (
          <Notice tone="info" role="note" title={t("quotas.pool.notPublishedTitle")}>
            <p>{t("quotas.pool.notPublishedText")}</p>
          </Notice>
        ) : (
          <>
            {officer && !data.allocationsPublished ? (
              <Notice tone="warning" role="note">
                <p>{t("quotas.pool.officerPreview")}</p>
              </Notice>
            ) : null}
            {utilization.isPending ? (
              <Spinner />
            ) : utilization.isError ? (
              <ErrorState
                error={utilization.error}
                onRetry={() => void utilization.refetch()}
                headingLevel={3}
              />
            ) : (
              <UtilizationCharts pool={data} utilization={utilization.data} />
            )}
          </>
        )}
      </section>
      {visible ? (
        <section className="section" aria-labelledby="pool-allocations-title">
          <div className="quota-section-head">
            <h2 id="pool-allocations-title" className="section__title">
              {t("quotas.allocations.title")}
            </h2>
            <a className="btn btn--secondary btn--sm" href={allocationsCsvUrl(data.id)} download>
              {t("quotas.allocations.csv")}
            </a>
          </div>
          {allocations.isPending ? (
            <Spinner />
          ) : allocations.isError ? (
            <ErrorState
              error={allocations.error}
              onRetry={() => void allocations.refetch()}
              headingLevel={3}
            />
          ) : (
            <AllocationTable pool={data} licences={allocations.data} />
          )}
        </section>
      ) : null}
    </>
  );
}

function PoolHeader({
  pool,
  officer,
  canApply,
  onDone,
}: {
  pool: TPool;
  officer: boolean;
  canApply: boolean;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const reader = useNameLanguage();
  const queryClient = useQueryClient();
  const format = useQuotaFormat();
  const scope = usePoolScope();
  const [pending, setPending] = useState<PoolAction | null>(null);
  const act = useMutation({
    mutationFn: (action: PoolAction) => actOnPool(pool.id, action),
    onSuccess: async (updated, action) => {
      setPending(null);
      onDone(t(`quotas.actions.${actionKey(action)}.done`));
      queryClient.setQueryData([...quotaKeys.pool(pool.id), "pool"], updated);
      await queryClient.invalidateQueries({ queryKey: quotaKeys.all });
    },
  });
  const title = pickName(pool.names, reader)?.text ?? pool.id;
  const actions: PoolAction[] = [];
  if (officer) {
    if (pool.status === "draft") actions.push("publish");
    if (pool.status === "published") actions.push("close");
    if (pool.status !== "draft" && !pool.allocationsPublished) actions.push("publish-allocations");
  }
  return (
    <>
      <PageHeader
        eyebrow={
          <>
            <Link to={QUOTAS_PATH}>{t("modules.quotas.title")}</Link> ·{" "}
            <PoolStatusBadge status={pool.status} /> {pool.sample ? <SampleBadge /> : null}
          </>
        }
        title={title}
        description={
          <p>
            {scope(pool)} · {format.period(pool.periodFrom, pool.periodTo)}
          </p>
        }
        actions={
          <>
            {canApply && pool.status === "published" ? (
              <LinkButton to={applyPath(pool.id)} variant="primary">
                {t("quotas.apply.button")}
              </LinkButton>
            ) : null}
            {officer ? (
              <>
                <LinkButton
                  to={poolApplicationsPath(pool.id)}
                  variant={pool.figures.applicationsPending ? "primary" : "secondary"}
                >
                  {t("quotas.officer.applicationsLink", { count: pool.figures.applicationsPending })}
                </LinkButton>
                <LinkButton to={editPoolPath(pool.id)}>{t("quotas.form.editTitle")}</LinkButton>
                {actions.map((action) => (
                  <Button
                    key={action}
                    variant="secondary"
                    onClick={() => {
                      act.reset();
                      setPending(action);
                    }}
                  >
                    {t(`quotas.actions.${actionKey(action)}.title`)}
                  </Button>
                ))}
              </>
            ) : null}
          </>
        }
      />
      <ConfirmDialog
        open={pending !== null}
        title={pending ? t(`quotas.actions.${actionKey(pending)}.title`) : ""}
        confirmLabel={pending ? t(`quotas.actions.${actionKey(pending)}.confirm`) : ""}
        confirmVariant="primary"
        busy={act.isPending}
        onConfirm={() => pending && act.mutate(pending)}
        onCancel={() => setPending(null)}
      >
        {pending ? <p>{t(`quotas.actions.${actionKey(pending)}.text`)}</p> : null}
        <ActionError error={act.error} />
      </ConfirmDialog>
    </>
  );
}

function actionKey(action: PoolAction): "publish" | "close" | "publishAllocations" {
  return action === "publish-allocations" ? "publishAllocations" : action;
}

function PoolFigures({ pool }: { pool: TPool }) {
  const { t } = useTranslation();
  const format = useQuotaFormat();
  const amount = (value: string) => format.poolAmount(value, pool);
  const figures: [string, string][] = [
    [t("quotas.figures.total"), amount(pool.total)],
    [t("quotas.figures.allocated"), amount(pool.figures.allocated)],
    [t("quotas.figures.allocatedToBorderTrade"), amount(pool.figures.allocatedToBorderTrade)],
    [t("quotas.figures.used"), amount(pool.figures.used)],
    [t("quotas.figures.reserved"), amount(pool.figures.reserved)],
    [t("quotas.figures.remaining"), amount(pool.figures.remaining)],
    [t("quotas.figures.licences"), format.decimal(String(pool.figures.licences))],
    [t("quotas.figures.applicationsPending"), format.decimal(String(pool.figures.applicationsPending))],
  ];
  return (
    <section className="section" aria-labelledby="pool-figures-title">
      <h2 id="pool-figures-title" className="section__title">
        {t("quotas.pool.figuresTitle")}
      </h2>
      <dl className="quota-figures">
        {figures.map(([label, value]) => (
          <div key={label} className="quota-figure">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <div className="panel pool-split">
        <h3 className="panel__title">{t("quotas.pool.splitTitle")}</h3>
        <p className="quota-muted">
          {t("quotas.pool.borderShareText", {
            pct: format.percent(pool.borderShare),
            amount: amount(pool.borderReserved),
          })}
        </p>
        <ShareBar pool={pool} />
      </div>
      <dl className="quota-facts">
        <div>
          <dt>{t("quotas.pool.rule")}</dt>
          <dd>
            {t(`quotas.rule.${pool.allocationRule}`)} —{" "}
            <span className="quota-muted">{t(`quotas.ruleText.${pool.allocationRule}`)}</span>
          </dd>
        </div>
        <div>
          <dt>{t("quotas.pool.unit")}</dt>
          <dd>{format.unitLabel(pool.unit, pool.currency)}</dd>
        </div>
        {pool.legalRef ? (
          <div>
            <dt>{t("quotas.pool.legalRef")}</dt>
            <dd>{pool.legalRef}</dd>
          </div>
        ) : null}
        {pool.note ? (
          <div>
            <dt>{t("quotas.pool.note")}</dt>
            <dd>{pool.note}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t("quotas.pool.version")}</dt>
          <dd>
            {t("quotas.pool.versionText", { version: pool.version, at: format.dateTime(pool.updatedAt) })}
          </dd>
        </div>
      </dl>
    </section>
  );
}

const MONTH_PARTS = [
  { key: "reserved", className: "series-4" },
  { key: "consumed", className: "series-0" },
  { key: "returned", className: "series-7" },
] as const;

function UtilizationCharts({ pool, utilization }: { pool: TPool; utilization: TUtilization }) {
  const { t } = useTranslation();
  const format = useQuotaFormat();
  const chartFormat = useChartFormat();
  const reader = useNameLanguage();
  const amount = (value: string) => format.poolAmount(value, pool);
  const name = (row: TUtilizationEnterprise) =>
    pickName(row.enterprise.names, reader)?.text ?? row.enterprise.id;
  const left = (row: TUtilizationEnterprise) =>
    trimZeros(subtractDecimals(subtractDecimals(row.allocated, row.consumed) ?? "0", row.reserved) ?? "0");

  const monthColumns: Column<TUtilizationMonth>[] = [
    {
      id: "month",
      header: t("quotas.utilization.month"),
      rowHeader: true,
      sortValue: (row) => row.month,
      cell: (row) => chartFormat.longMonth(row.month),
    },
    ...MONTH_PARTS.map(
      (part): Column<TUtilizationMonth> => ({
        id: part.key,
        header: t(`quotas.utilization.${part.key}`),
        align: "end",
        cell: (row) => <span className="num">{amount(row[part.key])}</span>,
      }),
    ),
  ];
  const enterpriseColumns: Column<TUtilizationEnterprise>[] = [
    {
      id: "enterprise",
      header: t("quotas.allocations.holder"),
      rowHeader: true,
      sortValue: (row) => name(row),
      cell: (row) => (
        <>
          <LocalName names={row.enterprise.names} /> {row.borderTrade ? <BorderTradeBadge /> : null}
        </>
      ),
    },
    {
      id: "allocated",
      header: t("quotas.utilization.allocated"),
      align: "end",
      cell: (row) => <span className="num">{amount(row.allocated)}</span>,
    },
    {
      id: "consumed",
      header: t("quotas.utilization.consumed"),
      align: "end",
      cell: (row) => <span className="num">{amount(row.consumed)}</span>,
    },
    {
      id: "reserved",
      header: t("quotas.utilization.reserved"),
      align: "end",
      cell: (row) => <span className="num">{amount(row.reserved)}</span>,
    },
    {
      id: "left",
      header: t("quotas.utilization.left"),
      align: "end",
      cell: (row) => <span className="num">{amount(left(row))}</span>,
    },
  ];

  if (utilization.byMonth.length === 0 && utilization.byEnterprise.length === 0)
    return (
      <EmptyState title={t("quotas.utilization.emptyTitle")} headingLevel={3}>
        <p>{t("quotas.utilization.emptyText")}</p>
      </EmptyState>
    );
  return (
    <div className="stat-grid">
      <ChartFigure
        headingLevel={3}
        title={t("quotas.utilization.byMonthTitle", { unit: format.unitLabel(pool.unit, pool.currency) })}
        legend={
          <ul className="legend">
            {MONTH_PARTS.map((part) => (
              <LegendItem key={part.key} swatch={part.className}>
                {t(`quotas.utilization.${part.key}`)}
              </LegendItem>
            ))}
          </ul>
        }
        chart={
          <GroupedBarChart
            groups={utilization.byMonth.map((row) => ({
              key: row.month,
              values: MONTH_PARTS.map((part) => ({
                key: part.key,
                label: t(`quotas.utilization.${part.key}`),
                className: part.className,
                value: row[part.key],
              })),
            }))}
            formatValue={amount}
            formatCategory={chartFormat.month}
          />
        }
        table={
          <DataTable
            caption={t("quotas.utilization.byMonthTitle", {
              unit: format.unitLabel(pool.unit, pool.currency),
            })}
            columns={monthColumns}
            rows={utilization.byMonth}
            rowKey={(row) => row.month}
            pageSizes={[24]}
          />
        }
      />
      <ChartFigure
        headingLevel={3}
        title={t("quotas.utilization.byEnterpriseTitle")}
        legend={
          <ul className="legend">
            <LegendItem swatch="series-0">{t("quotas.utilization.consumed")}</LegendItem>
            <LegendItem swatch="series-4">{t("quotas.utilization.reserved")}</LegendItem>
            <LegendItem swatch="series-light">{t("quotas.utilization.left")}</LegendItem>
          </ul>
        }
        chart={
          <StackedBarChart
            rows={utilization.byEnterprise.map((row) => ({
              key: row.enterprise.id,
              label: `${name(row)}${row.borderTrade ? ` · ${t("quotas.borderTrade")}` : ""}`,
              total: amount(row.allocated),
              parts: [
                {
                  key: "consumed",
                  label: t("quotas.utilization.consumed"),
                  className: "series-0",
                  value: row.consumed,
                },
                {
                  key: "reserved",
                  label: t("quotas.utilization.reserved"),
                  className: "series-4",
                  value: row.reserved,
                },
                {
                  key: "left",
                  label: t("quotas.utilization.left"),
                  className: "series-light",
                  value: left(row),
                },
              ],
            }))}
            formatValue={amount}
          />
        }
        table={
          <DataTable
            caption={t("quotas.utilization.byEnterpriseTitle")}
            columns={enterpriseColumns}
            rows={utilization.byEnterprise}
            rowKey={(row) => row.enterprise.id}
          />
        }
      />
    </div>
  );
}

function AllocationTable({ pool, licences }: { pool: TPool; licences: readonly TLicenceSummary[] }) {
  const { t } = useTranslation();
  const format = useQuotaFormat();
  const reader = useNameLanguage();
  const amount = (value: string) => format.poolAmount(value, pool);
  const columns: Column<TLicenceSummary>[] = [
    {
      id: "number",
      header: t("quotas.licence.number"),
      rowHeader: true,
      sortValue: (row) => row.number,
      cell: (row) => (
        <Link to={verifyPath(row.number)} className="stat-code">
          {row.number}
        </Link>
      ),
    },
    {
      id: "holder",
      header: t("quotas.allocations.holder"),
      sortValue: (row) => pickName(row.holder.names, reader)?.text,
      cell: (row) => <LocalName names={row.holder.names} />,
    },
    {
      id: "share",
      header: t("quotas.allocations.fromShare"),
      sortValue: (row) => (row.fromBorderShare ? 0 : 1),
      cell: (row) =>
        row.fromBorderShare ? (
          <BorderTradeBadge />
        ) : (
          <span className="quota-muted">{t("quotas.allocations.general")}</span>
        ),
    },
    {
      id: "amount",
      header: t("quotas.licence.amount"),
      align: "end",
      sortValue: (row) => Number(row.amount),
      cell: (row) => <span className="num">{amount(row.amount)}</span>,
    },
    {
      id: "consumed",
      header: t("quotas.licence.consumed"),
      align: "end",
      cell: (row) => <span className="num">{amount(row.consumed)}</span>,
    },
    {
      id: "reserved",
      header: t("quotas.licence.reserved"),
      align: "end",
      cell: (row) => <span className="num">{amount(row.reserved)}</span>,
    },
    {
      id: "remaining",
      header: t("quotas.licence.remaining"),
      align: "end",
      cell: (row) => <span className="num">{amount(row.remaining)}</span>,
    },
  ];
  return (
    <DataTable
      caption={t("quotas.allocations.title")}
      captionHidden
      columns={columns}
      rows={licences}
      rowKey={(row) => row.id}
      initialSort={{ columnId: "amount", direction: "descending" }}
      empty={
        <EmptyState title={t("quotas.allocations.emptyTitle")} headingLevel={3}>
          <p>{t("quotas.allocations.emptyText")}</p>
        </EmptyState>
      }
    />
  );
}
