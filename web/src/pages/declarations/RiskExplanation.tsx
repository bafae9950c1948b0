import { useTranslation } from "react-i18next";
import { Badge, Notice } from "../../components";
import { formatDateTime } from "../../format";
import { LaneBadge } from "./badges";
import type { TRecognition, TRisk } from "./contracts";

/**
 * "Why this lane": the score and the lane the rules gave, each rule that fired with what it did, the
 * random selection, and the recognition of the other side's inspection — the server's sentences, in the
 * reader's language.
 */
export function RiskExplanation({ risk }: { risk: TRisk }) {
  const { t } = useTranslation();
  return (
    <section
      className="panel risk-explanation"
      aria-labelledby="risk-explanation-title"
      data-lane={risk.lane}
    >
      <div className="risk-explanation__head">
        <h2 id="risk-explanation-title" className="panel__title">
          {t("declarations.risk.title")}
        </h2>
        <LaneBadge lane={risk.lane} />
      </div>
      <p className="risk-explanation__summary">{risk.summary}</p>
      <dl className="details risk-explanation__facts">
        <div>
          <dt>{t("declarations.risk.score")}</dt>
          <dd className="num">{risk.score}</dd>
        </div>
        <div>
          <dt>{t("declarations.risk.ruleLane")}</dt>
          <dd>
            <LaneBadge lane={risk.ruleLane} />
          </dd>
        </div>
        <div>
          <dt>{t("declarations.risk.finalLane")}</dt>
          <dd>
            <LaneBadge lane={risk.lane} />
          </dd>
        </div>
      </dl>
      <h3 className="risk-explanation__subtitle">{t("declarations.risk.firedTitle")}</h3>
      {risk.fired.length === 0 ? (
        <p className="decl-muted">{t("declarations.risk.noneFired")}</p>
      ) : (
        <ul className="risk-rules-fired">
          {risk.fired.map((rule) => (
            <li key={rule.ruleId} className="risk-rules-fired__item">
              <p className="risk-rules-fired__name">
                <strong>{rule.name}</strong>{" "}
                <span className="decl-muted">{t("declarations.rules.version", { n: rule.version })}</span>{" "}
                {rule.lane ? <LaneBadge lane={rule.lane} /> : null}{" "}
                {rule.score !== null ? (
                  <Badge>
                    {t("declarations.risk.points", { n: rule.score > 0 ? `+${rule.score}` : rule.score })}
                  </Badge>
                ) : null}
              </p>
              <p>{rule.text}</p>
            </li>
          ))}
        </ul>
      )}
      <h3 className="risk-explanation__subtitle">{t("declarations.risk.randomTitle")}</h3>
      <p>
        {risk.random.selected ? (
          <>
            <Badge tone="warning">{t("declarations.risk.randomSelected")}</Badge>{" "}
          </>
        ) : null}
        {risk.random.text}
      </p>
      <h3 className="risk-explanation__subtitle">{t("declarations.risk.recognitionTitle")}</h3>
      <RecognitionFacts recognition={risk.recognition} />
    </section>
  );
}

function RecognitionFacts({ recognition }: { recognition: TRecognition }) {
  const { t, i18n } = useTranslation();
  return (
    <div className={recognition.applied ? "recognition recognition--applied" : "recognition"}>
      <p>
        {recognition.applied ? (
          <>
            <Badge tone="success">{t("declarations.risk.recognitionApplied")}</Badge>{" "}
          </>
        ) : null}
        {recognition.text}
      </p>
      {recognition.applied && recognition.from && recognition.to ? (
        <p className="recognition__lanes">
          {t("declarations.risk.laneLowered")} <LaneBadge lane={recognition.from} />{" "}
          <span aria-hidden="true">→</span> <LaneBadge lane={recognition.to} />
        </p>
      ) : null}
      {recognition.inspection ? (
        <p className="decl-muted">
          {t("declarations.risk.recognizedInspection", {
            number: recognition.inspection.declarationNumber,
            side: t(`side.${recognition.inspection.side}`),
            at: formatDateTime(recognition.inspection.at, i18n.language),
          })}
        </p>
      ) : null}
    </div>
  );
}

/** For the declarant: the other side's control result was recognised and their goods are spared a check. */
export function RecognitionNotice({ recognition }: { recognition: TRecognition }) {
  const { t } = useTranslation();
  return (
    <Notice tone="success" title={t("declarations.risk.recognitionNoticeTitle")} role="note">
      <RecognitionFacts recognition={recognition} />
    </Notice>
  );
}
