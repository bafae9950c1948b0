import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import {
  type Column,
  DataTable,
  EmptyState,
  ErrorState,
  LinkButton,
  PageHeader,
  Spinner,
} from "../../components";
import { useMe } from "../../session";
import { LocalName } from "../reference/LocalName";
import { percentOf, subtractDecimals } from "../statistics/decimal";
import { isEnterpriseMember } from "./access";
import type { TLicenceSummary } from "./contracts";
import { licencePath, MY_APPLICATIONS_PATH, poolPath, QUOTAS_PATH } from "./paths";
import { useMyLicences } from "./queries";
import { BorderTradeBadge, useQuotaFormat } from "./ui";
import "./quotas.css";

/** How much of a licence is drawn (consumed and reserved), as a small bar with the percent in words. */
function DrawnBar({ licence }: { licence: TLicenceSummary }) {
  const format = useQuotaFormat();
  const { t } = useTranslation();
  const drawn = subtractDecimals(licence.amount, licence.remaining) ?? "0";
  const pct = percentOf(drawn, licence.amount) ?? "0.0";
  return (
    <div className="drawn">
      <span className="drawn__track" aria-hidden="true">
        <span className="drawn__bar" style={{ width: `${Math.min(100, Number(pct))}%` }} />
      </span>
      <span className="drawn__text">{t("quotas.licences.drawnPct", { pct: format.percent(pct) })}</span>
    </div>
  );
}

/** The enterprise's licences with what is left on each, linking to the printable licence. */
export function MyLicencesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const member = isEnterpriseMember(me.data);
  const licences = useMyLicences(member);
  const format = useQuotaFormat();
  const amount = (row: TLicenceSummary, value: string) => format.amount(value, row.unit, row.currency);
  const columns: Column<TLicenceSummary>[] = [
    {
      id: "number",
      header: t("quotas.licence.number"),
      rowHeader: true,
      sortValue: (row) => row.number,
      cell: (row) => (
        <Link to={licencePath(row.number)} className="stat-code">
          {row.number}
        </Link>
      ),
    },
    {
      id: "pool",
      header: t("quotas.applications.pool"),
      cell: (row) => (
        <>
          <Link to={poolPath(row.poolId)}>
            <LocalName names={row.pool.names} />
          </Link>{" "}
          {row.fromBorderShare ? <BorderTradeBadge /> : null}
        </>
      ),
    },
    {
      id: "amount",
      header: t("quotas.licence.amount"),
      align: "end",
      cell: (row) => <span className="num">{amount(row, row.amount)}</span>,
    },
    {
      id: "remaining",
      header: t("quotas.licence.remaining"),
      align: "end",
      cell: (row) => <span className="num">{amount(row, row.remaining)}</span>,
    },
    { id: "drawn", header: t("quotas.licences.drawn"), cell: (row) => <DrawnBar licence={row} /> },
    {
      id: "validity",
      header: t("quotas.licence.validity"),
      sortValue: (row) => row.validTo,
      cell: (row) => format.period(row.validFrom, row.validTo),
    },
  ];
  return (
    <>
      <PageHeader
        eyebrow={<Link to={QUOTAS_PATH}>{t("modules.quotas.title")}</Link>}
        title={t("quotas.licences.title")}
        description={<p>{t("quotas.licences.intro")}</p>}
        actions={<LinkButton to={MY_APPLICATIONS_PATH}>{t("quotas.applications.mineTitle")}</LinkButton>}
      />
      {!member ? (
        <EmptyState title={t("quotas.applications.notMemberTitle")}>
          <p>{t("quotas.applications.notMemberText")}</p>
        </EmptyState>
      ) : licences.isPending ? (
        <Spinner />
      ) : licences.isError ? (
        <ErrorState error={licences.error} onRetry={() => void licences.refetch()} />
      ) : (
        <DataTable
          caption={t("quotas.licences.title")}
          captionHidden
          columns={columns}
          rows={licences.data}
          rowKey={(row) => row.id}
          empty={
            <EmptyState title={t("quotas.licences.emptyTitle")}>
              <p>{t("quotas.licences.emptyText")}</p>
            </EmptyState>
          }
        />
      )}
    </>
  );
}
