import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import {
  type Column,
  DataTable,
  EmptyState,
  ErrorState,
  LinkButton,
  Notice,
  PageHeader,
  Spinner,
} from "../../components";
import { useMe } from "../../session";
import { LocalName } from "../reference/LocalName";
import { isEnterpriseMember } from "./access";
import type { TApplication, TPool } from "./contracts";
import { licencePath, MY_LICENCES_PATH, poolPath, QUOTAS_PATH } from "./paths";
import { useMyApplications, usePools } from "./queries";
import { ApplicationStatusBadge, useQuotaFormat } from "./ui";
import "./quotas.css";

function appliedId(state: unknown): string | null {
  return typeof state === "object" &&
    state !== null &&
    "applied" in state &&
    typeof state.applied === "string"
    ? state.applied
    : null;
}

/** The enterprise's applications for quota, with what became of each: a licence or the reason. */
export function MyApplicationsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const member = isEnterpriseMember(me.data);
  const applications = useMyApplications(member);
  const pools = usePools();
  const format = useQuotaFormat();
  const location = useLocation();
  const applied = appliedId(location.state);
  const poolOf = (id: string): TPool | undefined => pools.data?.find((pool) => pool.id === id);
  const amount = (row: TApplication) => {
    const pool = poolOf(row.poolId);
    return pool ? format.poolAmount(row.amount, pool) : format.decimal(row.amount);
  };
  const columns: Column<TApplication>[] = [
    {
      id: "pool",
      header: t("quotas.applications.pool"),
      rowHeader: true,
      cell: (row) => {
        const pool = poolOf(row.poolId);
        return <Link to={poolPath(row.poolId)}>{pool ? <LocalName names={pool.names} /> : row.poolId}</Link>;
      },
    },
    {
      id: "enterprise",
      header: t("quotas.applications.enterprise"),
      cell: (row) => <LocalName names={row.enterprise.names} />,
    },
    {
      id: "amount",
      header: t("quotas.applications.amount"),
      align: "end",
      cell: (row) => <span className="num">{amount(row)}</span>,
    },
    {
      id: "status",
      header: t("quotas.applications.status"),
      cell: (row) => <ApplicationStatusBadge status={row.status} />,
    },
    {
      id: "created",
      header: t("quotas.applications.created"),
      sortValue: (row) => row.createdAt,
      cell: (row) => format.dateTime(row.createdAt),
    },
    {
      id: "outcome",
      header: t("quotas.applications.outcome"),
      cell: (row) =>
        row.licenceNumber ? (
          <Link to={licencePath(row.licenceNumber)} className="stat-code">
            {row.licenceNumber}
          </Link>
        ) : row.reason ? (
          row.reason
        ) : (
          <span className="quota-muted">{row.note ?? t("common.notSet")}</span>
        ),
    },
  ];
  return (
    <>
      <PageHeader
        eyebrow={<Link to={QUOTAS_PATH}>{t("modules.quotas.title")}</Link>}
        title={t("quotas.applications.mineTitle")}
        description={<p>{t("quotas.applications.mineIntro")}</p>}
        actions={<LinkButton to={MY_LICENCES_PATH}>{t("quotas.licences.title")}</LinkButton>}
      />
      {applied ? <Notice tone="success" title={t("quotas.apply.sent")} /> : null}
      {!member ? (
        <EmptyState title={t("quotas.applications.notMemberTitle")}>
          <p>{t("quotas.applications.notMemberText")}</p>
        </EmptyState>
      ) : applications.isPending ? (
        <Spinner />
      ) : applications.isError ? (
        <ErrorState error={applications.error} onRetry={() => void applications.refetch()} />
      ) : (
        <DataTable
          caption={t("quotas.applications.mineTitle")}
          captionHidden
          columns={columns}
          rows={applications.data}
          rowKey={(row) => row.id}
          initialSort={{ columnId: "created", direction: "descending" }}
          empty={
            <EmptyState
              title={t("quotas.applications.emptyTitle")}
              action={<LinkButton to={QUOTAS_PATH}>{t("quotas.pools.title")}</LinkButton>}
            >
              <p>{t("quotas.applications.emptyText")}</p>
            </EmptyState>
          }
        />
      )}
    </>
  );
}
