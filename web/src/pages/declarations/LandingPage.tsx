import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { LinkCard, Notice, PageHeader } from "../../components";
import { useMe } from "../../session";
import { LANDED_COST_PATH, RATES_PATH } from "../tariffs/paths";
import { isDeclarant, isOfficer } from "./access";
import {
  DECLARATIONS_PATH,
  LANE_QUEUE_PATH,
  MY_DECLARATIONS_PATH,
  NEW_DECLARATION_PATH,
  PORT_DASHBOARD_PATH,
  RISK_RULES_PATH,
  RISK_SETTINGS_PATH,
} from "./paths";

const ICONS = {
  calculator: (
    <>
      <rect x="5" y="3" width="14" height="18" rx="2" />
      <path d="M8 7h8M8.5 12h.01M12 12h.01M15.5 12h.01M8.5 16h.01M12 16h.01M15.5 16h.01" />
    </>
  ),
  rates: <path d="M4 8h13l-3-3M20 16H7l3 3" />,
  new: <path d="M12 5v14M5 12h14" />,
  list: <path d="M8 6h12M8 12h12M8 18h12M4 6h.01M4 12h.01M4 18h.01" />,
  queue: (
    <>
      <path d="M4 6h4M4 12h4M4 18h4" />
      <path d="M11 6h9M11 12h9M11 18h9" />
    </>
  ),
  rules: <path d="M12 3 4 6v6c0 4.5 3.4 8 8 9 4.6-1 8-4.5 8-9V6z M9 12l2 2 4-4" />,
  settings: <path d="M4 7h10M18 7h2M4 17h2M10 17h10M16 5v4M8 15v4" />,
  ports: <path d="M4 20V10M10 20V4M16 20v-7M22 20H2" />,
} as const;

/**
 * The Declarations module's front page: for a declarant their declarations, for a customs officer the
 * lanes, rules and ports; for everyone the tariff tools declarations rely on.
 */
export function DeclarationsLandingPage() {
  const { t } = useTranslation();
  const me = useMe();
  const declarant = isDeclarant(me.data);
  const officer = isOfficer(me.data);
  return (
    <>
      <PageHeader title={t("modules.declarations.title")} description={<p>{t("tariffs.landing.intro")}</p>} />
      <section className="section" aria-labelledby="declarations-work-title">
        <h2 id="declarations-work-title" className="section__title">
          {t("tariffs.landing.declarationsTitle")}
        </h2>
        {declarant || officer ? (
          <div className="card-grid">
            {declarant ? (
              <>
                <LinkCard
                  to={NEW_DECLARATION_PATH}
                  title={t("declarations.form.newTitle")}
                  icon={ICONS.new}
                  description={t("declarations.landing.newText")}
                />
                <LinkCard
                  to={MY_DECLARATIONS_PATH}
                  title={t("declarations.mine.title")}
                  icon={ICONS.list}
                  description={t("declarations.landing.mineText")}
                />
              </>
            ) : null}
            {officer ? (
              <>
                <LinkCard
                  to={LANE_QUEUE_PATH}
                  title={t("declarations.queue.title")}
                  icon={ICONS.queue}
                  description={t("declarations.landing.queueText")}
                />
                <LinkCard
                  to={RISK_RULES_PATH}
                  title={t("declarations.rules.title")}
                  icon={ICONS.rules}
                  description={t("declarations.landing.rulesText")}
                />
                <LinkCard
                  to={RISK_SETTINGS_PATH}
                  title={t("declarations.settings.title")}
                  icon={ICONS.settings}
                  description={t("declarations.landing.settingsText")}
                />
                <LinkCard
                  to={PORT_DASHBOARD_PATH}
                  title={t("declarations.ports.title")}
                  icon={ICONS.ports}
                  description={t("declarations.landing.portsText")}
                />
              </>
            ) : null}
          </div>
        ) : (
          <Notice tone="info" role="note">
            <p>{t("declarations.landing.whoText")}</p>
            {me.data === null ? (
              <p>
                <Link to={`/login?next=${encodeURIComponent(DECLARATIONS_PATH)}`}>
                  {t("declarations.landing.signIn")}
                </Link>
              </p>
            ) : null}
          </Notice>
        )}
      </section>
      <section className="section" aria-labelledby="declarations-tools-title">
        <h2 id="declarations-tools-title" className="section__title">
          {t("tariffs.landing.toolsTitle")}
        </h2>
        <div className="card-grid">
          <LinkCard
            to={LANDED_COST_PATH}
            title={t("tariffs.calculator.title")}
            icon={ICONS.calculator}
            description={t("tariffs.landing.calculatorText")}
          />
          <LinkCard
            to={RATES_PATH}
            title={t("tariffs.rates.title")}
            icon={ICONS.rates}
            description={t("tariffs.landing.ratesText")}
          />
        </div>
      </section>
    </>
  );
}
