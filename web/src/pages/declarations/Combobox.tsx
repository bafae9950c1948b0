import { type KeyboardEvent, type ReactNode, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useFormField } from "../../components/Form";

export interface ComboboxOption {
  value: string;
  label: ReactNode;
  /** What a screen reader and the input's text become when the option is picked. */
  text: string;
  detail?: ReactNode;
}

export interface ComboboxProps {
  label: string;
  /** The request path the server reports errors at, e.g. `lines.0.code`. */
  name: string;
  hint?: ReactNode;
  value: string;
  onInputChange: (value: string) => void;
  onPick: (option: ComboboxOption) => void;
  options: readonly ComboboxOption[];
  /** Shown in the live region under the field: "Searching…", "3 suggestions", "Nothing found". */
  status: string;
  optional?: boolean;
  className?: string;
  inputMode?: "text" | "numeric";
  /** Extra content under the input, e.g. the name of the code typed. */
  below?: ReactNode;
}

/**
 * A text field with suggestions (the ARIA 1.2 combobox pattern): typing is free, the arrow keys move
 * through the suggestions, Enter picks one, Escape closes the list. The suggestions only help; what is
 * typed is what is sent.
 */
export function Combobox({
  label,
  name,
  hint,
  value,
  onInputChange,
  onPick,
  options,
  status,
  optional,
  className,
  inputMode = "text",
  below,
}: ComboboxProps) {
  const { t } = useTranslation();
  const id = `combo-${useId().replace(/:/g, "")}`;
  const listId = `${id}-list`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const statusId = `${id}-status`;
  const error = useFormField(name, id);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const expanded = open && options.length > 0;

  const pick = (option: ComboboxOption) => {
    onPick(option);
    setOpen(false);
    setActive(-1);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        setOpen(true);
        setActive((current) => (options.length === 0 ? -1 : (current + 1) % options.length));
        break;
      case "ArrowUp":
        event.preventDefault();
        setOpen(true);
        setActive((current) => (options.length === 0 ? -1 : (current <= 0 ? options.length : current) - 1));
        break;
      case "Enter": {
        const option = expanded ? options[active] : undefined;
        if (option) {
          // Picking a suggestion must not submit the form.
          event.preventDefault();
          pick(option);
        }
        break;
      }
      case "Escape":
        if (expanded) {
          event.preventDefault();
          setOpen(false);
          setActive(-1);
        }
        break;
    }
  };

  const describedBy = [hint ? hintId : "", error ? errorId : "", statusId].filter(Boolean).join(" ");
  return (
    <div className={["field combobox", error ? "field--invalid" : "", className ?? ""].join(" ").trim()}>
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
      <div className="combobox__box">
        <input
          id={id}
          name={name}
          type="text"
          role="combobox"
          className={inputMode === "numeric" ? "input input--code" : "input"}
          inputMode={inputMode}
          autoComplete="off"
          spellCheck={false}
          value={value}
          aria-expanded={expanded}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={expanded && active >= 0 ? `${id}-option-${active}` : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => {
            onInputChange(event.target.value);
            setOpen(true);
            setActive(-1);
          }}
          onFocus={() => setOpen(true)}
          // A click on a suggestion lands before the blur closes the list (mousedown is prevented there).
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
        />
        <div id={listId} role="listbox" aria-label={label} className="combobox__list" hidden={!expanded}>
          {options.map((option, index) => (
            // biome-ignore lint/a11y/useKeyWithClickEvents: the input handles the keys (aria-activedescendant).
            <div
              key={option.value}
              id={`${id}-option-${index}`}
              role="option"
              // Focus stays in the input; options are only pointed at, so they are not in the tab order.
              tabIndex={-1}
              aria-selected={index === active}
              className={index === active ? "combobox__option combobox__option--active" : "combobox__option"}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => pick(option)}
            >
              <span className="combobox__label">{option.label}</span>
              {option.detail ? <span className="combobox__detail">{option.detail}</span> : null}
            </div>
          ))}
        </div>
      </div>
      <p className="combobox__status" id={statusId} role="status">
        {status}
      </p>
      {below}
    </div>
  );
}
