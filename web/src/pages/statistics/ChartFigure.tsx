import { type ReactNode, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Heading, type HeadingLevel } from "../../components";

export interface ChartFigureProps {
  title: string;
  description?: ReactNode;
  /** The key to the colours, written out, above the drawing. */
  legend?: ReactNode;
  /** The drawing (SVG, hidden from assistive technology: the table says the same). */
  chart: ReactNode;
  /** The same figures as a table: shown on request, and always what screen readers get. */
  table: ReactNode;
  /** Download links or buttons for the figures. */
  downloads?: ReactNode;
  /** Sentences under the chart: sources, methods, rates. */
  notes?: ReactNode;
  headingLevel?: HeadingLevel;
  className?: string;
}

/**
 * A titled chart with a switch between the drawing and its table, and room for downloads. In chart view
 * the table stays in the page for screen readers, visually hidden; the drawing never carries anything
 * the table does not.
 */
export function ChartFigure({
  title,
  description,
  legend,
  chart,
  table,
  downloads,
  notes,
  headingLevel = 2,
  className,
}: ChartFigureProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const [view, setView] = useState<"chart" | "table">("chart");
  return (
    <figure
      className={["chart", "stat-figure", className ?? ""].filter(Boolean).join(" ")}
      aria-labelledby={titleId}
    >
      <figcaption className="stat-figure__head">
        <div className="stat-figure__title">
          <Heading level={headingLevel} id={titleId} className="chart__title">
            {title}
          </Heading>
          {description ? <div className="chart__description">{description}</div> : null}
        </div>
        <div className="stat-figure__tools">
          <fieldset className="view-switch">
            <legend className="visually-hidden">{t("statistics.view.label", { title })}</legend>
            <button
              type="button"
              className="view-switch__button"
              aria-pressed={view === "chart"}
              onClick={() => setView("chart")}
            >
              {t("statistics.view.chart")}
            </button>
            <button
              type="button"
              className="view-switch__button"
              aria-pressed={view === "table"}
              onClick={() => setView("table")}
            >
              {t("statistics.view.table")}
            </button>
          </fieldset>
          {downloads ? <div className="stat-figure__downloads">{downloads}</div> : null}
        </div>
      </figcaption>
      {view === "chart" ? (
        <>
          {legend ? <div className="stat-figure__legend">{legend}</div> : null}
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: on a phone the drawing scrolls sideways, and a region that scrolls must take focus, or keyboard users cannot scroll it (WCAG 2.1.1). */}
          <section className="stat-figure__drawing" tabIndex={0} aria-label={title}>
            {chart}
          </section>
          <div className="visually-hidden">{table}</div>
        </>
      ) : (
        <div className="stat-figure__table">{table}</div>
      )}
      {notes ? <div className="stat-figure__notes">{notes}</div> : null}
    </figure>
  );
}

/** A coloured square and its label, for a legend. */
export function LegendItem({ swatch, children }: { swatch: string; children: ReactNode }) {
  return (
    <li className="legend__item">
      <span className={`legend__swatch ${swatch}`} aria-hidden="true" />
      {children}
    </li>
  );
}
