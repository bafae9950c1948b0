import { useTranslation } from "react-i18next";
import { Card, PageHeader } from "../../components";
import { HS_BROWSER_PATH, PORT_MAP_PATH } from "./paths";

function HsIcon() {
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
      <path d="M4 4h6v6H4zM14 7h6M14 14h6M7 14v6h6" strokeLinecap="round" strokeLinejoin="round" />
      <path d="M7 10v4h7M10 7h4" strokeLinecap="round" />
    </svg>
  );
}

function PortIcon() {
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
      <path d="M12 21s-6-5.4-6-10a6 6 0 0 1 12 0c0 4.6-6 10-6 10z" strokeLinejoin="round" />
      <circle cx="12" cy="11" r="2.2" />
    </svg>
  );
}

/** The Reference module's front page: what is browsable now, and where the rest can be had. */
export function ReferencePage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t("modules.reference.title")} description={<p>{t("reference.landing.intro")}</p>} />
      <div className="card-grid">
        <Card to={HS_BROWSER_PATH} title={t("reference.hs.title")} icon={<HsIcon />} headingLevel={2}>
          <p>{t("reference.landing.hsText")}</p>
        </Card>
        <Card to={PORT_MAP_PATH} title={t("reference.ports.title")} icon={<PortIcon />} headingLevel={2}>
          <p>{t("reference.landing.portsText")}</p>
        </Card>
      </div>
      <section className="section" aria-labelledby="reference-api-title">
        <h2 id="reference-api-title" className="section__title">
          {t("reference.landing.apiTitle")}
        </h2>
        <p className="section__intro">{t("reference.landing.apiText")}</p>
        <p>
          <a href="/api/docs">{t("reference.landing.apiLink")}</a>
        </p>
      </section>
    </>
  );
}
