import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Badge, ChartContainer, type ChartOption, type Column, DataTable, Notice } from "../../components";
import type { TAssessment, TCostTotals, TLandedCost, TRateUsed, TTariffRule } from "../../contracts";
import { type Formatters, useFormatters } from "./labels";
import { chartNumber, formatMoney } from "./money";

const TOTAL_CURRENCIES = ["CNY", "RUB", "USD"] as const;
const TOTAL_ROWS = ["goods", "duties", "taxes", "total"] as const;
type TotalRow = (typeof TOTAL_ROWS)[number];

// Bar colours of the chart; the same meaning as the table rows, which carry it in text too.
const CHART_COLOURS = { goods: "#0b5cad", duties: "#c27c0e", taxes: "#7a3db8" } as const;
const CHART_PARTS = ["goods", "duties", "taxes"] as const;

/** The answer of the calculator: what each side charges, explained, and the totals in three currencies. */
export function LandedCostResult({ result, stale }: { result: TLandedCost; stale: boolean }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <div
      className={stale ? "landed-result landed-result--stale" : "landed-result"}
      aria-busy={stale || undefined}
    >
      <p className="landed-result__summary">
        {t("tariffs.result.summary", {
          direction: t(`tariffs.calculator.directions.${result.direction}`),
          code: result.import.hsCode,
          value: format.money(result.goods.amount, result.goods.currency),
          date: format.date(result.date),
        })}
      </p>
      {result.prohibited ? (
        <div className="prohibited-banner" role="alert">
          <p className="prohibited-banner__title">{t("tariffs.result.prohibitedTitle")}</p>
          {[result.export, result.import].map((side) =>
            side.prohibited ? (
              <p key={side.flow} className="prohibited-banner__text">
                {side.prohibited.explanation.text}
              </p>
            ) : null,
          )}
          <p className="prohibited-banner__note">{t("tariffs.result.prohibitedText")}</p>
        </div>
      ) : null}
      {result.warnings.length > 0 ? (
        <Notice tone="warning" title={t("tariffs.result.warningsTitle")} role="note">
          <ul className="landed-warnings">
            {result.warnings.map((warning) => (
              <li key={`${warning.key}-${warning.text}`}>{warning.text}</li>
            ))}
          </ul>
        </Notice>
      ) : null}
      <div className="landed-sides">
        <SideBreakdown assessment={result.export} format={format} />
        <SideBreakdown assessment={result.import} format={format} />
      </div>
      <Totals result={result} format={format} />
    </div>
  );
}

function kindLabel(
  kind: string,
  flow: TAssessment["flow"],
): "tariffs.result.kinds.vat" | "tariffs.result.kinds.exportDuty" | "tariffs.result.kinds.importDuty" | null {
  if (kind === "vat") return "tariffs.result.kinds.vat";
  if (kind === "duty")
    return flow === "export" ? "tariffs.result.kinds.exportDuty" : "tariffs.result.kinds.importDuty";
  return null;
}

