import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api";
import { Button, Checkbox, Form, Select, TextField } from "../../components";
import { saveCaliber } from "./api";
import { CaliberLabelTable, SkipLabels } from "./CaliberLabelRows";
import { type CaliberForm, type CaliberProblem, caliberFormProblems, mappingFromForm } from "./caliberForm";
import { isChoiceField, useCaliberWords } from "./caliberLabels";
import {
  CALIBER_FIELDS,
  CURRENCIES,
  FILL_DOWN_FIELDS,
  LABEL_TABLES,
  REPORTERS,
  type TCaliber,
  type TCaliberField,
  type TCaliberSeparator,
  type TFillDownField,
} from "./contracts";
import { statisticsKeys } from "./queries";

// Period, flow and value make a row; the form says so at those three.
const REQUIRED = new Set<TCaliberField>(["period", "flow", "value"]);
const SEPARATORS: readonly ("" | TCaliberSeparator)[] = ["", ",", ";", "\t"];
const SEPARATOR_KEY = { "": "detect", ",": "comma", ";": "semicolon", "\t": "tab" } as const;

/**
 * The form of a caliber: the source, which column holds what (or one value for every row), the
 * source's labels and what they mean, and the labels of rows to skip. Problems the form can see are
 * shown at their fields before anything is sent; the server's field errors arrive at the same fields.
 */
