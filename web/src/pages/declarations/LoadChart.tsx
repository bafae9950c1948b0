import { type ReactNode, useId } from "react";
import { useTranslation } from "react-i18next";
import { Heading } from "../../components";
import { type ChartFrame, type LoadSeries, labelEvery, loadGeometry } from "./chart";

const FRAME: ChartFrame = { width: 640, height: 240, left: 48, right: 16, top: 16, bottom: 32 };

/** "3 мар.", "3月3日", "Mar 3": a day of the chart's axis in the reader's language. */
function shortDate(date: string, language: string): string {
  const [year, month, day] = date.split("-").map(Number);
  if (!year || !month || !day) return date;
  return new Intl.DateTimeFormat(language, { month: "short", day: "numeric", timeZone: "UTC" }).format(
    new Date(Date.UTC(year, month - 1, day, 12)),
  );
}

/**
 * Load per day against the port's daily capacity, drawn as SVG without a chart library: bars for the
 * days (over capacity in the warning colour), a dashed line for the capacity. The figures are in the
 * table that goes with it, which is what screen readers get.
 */
export function LoadChart({
  title,
  series,
  unitLabel,
  alternative,
}: {
  title: string;
  series: LoadSeries;
  unitLabel: string;
  alternative: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const geometry = loadGeometry(series, FRAME);
  const every = labelEvery(series.days.length, FRAME.width - FRAME.left - FRAME.right);
  const number = new Intl.NumberFormat(i18n.language);
  const baseline = FRAME.height - FRAME.bottom;
  return (
    <figure className="chart load-chart" aria-labelledby={titleId}>
      <figcaption className="chart__caption">
        <Heading level={4} id={titleId} className="chart__title">
          {title}
        </Heading>
        <p className="chart__description load-chart__legend">
          <span className="load-chart__key load-chart__key--bar" aria-hidden="true" /> {unitLabel}
          {series.capacity === null ? (
            <> · {t("declarations.ports.capacityUnknown")}</>
          ) : geometry.capacityAbove ? (
            <> · {t("declarations.ports.capacityAbove", { n: number.format(series.capacity) })}</>
          ) : (
            <>
              {" "}
              <span className="load-chart__key load-chart__key--capacity" aria-hidden="true" />{" "}
              {t("declarations.ports.capacityLine", { n: number.format(series.capacity) })}
            </>
          )}
        </p>
      </figcaption>
      <svg
        className="load-chart__svg"
        viewBox={`0 0 ${FRAME.width} ${FRAME.height}`}
        role="presentation"
        aria-hidden="true"
        focusable="false"
        preserveAspectRatio="xMidYMid meet"
      >
        {geometry.ticks.map((tick) => (
          <g key={tick.value}>
            <line
              className="load-chart__grid"
              x1={FRAME.left}
              x2={FRAME.width - FRAME.right}
              y1={tick.y}
              y2={tick.y}
            />
            <text className="load-chart__tick" x={FRAME.left - 6} y={tick.y + 4} textAnchor="end">
              {number.format(tick.value)}
            </text>
          </g>
        ))}
        {geometry.bars.map((bar, index) => (
          <g key={bar.date}>
            <rect
              className={bar.over ? "load-chart__bar load-chart__bar--over" : "load-chart__bar"}
              x={bar.x}
              y={bar.y}
              width={bar.width}
              height={Math.max(0, bar.height)}
              rx={2}
            >
              <title>{`${shortDate(bar.date, i18n.language)}: ${number.format(bar.value)}`}</title>
            </rect>
            {index % every === 0 ? (
              <text
                className="load-chart__tick"
                x={bar.x + bar.width / 2}
                y={baseline + 18}
                textAnchor="middle"
              >
                {shortDate(bar.date, i18n.language)}
              </text>
            ) : null}
          </g>
        ))}
        <line
          className="load-chart__axis"
          x1={FRAME.left}
          x2={FRAME.width - FRAME.right}
          y1={baseline}
          y2={baseline}
        />
        {geometry.capacityY !== null ? (
          <line
            className="load-chart__capacity"
            x1={FRAME.left}
            x2={FRAME.width - FRAME.right}
            y1={geometry.capacityY}
            y2={geometry.capacityY}
          />
        ) : null}
      </svg>
      <details className="chart__alternative">
        <summary>{t("a11y.chartData")}</summary>
        {alternative}
      </details>
    </figure>
  );
}
