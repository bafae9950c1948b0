import { type ComponentPropsWithRef, type ReactNode, useId } from "react";
import { useTranslation } from "react-i18next";
import { useFormField } from "../../components/Form";

export type TextAreaProps = {
  label: ReactNode;
  hint?: ReactNode;
  optional?: boolean;
  /** The request path the server reports errors at, e.g. `versions.0.body`. */
  name: string;
} & Omit<ComponentPropsWithRef<"textarea">, "name" | "children">;

/** A multi-line text field that, inside a Form, shows the server's error for its `name`. */
export function TextArea({ label, hint, optional, name, className, ...textarea }: TextAreaProps) {
  const { t } = useTranslation();
  const id = `textarea-${useId().replace(/:/g, "")}`;
  const error = useFormField(name, id);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : "", error ? errorId : ""].filter(Boolean).join(" ") || undefined;
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
      <textarea
        {...textarea}
        id={id}
        name={name}
        className={["input kb-textarea", className ?? ""].filter(Boolean).join(" ")}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
    </div>
  );
}
