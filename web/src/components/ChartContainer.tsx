import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ChartOption } from "./chart-types";
import { Heading, type HeadingLevel } from "./Heading";
import { Spinner } from "./Spinner";

type ChartInstance = ReturnType<typeof import("./echarts-setup")["init"]>;

export interface ChartContainerProps {
  title: string;
  description?: ReactNode;
  option: ChartOption;
  /**
   * The same information without the picture — a sentence or a small table. Screen readers get it
   * instead of the chart; `showAlternative` also offers it to everyone behind a disclosure.
   */
  alternative: ReactNode;
  showAlternative?: boolean;
  /** CSS height of the drawing area; the width follows the container. */
  height?: string;
  headingLevel?: HeadingLevel;
}

/** Reads the page's font so chart labels match the text around them, Chinese included. */
function pageFontFamily(): string {
  return getComputedStyle(document.body).fontFamily;
}

/** A titled ECharts chart, loaded on demand and redrawn when its box changes size. */
export function ChartContainer({
  title,
  description,
  option,
  alternative,
  showAlternative = false,
  height = "20rem",
  headingLevel = 2,
}: ChartContainerProps) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const canvasRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<ChartInstance | null>(null);
  const [status, setStatus] = useState<"loading" | "ready" | "failed">("loading");

  useEffect(() => {
    const element = canvasRef.current;
    if (!element) return;
    let disposed = false;
    let observer: ResizeObserver | null = null;
    import("./echarts-setup")
      .then(({ init }) => {
        if (disposed) return;
        const chart = init(element, null, {
          renderer: "svg",
          locale: i18n.language.startsWith("zh") ? "ZH" : "EN",
        });
        chartRef.current = chart;
        observer = new ResizeObserver(() => chart.resize());
        observer.observe(element);
        setStatus("ready");
      })
      .catch((error: unknown) => {
        console.error("Could not load the chart library", error);
        if (!disposed) setStatus("failed");
      });
    return () => {
      disposed = true;
      observer?.disconnect();
      chartRef.current?.dispose();
      chartRef.current = null;
    };
  }, [i18n.language]);

  useEffect(() => {
    if (status !== "ready") return;
    chartRef.current?.setOption(
      { aria: { enabled: false }, textStyle: { fontFamily: pageFontFamily() }, ...option },
      { notMerge: true },
    );
  }, [option, status]);

  return (
    <figure className="chart" aria-labelledby={titleId}>
      <figcaption className="chart__caption">
        <Heading level={headingLevel} id={titleId} className="chart__title">
          {title}
        </Heading>
        {description ? <div className="chart__description">{description}</div> : null}
      </figcaption>
      <div className="chart__area" style={{ height }}>
        {/* The drawing is hidden from assistive technology; the alternative below carries its content. */}
        <div ref={canvasRef} className="chart__canvas" aria-hidden="true" />
        {status === "loading" ? (
          <div className="chart__overlay">
            <Spinner label={t("chart.loading")} />
          </div>
        ) : null}
        {status === "failed" ? (
          <div className="chart__overlay" role="alert">
            {t("chart.failed")}
          </div>
        ) : null}
      </div>
      {showAlternative ? (
        <details className="chart__alternative">
          <summary>{t("a11y.chartData")}</summary>
          {alternative}
        </details>
      ) : (
        <div className="visually-hidden">{alternative}</div>
      )}
    </figure>
  );
}
