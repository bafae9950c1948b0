import { type ComponentPropsWithRef, type ReactNode, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useFormField } from "./Form";

interface FieldBaseProps {
  label: ReactNode;
  /** Help shown under the label and linked to the control with aria-describedby. */
  hint?: ReactNode;
  /** An error to show; inside a Form, the server's error for this field's `name` is used otherwise. */
  error?: string;
  /** Marks the field "(optional)" rather than marking every required field. */
  optional?: boolean;
}

interface FieldShellProps extends FieldBaseProps {
  id: string;
  hintId: string;
  errorId: string;
  error: string | undefined;
  children: ReactNode;
}

function FieldShell({ id, hintId, errorId, label, hint, error, optional, children }: FieldShellProps) {
  const { t } = useTranslation();
  return (
    <div className={error ? "field field--invalid" : "field"}>
      <label className="field__label" htmlFor={id}>
        {label}
        {optional ? <span className="field__optional"> ({t("common.optional")})</span> : null}
      </label>
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      ) : null}
      {children}
    </div>
  );
}

function useFieldIds(
  explicitId: string | undefined,
  name: string | undefined,
  error: string | undefined,
  hint: ReactNode,
) {
  const generated = useId();
  const id = explicitId ?? `field-${generated.replace(/:/g, "")}`;
  const formError = useFormField(name, id);
  const shownError = error ?? formError;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : "", shownError ? errorId : ""].filter(Boolean).join(" ") || undefined;
  return {
    id,
    shell: { id, hintId, errorId, error: shownError },
    describedBy,
    invalid: shownError !== undefined,
  };
}

export type TextFieldProps = FieldBaseProps & Omit<ComponentPropsWithRef<"input">, "children">;

export function TextField({
  label,
  hint,
  error,
  optional,
  id: explicitId,
  className,
  ...input
}: TextFieldProps) {
  const ids = useFieldIds(explicitId, input.name, error, hint);
  return (
    <FieldShell {...ids.shell} label={label} hint={hint} optional={optional}>
      <input
        type="text"
        {...input}
        id={ids.id}
        className={["input", className ?? ""].filter(Boolean).join(" ")}
        required={!optional}
        aria-invalid={ids.invalid || undefined}
        aria-describedby={ids.describedBy}
      />
    </FieldShell>
  );
}

export type PasswordFieldProps = Omit<TextFieldProps, "type">;

/** A password input with a "show password" toggle, which helps most on phones. */
export function PasswordField({
  label,
  hint,
  error,
  optional,
  id: explicitId,
  className,
  ...input
}: PasswordFieldProps) {
  const { t } = useTranslation();
  const [visible, setVisible] = useState(false);
  const ids = useFieldIds(explicitId, input.name, error, hint);
  return (
    <FieldShell {...ids.shell} label={label} hint={hint} optional={optional}>
      <div className="password">
        <input
          {...input}
          type={visible ? "text" : "password"}
          id={ids.id}
          className={["input", className ?? ""].filter(Boolean).join(" ")}
          required={!optional}
          aria-invalid={ids.invalid || undefined}
          aria-describedby={ids.describedBy}
          autoCapitalize="off"
          spellCheck={false}
        />
        <button
          type="button"
          className="password__toggle"
          aria-controls={ids.id}
          aria-pressed={visible}
          onClick={() => setVisible((v) => !v)}
        >
          {visible ? t("common.hidePassword") : t("common.showPassword")}
        </button>
      </div>
    </FieldShell>
  );
}

export interface SelectOption {
  value: string;
  label: string;
}

export type SelectProps = FieldBaseProps &
  Omit<ComponentPropsWithRef<"select">, "children"> & { options: readonly SelectOption[] };

