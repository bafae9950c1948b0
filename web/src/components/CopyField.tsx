import { useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "./Button";

export interface CopyFieldProps {
  label: string;
  value: string;
}

/** A read-only value with a copy button, for secrets and identifiers people paste elsewhere. */
export function CopyField({ label, value }: CopyFieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [outcome, setOutcome] = useState<"idle" | "copied" | "failed">("idle");

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setOutcome("copied");
    } catch {
      // No clipboard permission (or no secure context): select the text so Ctrl+C / long-press works.
      inputRef.current?.select();
      setOutcome("failed");
    }
  };

  return (
    <div className="copy-field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <div className="copy-field__row">
        <input
          ref={inputRef}
          id={id}
          className="input input--mono"
          readOnly
          value={value}
          onFocus={(event) => event.currentTarget.select()}
        />
        <Button variant="secondary" onClick={copy}>
          {t("common.copy")}
        </Button>
      </div>
      <p className="copy-field__status" role="status">
        {outcome === "copied" ? t("common.copied") : outcome === "failed" ? t("common.copyFailed") : ""}
      </p>
    </div>
  );
}
