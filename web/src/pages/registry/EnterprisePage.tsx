import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams } from "react-router";
import { Badge, DataTable, ErrorState, LinkButton, Notice, PageHeader, Spinner } from "../../components";
import type { TEnterprise, TEnterprisePrivate } from "../../contracts";
import { formatDate, formatDateTime } from "../../format";
import { currentLanguage, LANGUAGE_NAMES } from "../../i18n";
import { useMe } from "../../session";
import { useNameLanguage } from "../reference/LocalName";
import { formatPartialDate, htmlLang, NAME_LANGUAGES } from "../reference/names";
import { HS_BROWSER_PATH } from "../reference/paths";
import { isMemberOf, maySeePrivate } from "./access";
import { CopyableCode, EnterpriseBadges } from "./badges";
import { useChapterLabel, useChapterNames } from "./chapters";
import { ENTERPRISES_PATH, enterpriseEditPath } from "./paths";
import { useEnterprise, useEnterprisePrivate } from "./queries";
import type { RegisteredState } from "./RegisterPage";
import { TrustHistorySection, TrustProfile } from "./TrustProfile";
import "./registry.css";

function isRegisteredState(state: unknown): state is RegisteredState {
  return typeof state === "object" && state !== null && "registered" in state && state.registered === true;
}

/** The public profile of an enterprise, with its private part for its members and its side's officers. */
export function EnterprisePage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const enterprise = useEnterprise(id);
  const me = useMe();
  const location = useLocation();
  const registered = isRegisteredState(location.state) ? location.state : null;
  // Asked for only when `/me` says the server will answer (anyone else would get a 404), and shown
  // only once it has.
  const privateDetails = useEnterprisePrivate(
    id,
    enterprise.data !== undefined && maySeePrivate(me.data, enterprise.data),
  );

  if (enterprise.isPending) return <Spinner />;
  if (enterprise.isError) {
    return (
      <>
        <PageHeader
          eyebrow={<Link to={ENTERPRISES_PATH}>{t("registry.directory.title")}</Link>}
          title={t("registry.profile.notFoundTitle")}
        />
        <ErrorState
          error={enterprise.error}
          onRetry={() => void enterprise.refetch()}
          retrying={enterprise.isFetching}
        />
      </>
    );
  }
  const data = enterprise.data;
  const member = isMemberOf(me.data, data.id);
  return (
    <div className="enterprise">
      <PageHeader
        eyebrow={<Link to={ENTERPRISES_PATH}>{t("registry.directory.title")}</Link>}
        title={data.name}
        description={<EnterpriseBadges enterprise={data} />}
        actions={
          member ? (
            <LinkButton to={enterpriseEditPath(data.id)} variant="secondary">
              {t("registry.edit.action")}
            </LinkButton>
          ) : undefined
        }
      />
      {registered && data.status === "pending" ? (
        // Just registered: the confirmation says what happens next, in place of the pending notice.
        <Notice tone="success" title={t("registry.profile.registeredTitle")}>
          <p>{t("registry.profile.pendingText", { customs: t(`registry.customsBy.${data.side}`) })}</p>
          {registered.warnings.length > 0 ? (
            <ul>
              {registered.warnings.map((warning) => (
                <li key={`${warning.path}:${warning.code}:${warning.message}`}>{warning.message}</li>
              ))}
            </ul>
          ) : null}
        </Notice>
      ) : (
        <StatusNotice enterprise={data} reason={privateDetails.data?.decisionReason ?? null} />
      )}
      <div className="enterprise__layout">
        <div className="enterprise__main">
          <Identity enterprise={data} />
          <Activity enterprise={data} />
        </div>
        <div className="enterprise__side">
          <TrustProfile enterpriseId={data.id} />
        </div>
      </div>
      <TrustHistorySection enterpriseId={data.id} />
      {privateDetails.data ? <PrivateDetails details={privateDetails.data} /> : null}
    </div>
  );
}

/** Where verification stands, in words: the badge alone is too easy to miss. */
function StatusNotice({ enterprise, reason }: { enterprise: TEnterprise; reason: string | null }) {
  const { t, i18n } = useTranslation();
  const customs = t(`registry.customsBy.${enterprise.side}`);
  switch (enterprise.status) {
    case "verified":
      return (
        <p className="enterprise__status">
          {t("registry.profile.verifiedSince", {
            date: enterprise.verifiedSince
              ? formatDate(enterprise.verifiedSince, i18n.language, "long")
              : "—",
            customs,
          })}
        </p>
      );
    case "pending":
      return (
        <Notice tone="warning" role="note" title={t("registry.status.pending")}>
          <p>{t("registry.profile.pendingText", { customs })}</p>
        </Notice>
      );
    case "rejected":
      return (
        <Notice tone="danger" role="note" title={t("registry.status.rejected")}>
          <p>{t("registry.profile.rejectedText", { customs })}</p>
          {reason ? <p>{t("registry.profile.rejectedReason", { reason })}</p> : null}
        </Notice>
      );
  }
}

