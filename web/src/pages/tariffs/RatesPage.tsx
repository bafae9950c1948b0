import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import {
  Badge,
  Button,
  ChartContainer,
  type ChartOption,
  DataTable,
  ErrorState,
  Form,
  Notice,
  PageHeader,
  Select,
  Spinner,
  TextField,
} from "../../components";
import type { TExchangeRate } from "../../contracts";
import { KEEP_FOCUS } from "../../layout/navigation";
import { CURRENCIES, type Currency, localToday } from "./calculatorInput";
import { type Formatters, useFormatters } from "./labels";
import { chartNumber } from "./money";
import { LANDED_COST_PATH } from "./paths";
import { useDailyRates, useExchangeRate, useMonthlyRate } from "./queries";
import "./tariffs.css";

interface RatesInput {
  base: Currency;
  quote: Currency;
  date: string;
  month: string;
}

function currencyParam(value: string | null, fallback: Currency): Currency {
  return CURRENCIES.find((code) => code === value) ?? fallback;
}

function ratesFromParams(params: URLSearchParams, today: string): RatesInput {
  const date = params.get("date") ?? "";
  const month = params.get("month") ?? "";
  const validDate = /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : today;
  return {
    base: currencyParam(params.get("base"), "CNY"),
    quote: currencyParam(params.get("quote"), "RUB"),
    date: validDate,
    month: /^\d{4}-(0[1-9]|1[0-2])$/.test(month) ? month : validDate.slice(0, 7),
  };
}

/** Official exchange rates: the rate in force on a date and a month's average, with their provenance. */
export function RatesPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  const [today] = useState(localToday);
  const applied = useMemo(() => ratesFromParams(new URLSearchParams(search), today), [search, today]);
  const [draft, setDraft] = useState(applied);
  useEffect(() => setDraft(applied), [applied]);

  const samePair = applied.base === applied.quote;
  const day = useExchangeRate(
    samePair ? null : { base: applied.base, quote: applied.quote, date: applied.date },
  );
  const month = useMonthlyRate(
    samePair ? null : { base: applied.base, quote: applied.quote, month: applied.month },
  );
  const daily = useDailyRates(
    samePair ? null : { base: applied.base, quote: applied.quote, month: applied.month },
  );

  const currencyOptions = CURRENCIES.map((code) => ({
    value: code,
    label: `${code} — ${format.currencyName(code)}`,
  }));
  const monthLabel = format.date(applied.month);

  return (
    <>
      <PageHeader
        title={t("tariffs.rates.title")}
        description={<p>{t("tariffs.rates.intro")}</p>}
        actions={<Link to={LANDED_COST_PATH}>{t("tariffs.rates.calculatorLink")}</Link>}
      />
      <section className="panel rates-form" aria-labelledby="rates-form-title">
        <h2 id="rates-form-title" className="visually-hidden">
          {t("tariffs.rates.formTitle")}
        </h2>
        <Form
          onSubmit={() =>
            setParams(
              { base: draft.base, quote: draft.quote, date: draft.date, month: draft.month },
              { state: KEEP_FOCUS },
            )
          }
        >
          <div className="rates-form__grid">
            <Select
              name="base"
              label={t("tariffs.rates.base")}
              options={currencyOptions}
              value={draft.base}
              onChange={(event) =>
                setDraft((d) => ({ ...d, base: currencyParam(event.target.value, d.base) }))
              }
            />
            <Button
              variant="ghost"
              className="rates-form__swap"
              onClick={() => setDraft((d) => ({ ...d, base: d.quote, quote: d.base }))}
            >
              <span aria-hidden="true">⇄ </span>
              {t("tariffs.rates.swap")}
            </Button>
            <Select
              name="quote"
              label={t("tariffs.rates.quote")}
              options={currencyOptions}
              value={draft.quote}
              onChange={(event) =>
                setDraft((d) => ({ ...d, quote: currencyParam(event.target.value, d.quote) }))
              }
            />
            <TextField
              name="date"
              type="date"
              label={t("tariffs.rates.date")}
              value={draft.date}
              onChange={(event) => setDraft((d) => ({ ...d, date: event.target.value }))}
            />
            <TextField
              name="month"
              type="month"
              label={t("tariffs.rates.month")}
              value={draft.month}
              onChange={(event) => setDraft((d) => ({ ...d, month: event.target.value }))}
            />
          </div>
          <div className="form__actions">
            <Button type="submit" variant="primary">
              {t("tariffs.rates.submit")}
            </Button>
          </div>
        </Form>
      </section>

      {samePair ? (
        <Notice tone="info">{t("tariffs.rates.sameCurrency")}</Notice>
      ) : (
        <>
          <div className="rates-cards">
            <section className="panel rate-card" aria-labelledby="rate-day-title">
              <h2 id="rate-day-title" className="rate-card__title">
                {t("tariffs.rates.dayTitle", { date: format.date(applied.date) })}
              </h2>
              {day.isPending ? (
                <Spinner />
              ) : day.isError ? (
                <ErrorState error={day.error} onRetry={() => void day.refetch()} retrying={day.isFetching} />
              ) : (
                <>
                  <p className="rate-card__value">
                    1 {day.data.base} = <span className="num">{format.decimal(day.data.rate)}</span>{" "}
                    {day.data.quote}
                  </p>
                  {day.data.sample ? <Badge tone="warning">{t("tariffs.result.sampleRate")}</Badge> : null}
                  <dl className="landed-facts">
                    <div>
                      <dt>{t("tariffs.rates.published")}</dt>
                      <dd>{format.date(day.data.publishedOn)}</dd>
                    </div>
                    <div>
                      <dt>{t("tariffs.rates.source")}</dt>
                      <dd>{format.source(day.data.source)}</dd>
                    </div>
                    <div>
                      <dt>{t("tariffs.rates.pivot")}</dt>
                      <dd>
                        {day.data.via
                          ? t("tariffs.result.rateVia", { pivot: day.data.via })
                          : t("tariffs.rates.direct")}
                      </dd>
                    </div>
                  </dl>
                </>
              )}
            </section>
            <section className="panel rate-card" aria-labelledby="rate-month-title">
              <h2 id="rate-month-title" className="rate-card__title">
                {t("tariffs.rates.monthTitle", { month: monthLabel })}
              </h2>
              {month.isPending ? (
                <Spinner />
              ) : month.isError ? (
                <ErrorState
                  error={month.error}
                  onRetry={() => void month.refetch()}
                  retrying={month.isFetching}
                />
              ) : (
                <>
                  <p className="rate-card__value">
                    1 {month.data.base} = <span className="num">{format.decimal(month.data.rate)}</span>{" "}
                    {month.data.quote}
                  </p>
                  {month.data.sample ? <Badge tone="warning">{t("tariffs.result.sampleRate")}</Badge> : null}
                  <dl className="landed-facts">
                    <div>
                      <dt>{t("tariffs.rates.days")}</dt>
                      <dd className="num">{month.data.days}</dd>
                    </div>
                    <div>
                      <dt>{t("tariffs.rates.pivot")}</dt>
                      <dd>
                        {month.data.via
                          ? t("tariffs.result.rateVia", { pivot: month.data.via })
                          : t("tariffs.rates.direct")}
                      </dd>
                    </div>
                  </dl>
                </>
              )}
            </section>
          </div>
          {daily.data && daily.data.length > 0 ? (
            <DailyChart rates={daily.data} monthLabel={monthLabel} format={format} />
          ) : daily.isPending ? (
            <Spinner />
          ) : null}
        </>
      )}
    </>
  );
}

