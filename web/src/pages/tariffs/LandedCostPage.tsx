import { useEffect, useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useSearchParams } from "react-router";
import { isApiError } from "../../api";
import {
  Button,
  Checkbox,
  CopyField,
  EmptyState,
  ErrorState,
  Form,
  Select,
  Spinner,
  TextField,
} from "../../components";
import { useFormField } from "../../components/Form";
import { PageHeader } from "../../components/PageHeader";
import { QUANTITY_UNITS, TRADE_DIRECTIONS, type TTradeDirection } from "../../contracts";
import { KEEP_FOCUS } from "../../layout/navigation";
import { LocalName } from "../reference/LocalName";
import { HS_BROWSER_PATH } from "../reference/paths";
import { useHsNode } from "../reference/queries";
import {
  type CalculatorInput,
  CURRENCIES,
  inputFromParams,
  localToday,
  normalizeHsCode,
  normalizeInput,
  paramsFromInput,
  requestFromInput,
} from "./calculatorInput";
import { LandedCostResult } from "./LandedCostResult";
import { useFormatters } from "./labels";
import { RATES_PATH } from "./paths";
import { useLandedCost } from "./queries";
import "./tariffs.css";

// Countries offered as the origin of goods besides "same as the exporting side": the two sides and
// their usual third-country suppliers. Named by Intl in the reader's language.
const ORIGINS = ["CN", "RU", "KZ", "MN", "BY", "KR", "JP", "DE", "US"] as const;

const HS_LOOKUP_DELAY_MS = 400;

function useDebounced<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}

/**
 * The landed-cost calculator. Every input lives in the address: a submitted calculation can be linked,
 * and opening such a link computes at once.
 */
export function LandedCostPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  // The day is fixed for the visit; a calculation opened from a link keeps the date it was made for.
  const [today] = useState(localToday);
  const applied = useMemo(() => inputFromParams(new URLSearchParams(search), today), [search, today]);
  const [draft, setDraft] = useState<CalculatorInput>(applied);
  // The address changed (back button, a link): the form follows it.
  useEffect(() => setDraft(applied), [applied]);

  const request = useMemo(() => requestFromInput(applied), [applied]);
  const landed = useLandedCost(request);
  const busy = landed.isFetching;

  const submit = () => {
    const next = normalizeInput(draft);
    setDraft(next);
    const nextParams = new URLSearchParams(paramsFromInput(next));
    if (nextParams.toString() === search) void landed.refetch();
    else setParams(nextParams, { state: KEEP_FOCUS });
  };

  const serverFailed = isApiError(landed.error)
    ? landed.error.status === 0 || landed.error.status >= 500
    : true;
  const shareUrl = `${window.location.origin}${location.pathname}${location.search}`;

  return (
    <>
      <PageHeader
        title={t("tariffs.calculator.title")}
        description={<p>{t("tariffs.calculator.intro")}</p>}
        actions={<Link to={RATES_PATH}>{t("tariffs.calculator.ratesLink")}</Link>}
      />
      <div className="landed">
        <section className="panel landed__form" aria-labelledby="landed-form-title">
          <h2 id="landed-form-title" className="landed__form-title">
            {t("tariffs.calculator.formTitle")}
          </h2>
          <Form onSubmit={submit} error={landed.error} busy={busy}>
            <CalculatorFields draft={draft} onChange={(patch) => setDraft((d) => ({ ...d, ...patch }))} />
            <div className="form__actions">
              <Button
                type="submit"
                variant="primary"
                loading={busy}
                loadingLabel={t("tariffs.calculator.submitting")}
              >
                {t("tariffs.calculator.submit")}
              </Button>
            </div>
          </Form>
        </section>
        <section className="landed__result" aria-labelledby="landed-result-title">
          <h2 id="landed-result-title" className="visually-hidden">
            {t("tariffs.result.title")}
          </h2>
          <p className="visually-hidden" role="status">
            {landed.isFetching ? t("tariffs.calculator.submitting") : ""}
          </p>
          {request === null ? (
            <EmptyState title={t("tariffs.calculator.emptyTitle")} headingLevel={3}>
              <p>{t("tariffs.calculator.emptyText")}</p>
            </EmptyState>
          ) : landed.data ? (
            <>
              <LandedCostResult result={landed.data} stale={landed.isPlaceholderData} />
              <div className="panel landed__share">
                <CopyField label={t("tariffs.calculator.copyLabel")} value={shareUrl} />
              </div>
            </>
          ) : landed.isPending ? (
            <Spinner label={t("tariffs.calculator.submitting")} />
          ) : landed.isError && serverFailed ? (
            <ErrorState
              error={landed.error}
              onRetry={() => void landed.refetch()}
              retrying={landed.isFetching}
            />
          ) : null}
        </section>
      </div>
    </>
  );
}