export function CaliberEditor({
  initial,
  creating,
  takenNames,
  onSaved,
  onCancel,
}: {
  initial: CaliberForm;
  creating: boolean;
  takenNames: readonly string[];
  onSaved: (caliber: TCaliber) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const words = useCaliberWords();
  const queryClient = useQueryClient();
  const [form, setForm] = useState(initial);
  const [problems, setProblems] = useState<ApiError | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  const save = useMutation({
    mutationFn: (draft: CaliberForm) => saveCaliber(draft.name.trim(), mappingFromForm(draft)),
    onSuccess: async (caliber) => {
      await queryClient.invalidateQueries({ queryKey: statisticsKeys.calibers });
      onSaved(caliber);
    },
  });

  // The form opens on a click elsewhere: take the reader to it.
  useEffect(() => headingRef.current?.focus(), []);

  const problemMessage = (problem: CaliberProblem) => t(`statistics.calibers.problems.${problem.code}`);
  const submit = () => {
    const found = caliberFormProblems(form, { creating, takenNames });
    if (found.length > 0) {
      // Shown like the server's field errors: at each field, and in the summary at the top.
      setProblems(
        new ApiError({
          status: 0,
          code: "VALIDATION_FAILED",
          title: t("form.summaryTitle"),
          errors: found.map((problem) => ({
            path: problem.path,
            code: problem.code,
            message: problemMessage(problem),
          })),
        }),
      );
      return;
    }
    setProblems(null);
    save.mutate(form);
  };

  const set = <K extends keyof CaliberForm>(key: K, value: CaliberForm[K]) =>
    setForm((previous) => ({ ...previous, [key]: value }));
  const setField = (part: "columns" | "fixed", field: TCaliberField, value: string) =>
    setForm((previous) => ({ ...previous, [part]: { ...previous[part], [field]: value } }));

  // A label table matters once its field is read from a column; one with labels stays in view.
  const tables = LABEL_TABLES.filter(
    (table) => form.columns[table].trim() !== "" || form.values[table].length > 0,
  );

  return (
    <section className="panel caliber-editor" aria-labelledby={headingId}>
      <h2 id={headingId} className="panel__title" ref={headingRef} tabIndex={-1}>
        {creating
          ? t("statistics.calibers.newTitle")
          : t("statistics.calibers.editTitle", { name: form.name })}
      </h2>
      <Form onSubmit={submit} error={problems ?? save.error} busy={save.isPending}>
        <fieldset className="fieldset caliber-group">
          <legend className="caliber-group__legend">{t("statistics.calibers.sourceGroup")}</legend>
          <div className="caliber-grid">
            {creating ? (
              <TextField
                name="name"
                label={t("statistics.calibers.name")}
                hint={t("statistics.calibers.nameHint")}
                value={form.name}
                onChange={(event) => set("name", event.target.value)}
                autoComplete="off"
                spellCheck={false}
                className="input--mono"
              />
            ) : null}
            <TextField
              name="source"
              label={t("statistics.calibers.source")}
              hint={t("statistics.calibers.sourceHint")}
              value={form.source}
              onChange={(event) => set("source", event.target.value)}
              autoComplete="off"
              spellCheck={false}
            />
            <Select
              name="reporter"
              label={t("statistics.calibers.reporter")}
              value={form.reporter}
              onChange={(event) => set("reporter", event.target.value === "RU" ? "RU" : "CN")}
              options={REPORTERS.map((code) => ({
                value: code,
                label: t(`statistics.calibers.reporters.${code}`),
              }))}
            />
            <Select
              name="currency"
              label={t("statistics.calibers.currency")}
              value={form.currency}
              onChange={(event) =>
                set("currency", CURRENCIES.find((code) => code === event.target.value) ?? "USD")
              }
              options={CURRENCIES.map((code) => ({ value: code, label: code }))}
            />
            <TextField
              name="valueScale"
              label={t("statistics.calibers.valueScale")}
              hint={t("statistics.calibers.valueScaleHint")}
              value={form.valueScale}
              onChange={(event) => set("valueScale", event.target.value)}
              inputMode="decimal"
              autoComplete="off"
            />
            <Select
              name="separator"
              label={t("statistics.calibers.separator")}
              value={form.separator}
              onChange={(event) =>
                set("separator", SEPARATORS.find((separator) => separator === event.target.value) ?? "")
              }
              options={SEPARATORS.map((separator) => ({
                value: separator,
                label: t(`statistics.calibers.separators.${SEPARATOR_KEY[separator]}`),
              }))}
            />
          </div>
          <DecimalComma checked={form.decimalComma} onChange={(checked) => set("decimalComma", checked)} />
        </fieldset>

        <fieldset className="fieldset caliber-group">
          <legend className="caliber-group__legend">{t("statistics.calibers.columnsGroup")}</legend>
          <p className="field__hint">{t("statistics.calibers.columnsHint")}</p>
          <ul className="caliber-fields">
            {CALIBER_FIELDS.map((field) => (
              <li key={field}>
                <fieldset className="caliber-field">
                  <legend className="caliber-field__legend">
                    {words.field(field)}
                    {REQUIRED.has(field) ? (
                      <span className="caliber-field__required"> · {t("statistics.calibers.required")}</span>
                    ) : null}
                  </legend>
                  <TextField
                    name={`columns.${field}`}
                    label={t("statistics.calibers.column")}
                    optional
                    value={form.columns[field]}
                    onChange={(event) => setField("columns", field, event.target.value)}
                    autoComplete="off"
                    spellCheck={false}
                  />
                  {isChoiceField(field) ? (
                    <Select
                      name={`fixed.${field}`}
                      label={t("statistics.calibers.fixed")}
                      optional
                      value={form.fixed[field]}
                      onChange={(event) => setField("fixed", field, event.target.value)}
                      options={words.options(field, form.fixed[field])}
                    />
                  ) : (
                    <TextField
                      name={`fixed.${field}`}
                      label={t("statistics.calibers.fixed")}
                      optional
                      hint={
                        field === "partner" || field === "region" || field === "period"
                          ? t(`statistics.calibers.fixedHints.${field}`)
                          : undefined
                      }
                      value={form.fixed[field]}
                      onChange={(event) => setField("fixed", field, event.target.value)}
                      autoComplete="off"
                      spellCheck={false}
                    />
                  )}
                  {isFillDownField(field) ? (
                    <Checkbox
                      className="caliber-checkbox"
                      name={`fillDown.${field}`}
                      label={t("statistics.calibers.fillDown")}
                      checked={form.fillDown.includes(field)}
                      onChange={(checked) =>
                        set(
                          "fillDown",
                          checked
                            ? [...form.fillDown, field]
                            : form.fillDown.filter((other) => other !== field),
                        )
                      }
                    />
                  ) : null}
                </fieldset>
              </li>
            ))}
          </ul>
        </fieldset>

        <fieldset className="fieldset caliber-group">
          <legend className="caliber-group__legend">{t("statistics.calibers.labelsGroup")}</legend>
          <p className="field__hint">{t("statistics.calibers.labelsHint")}</p>
          {tables.length === 0 ? (
            <p className="stat-muted">{t("statistics.calibers.noLabelTables")}</p>
          ) : null}
          {tables.map((table) => (
            <CaliberLabelTable
              key={table}
              table={table}
              rows={form.values[table]}
              onChange={(rows) =>
                setForm((previous) => ({ ...previous, values: { ...previous.values, [table]: rows } }))
              }
            />
          ))}
        </fieldset>

        <SkipLabels rows={form.skip} onChange={(rows) => set("skip", rows)} />

        <div className="form__actions">
          <Button type="submit" loading={save.isPending}>
            {t("statistics.calibers.save")}
          </Button>
          <Button variant="secondary" onClick={onCancel}>
            {t("common.cancel")}
          </Button>
        </div>
      </Form>
    </section>
  );
}

const isFillDownField = (field: TCaliberField): field is TFillDownField =>
  FILL_DOWN_FIELDS.some((other) => other === field);

function DecimalComma({ checked, onChange }: { checked: boolean; onChange: (checked: boolean) => void }) {
  const { t } = useTranslation();
  return (
    <Checkbox
      className="caliber-checkbox"
      name="decimalComma"
      label={t("statistics.calibers.decimalComma")}
      hint={t("statistics.calibers.decimalCommaHint")}
      checked={checked}
      onChange={onChange}
    />
  );
}
