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
  RadioGroup,
  Select,
  Spinner,
  TextField,
} from "../../components";
import { useMe } from "../../session";
import { localToday } from "../tariffs/calculatorInput";
import { quotaOfficerSides } from "./access";
import { emptyPoolValues, type PoolFormValues, poolFormValues, poolInput } from "./amounts";
import { createPool, updatePool } from "./api";
import { ALLOCATION_RULES, DIRECTIONS, QUOTA_UNITS, type TPool } from "./contracts";
import { poolPath, QUOTAS_PATH } from "./paths";
import { quotaKeys, usePool } from "./queries";
import "./quotas.css";

/** A quota officer creates a pool of their side (a draft). */
export function NewPoolPage() {
  const { t } = useTranslation();
  const me = useMe();
  const sides = quotaOfficerSides(me.data);
  const [today] = useState(localToday);
  if (sides.length === 0)
    return (
      <>
        <PageHeader title={t("quotas.form.newTitle")} />
        <EmptyState title={t("quotas.officer.notOfficerTitle")}>
          <p>{t("quotas.officer.notOfficerText")}</p>
        </EmptyState>
      </>
    );
  return <PoolForm initial={emptyPoolValues(sides[0] ?? "CN", today)} sides={sides} pool={null} />;
}

/** A quota officer changes a pool of their side; each change is a new version. */
export function EditPoolPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const me = useMe();
  const pool = usePool(id);
  const sides = quotaOfficerSides(me.data);
  if (pool.isPending) return <Spinner />;
  if (pool.isError) return <ErrorState error={pool.error} onRetry={() => void pool.refetch()} />;
  if (!sides.includes(pool.data.side))
    return (
      <>
        <PageHeader title={t("quotas.form.editTitle")} />
        <EmptyState title={t("quotas.officer.notOfficerTitle")}>
          <p>{t("quotas.officer.notOfficerText")}</p>
        </EmptyState>
      </>
    );
  return <PoolForm initial={poolFormValues(pool.data)} sides={[pool.data.side]} pool={pool.data} />;
}

