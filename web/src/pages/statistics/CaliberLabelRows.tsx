import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button, Select, TextField } from "../../components";
import { useFormField } from "../../components/Form";
import { type LabelRow, labelPath, newRowId, type SkipRow, skipPath } from "./caliberForm";
import { isChoiceField, useCaliberWords } from "./caliberLabels";
import type { TLabelTable } from "./contracts";

// The repeating rows of the caliber form: a source's labels with what each means, and the labels of
// rows to skip. Each row finds its problem — the form's own or the server's — at the path the server
// reports it (`values.tradeMode.旅游购物`, `skipLabels.贸易方式`) and shows it at the row.

/** Moves focus to a row's first box once it has been drawn. */
function useFocusAfterAdd() {
  const [pending, setPending] = useState<string | null>(null);
  useEffect(() => {
    if (!pending) return;
    document.getElementById(pending)?.focus();
    setPending(null);
  }, [pending]);
  return setPending;
}

export function CaliberLabelTable({
  table,
  rows,
  onChange,
}: {
  table: TLabelTable;
  rows: readonly LabelRow[];
  onChange: (rows: LabelRow[]) => void;
}) {
  const { t } = useTranslation();
  const words = useCaliberWords();
  const addRef = useRef<HTMLButtonElement>(null);
  const focusAfterAdd = useFocusAfterAdd();
  const add = () => {
    const id = newRowId();
    onChange([...rows, { id, label: "", value: "" }]);
    focusAfterAdd(`caliber-${id}-label`);
  };
  return (
    <fieldset className="caliber-labels">
      <legend className="caliber-labels__legend">
        {t("statistics.calibers.labelTable", { field: words.field(table) })}
      </legend>
      <p className="field__hint">{t(`statistics.calibers.labelTableHints.${table}`)}</p>
      {rows.length > 0 ? (
        <ol className="caliber-rows">
          {rows.map((row, index) => (
            <LabelRowFields
              key={row.id}
              table={table}
              row={row}
              number={index + 1}
              onChange={(patch) =>
                onChange(
                  rows.map((candidate) => (candidate.id === row.id ? { ...candidate, ...patch } : candidate)),
                )
              }
              onRemove={() => {
                onChange(rows.filter((candidate) => candidate.id !== row.id));
                addRef.current?.focus();
              }}
            />
          ))}
        </ol>
      ) : null}
      <Button ref={addRef} variant="secondary" size="sm" onClick={add}>
        {t("statistics.calibers.addLabel", { field: words.field(table) })}
      </Button>
    </fieldset>
  );
}