function DailyChart({
  rates,
  monthLabel,
  format,
}: {
  rates: TExchangeRate[];
  monthLabel: string;
  format: Formatters;
}) {
  const { t } = useTranslation();
  const first = rates[0];
  const option = useMemo<ChartOption>(
    () => ({
      // Drawn at once: a screenshot or a reader who prefers less motion sees the final bars.
      animation: false,
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      tooltip: { trigger: "axis" },
      xAxis: { type: "category", data: rates.map((rate) => rate.date.slice(8)) },
      yAxis: { type: "value", scale: true },
      series: [
        {
          type: "line",
          name: first ? `${first.base}/${first.quote}` : "",
          step: "end",
          showSymbol: false,
          itemStyle: { color: "#0b5cad" },
          data: rates.map((rate) => chartNumber(rate.rate)),
        },
      ],
    }),
    [rates, first],
  );
  if (!first) return null;
  // The extremes by the decimal strings' numeric value; only for the sentence, the strings are shown.
  const sorted = [...rates].sort((a, b) => chartNumber(a.rate) - chartNumber(b.rate));
  const min = sorted[0]?.rate ?? first.rate;
  const max = sorted[sorted.length - 1]?.rate ?? first.rate;
  return (
    <section className="section">
      <ChartContainer
        title={t("tariffs.rates.chartTitle", { month: monthLabel })}
        height="16rem"
        option={option}
        showAlternative
        alternative={
          <>
            <p>
              {t("tariffs.rates.chartAlt", {
                min: format.decimal(min),
                max: format.decimal(max),
                base: first.base,
                quote: first.quote,
              })}
            </p>
            <DataTable
              caption={t("tariffs.rates.chartTitle", { month: monthLabel })}
              captionHidden
              rows={rates}
              rowKey={(rate) => rate.date}
              pageSizes={[31]}
              columns={[
                {
                  id: "day",
                  header: t("tariffs.rates.day"),
                  rowHeader: true,
                  cell: (rate) => format.date(rate.date),
                },
                {
                  id: "rate",
                  header: t("tariffs.rates.rate"),
                  align: "end",
                  cell: (rate) => <span className="num">{format.decimal(rate.rate)}</span>,
                },
                {
                  id: "published",
                  header: t("tariffs.rates.published"),
                  cell: (rate) => format.date(rate.publishedOn),
                },
              ]}
            />
          </>
        }
      />
    </section>
  );
}
