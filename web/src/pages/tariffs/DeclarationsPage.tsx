import { useTranslation } from "react-i18next";
import { Badge, Card, EmptyState, PageHeader } from "../../components";
import { ModuleIcon } from "../../layout/icons";
import { LANDED_COST_PATH, RATES_PATH } from "./paths";

function CalculatorIcon() {
  return (
    <svg
      viewBox="0 0 24 24"
      width="28"
      height="28"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      aria-hidden="true"
    >
      <rect x="5" y="3" width="14" height="18" rx="2" />
      <path
        d="M8 7h8M8.5 12h.01M12 12h.01M15.5 12h.01M8.5 16h.01M12 16h.01M15.5 16h.01"
        strokeLinecap="round"
      />
    </svg>
  );
}

function RatesIcon() {
  return (
    <svg
      viewBox="0 0 24 24"
      width="28"
      height="28"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      aria-hidden="true"
    >
      <path d="M4 8h13l-3-3M20 16H7l3 3" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

/**
 * The Declarations module's front page. Declarations themselves are not built yet, and it says so; the
 * tariff tools they will rely on are ready and linked from here.
 */
export function DeclarationsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader
        eyebrow={<Badge tone="info">{t("common.partlyAvailable")}</Badge>}
        title={t("modules.declarations.title")}
        description={<p>{t("tariffs.landing.intro")}</p>}
      />
      <section className="section" aria-labelledby="declarations-tools-title">
        <h2 id="declarations-tools-title" className="section__title">
          {t("tariffs.landing.toolsTitle")}
        </h2>
        <div className="card-grid">
          <Card
            to={LANDED_COST_PATH}
            title={t("tariffs.calculator.title")}
            icon={<CalculatorIcon />}
            headingLevel={3}
          >
            <p>{t("tariffs.landing.calculatorText")}</p>
          </Card>
          <Card to={RATES_PATH} title={t("tariffs.rates.title")} icon={<RatesIcon />} headingLevel={3}>
            <p>{t("tariffs.landing.ratesText")}</p>
          </Card>
        </div>
      </section>
      <section className="section">
        <EmptyState
          title={t("tariffs.landing.declarationsTitle")}
          icon={<ModuleIcon module="declarations" />}
        >
          <p>{t("tariffs.landing.declarationsText")}</p>
          <p>{t("modules.declarations.description")}</p>
        </EmptyState>
      </section>
    </>
  );
}
