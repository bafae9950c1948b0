import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import {
  Button,
  EmptyState,
  ErrorState,
  Form,
  PageHeader,
  Select,
  Spinner,
  TextField,
} from "../../components";
import { useMe } from "../../session";
import { useNameLanguage } from "../reference/LocalName";
import { pickName } from "../reference/names";
import { applicantsFor } from "./access";
import { normalizeAmount } from "./amounts";
import { applyForQuota } from "./api";
import { MY_APPLICATIONS_PATH, poolPath } from "./paths";
import { quotaKeys, usePool } from "./queries";
import { ShareBar, usePoolScope, useQuotaFormat } from "./ui";
import "./quotas.css";

/** An enterprise of the pool's side applies for an amount; the officers allocate by the pool's rule. */
export function ApplyPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const me = useMe();
  const pool = usePool(id);
  const reader = useNameLanguage();
  const format = useQuotaFormat();
  const scope = usePoolScope();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const applicants = pool.data ? applicantsFor(me.data, pool.data.side) : [];
  const [enterpriseId, setEnterpriseId] = useState("");
  const [amount, setAmount] = useState("");
  const [note, setNote] = useState("");
  const apply = useMutation({
    mutationFn: () => {
      const chosen = enterpriseId || applicants[0]?.id;
      return applyForQuota(id, {
        amount: normalizeAmount(amount),
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(applicants.length > 1 && chosen ? { enterpriseId: chosen } : {}),
      });
    },
    onSuccess: async (application) => {
      await queryClient.invalidateQueries({ queryKey: quotaKeys.all });
      navigate(MY_APPLICATIONS_PATH, { state: { applied: application.id } });
    },
  });

  if (pool.isPending) return <Spinner />;
  if (pool.isError) return <ErrorState error={pool.error} onRetry={() => void pool.refetch()} />;
  const data = pool.data;
  const name = pickName(data.names, reader)?.text ?? data.id;
  return (
    <>
      <PageHeader
        eyebrow={<Link to={poolPath(data.id)}>{name}</Link>}
        title={t("quotas.apply.title")}
        description={<p>{scope(data)}</p>}
      />
      {applicants.length === 0 ? (
        <EmptyState title={t("quotas.apply.notApplicantTitle")}>
          <p>{t("quotas.apply.notApplicantText", { side: t(`side.${data.side}`) })}</p>
        </EmptyState>
      ) : data.status !== "published" ? (
        <EmptyState title={t("quotas.apply.closedTitle")}>
          <p>{t("quotas.apply.closedText", { status: t(`quotas.status.${data.status}`) })}</p>
        </EmptyState>
      ) : (
        <div className="quota-columns">
          <Form onSubmit={() => apply.mutate()} error={apply.error} busy={apply.isPending} className="panel">
            {applicants.length > 1 ? (
              <Select
                label={t("quotas.apply.enterprise")}
                name="enterpriseId"
                value={enterpriseId || applicants[0]?.id}
                onChange={(event) => setEnterpriseId(event.target.value)}
                options={applicants.map((option) => ({ value: option.id, label: option.name }))}
              />
            ) : (
              <p>
                {t("quotas.apply.as")} <strong>{applicants[0]?.name}</strong>
              </p>
            )}
            <TextField
              label={t("quotas.apply.amount", { unit: format.unitLabel(data.unit, data.currency) })}
              hint={t("quotas.apply.amountHint", {
                remaining: format.poolAmount(data.figures.remaining, data),
              })}
              name="amount"
              inputMode="decimal"
              autoComplete="off"
              value={amount}
              onChange={(event) => setAmount(event.target.value)}
              className="input--number"
            />
            <div className="field">
              <label className="field__label" htmlFor="quota-note">
                {t("quotas.apply.note")} <span className="field__optional">({t("common.optional")})</span>
              </label>
              <textarea
                id="quota-note"
                name="note"
                className="input quota-textarea"
                maxLength={2000}
                value={note}
                onChange={(event) => setNote(event.target.value)}
              />
            </div>
            <div className="form__actions">
              <Button type="submit" loading={apply.isPending}>
                {t("quotas.apply.submit")}
              </Button>
            </div>
          </Form>
          <aside className="panel">
            <h2 className="panel__title">{t("quotas.pool.splitTitle")}</h2>
            <p className="quota-muted">{t(`quotas.ruleText.${data.allocationRule}`)}</p>
            <ShareBar pool={data} />
          </aside>
        </div>
      )}
    </>
  );
}
