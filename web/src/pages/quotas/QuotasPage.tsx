import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { EmptyState, ErrorState, LinkButton, LinkCard, PageHeader, Select, Spinner } from "../../components";
import type { TSide } from "../../contracts";
import { KEEP_FOCUS } from "../../layout/navigation";
import { useMe } from "../../session";
import { LocalName } from "../reference/LocalName";
import { isEnterpriseMember, quotaOfficerSides } from "./access";
import type { TPool } from "./contracts";
import { MY_APPLICATIONS_PATH, MY_LICENCES_PATH, NEW_POOL_PATH, poolPath, VERIFY_PATH } from "./paths";
import { usePools } from "./queries";
import { PoolStatusBadge, SampleBadge, ShareBar, usePoolScope, useQuotaFormat } from "./ui";
import "./quotas.css";

const ICONS = {
  verify: <path d="M12 3 4 6v6c0 4.5 3.4 8 8 9 4.6-1 8-4.5 8-9V6z M9 12l2 2 4-4" />,
  licences: (
    <>
      <rect x="4" y="3" width="16" height="18" rx="2" />
      <path d="M8 8h8M8 12h8M8 16h5" />
    </>
  ),
  applications: <path d="M8 6h12M8 12h12M8 18h12M4 6h.01M4 12h.01M4 18h.01" />,
  new: <path d="M12 5v14M5 12h14" />,
} as const;

const isSide = (value: string | null): value is TSide => value === "CN" || value === "RU";

/**
 * The Quotas module's front page: every published pool with how much is allocated, to border-trade
 * enterprises and others, used and left; the way to verify a licence; and each role's own work.
 */
export function QuotasPage() {
  const { t } = useTranslation();
  const me = useMe();
  const officerSides = quotaOfficerSides(me.data);
  const member = isEnterpriseMember(me.data);
  const pools = usePools();
  const [params, setParams] = useSearchParams();
  const sideParam = params.get("side");
  const side = isSide(sideParam) ? sideParam : null;
  const shown = (pools.data ?? []).filter((pool) => side === null || pool.side === side);
  return (
    <>
      <PageHeader
        title={t("modules.quotas.title")}
        description={<p>{t("quotas.landing.intro")}</p>}
        actions={
          officerSides.length > 0 ? (
            <LinkButton to={NEW_POOL_PATH} variant="primary">
              {t("quotas.form.newTitle")}
            </LinkButton>
          ) : null
        }
      />
      <section className="section" aria-labelledby="quotas-tools-title">
        <h2 id="quotas-tools-title" className="visually-hidden">
          {t("quotas.landing.toolsTitle")}
        </h2>
        <div className="card-grid">
          <LinkCard
            to={VERIFY_PATH}
            title={t("quotas.verify.title")}
            icon={ICONS.verify}
            description={t("quotas.landing.verifyText")}
          />
          {member ? (
            <>
              <LinkCard
                to={MY_LICENCES_PATH}
                title={t("quotas.licences.title")}
                icon={ICONS.licences}
                description={t("quotas.landing.licencesText")}
              />
              <LinkCard
                to={MY_APPLICATIONS_PATH}
                title={t("quotas.applications.mineTitle")}
                icon={ICONS.applications}
                description={t("quotas.landing.applicationsText")}
              />
            </>
          ) : null}
        </div>
      </section>
      <section className="section" aria-labelledby="quotas-pools-title">
        <div className="quota-section-head">
          <h2 id="quotas-pools-title" className="section__title">
            {t("quotas.pools.title")}
          </h2>
          <Select
            label={t("quotas.pools.side")}
            value={side ?? ""}
            onChange={(event) => {
              const next = new URLSearchParams(params);
              if (event.target.value) next.set("side", event.target.value);
              else next.delete("side");
              setParams(next, { replace: true, state: KEEP_FOCUS });
            }}
            options={[
              { value: "", label: t("side.none") },
              { value: "CN", label: t("side.CN") },
              { value: "RU", label: t("side.RU") },
            ]}
            className="input--compact"
          />
        </div>
        <p className="section__intro">{t("quotas.pools.intro")}</p>
        {pools.isPending ? (
          <Spinner />
        ) : pools.isError ? (
          <ErrorState error={pools.error} onRetry={() => void pools.refetch()} retrying={pools.isFetching} />
        ) : shown.length === 0 ? (
          <EmptyState title={t("quotas.pools.emptyTitle")} headingLevel={3}>
            <p>{t("quotas.pools.emptyText")}</p>
          </EmptyState>
        ) : (
          <ul className="pool-cards">
            {shown.map((pool) => (
              <li key={pool.id}>
                <PoolCard pool={pool} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function PoolCard({ pool }: { pool: TPool }) {
  const { t } = useTranslation();
  const format = useQuotaFormat();
  const scope = usePoolScope();
  return (
    <article className="panel pool-card">
      <header className="pool-card__head">
        <h3 className="pool-card__title">
          <Link to={poolPath(pool.id)}>
            <LocalName names={pool.names} />
          </Link>
        </h3>
        <p className="pool-card__badges">
          <PoolStatusBadge status={pool.status} /> {pool.sample ? <SampleBadge /> : null}
        </p>
      </header>
      <p className="quota-muted">
        {scope(pool)} · {format.period(pool.periodFrom, pool.periodTo)}
      </p>
      <dl className="pool-card__figures">
        <div>
          <dt>{t("quotas.figures.total")}</dt>
          <dd>{format.poolAmount(pool.total, pool)}</dd>
        </div>
        <div>
          <dt>{t("quotas.figures.allocated")}</dt>
          <dd>{format.poolAmount(pool.figures.allocated, pool)}</dd>
        </div>
        <div>
          <dt>{t("quotas.figures.used")}</dt>
          <dd>{format.poolAmount(pool.figures.used, pool)}</dd>
        </div>
        <div>
          <dt>{t("quotas.figures.remaining")}</dt>
          <dd>{format.poolAmount(pool.figures.remaining, pool)}</dd>
        </div>
      </dl>
      <ShareBar pool={pool} compact />
    </article>
  );
}