export function Select({
  label,
  hint,
  error,
  optional,
  id: explicitId,
  className,
  options,
  ...select
}: SelectProps) {
  const ids = useFieldIds(explicitId, select.name, error, hint);
  return (
    <FieldShell {...ids.shell} label={label} hint={hint} optional={optional}>
      <select
        {...select}
        id={ids.id}
        className={["input select", className ?? ""].filter(Boolean).join(" ")}
        required={!optional}
        aria-invalid={ids.invalid || undefined}
        aria-describedby={ids.describedBy}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

interface ChoiceProps extends Omit<ComponentPropsWithRef<"input">, "id" | "children"> {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
}

/**
 * One box or radio with its label beside it: the input is labelled through `htmlFor`, so a click on the
 * label's text or hint toggles it, and the hint is also its description. `className` is the wrapper's.
 */
function Choice({ id, label, hint, className, ...input }: ChoiceProps) {
  const hintId = `${id}-hint`;
  return (
    <div className={["checkbox", className ?? ""].filter(Boolean).join(" ")}>
      <input {...input} id={id} aria-describedby={hint ? hintId : undefined} />
      <label htmlFor={id}>
        <span className="checkbox__label">{label}</span>
        {hint ? (
          <span className="checkbox__hint" id={hintId}>
            {hint}
          </span>
        ) : null}
      </label>
    </div>
  );
}

export interface CheckboxProps
  extends Omit<ComponentPropsWithRef<"input">, "type" | "checked" | "onChange" | "children"> {
  label: ReactNode;
  /** Help shown under the label and linked to the box with aria-describedby. */
  hint?: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  /** Added to the wrapper (`checkbox`), e.g. for its place in a layout. */
  className?: string;
}

/** One choice that is on or off, e.g. "Show earlier versions". Several under one question: CheckboxGroup. */
export function Checkbox({ id: explicitId, onChange, ...rest }: CheckboxProps) {
  const generated = useId();
  const id = explicitId ?? `checkbox-${generated.replace(/:/g, "")}`;
  return <Choice {...rest} type="checkbox" id={id} onChange={(event) => onChange(event.target.checked)} />;
}

export interface ChoiceOption<V extends string = string> {
  value: V;
  label: string;
  hint?: string;
}

/** The options of a group of checkboxes. */
export type CheckboxOption = ChoiceOption;

interface ChoiceGroupProps<V extends string> {
  type: "checkbox" | "radio";
  legend: ReactNode;
  /** The request path the server reports errors at, e.g. `aeo.level`. */
  name: string;
  options: readonly ChoiceOption<V>[];
  isChecked: (value: V) => boolean;
  onPick: (value: V) => void;
  hint?: ReactNode;
  error?: string | undefined;
  inline?: boolean;
}

/** Boxes or radios under one question, as a fieldset so the legend is read with each option. */
function ChoiceGroup<V extends string>({
  type,
  legend,
  name,
  options,
  isChecked,
  onPick,
  hint,
  error,
  inline,
}: ChoiceGroupProps<V>) {
  const groupId = `group-${useId().replace(/:/g, "")}`;
  const formError = useFormField(name, `${groupId}-0`);
  const shownError = error ?? formError;
  const hintId = `${groupId}-hint`;
  const errorId = `${groupId}-error`;
  const describedBy = [hint ? hintId : "", shownError ? errorId : ""].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset
      className={shownError ? "field fieldset field--invalid" : "field fieldset"}
      aria-describedby={describedBy}
    >
      <legend className="field__label">{legend}</legend>
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {shownError ? (
        <p className="field__error" id={errorId}>
          {shownError}
        </p>
      ) : null}
      <div className={inline ? "checkboxes radios--inline" : "checkboxes"}>
        {options.map((option, index) => (
          <Choice
            key={option.value}
            type={type}
            id={`${groupId}-${index}`}
            name={name}
            value={option.value}
            label={option.label}
            hint={option.hint}
            checked={isChecked(option.value)}
            onChange={() => onPick(option.value)}
          />
        ))}
      </div>
    </fieldset>
  );
}

export interface CheckboxGroupProps {
  legend: ReactNode;
  name: string;
  options: readonly ChoiceOption[];
  value: readonly string[];
  onChange: (value: string[]) => void;
  hint?: ReactNode;
  error?: string;
}

/** Several independent choices under one question. */
export function CheckboxGroup({ value, onChange, ...rest }: CheckboxGroupProps) {
  return (
    <ChoiceGroup
      {...rest}
      type="checkbox"
      isChecked={(v) => value.includes(v)}
      onPick={(v) => onChange(value.includes(v) ? value.filter((x) => x !== v) : [...value, v])}
    />
  );
}

export interface RadioGroupProps<V extends string> {
  legend: ReactNode;
  name: string;
  options: readonly ChoiceOption<V>[];
  value: V;
  onChange: (value: V) => void;
  hint?: ReactNode;
  /** Lays the options side by side where they fit (short labels). */
  inline?: boolean;
}

/** One choice out of a few. */
export function RadioGroup<V extends string>({ value, onChange, ...rest }: RadioGroupProps<V>) {
  return <ChoiceGroup<V> {...rest} type="radio" isChecked={(v) => v === value} onPick={onChange} />;
}
