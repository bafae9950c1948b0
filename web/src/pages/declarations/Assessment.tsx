import { useTranslation } from "react-i18next";
import { Badge, Notice } from "../../components";
import type { TAssessment } from "../../contracts";
import { type Formatters, useFormatters } from "../tariffs/labels";
import type { TDeclarationTotals } from "./contracts";

function kindLabel(kind: string, flow: TAssessment["flow"]) {
  if (kind === "vat") return "tariffs.result.kinds.vat" as const;
  if (kind === "duty")
    return flow === "export"
      ? ("tariffs.result.kinds.exportDuty" as const)
      : ("tariffs.result.kinds.importDuty" as const);
  return null;
}

/**
 * One line's duties and taxes as the server assessed them, every amount with its explanation in the
 * reader's language: customs value (and the rate it was converted at), each duty and tax, prohibitions.
 */
export function LineAssessment({ assessment, title }: { assessment: TAssessment; title: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const money = (amount: string) => format.money(amount, assessment.currency);
  return (
    <article className="line-assessment">
      <h4 className="line-assessment__title">{title}</h4>
      {assessment.prohibited ? (
        <Notice tone="danger" role="note" title={t("tariffs.result.prohibitedTitle")}>
          <p>{assessment.prohibited.explanation.text}</p>
        </Notice>
      ) : null}
      <dl className="line-assessment__amounts">
        <div>
          <dt>{t("tariffs.result.customsValue")}</dt>
          <dd>
            <span className="num">{money(assessment.customsValue.amount)}</span>
            <span className="line-assessment__explanation">{assessment.customsValue.explanation.text}</span>
            {assessment.customsValue.rate?.sample ? (
              <Badge tone="warning">{t("tariffs.result.sampleRate")}</Badge>
            ) : null}
          </dd>
        </div>
        {assessment.preference ? (
          <div>
            <dt>{t("tariffs.result.preference")}</dt>
            <dd>
              <span className="line-assessment__explanation">{assessment.preference.explanation.text}</span>
            </dd>
          </div>
        ) : null}
        {assessment.amounts.map((line) => {
          const label = kindLabel(line.kind, assessment.flow);
          return (
            <div key={`${line.kind}-${line.explanation.text}`}>
              <dt>{label ? t(label) : line.kind}</dt>
              <dd>
                <span className="num">{money(line.amount)}</span>
                <span className="line-assessment__explanation">{line.explanation.text}</span>
                {line.rule?.source === "sample" ? (
                  <Badge tone="warning">{t("tariffs.result.ruleSource.sample")}</Badge>
                ) : null}
              </dd>
            </div>
          );
        })}
        <div className="line-assessment__total">
          <dt>{t("tariffs.result.sideTotal")}</dt>
          <dd className="num">{money(assessment.total)}</dd>
        </div>
      </dl>
      {assessment.amounts.length === 0 && !assessment.prohibited ? (
        <p className="decl-muted">{t("tariffs.result.noAmounts")}</p>
      ) : null}
      {assessment.warnings.length > 0 ? (
        <ul className="line-assessment__warnings">
          {assessment.warnings.map((warning) => (
            <li key={`${warning.key}-${warning.text}`}>{warning.text}</li>
          ))}
        </ul>
      ) : null}
    </article>
  );
}

/** The declaration's totals: goods in the invoice currency, weights, duties and taxes in the national one. */
export function TotalsList({ totals, format }: { totals: TDeclarationTotals; format?: Formatters }) {
  const { t } = useTranslation();
  const own = useFormatters();
  const f = format ?? own;
  const national = (value: string | null) =>
    value === null ? t("common.notSet") : f.money(value, totals.nationalCurrency);
  return (
    <dl className="decl-totals">
      <div>
        <dt>{t("declarations.totals.value")}</dt>
        <dd className="num">{f.money(totals.value, totals.currency)}</dd>
      </div>
      <div>
        <dt>{t("declarations.totals.weights")}</dt>
        <dd className="num">
          {t("declarations.totals.weightsValue", {
            net: f.decimal(totals.netKg),
            gross: f.decimal(totals.grossKg),
          })}
        </dd>
      </div>
      <div>
        <dt>{t("declarations.totals.duty")}</dt>
        <dd className="num">{national(totals.duty)}</dd>
      </div>
      <div>
        <dt>{t("declarations.totals.vat")}</dt>
        <dd className="num">{national(totals.vat)}</dd>
      </div>
      <div className="decl-totals__sum">
        <dt>{t("declarations.totals.taxes")}</dt>
        <dd className="num">{national(totals.taxes)}</dd>
      </div>
    </dl>
  );
}
