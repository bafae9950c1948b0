import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../api";
import { Button, ConfirmDialog, RadioGroup } from "../../components";
import { ActionError } from "./ActionError";
import { actOnDeclaration, type OfficerAction } from "./api";
import type { TDeclaration } from "./contracts";
import type { OfficerActionKind } from "./lifecycle";
import { declarationKeys } from "./queries";

const ACTION_VARIANT = {
  "document-check": "primary",
  inspection: "primary",
  release: "primary",
  hold: "secondary",
  reject: "danger",
} as const;

interface DialogState {
  kind: OfficerActionKind;
  outcome: "ok" | "discrepancy";
  result: "compliant" | "findings";
  text: string;
}

/** The officer's next step on the declaration and the other decisions open to them, each confirmed in a dialog. */
export function OfficerActions({
  declaration,
  actions,
  onDone,
}: {
  declaration: TDeclaration;
  actions: readonly OfficerActionKind[];
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<DialogState | null>(null);
  const act = useMutation({
    mutationFn: (action: OfficerAction) => actOnDeclaration(declaration.id, action),
    onSuccess: async (updated, action) => {
      setDialog(null);
      onDone(
        t("declarations.actions.done", {
          action: t(`declarations.actions.${action.kind}.title`),
          status: t(`declarations.status.${updated.status}`),
        }),
      );
      queryClient.setQueriesData<TDeclaration>(
        { queryKey: declarationKeys.one(declaration.id) },
        (previous) => (previous ? updated : previous),
      );
      await queryClient.invalidateQueries({ queryKey: declarationKeys.all });
    },
  });

  if (actions.length === 0) return null;

  const open = (kind: OfficerActionKind) => {
    act.reset();
    setDialog({ kind, outcome: "ok", result: "compliant", text: "" });
  };

  const toAction = (state: DialogState): OfficerAction => {
    const text = state.text.trim();
    switch (state.kind) {
      case "document-check":
        return { kind: state.kind, outcome: state.outcome, ...(text ? { note: text } : {}) };
      case "inspection":
        return { kind: state.kind, result: state.result, ...(text ? { findings: text } : {}) };
      case "release":
        return { kind: "release" };
      case "hold":
      case "reject":
        return { kind: state.kind, reason: text };
    }
  };

  const [next, ...others] = actions;
  return (
    <section className="panel officer-actions" aria-labelledby="officer-actions-title">
      <h2 id="officer-actions-title" className="panel__title">
        {t("declarations.actions.title")}
      </h2>
      {next ? (
        <p className="officer-actions__next">
          {declaration.status === "held"
            ? t("declarations.actions.heldNext")
            : t(`declarations.actions.${next}.next`)}
        </p>
      ) : null}
      <div className="officer-actions__buttons">
        {next ? (
          <Button variant={ACTION_VARIANT[next]} onClick={() => open(next)}>
            {t(`declarations.actions.${next}.title`)}
          </Button>
        ) : null}
        {others.map((kind) => (
          <Button
            key={kind}
            variant={ACTION_VARIANT[kind] === "primary" ? "secondary" : ACTION_VARIANT[kind]}
            onClick={() => open(kind)}
          >
            {t(`declarations.actions.${kind}.title`)}
          </Button>
        ))}
      </div>
      <ConfirmDialog
        open={dialog !== null}
        title={
          dialog ? t(`declarations.actions.${dialog.kind}.dialogTitle`, { number: declaration.number }) : ""
        }
        confirmLabel={dialog ? t(`declarations.actions.${dialog.kind}.confirm`) : ""}
        confirmVariant={dialog?.kind === "reject" ? "danger" : "primary"}
        busy={act.isPending}
        onConfirm={() => dialog && act.mutate(toAction(dialog))}
        onCancel={() => setDialog(null)}
      >
        {dialog ? (
          <ActionFields
            state={dialog}
            onChange={(patch) => setDialog({ ...dialog, ...patch })}
            error={act.error}
          />
        ) : null}
      </ConfirmDialog>
    </section>
  );
}

/** The text field of each action: its path in the request body and its label. */
const TEXT_FIELD = {
  "document-check": { path: "note", label: "declarations.actions.document-check.textLabel" },
  inspection: { path: "findings", label: "declarations.actions.inspection.textLabel" },
  release: null,
  hold: { path: "reason", label: "declarations.actions.hold.textLabel" },
  reject: { path: "reason", label: "declarations.actions.reject.textLabel" },
} as const satisfies Record<OfficerActionKind, { path: string; label: string } | null>;

function ActionFields({
  state,
  onChange,
  error,
}: {
  state: DialogState;
  onChange: (patch: Partial<DialogState>) => void;
  error: unknown;
}) {
  const { t } = useTranslation();
  const textId = useId();
  const field = TEXT_FIELD[state.kind];
  const path = field?.path ?? null;
  const textError =
    path && isApiError(error)
      ? error.errors.find((fieldError) => fieldError.path === path)?.message
      : undefined;
  const textRequired =
    state.kind === "hold" ||
    state.kind === "reject" ||
    (state.kind === "inspection" && state.result === "findings");
  return (
    <>
      <p>{t(`declarations.actions.${state.kind}.text`)}</p>
      {state.kind === "document-check" ? (
        <RadioGroup<"ok" | "discrepancy">
          legend={t("declarations.actions.document-check.outcome")}
          name="outcome"
          options={[
            { value: "ok", label: t("declarations.actions.document-check.ok") },
            { value: "discrepancy", label: t("declarations.actions.document-check.discrepancy") },
          ]}
          value={state.outcome}
          onChange={(outcome) => onChange({ outcome })}
        />
      ) : null}
      {state.kind === "inspection" ? (
        <RadioGroup<"compliant" | "findings">
          legend={t("declarations.actions.inspection.result")}
          name="result"
          options={[
            { value: "compliant", label: t("declarations.inspectionResult.compliant") },
            { value: "findings", label: t("declarations.inspectionResult.findings") },
          ]}
          value={state.result}
          onChange={(result) => onChange({ result })}
        />
      ) : null}
      {field ? (
        <div className={textError ? "field field--invalid" : "field"}>
          <label className="field__label" htmlFor={textId}>
            {t(field.label)}
            {textRequired ? null : <span className="field__optional"> ({t("common.optional")})</span>}
          </label>
          {textError ? (
            <p className="field__error" id={`${textId}-error`}>
              {textError}
            </p>
          ) : null}
          <textarea
            id={textId}
            className="input textarea"
            rows={3}
            maxLength={path === "findings" ? 2000 : 1000}
            value={state.text}
            required={textRequired}
            aria-invalid={textError ? true : undefined}
            aria-describedby={textError ? `${textId}-error` : undefined}
            onChange={(event) => onChange({ text: event.target.value })}
          />
        </div>
      ) : null}
      <ActionError error={error} shownAtFields={path ? [path] : []} />
    </>
  );
}
