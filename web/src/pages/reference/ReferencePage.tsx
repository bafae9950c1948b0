import { useTranslation } from "react-i18next";
import { LinkCard, PageHeader } from "../../components";
import { HS_BROWSER_PATH, PORT_MAP_PATH } from "./paths";

const HS_ICON = (
  <>
    <path d="M4 4h6v6H4zM14 7h6M14 14h6M7 14v6h6" />
    {/* A sharp corner, unlike the rest. */}
    <path d="M7 10v4h7M10 7h4" strokeLinejoin="miter" />
  </>
);

const PORT_ICON = (
  <>
    <path d="M12 21s-6-5.4-6-10a6 6 0 0 1 12 0c0 4.6-6 10-6 10z" />
    <circle cx="12" cy="11" r="2.2" />
  </>
);

/** The Reference module's front page: what is browsable now, and where the rest can be had. */
export function ReferencePage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t("modules.reference.title")} description={<p>{t("reference.landing.intro")}</p>} />
      <div className="card-grid">
        <LinkCard
          to={HS_BROWSER_PATH}
          title={t("reference.hs.title")}
          icon={HS_ICON}
          description={t("reference.landing.hsText")}
          headingLevel={2}
        />
        <LinkCard
          to={PORT_MAP_PATH}
          title={t("reference.ports.title")}
          icon={PORT_ICON}
          description={t("reference.landing.portsText")}
          headingLevel={2}
        />
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