function Identity({ enterprise }: { enterprise: TEnterprise }) {
  const { t, i18n } = useTranslation();
  const reader = useNameLanguage();
  const order = [reader, ...NAME_LANGUAGES.filter((language) => language !== reader)];
  const identifiers = (
    enterprise.side === "CN"
      ? [["uscc", enterprise.identifiers.uscc] as const]
      : [
          ["inn", enterprise.identifiers.inn] as const,
          // A 15-digit number is an OGRNIP (sole proprietor).
          [
            enterprise.identifiers.ogrn?.length === 15 ? "ogrnip" : "ogrn",
            enterprise.identifiers.ogrn,
          ] as const,
          ["kpp", enterprise.identifiers.kpp] as const,
        ]
  ).filter((entry): entry is readonly [(typeof entry)[0], string] => entry[1] !== null);
  return (
    <section className="section panel" aria-labelledby="identity-title">
      <h2 id="identity-title" className="section__title">
        {t("registry.profile.identity")}
      </h2>
      <h3 className="enterprise__subtitle">{t("registry.profile.names")}</h3>
      <dl className="enterprise-names">
        {order.map((language) => {
          const name = enterprise.names[language];
          return (
            <div
              key={language}
              className={
                language === reader && name
                  ? "enterprise-names__row enterprise-names__row--reader"
                  : "enterprise-names__row"
              }
            >
              <dt lang={htmlLang(language)}>{LANGUAGE_NAMES[htmlLang(language)]}</dt>
              <dd>
                {name ? (
                  <span lang={htmlLang(language)}>{name}</span>
                ) : (
                  <span className="enterprise__muted">{t("registry.profile.noName")}</span>
                )}
              </dd>
            </div>
          );
        })}
      </dl>
      <h3 className="enterprise__subtitle">{t("registry.profile.identifiers")}</h3>
      <dl className="details enterprise-identifiers">
        {identifiers.map(([scheme, value]) => (
          <div key={scheme}>
            <dt>{t(`registry.identifiers.${scheme}`)}</dt>
            <dd>
              <CopyableCode value={value} label={t(`registry.identifiers.${scheme}`)} />
            </dd>
          </div>
        ))}
      </dl>
      <h3 className="enterprise__subtitle">{t("registry.profile.registration")}</h3>
      <dl className="details">
        <div>
          <dt>{t("registry.profile.side")}</dt>
          <dd>{t(`side.${enterprise.side}`)}</dd>
        </div>
        <div>
          <dt>{t("registry.profile.region")}</dt>
          <dd>
            {enterprise.region.name}{" "}
            <span className="enterprise__muted enterprise__code" translate="no">
              {enterprise.region.code}
            </span>
          </dd>
        </div>
        {enterprise.legalForm ? (
          <div>
            <dt>{t("registry.profile.legalForm")}</dt>
            <dd>{enterprise.legalForm}</dd>
          </div>
        ) : null}
        {enterprise.address ? (
          <div>
            <dt>{t("registry.profile.address")}</dt>
            <dd>{enterprise.address}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t("registry.profile.registeredAt")}</dt>
          <dd>{formatDate(enterprise.registeredAt, i18n.language, "long")}</dd>
        </div>
        <div>
          <dt>{t("registry.profile.status")}</dt>
          <dd>
            {enterprise.status === "verified" && enterprise.verifiedSince
              ? t("registry.profile.statusVerifiedSince", {
                  date: formatDate(enterprise.verifiedSince, i18n.language, "long"),
                })
              : t(`registry.status.${enterprise.status}`)}
          </dd>
        </div>
      </dl>
    </section>
  );
}

function Activity({ enterprise }: { enterprise: TEnterprise }) {
  const { t } = useTranslation();
  const chapters = useChapterNames();
  const label = useChapterLabel();
  const language = currentLanguage();
  return (
    <section className="section panel" aria-labelledby="activity-title">
      <h2 id="activity-title" className="section__title">
        {t("registry.profile.activity")}
      </h2>
      <h3 className="enterprise__subtitle">{t("registry.profile.chapters")}</h3>
      {enterprise.hsChapters.length === 0 ? (
        <p className="enterprise__muted">{t("registry.profile.noChapters")}</p>
      ) : (
        <ul className="enterprise-chapters">
          {enterprise.hsChapters.map((code) => {
            const text = label(chapters.get(code) ?? { code, names: null });
            return (
              <li key={code}>
                <Link to={`${HS_BROWSER_PATH}/${code}`}>
                  <span className="enterprise-chapters__code">{text.code}</span>
                  {text.name ? (
                    <>
                      {" "}
                      <span lang={text.lang}>{text.name}</span>
                    </>
                  ) : null}
                </Link>
              </li>
            );
          })}
        </ul>
      )}
      <h3 className="enterprise__subtitle">{t("registry.profile.certifications")}</h3>
      <dl className="details">
        <div>
          <dt>{t("registry.profile.aeo")}</dt>
          <dd>
            {enterprise.aeo.level ? t(`registry.aeo.${enterprise.aeo.level}`) : t("registry.aeo.none")}
            {enterprise.aeo.level && enterprise.aeo.since ? (
              <span className="enterprise__muted">
                {" "}
                ·{" "}
                {t("registry.profile.aeoSince", { date: formatPartialDate(enterprise.aeo.since, language) })}
              </span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>{t("registry.flags.borderTrade")}</dt>
          <dd>{enterprise.borderTrade ? t("registry.profile.yes") : t("registry.profile.no")}</dd>
        </div>
        <div>
          <dt>{t("registry.flags.crossBorderEcommerce")}</dt>
          <dd>{enterprise.crossBorderEcommerce ? t("registry.profile.yes") : t("registry.profile.no")}</dd>
        </div>
      </dl>
      {enterprise.sample ? (
        <p className="enterprise__muted enterprise__sample">
          <Badge>{t("registry.sample")}</Badge> {t("registry.profile.sampleText")}
        </p>
      ) : null}
    </section>
  );
}

// Decisions the client can name; others are shown by their code.
const ACTIONS = ["registered", "approved", "rejected", "updated", "imported"] as const;
function isKnownAction(action: string): action is (typeof ACTIONS)[number] {
  return (ACTIONS as readonly string[]).includes(action);
}

/** Contacts and the decision history, for the enterprise's members and its side's customs officers. */
function PrivateDetails({ details }: { details: TEnterprisePrivate }) {
  const { t, i18n } = useTranslation();
  const contacts = details.contacts;
  const rows = details.decisions.map((decision, index) => ({ ...decision, key: `${decision.at}-${index}` }));
  return (
    <section className="section panel enterprise-private" aria-labelledby="private-title">
      <h2 id="private-title" className="section__title">
        {t("registry.private.title")}
      </h2>
      <p className="section__intro">{t("registry.private.intro")}</p>
      <h3 className="enterprise__subtitle">{t("registry.private.contacts")}</h3>
      {contacts.email || contacts.phone || contacts.website ? (
        <dl className="details">
          {contacts.email ? (
            <div>
              <dt>{t("registry.form.email")}</dt>
              <dd>
                <a href={`mailto:${contacts.email}`}>{contacts.email}</a>
              </dd>
            </div>
          ) : null}
          {contacts.phone ? (
            <div>
              <dt>{t("registry.form.phone")}</dt>
              <dd>
                <a href={`tel:${contacts.phone.replace(/\s/g, "")}`}>{contacts.phone}</a>
              </dd>
            </div>
          ) : null}
          {contacts.website ? (
            <div>
              <dt>{t("registry.form.website")}</dt>
              <dd>{contacts.website}</dd>
            </div>
          ) : null}
        </dl>
      ) : (
        <p className="enterprise__muted">{t("registry.private.noContacts")}</p>
      )}
      <h3 className="enterprise__subtitle">{t("registry.private.decisions")}</h3>
      <DataTable
        caption={t("registry.private.decisions")}
        captionHidden
        columns={[
          {
            id: "at",
            header: t("registry.private.at"),
            cell: (row) => <time dateTime={row.at}>{formatDateTime(row.at, i18n.language)}</time>,
            sortValue: (row) => row.at,
            rowHeader: true,
          },
          {
            id: "action",
            header: t("registry.private.action"),
            cell: (row) =>
              isKnownAction(row.action) ? t(`registry.private.actions.${row.action}`) : row.action,
          },
          {
            id: "reason",
            header: t("registry.private.reason"),
            cell: (row) => row.reason ?? t("common.notSet"),
          },
          {
            id: "actor",
            header: t("registry.private.actor"),
            cell: (row) => row.actor ?? t("registry.private.system"),
          },
        ]}
        rows={rows}
        rowKey={(row) => row.key}
        initialSort={{ columnId: "at", direction: "descending" }}
      />
    </section>
  );
}
