import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { Button, ErrorState, PageHeader, Spinner, TextField } from "../../components";
import { KEEP_FOCUS } from "../../layout/navigation";
import { LocalName } from "../reference/LocalName";
import { normalizeLicenceNumber, QUOTAS_PATH } from "./paths";
import { useVerification } from "./queries";
import { useQuotaFormat, VerificationBadge } from "./ui";
import "./quotas.css";

/**
 * Anyone checks a licence number: valid or not, whose, for which pool, until when. The amounts appear
 * only for the holder and the officers of the pool's side, as the server decides.
 */
export function VerifyPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const asked = normalizeLicenceNumber(params.get("number") ?? "");
  const [typed, setTyped] = useState(asked);
  const verification = useVerification(asked || null);
  const format = useQuotaFormat();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const number = normalizeLicenceNumber(typed);
    setTyped(number);
    setParams(number ? { number } : {}, { state: KEEP_FOCUS });
  };
  const result = verification.data;
  return (
    <>
      <PageHeader
        eyebrow={<Link to={QUOTAS_PATH}>{t("modules.quotas.title")}</Link>}
        title={t("quotas.verify.title")}
        description={<p>{t("quotas.verify.intro")}</p>}
      />
      <search className="panel verify-form">
        <form onSubmit={submit} className="verify-form__row" noValidate>
          <TextField
            label={t("quotas.verify.number")}
            hint={t("quotas.verify.numberHint")}
            name="number"
            autoComplete="off"
            spellCheck={false}
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            className="input--mono"
          />
          <Button type="submit">{t("quotas.verify.submit")}</Button>
        </form>
      </search>
      <div aria-live="polite">
        {!asked ? null : verification.isPending ? (
          <Spinner />
        ) : verification.isError ? (
          <ErrorState error={verification.error} onRetry={() => void verification.refetch()} />
        ) : result ? (
          <section
            className={
              result.valid
                ? "panel verify-result verify-result--valid"
                : "panel verify-result verify-result--invalid"
            }
            aria-labelledby="verify-result-title"
          >
            <h2 id="verify-result-title" className="verify-result__title">
              <span className="verify-result__icon" aria-hidden="true">
                {result.valid ? "✓" : "✕"}
              </span>
              {result.text}
            </h2>
            <p>
              <VerificationBadge status={result.status} />
            </p>
            {result.holder ? (
              <dl className="quota-facts">
                <div>
                  <dt>{t("quotas.licence.number")}</dt>
                  <dd className="stat-code">{result.number}</dd>
                </div>
                <div>
                  <dt>{t("quotas.licence.holder")}</dt>
                  <dd>
                    <LocalName names={result.holder} />
                  </dd>
                </div>
                {result.pool ? (
                  <div>
                    <dt>{t("quotas.licence.pool")}</dt>
                    <dd>
                      <LocalName names={result.pool} />
                    </dd>
                  </div>
                ) : null}
                {result.unit ? (
                  <div>
                    <dt>{t("quotas.pool.unit")}</dt>
                    <dd>{format.unitLabel(result.unit)}</dd>
                  </div>
                ) : null}
                {result.validFrom && result.validTo ? (
                  <div>
                    <dt>{t("quotas.licence.validity")}</dt>
                    <dd>{format.period(result.validFrom, result.validTo)}</dd>
                  </div>
                ) : null}
                {result.amount && result.unit ? (
                  <div>
                    <dt>{t("quotas.licence.amount")}</dt>
                    <dd className="num">{format.amount(result.amount, result.unit)}</dd>
                  </div>
                ) : null}
                {result.remaining && result.unit ? (
                  <div>
                    <dt>{t("quotas.licence.remaining")}</dt>
                    <dd className="num">{format.amount(result.remaining, result.unit)}</dd>
                  </div>
                ) : null}
              </dl>
            ) : null}
            {result.holder && !result.amount ? (
              <p className="quota-muted">{t("quotas.verify.amountsHidden")}</p>
            ) : null}
          </section>
        ) : null}
      </div>
    </>
  );
}
