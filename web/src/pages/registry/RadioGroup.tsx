import { type ReactNode, useId } from "react";
import { useFormField } from "../../components/Form";

export interface RadioOption<V extends string> {
  value: V;
  label: string;
  hint?: string;
}

export interface RadioGroupProps<V extends string> {
  legend: ReactNode;
  /** The request path the server reports errors at, e.g. `aeo.level`. */
  name: string;
  options: readonly RadioOption<V>[];
  value: V;
  onChange: (value: V) => void;
  hint?: ReactNode;
  /** Lays the options side by side where they fit (short labels). */
  inline?: boolean;
}

/** One choice out of a few, as a fieldset so the legend is read with each option. */
export function RadioGroup<V extends string>({
  legend,
  name,
  options,
  value,
  onChange,
  hint,
  inline = false,
}: RadioGroupProps<V>) {
  const groupId = `radios-${useId().replace(/:/g, "")}`;
  const formError = useFormField(name, `${groupId}-0`);
  const hintId = `${groupId}-hint`;
  const errorId = `${groupId}-error`;
  const describedBy = [hint ? hintId : "", formError ? errorId : ""].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset
      className={formError ? "field fieldset field--invalid" : "field fieldset"}
      aria-describedby={describedBy}
    >
      <legend className="field__label">{legend}</legend>
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
      <div className={inline ? "checkboxes radios--inline" : "checkboxes"}>
        {options.map((option, index) => {
          const id = `${groupId}-${index}`;
          return (
            <div className="checkbox" key={option.value}>
              <input
                type="radio"
                id={id}
                name={name}
                value={option.value}
                checked={value === option.value}
                aria-describedby={option.hint ? `${id}-hint` : undefined}
                onChange={() => onChange(option.value)}
              />
              <label htmlFor={id}>
                <span className="checkbox__label">{option.label}</span>
                {option.hint ? (
                  <span className="checkbox__hint" id={`${id}-hint`}>
                    {option.hint}
                  </span>
                ) : null}
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