function CalculatorFields({
  draft,
  onChange,
}: {
  draft: CalculatorInput;
  onChange: (patch: Partial<CalculatorInput>) => void;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const currencyOptions = CURRENCIES.map((code) => ({
    value: code,
    label: `${code} — ${format.currencyName(code)}`,
  }));
  const unitOptions = [
    { value: "", label: t("tariffs.calculator.unitNone") },
    ...QUANTITY_UNITS.map((unit) => ({ value: unit, label: t(`tariffs.calculator.units.${unit}`) })),
  ];
  const originOptions = [
    { value: "", label: t("tariffs.calculator.originDefault") },
    ...ORIGINS.map((code) => ({ value: code, label: format.countryName(code) })),
  ];
  return (
    <>
      <DirectionSwitch value={draft.direction} onChange={(direction) => onChange({ direction })} />
      <HsCodeField value={draft.hsCode} onChange={(hsCode) => onChange({ hsCode })} />
      <div className="landed__pair">
        <TextField
          name="value.amount"
          label={t("tariffs.calculator.value")}
          hint={t("tariffs.calculator.valueHint")}
          inputMode="decimal"
          autoComplete="off"
          className="input--number"
          value={draft.amount}
          onChange={(event) => onChange({ amount: event.target.value })}
        />
        <Select
          name="value.currency"
          label={t("tariffs.calculator.currency")}
          options={currencyOptions}
          value={draft.currency}
          onChange={(event) => {
            const currency = CURRENCIES.find((code) => code === event.target.value);
            if (currency) onChange({ currency });
          }}
        />
      </div>
      <div className="landed__pair">
        <TextField
          name="quantity.value"
          label={t("tariffs.calculator.quantity")}
          hint={t("tariffs.calculator.quantityHint")}
          optional
          inputMode="decimal"
          autoComplete="off"
          className="input--number"
          value={draft.quantity}
          onChange={(event) => onChange({ quantity: event.target.value })}
        />
        <Select
          name="quantity.unit"
          label={t("tariffs.calculator.unit")}
          optional
          options={unitOptions}
          value={draft.unit}
          onChange={(event) =>
            onChange({ unit: QUANTITY_UNITS.find((unit) => unit === event.target.value) ?? "" })
          }
        />
      </div>
      <div className="landed__pair landed__pair--even">
        <TextField
          name="date"
          type="date"
          label={t("tariffs.calculator.date")}
          hint={t("tariffs.calculator.dateHint")}
          value={draft.date}
          onChange={(event) => onChange({ date: event.target.value })}
        />
        <Select
          name="origin"
          label={t("tariffs.calculator.origin")}
          optional
          options={originOptions}
          value={draft.origin}
          onChange={(event) => onChange({ origin: event.target.value })}
        />
      </div>
      {draft.direction === "RU_TO_CN" ? <ResidentFields draft={draft} onChange={onChange} /> : null}
    </>
  );
}

/** The direction as two segments: a radio group, so arrows move between them and the legend is read. */
function DirectionSwitch({
  value,
  onChange,
}: {
  value: TTradeDirection;
  onChange: (value: TTradeDirection) => void;
}) {
  const { t } = useTranslation();
  const groupId = `direction-${useId().replace(/:/g, "")}`;
  const error = useFormField("direction", `${groupId}-0`);
  return (
    <fieldset className={error ? "field fieldset field--invalid" : "field fieldset"}>
      <legend className="field__label">{t("tariffs.calculator.direction")}</legend>
      {error ? <p className="field__error">{error}</p> : null}
      <div className="segmented">
        {TRADE_DIRECTIONS.map((direction, index) => (
          <label key={direction} className="segmented__option" htmlFor={`${groupId}-${index}`}>
            <input
              type="radio"
              id={`${groupId}-${index}`}
              name="direction"
              value={direction}
              checked={value === direction}
              onChange={() => onChange(direction)}
            />
            <span>{t(`tariffs.calculator.directions.${direction}`)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** The HS code with its name in the reader's language as it is typed, and a way to the HS browser. */
function HsCodeField({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  const typed = useDebounced(normalizeHsCode(value), HS_LOOKUP_DELAY_MS);
  const code = /^\d{2,10}$/.test(typed) ? typed : null;
  const node = useHsNode(code);
  const unknown = isApiError(node.error) && node.error.status === 404;
  return (
    <div className="hs-field">
      <TextField
        name="hsCode"
        label={t("tariffs.calculator.hsCode")}
        hint={t("tariffs.calculator.hsHint")}
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        className="input--code"
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
      <div className="hs-field__name" aria-live="polite">
        {code === null ? null : node.data && node.data.code === code ? (
          <p>
            <LocalName names={node.data.names} />
          </p>
        ) : node.isFetching ? (
          <p className="hs-field__muted">{t("tariffs.calculator.hsLooking")}</p>
        ) : unknown ? (
          <p className="hs-field__muted">{t("tariffs.calculator.hsUnknown")}</p>
        ) : null}
      </div>
      <p className="hs-field__link">
        {code ? (
          <Link to={`${HS_BROWSER_PATH}/${code}`}>{t("tariffs.calculator.hsOpen", { code })}</Link>
        ) : (
          <Link to={HS_BROWSER_PATH}>{t("tariffs.calculator.hsBrowse")}</Link>
        )}
      </p>
    </div>
  );
}

function ResidentFields({
  draft,
  onChange,
}: {
  draft: CalculatorInput;
  onChange: (patch: Partial<CalculatorInput>) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="landed__resident">
      <Checkbox
        name="preference"
        label={t("tariffs.calculator.resident")}
        hint={t("tariffs.calculator.residentHint")}
        checked={draft.resident}
        onChange={(resident) => onChange({ resident })}
      />
      {draft.resident ? (
        <TextField
          name="residentUsedTodayCny"
          label={t("tariffs.calculator.usedToday")}
          optional
          inputMode="decimal"
          autoComplete="off"
          className="input--number"
          placeholder="0"
          value={draft.usedToday}
          onChange={(event) => onChange({ usedToday: event.target.value })}
        />
      ) : null}
    </div>
  );
}