function SideBreakdown({ assessment, format }: { assessment: TAssessment; format: Formatters }) {
  const { t } = useTranslation();
  const titleId = `landed-side-${assessment.flow}`;
  const money = (amount: string) => format.money(amount, assessment.currency);
  return (
    <section
      className={assessment.prohibited ? "panel landed-side landed-side--prohibited" : "panel landed-side"}
      aria-labelledby={titleId}
    >
      <h3 id={titleId} className="landed-side__title">
        {t(`tariffs.result.sideTitle.${assessment.flow}`, { country: t(`side.${assessment.side}`) })}
      </h3>
      {assessment.prohibited ? (
        <Notice tone="danger" role="note" title={t("tariffs.result.prohibitedTitle")}>
          <p>{assessment.prohibited.explanation.text}</p>
          <RuleFacts rule={assessment.prohibited.rule} format={format} />
        </Notice>
      ) : null}

      <div className="landed-line landed-line--value">
        <div className="landed-line__head">
          <span className="landed-line__label">{t("tariffs.result.customsValue")}</span>
          <span className="landed-line__amount">{money(assessment.customsValue.amount)}</span>
        </div>
        {assessment.customsValue.rate ? (
          <RateFacts
            rate={assessment.customsValue.rate}
            base={assessment.customsValue.original.currency}
            quote={assessment.currency}
            format={format}
          />
        ) : null}
        <p className="landed-line__explanation">{assessment.customsValue.explanation.text}</p>
      </div>

      {assessment.preference ? (
        <Notice tone="success" role="note" title={t("tariffs.result.preference")}>
          <dl className="landed-facts landed-facts--figures">
            <div>
              <dt>{t("tariffs.result.exempt")}</dt>
              <dd className="num">{money(assessment.preference.exempt)}</dd>
            </div>
            <div>
              <dt>{t("tariffs.result.taxable")}</dt>
              <dd className="num">{money(assessment.preference.taxable)}</dd>
            </div>
          </dl>
          <p>{assessment.preference.explanation.text}</p>
        </Notice>
      ) : null}

      {assessment.amounts.length === 0 ? (
        <p className="landed-side__none">{t("tariffs.result.noAmounts")}</p>
      ) : (
        <ul className="landed-lines">
          {assessment.amounts.map((line) => {
            const label = kindLabel(line.kind, assessment.flow);
            return (
              <li key={`${line.kind}-${line.explanation.text}`} className="landed-line">
                <div className="landed-line__head">
                  <span className="landed-line__label">{label ? t(label) : line.kind}</span>
                  <span className="landed-line__amount">{money(line.amount)}</span>
                </div>
                <p className="landed-line__explanation">{line.explanation.text}</p>
                {line.rule ? <RuleFacts rule={line.rule} format={format} base={money(line.base)} /> : null}
              </li>
            );
          })}
        </ul>
      )}

      <div className="landed-side__total">
        <span>{t("tariffs.result.sideTotal")}</span>
        <span className="num">{money(assessment.total)}</span>
      </div>

      {assessment.warnings.length > 0 ? (
        <ul className="landed-side__warnings">
          {assessment.warnings.map((warning) => (
            <li key={`${warning.key}-${warning.text}`}>{warning.text}</li>
          ))}
        </ul>
      ) : null}
      <p className="landed-side__rounding">{assessment.rounding}</p>
    </section>
  );
}

function RateFacts({
  rate,
  base,
  quote,
  format,
}: {
  rate: TRateUsed;
  base: string;
  quote: string;
  format: Formatters;
}) {
  const { t } = useTranslation();
  return (
    <p className="landed-rate">
      <span className="landed-rate__value">
        {t("tariffs.result.rateLine", { base, rate: format.decimal(rate.rate), quote })}
      </span>
      <span className="landed-rate__source">
        {t("tariffs.result.rateSource", {
          source: format.source(rate.source),
          date: format.date(rate.publishedOn),
        })}
        {rate.via ? ` · ${t("tariffs.result.rateVia", { pivot: rate.via })}` : null}
      </span>
      {rate.sample ? <Badge tone="warning">{t("tariffs.result.sampleRate")}</Badge> : null}
    </p>
  );
}

