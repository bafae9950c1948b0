import { useTranslation } from "react-i18next";

export interface SpinnerProps {
  /** Announced to screen readers; defaults to "Loading…". */
  label?: string;
  /** Decorative spinner inside another control (e.g. a busy button), not announced on its own. */
  inline?: boolean;
}

export function Spinner({ label, inline = false }: SpinnerProps) {
  const { t } = useTranslation();
  if (inline) return <span className="spinner spinner--inline" aria-hidden="true" />;
  return (
    <div className="spinner-block" role="status">
      <span className="spinner" aria-hidden="true" />
      <span>{label ?? t("common.loading")}</span>
    </div>
  );
}

export interface ProgressBarProps {
  label: string;
  /** Between 0 and `max`; leave out while the amount of work is unknown (indeterminate). */
  value?: number;
  max?: number;
  /** Shown next to the label, e.g. "3 of 12 files". */
  valueText?: string;
}

export function ProgressBar({ label, value, max = 100, valueText }: ProgressBarProps) {
  const clamped = value === undefined ? undefined : Math.min(Math.max(value, 0), max);
  const percent = clamped === undefined ? undefined : Math.round((clamped / max) * 100);
  return (
    <div className="progress">
      <div className="progress__label">
        <span>{label}</span>
        {valueText ?? (percent === undefined ? null : <span>{percent}%</span>)}
      </div>
      <div
        className={
          percent === undefined ? "progress__track progress__track--indeterminate" : "progress__track"
        }
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={clamped}
        aria-valuetext={valueText}
      >
        <div className="progress__bar" style={percent === undefined ? undefined : { width: `${percent}%` }} />
      </div>
    </div>
  );
}
