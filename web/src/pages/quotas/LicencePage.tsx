import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { Button, type Column, DataTable, ErrorState, PageHeader, Spinner } from "../../components";
import { useMe } from "../../session";
import { declarationPath } from "../declarations/paths";
import { LocalName } from "../reference/LocalName";
import { holdsLicence } from "./access";
import type { TMovement } from "./contracts";
import { declarationIdOf, MY_LICENCES_PATH, normalizeLicenceNumber, poolPath, verifyPath } from "./paths";
import { useLicence } from "./queries";
import { BorderTradeBadge, SampleBadge, useQuotaFormat } from "./ui";
import "./quotas.css";

/**
 * The licence as a document its holder can print or save as PDF: number, holder, pool, amount and
 * validity, what was drawn against it by which declaration, and where anyone can check it.
 */
export function LicencePage() {
  const { t } = useTranslation();
  const { number: raw = "" } = useParams();
  const number = normalizeLicenceNumber(raw);
  const licence = useLicence(number);
  const me = useMe();
  const format = useQuotaFormat();

  if (licence.isPending) return <Spinner />;
  if (licence.isError)
    return (
      <>
        <PageHeader
          eyebrow={<Link to={MY_LICENCES_PATH}>{t("quotas.licences.title")}</Link>}
          title={t("quotas.licence.title", { number })}
        />
        <ErrorState error={licence.error} onRetry={() => void licence.refetch()} />
      </>
    );
  const data = licence.data;
  const amount = (value: string) => format.amount(value, data.unit, data.currency);
  const holder = holdsLicence(me.data, data.holder.id);
  const verifyUrl = `${window.location.origin}${verifyPath(data.number)}`;
  const columns: Column<TMovement>[] = [
    {
      id: "at",
      header: t("quotas.licence.at"),
      rowHeader: true,
      sortValue: (row) => row.at,
      cell: (row) => format.dateTime(row.at),
    },
    { id: "kind", header: t("quotas.licence.kind"), cell: (row) => t(`quotas.movement.${row.kind}`) },
    {
      id: "amount",
      header: t("quotas.licence.movementAmount"),
      align: "end",
      cell: (row) => <span className="num">{amount(row.amount)}</span>,
    },
    {
      id: "declaration",
      header: t("quotas.licence.declaration"),
      cell: (row) => {
        const declarationId = declarationIdOf(row.reference);
        const label = row.declarationNumber ?? row.reference;
        return holder && declarationId ? (
          <Link to={declarationPath(declarationId)} className="stat-code">
            {label}
          </Link>
        ) : (
          <span className="stat-code">{label}</span>
        );
      },
    },
  ];
  return (
    <article className="licence-doc">
      <PageHeader
        eyebrow={
          <>
            <Link to={MY_LICENCES_PATH}>{t("quotas.licences.title")}</Link>{" "}
            {data.sample ? <SampleBadge /> : null}
          </>
        }
        title={t("quotas.licence.title", { number: data.number })}
        actions={
          <Button variant="secondary" onClick={() => window.print()} className="licence-doc__print">
            {t("quotas.licence.print")}
          </Button>
        }
      />
      <p className="licence-doc__brand" aria-hidden="true">
        Amur · 阿穆尔 · Амур — {t("quotas.licence.documentTitle")}
      </p>
      <dl className="licence-doc__facts">
        <div>
          <dt>{t("quotas.licence.number")}</dt>
          <dd className="stat-code">{data.number}</dd>
        </div>
        <div>
          <dt>{t("quotas.licence.status")}</dt>
          <dd>
            {data.status === "active" || data.status === "revoked"
              ? t(`quotas.licence.statusValue.${data.status}`)
              : data.status}
          </dd>
        </div>
        <div>
          <dt>{t("quotas.licence.holder")}</dt>
          <dd>
            <LocalName names={data.holder.names} /> {data.fromBorderShare ? <BorderTradeBadge /> : null}
          </dd>
        </div>
        <div>
          <dt>{t("quotas.licence.pool")}</dt>
          <dd>
            <Link to={poolPath(data.poolId)}>
              <LocalName names={data.pool.names} />
            </Link>
          </dd>
        </div>
        <div>
          <dt>{t("quotas.licence.scope")}</dt>
          <dd>
            {t(`side.${data.pool.side}`)} · {t(`quotas.direction.${data.pool.direction}`)} ·{" "}
            {t("quotas.hsList", { codes: data.pool.hsPrefixes.join(", ") })}
          </dd>
        </div>
        <div>
          <dt>{t("quotas.licence.validity")}</dt>
          <dd>{format.period(data.validFrom, data.validTo)}</dd>
        </div>
        <div>
          <dt>{t("quotas.licence.amount")}</dt>
          <dd className="num">{amount(data.amount)}</dd>
        </div>
        <div>
          <dt>{t("quotas.licence.consumed")}</dt>
          <dd className="num">{amount(data.consumed)}</dd>
        </div>
        <div>
          <dt>{t("quotas.licence.reserved")}</dt>
          <dd className="num">{amount(data.reserved)}</dd>
        </div>
        <div>
          <dt>{t("quotas.licence.remaining")}</dt>
          <dd className="num">
            <strong>{amount(data.remaining)}</strong>
          </dd>
        </div>
        <div>
          <dt>{t("quotas.licence.issued")}</dt>
          <dd>{format.dateTime(data.issuedAt)}</dd>
        </div>
      </dl>
      <section className="section" aria-labelledby="licence-movements-title">
        <h2 id="licence-movements-title" className="section__title">
          {t("quotas.licence.movements")}
        </h2>
        <DataTable
          caption={t("quotas.licence.movements")}
          captionHidden
          columns={columns}
          rows={data.movements}
          rowKey={(row) => `${row.reference}-${row.kind}`}
          initialSort={{ columnId: "at", direction: "ascending" }}
          pageSizes={[100]}
          empty={<p className="quota-muted">{t("quotas.licence.noMovements")}</p>}
        />
      </section>
      <p className="licence-doc__verify">
        {t("quotas.licence.verifyAt")} <span className="stat-code">{verifyUrl}</span>
      </p>
    </article>
  );
}