/** Where a rule comes from: cited or sample, its rate, its legal basis and since when it applies. */
function RuleFacts({ rule, format, base }: { rule: TTariffRule; format: Formatters; base?: string }) {
  const { t } = useTranslation();
  const sourceKnown = rule.source === "cited" || rule.source === "sample";
  const rates = [
    rule.adValorem ? format.percent(rule.adValorem) : null,
    rule.specific
      ? t("tariffs.result.specificRate", {
          amount: format.money(rule.specific.amount, rule.specific.currency),
          unit: rule.specific.unit,
        })
      : null,
  ].filter((text) => text !== null);
  return (
    <div className="landed-rule">
      {sourceKnown ? (
        <span title={t(`tariffs.result.ruleSourceTitle.${rule.source === "cited" ? "cited" : "sample"}`)}>
          <Badge tone={rule.source === "cited" ? "success" : "warning"}>
            {t(`tariffs.result.ruleSource.${rule.source === "cited" ? "cited" : "sample"}`)}
          </Badge>
        </span>
      ) : (
        <Badge>{rule.source}</Badge>
      )}
      <dl className="landed-facts">
        {rates.length > 0 ? (
          <div>
            <dt>{t("tariffs.result.rate")}</dt>
            <dd>{rates.join(" + ")}</dd>
          </div>
        ) : null}
        {base ? (
          <div>
            <dt>{t("tariffs.result.base")}</dt>
            <dd className="num">{base}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t("tariffs.result.legalRef")}</dt>
          <dd>
            {rule.legalRef}{" "}
            <span className="landed-facts__muted">
              ({t("tariffs.result.validFrom", { date: format.date(rule.validFrom) })})
            </span>
          </dd>
        </div>
      </dl>
    </div>
  );
}

interface TotalsRow {
  id: TotalRow;
  values: Record<(typeof TOTAL_CURRENCIES)[number], string | null>;
}

function Totals({ result, format }: { result: TLandedCost; format: Formatters }) {
  const { t } = useTranslation();
  const rows: TotalsRow[] = TOTAL_ROWS.map((id) => ({
    id,
    values: {
      CNY: result.totals.CNY[id],
      RUB: result.totals.RUB[id],
      USD: result.totals.USD ? result.totals.USD[id] : null,
    },
  }));
  const columns: Column<TotalsRow>[] = [
    {
      id: "item",
      header: t("tariffs.result.item"),
      rowHeader: true,
      cell: (row) =>
        row.id === "total" ? (
          <strong>{t("tariffs.result.rows.total")}</strong>
        ) : (
          t(`tariffs.result.rows.${row.id}`)
        ),
    },
    ...TOTAL_CURRENCIES.map(
      (currency): Column<TotalsRow> => ({
        id: currency,
        header: <abbr title={format.currencyName(currency)}>{currency}</abbr>,
        align: "end",
        cell: (row) => {
          const value = row.values[currency];
          if (value === null) return <span title={t("tariffs.result.noUsd")}>{t("common.notSet")}</span>;
          const text = format.decimal(value, 2);
          return <span className="num">{row.id === "total" ? <strong>{text}</strong> : text}</span>;
        },
      }),
    ),
  ];
  return (
    <section className="section landed-totals" aria-labelledby="landed-totals-title">
      <h3 id="landed-totals-title" className="landed-totals__title">
        {t("tariffs.result.totalsTitle")}
      </h3>
      <DataTable
        caption={t("tariffs.result.totalsTitle")}
        captionHidden
        columns={columns}
        rows={rows}
        rowKey={(row) => row.id}
      />
      <p className="landed-totals__note">
        {t("tariffs.result.totalsNote", { date: format.date(result.date) })}
        {result.totals.USD === null ? ` ${t("tariffs.result.noUsd")}.` : null}
      </p>
      <CostChart totals={result.totals.CNY} format={format} />
    </section>
  );
}

function CostChart({ totals, format }: { totals: TCostTotals; format: Formatters }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const option = useMemo<ChartOption>(
    () => ({
      // Drawn at once: a screenshot or a reader who prefers less motion sees the final bars.
      animation: false,
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0, left: 0 },
      tooltip: {
        trigger: "item",
        // The tooltip shows the bar's display copy; the exact figures are in the table above.
        valueFormatter: (value) =>
          typeof value === "number" ? formatMoney(value.toFixed(2), "CNY", language) : String(value),
      },
      xAxis: {
        type: "value",
        axisLabel: { formatter: (value: number) => new Intl.NumberFormat(language).format(value) },
      },
      yAxis: { type: "category", data: ["CNY"] },
      series: CHART_PARTS.map((part) => ({
        type: "bar",
        name: t(`tariffs.result.rows.${part}`),
        stack: "cost",
        barMaxWidth: 40,
        itemStyle: { color: CHART_COLOURS[part] },
        data: [chartNumber(totals[part])],
      })),
    }),
    [totals, t, language],
  );
  return (
    <ChartContainer
      title={t("tariffs.result.chartTitle")}
      headingLevel={4}
      height="9rem"
      option={option}
      alternative={
        <p>
          {t("tariffs.result.chartAlt", {
            goods: format.money(totals.goods, "CNY"),
            duties: format.money(totals.duties, "CNY"),
            taxes: format.money(totals.taxes, "CNY"),
            total: format.money(totals.total, "CNY"),
          })}
        </p>
      }
    />
  );
}