function LabelRowFields({
  table,
  row,
  number,
  onChange,
  onRemove,
}: {
  table: TLabelTable;
  row: LabelRow;
  number: number;
  onChange: (patch: Partial<LabelRow>) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const words = useCaliberWords();
  const base = `caliber-${row.id}`;
  const labelEmpty = row.label.trim() === "";
  // A missing label is the label's problem; anything else about the entry is about what it means.
  const error = useFormField(labelPath(table, row.label), labelEmpty ? `${base}-label` : `${base}-value`);
  return (
    <li className="caliber-row">
      <TextField
        id={`${base}-label`}
        label={t("statistics.calibers.label", { n: number })}
        value={row.label}
        error={labelEmpty ? error : undefined}
        onChange={(event) => onChange({ label: event.target.value })}
        autoComplete="off"
        spellCheck={false}
      />
      {isChoiceField(table) ? (
        <Select
          id={`${base}-value`}
          label={t("statistics.calibers.means", { n: number })}
          value={row.value}
          error={labelEmpty ? undefined : error}
          onChange={(event) => onChange({ value: event.target.value })}
          options={words.options(table, row.value)}
        />
      ) : (
        <TextField
          id={`${base}-value`}
          label={t("statistics.calibers.means", { n: number })}
          hint={t(`statistics.calibers.meaningHints.${table}`)}
          value={row.value}
          error={labelEmpty ? undefined : error}
          onChange={(event) =>
            onChange({ value: table === "partner" ? event.target.value.toUpperCase() : event.target.value })
          }
          autoComplete="off"
          spellCheck={false}
          className="input--mono"
        />
      )}
      <Button
        variant="ghost"
        size="sm"
        className="caliber-row__remove"
        onClick={onRemove}
        aria-label={t("statistics.calibers.removeLabel", { n: number, label: row.label.trim() || "—" })}
      >
        {t("statistics.calibers.remove")}
      </Button>
    </li>
  );
}

export function SkipLabels({
  rows,
  onChange,
}: {
  rows: readonly SkipRow[];
  onChange: (rows: SkipRow[]) => void;
}) {
  const { t } = useTranslation();
  const addRef = useRef<HTMLButtonElement>(null);
  const focusAfterAdd = useFocusAfterAdd();
  const add = () => {
    const id = newRowId();
    onChange([...rows, { id, column: "", labels: "" }]);
    focusAfterAdd(`caliber-${id}-column`);
  };
  return (
    <fieldset className="fieldset caliber-group">
      <legend className="caliber-group__legend">{t("statistics.calibers.skipGroup")}</legend>
      <p className="field__hint">{t("statistics.calibers.skipHint")}</p>
      {rows.length > 0 ? (
        <ol className="caliber-rows">
          {rows.map((row, index) => (
            <SkipRowFields
              key={row.id}
              row={row}
              number={index + 1}
              onChange={(patch) =>
                onChange(
                  rows.map((candidate) => (candidate.id === row.id ? { ...candidate, ...patch } : candidate)),
                )
              }
              onRemove={() => {
                onChange(rows.filter((candidate) => candidate.id !== row.id));
                addRef.current?.focus();
              }}
            />
          ))}
        </ol>
      ) : null}
      <Button ref={addRef} variant="secondary" size="sm" onClick={add}>
        {t("statistics.calibers.addSkip")}
      </Button>
    </fieldset>
  );
}

function SkipRowFields({
  row,
  number,
  onChange,
  onRemove,
}: {
  row: SkipRow;
  number: number;
  onChange: (patch: Partial<SkipRow>) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const base = `caliber-${row.id}`;
  const columnEmpty = row.column.trim() === "";
  const error = useFormField(skipPath(row.column), columnEmpty ? `${base}-column` : `${base}-labels`);
  const labelsId = `${base}-labels`;
  const labelsError = columnEmpty ? undefined : error;
  return (
    <li className="caliber-row caliber-row--skip">
      <TextField
        id={`${base}-column`}
        label={t("statistics.calibers.skipColumn", { n: number })}
        value={row.column}
        error={columnEmpty ? error : undefined}
        onChange={(event) => onChange({ column: event.target.value })}
        autoComplete="off"
        spellCheck={false}
      />
      <div className={labelsError ? "field field--invalid" : "field"}>
        <label className="field__label" htmlFor={labelsId}>
          {t("statistics.calibers.skipLabels", { n: number })}
        </label>
        <p className="field__hint" id={`${labelsId}-hint`}>
          {t("statistics.calibers.skipLabelsHint")}
        </p>
        {labelsError ? (
          <p className="field__error" id={`${labelsId}-error`}>
            {labelsError}
          </p>
        ) : null}
        <textarea
          id={labelsId}
          className="input caliber-textarea"
          rows={3}
          value={row.labels}
          aria-invalid={labelsError ? true : undefined}
          aria-describedby={[`${labelsId}-hint`, labelsError ? `${labelsId}-error` : ""]
            .filter(Boolean)
            .join(" ")}
          onChange={(event) => onChange({ labels: event.target.value })}
          spellCheck={false}
        />
      </div>
      <Button
        variant="ghost"
        size="sm"
        className="caliber-row__remove"
        onClick={onRemove}
        aria-label={t("statistics.calibers.removeSkip", { n: number, column: row.column.trim() || "—" })}
      >
        {t("statistics.calibers.remove")}
      </Button>
    </li>
  );
}
