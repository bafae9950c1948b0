import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useFormField } from "../../components/Form";
import type { TIdentifierScheme } from "../../contracts";
import { useIdentifierCheck } from "./queries";

const CHECK_DELAY_MS = 350;

export function useDebouncedValue<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), delayMs);
    return () => window.clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}

export interface IdentifierFieldProps {
  /** The request path the server reports errors at, e.g. `identifiers.uscc`. */
  name: string;
  scheme: TIdentifierScheme;
  label: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  optional?: boolean;
}

/**
 * A text field for a USCC, INN, OGRN/OGRNIP or KPP that the server checks while the reader types: a
 * pause in typing sends the value to `/identifiers/validate`, and the answer — which character or
 * check digit failed, in the reader's language — appears under the field together with the normalized
 * form that will be stored.
 */
export function IdentifierField({
  name,
  scheme,
  label,
  hint,
  value,
  onChange,
  optional,
}: IdentifierFieldProps) {
  const { t } = useTranslation();
  const id = `field-${useId().replace(/:/g, "")}`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const checkId = `${id}-check`;
  const formError = useFormField(name, id);
  const trimmed = value.trim();
  const debounced = useDebouncedValue(trimmed, CHECK_DELAY_MS);
  const check = useIdentifierCheck(scheme, debounced);
  // Only an answer about what is in the field now counts; while typing, the last one is shown dimmed.
  const result = check.data && check.data.value === trimmed ? check.data : null;
  const stale = trimmed !== "" && result === null;
  const shown = result ?? (trimmed === "" ? null : (check.data ?? null));
  const invalid = formError !== undefined || (result !== null && !result.valid);
  const describedBy = [hint ? hintId : "", formError ? errorId : "", checkId].filter(Boolean).join(" ");

  return (
    <div className={invalid ? "field field--invalid identifier-field" : "field identifier-field"}>
      <label className="field__label" htmlFor={id}>
        {label}
        {optional ? <span className="field__optional"> ({t("common.optional")})</span> : null}
      </label>
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {formError ? (
        <p className="field__error" id={errorId}>
          {formError}
        </p>
      ) : null}
      <input
        id={id}
        name={name}
        type="text"
        className="input input--mono"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        required={!optional}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        translate="no"
      />
      <div id={checkId} className={stale ? "identifier-check identifier-check--stale" : "identifier-check"}>
        {/* Announced politely: a pause in typing must not interrupt the reader with every answer. */}
        <p className="identifier-check__status" role="status">
          {trimmed === ""
            ? ""
            : check.isError
              ? t("registry.identifier.unavailable")
              : stale || !shown
                ? t("registry.identifier.checking")
                : shown.valid
                  ? t("registry.identifier.valid")
                  : t("registry.identifier.invalid")}
        </p>
        {shown && !check.isError ? (
          <>
            {shown.valid ? (
              <p className="identifier-check__valid">
                <span aria-hidden="true">✓ </span>
                {t("registry.identifier.normalized")}{" "}
                <code className="identifier-check__code" translate="no">
                  {shown.normalized}
                </code>
              </p>
            ) : null}
            {/* The server's message for the submitted value says the same: show it once. */}
            {shown.errors.length > 0 && !formError ? (
              <ul className="identifier-check__errors">
                {shown.errors.map((issue) => (
                  <li key={`${issue.code}:${issue.message}`}>{issue.message}</li>
                ))}
              </ul>
            ) : null}
            {/* Warnings are worded for a code that is accepted ("accepted; compare it with the licence"),
                so they wait until the errors are fixed. */}
            {shown.valid && shown.warnings.length > 0 ? (
              <ul className="identifier-check__warnings" aria-label={t("registry.identifier.warnings")}>
                {shown.warnings.map((issue) => (
                  <li key={`${issue.code}:${issue.message}`}>{issue.message}</li>
                ))}
              </ul>
            ) : null}
            {!shown.valid && shown.normalized !== shown.value.trim() && shown.normalized !== "" ? (
              <p className="identifier-check__normalized">
                {t("registry.identifier.readAs")}{" "}
                <code className="identifier-check__code" translate="no">
                  {shown.normalized}
                </code>
              </p>
            ) : null}
          </>
        ) : null}
      </div>
    </div>
  );
}
