import { useTranslation } from "react-i18next";
import { Badge, type BadgeTone, Card, LinkButton, PageHeader } from "../components";
import { ModuleIcon } from "../layout/icons";
import { MODULES, type ModuleStatus, modulePath, moduleStatus } from "../modules";
import { useMe } from "../session";

const STATUS_TONE = {
  available: "success",
  partlyAvailable: "info",
  underConstruction: "warning",
} as const satisfies Record<ModuleStatus, BadgeTone>;

// The five things Amur is for, in the order the mission states them.
const PILLARS = ["information", "statistics", "registry", "declarations", "quotas"] as const;

/** Decoration only: the river between the two banks, a bridge and crossing points on either side. */
function RiverArt() {
  return (
    <svg className="hero__art" viewBox="0 0 240 240" aria-hidden="true" focusable="false">
      <rect x="0" y="0" width="240" height="240" rx="24" fill="#0f2b46" />
      <path
        d="M150 0C95 50 175 95 115 140S120 215 90 240H130C160 210 150 180 165 140S125 55 190 0Z"
        fill="#1f6fb8"
      />
      <path
        d="M170 0C115 50 195 95 135 140S140 215 110 240"
        fill="none"
        stroke="#5cc8ff"
        strokeWidth="3"
        strokeDasharray="2 10"
        strokeLinecap="round"
      />
      <rect x="88" y="120" width="96" height="10" rx="3" fill="#e8f1fb" />
      <path d="M96 130v14M120 130v14M148 130v14M172 130v14" stroke="#e8f1fb" strokeWidth="4" />
      <circle cx="70" cy="125" r="9" fill="#ffd24d" />
      <circle cx="206" cy="125" r="9" fill="#ffd24d" />
      <circle cx="48" cy="60" r="6" fill="#c5d5e6" />
      <circle cx="212" cy="200" r="6" fill="#c5d5e6" />
      <circle cx="40" cy="190" r="6" fill="#c5d5e6" />
    </svg>
  );
}

export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const signedIn = Boolean(me.data);
  return (
    <div className="home">
      <section className="hero">
        <div className="hero__content">
          <PageHeader
            eyebrow={t("home.eyebrow")}
            title={t("home.heading")}
            description={
              <>
                <p className="hero__lead">{t("home.lead")}</p>
                <p>{t("home.audience")}</p>
              </>
            }
          />
          <div className="hero__actions">
            {signedIn || me.isPending ? null : (
              <LinkButton to="/login" variant="primary">
                {t("home.signInCta")}
              </LinkButton>
            )}
            <a className="btn btn--secondary" href="/api/docs">
              {t("home.apiDocsCta")}
            </a>
          </div>
        </div>
        <RiverArt />
      </section>

      <section className="section" aria-labelledby="mission-title">
        <h2 id="mission-title" className="section__title">
          {t("home.missionTitle")}
        </h2>
        <ol className="pillars">
          {PILLARS.map((pillar) => (
            <li key={pillar} className="pillar">
              <p className="pillar__label">{t(`home.pillars.${pillar}.label`)}</p>
              <h3 className="pillar__title">{t(`home.pillars.${pillar}.title`)}</h3>
              <p className="pillar__text">{t(`home.pillars.${pillar}.text`)}</p>
            </li>
          ))}
        </ol>
      </section>

      <section className="section" aria-labelledby="modules-title">
        <h2 id="modules-title" className="section__title">
          {t("home.modulesTitle")}
        </h2>
        <p className="section__intro">{t("home.modulesIntro")}</p>
        <div className="card-grid">
          {MODULES.map((id) => (
            <Card
              key={id}
              to={modulePath(id)}
              title={t(`modules.${id}.title`)}
              icon={<ModuleIcon module={id} />}
              footer={<Badge tone={STATUS_TONE[moduleStatus(id)]}>{t(`common.${moduleStatus(id)}`)}</Badge>}
            >
              <p>{t(`modules.${id}.description`)}</p>
            </Card>
          ))}
        </div>
      </section>
    </div>
  );
}