function PoolForm({
  initial,
  sides,
  pool,
}: {
  initial: PoolFormValues;
  sides: readonly ("CN" | "RU")[];
  pool: TPool | null;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [values, setValues] = useState(initial);
  const set = <K extends keyof PoolFormValues>(key: K, value: PoolFormValues[K]) =>
    setValues((previous) => ({ ...previous, [key]: value }));
  const save = useMutation({
    mutationFn: () => (pool ? updatePool(pool.id, poolInput(values)) : createPool(poolInput(values))),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: quotaKeys.all });
      navigate(poolPath(saved.id));
    },
  });
  const text = (key: "nameZh" | "nameRu" | "nameEn" | "legalRef") => ({
    value: values[key],
    onChange: (event: { target: { value: string } }) => set(key, event.target.value),
  });
  const nativeName = values.side === "CN" ? "nameZh" : "nameRu";
  return (
    <>
      <PageHeader
        eyebrow={<Link to={pool ? poolPath(pool.id) : QUOTAS_PATH}>{t("modules.quotas.title")}</Link>}
        title={pool ? t("quotas.form.editTitle") : t("quotas.form.newTitle")}
        description={
          <p>{pool ? t("quotas.form.editIntro", { version: pool.version }) : t("quotas.form.newIntro")}</p>
        }
      />
      <Form
        onSubmit={() => save.mutate()}
        error={save.error}
        busy={save.isPending}
        className="panel pool-form"
      >
        <fieldset className="fieldset pool-form__group">
          <legend className="panel__title">{t("quotas.form.whatTitle")}</legend>
          {sides.length > 1 ? (
            <RadioGroup
              legend={t("quotas.form.side")}
              name="side"
              inline
              value={values.side}
              onChange={(side) => set("side", side)}
              options={sides.map((side) => ({ value: side, label: t(`side.${side}`) }))}
            />
          ) : (
            <p>
              {t("quotas.form.side")}: <strong>{t(`side.${values.side}`)}</strong>
            </p>
          )}
          <RadioGroup
            legend={t("quotas.form.direction")}
            name="direction"
            inline
            value={values.direction}
            onChange={(direction) => set("direction", direction)}
            options={DIRECTIONS.map((direction) => ({
              value: direction,
              label: t(`quotas.direction.${direction}`),
            }))}
          />
          <TextField
            label={t("quotas.form.nameZh")}
            name="names.zh"
            lang="zh-CN"
            optional={nativeName !== "nameZh"}
            {...text("nameZh")}
          />
          <TextField
            label={t("quotas.form.nameRu")}
            name="names.ru"
            lang="ru-RU"
            optional={nativeName !== "nameRu"}
            {...text("nameRu")}
          />
          <TextField label={t("quotas.form.nameEn")} name="names.en" lang="en" optional {...text("nameEn")} />
          <TextField
            label={t("quotas.form.hsPrefixes")}
            hint={t("quotas.form.hsHint")}
            name="hsPrefixes"
            inputMode="numeric"
            value={values.hsPrefixes}
            onChange={(event) => set("hsPrefixes", event.target.value)}
            className="input--mono"
          />
          <div className="pool-form__row">
            <TextField
              type="date"
              label={t("quotas.form.periodFrom")}
              name="periodFrom"
              value={values.periodFrom}
              onChange={(event) => set("periodFrom", event.target.value)}
            />
            <TextField
              type="date"
              label={t("quotas.form.periodTo")}
              name="periodTo"
              value={values.periodTo}
              min={values.periodFrom}
              onChange={(event) => set("periodTo", event.target.value)}
            />
          </div>
        </fieldset>
        <fieldset className="fieldset pool-form__group">
          <legend className="panel__title">{t("quotas.form.howMuchTitle")}</legend>
          <div className="pool-form__row">
            <Select
              label={t("quotas.pool.unit")}
              name="unit"
              value={values.unit}
              onChange={(event) =>
                set("unit", QUOTA_UNITS.find((unit) => unit === event.target.value) ?? "t")
              }
              options={QUOTA_UNITS.map((unit) => ({ value: unit, label: t(`quotas.unitName.${unit}`) }))}
            />
            {values.unit === "value" ? (
              <TextField
                label={t("quotas.form.currency")}
                name="currency"
                maxLength={3}
                value={values.currency}
                onChange={(event) => set("currency", event.target.value.toUpperCase())}
                className="input--mono"
              />
            ) : null}
            <TextField
              label={t("quotas.figures.total")}
              name="total"
              inputMode="decimal"
              value={values.total}
              onChange={(event) => set("total", event.target.value)}
              className="input--number"
            />
          </div>
          <TextField
            label={t("quotas.form.borderShare")}
            hint={t("quotas.form.borderShareHint")}
            name="borderShare"
            inputMode="decimal"
            value={values.borderShare}
            onChange={(event) => set("borderShare", event.target.value)}
            className="input--number"
          />
          <RadioGroup
            legend={t("quotas.pool.rule")}
            name="allocationRule"
            value={values.allocationRule}
            onChange={(rule) => set("allocationRule", rule)}
            options={ALLOCATION_RULES.map((rule) => ({
              value: rule,
              label: t(`quotas.rule.${rule}`),
              hint: t(`quotas.ruleText.${rule}`),
            }))}
          />
          <TextField label={t("quotas.pool.legalRef")} name="legalRef" optional {...text("legalRef")} />
          <div className="field">
            <label className="field__label" htmlFor="pool-note">
              {t("quotas.pool.note")} <span className="field__optional">({t("common.optional")})</span>
            </label>
            <textarea
              id="pool-note"
              name="note"
              className="input quota-textarea"
              maxLength={2000}
              value={values.note}
              onChange={(event) => set("note", event.target.value)}
            />
          </div>
        </fieldset>
        <div className="form__actions">
          <Button type="submit" loading={save.isPending}>
            {pool ? t("quotas.form.save") : t("quotas.form.create")}
          </Button>
        </div>
      </Form>
    </>
  );
}
