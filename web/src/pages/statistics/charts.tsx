import { type ReactNode, useId } from "react";
import { useTranslation } from "react-i18next";
import { chartNumber } from "../tariffs/money";
import {
  bandGeometry,
  clipLabel,
  type Frame,
  groupedBars,
  labelStep,
  lineGeometry,
  squarify,
  stackedBars,
} from "./chart";
import "./statistics.css";

// Hand-drawn SVG charts of the statistics and quotas pages. They take the API's decimal strings and
// turn them into numbers for the geometry only; every figure in a tooltip comes formatted from the
// string itself. The drawings are hidden from assistive technology: each sits in a ChartFigure whose
// table carries the same figures.

const WIDTH = 720;

/** Axis numbers in the reader's language, short: "250 bn", "2500亿", "250 млрд". */
export function useChartFormat() {
  const { i18n } = useTranslation();
  const compact = new Intl.NumberFormat(i18n.language, { notation: "compact", maximumSignificantDigits: 3 });
  const monthFormat = new Intl.DateTimeFormat(i18n.language, {
    year: "2-digit",
    month: "short",
    timeZone: "UTC",
  });
  const longMonth = new Intl.DateTimeFormat(i18n.language, {
    year: "numeric",
    month: "long",
    timeZone: "UTC",
  });
  const toDate = (month: string) => {
    const [year, number] = month.split("-").map(Number);
    return new Date(Date.UTC(year ?? 1970, (number ?? 1) - 1, 15));
  };
  return {
    compact: (value: number) => compact.format(value),
    /** "2026-03" → "Mar 26" / "26年3月" / "март 26 г.". */
    month: (month: string) => (/^\d{4}-\d{2}$/.test(month) ? monthFormat.format(toDate(month)) : month),
    longMonth: (month: string) => (/^\d{4}-\d{2}$/.test(month) ? longMonth.format(toDate(month)) : month),
  };
}

/** The drawing area of every chart: scales with its box, hidden from assistive technology. */
function ChartSvg({ height, children }: { height: number; children: ReactNode }) {
  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${height}`}
      className="stat-svg"
      role="presentation"
      aria-hidden="true"
      focusable="false"
      preserveAspectRatio="xMidYMid meet"
    >
      {children}
    </svg>
  );
}

export interface LineSeries {
  key: string;
  label: string;
  /** A class that sets the series' colour: `series-0` … `series-7`. */
  className: string;
  values: readonly (string | null)[];
}

/** Lines over categories (months), each with a light area under it, on one value axis from zero. */
export function LineChart({
  categories,
  series,
  formatValue,
  unfinishedFrom,
  height = 280,
}: {
  categories: readonly string[];
  series: readonly LineSeries[];
  formatValue: (value: string) => string;
  /** Index of the first category whose period is not over yet: drawn dashed from there. */
  unfinishedFrom?: number;
  height?: number;
}) {
  const format = useChartFormat();
  const frame: Frame = { width: WIDTH, height, top: 12, right: 16, bottom: 30, left: 64 };
  const geometry = lineGeometry(
    categories,
    series.map((s) => ({ key: s.key, values: s.values.map((v) => (v === null ? null : chartNumber(v))) })),
    frame,
    unfinishedFrom,
  );
  const step = labelStep(categories.length, WIDTH - frame.left - frame.right);
  return (
    <ChartSvg height={height}>
      {geometry.ticks.map((tick) => (
        <g key={tick.value}>
          <line
            className="stat-svg__grid"
            x1={frame.left}
            x2={WIDTH - frame.right}
            y1={tick.at}
            y2={tick.at}
          />
          <text className="stat-svg__tick" x={frame.left - 6} y={tick.at + 4} textAnchor="end">
            {format.compact(tick.value)}
          </text>
        </g>
      ))}
      {categories.map((category, index) =>
        index % step === 0 ? (
          <text
            key={category}
            className="stat-svg__tick"
            x={geometry.xs[index]}
            y={geometry.baseline + 18}
            textAnchor="middle"
          >
            {format.month(category)}
          </text>
        ) : null,
      )}
      {geometry.series.map((s, index) => (
        <g key={s.key} className={series[index]?.className}>
          <path className="stat-svg__area" d={s.area} />
          <path className="stat-svg__line" d={s.line} />
          {s.pending ? <path className="stat-svg__line stat-svg__line--pending" d={s.pending} /> : null}
          {s.points.map((point) => {
            const raw = series[index]?.values[point.index];
            const pending = unfinishedFrom !== undefined && point.index >= unfinishedFrom;
            return (
              <circle
                key={point.index}
                className={pending ? "stat-svg__point stat-svg__point--pending" : "stat-svg__point"}
                cx={point.x}
                cy={point.y}
                r={3}
              >
                <title>
                  {`${format.longMonth(categories[point.index] ?? "")} · ${series[index]?.label}: ${raw ? formatValue(raw) : ""}`}
                </title>
              </circle>
            );
          })}
        </g>
      ))}
      <line
        className="stat-svg__axis"
        x1={frame.left}
        x2={WIDTH - frame.right}
        y1={geometry.baseline}
        y2={geometry.baseline}
      />
    </ChartSvg>
  );
}

export interface BarPart {
  key: string;
  label: string;
  className: string;
  value: string;
}

/** Side-by-side bars per category (months), from the axis up. */
export function GroupedBarChart({
  groups,
  formatValue,
  formatCategory,
  height = 240,
}: {
  groups: readonly { key: string; values: readonly BarPart[] }[];
  formatValue: (value: string) => string;
  formatCategory: (key: string) => string;
  height?: number;
}) {
  const format = useChartFormat();
  const frame: Frame = { width: WIDTH, height, top: 12, right: 16, bottom: 30, left: 64 };
  const geometry = groupedBars(
    groups.map((group) => ({
      key: group.key,
      values: group.values.map((part) => ({ key: part.key, value: chartNumber(part.value) })),
    })),
    frame,
  );
  const step = labelStep(groups.length, WIDTH - frame.left - frame.right);
  return (
    <ChartSvg height={height}>
      {geometry.ticks.map((tick) => (
        <g key={tick.value}>
          <line
            className="stat-svg__grid"
            x1={frame.left}
            x2={WIDTH - frame.right}
            y1={tick.at}
            y2={tick.at}
          />
          <text className="stat-svg__tick" x={frame.left - 6} y={tick.at + 4} textAnchor="end">
            {format.compact(tick.value)}
          </text>
        </g>
      ))}
      {geometry.groups.map((group, groupIndex) => (
        <g key={group.key}>
          {group.bars.map((bar, barIndex) => {
            const part = groups[groupIndex]?.values[barIndex];
            return (
              <rect
                key={bar.key}
                className={`stat-svg__bar ${part?.className ?? ""}`}
                x={bar.x}
                y={bar.y}
                width={bar.width}
                height={Math.max(0, bar.height)}
                rx={2}
              >
                <title>{`${formatCategory(group.key)} · ${part?.label}: ${part ? formatValue(part.value) : ""}`}</title>
              </rect>
            );
          })}
          {groupIndex % step === 0 ? (
            <text className="stat-svg__tick" x={group.center} y={geometry.baseline + 18} textAnchor="middle">
              {formatCategory(group.key)}
            </text>
          ) : null}
        </g>
      ))}
      <line
        className="stat-svg__axis"
        x1={frame.left}
        x2={WIDTH - frame.right}
        y1={geometry.baseline}
        y2={geometry.baseline}
      />
    </ChartSvg>
  );
}

export interface StackRow {
  key: string;
  label: string;
  /** Written after the bar: the row's total, already formatted. */
  total: string;
  parts: readonly BarPart[];
}

/** One horizontal bar per row, its parts end to end, the row's name above it and its total after it. */
export function StackedBarChart({
  rows,
  formatValue,
}: {
  rows: readonly StackRow[];
  formatValue: (value: string) => string;
}) {
  const format = useChartFormat();
  const rowHeight = 46;
  const frame: Frame = { width: WIDTH, height: 0, top: 8, right: 150, bottom: 26, left: 8 };
  const geometry = stackedBars(
    rows.map((row) => ({
      key: row.key,
      parts: row.parts.map((part) => ({ key: part.key, value: chartNumber(part.value) })),
    })),
    frame,
    rowHeight,
    0.4,
  );
  const height = geometry.height;
  const baseline = height - frame.bottom;
  return (
    <ChartSvg height={height}>
      {geometry.ticks.map((tick) => (
        <g key={tick.value}>
          <line className="stat-svg__grid" x1={tick.at} x2={tick.at} y1={frame.top} y2={baseline} />
          <text className="stat-svg__tick" x={tick.at} y={baseline + 16} textAnchor="middle">
            {format.compact(tick.value)}
          </text>
        </g>
      ))}
      {geometry.rows.map((row, rowIndex) => {
        const input = rows[rowIndex];
        return (
          <g key={row.key}>
            <text className="stat-svg__label" x={frame.left} y={row.y - 5}>
              {clipLabel(input?.label ?? "", WIDTH - frame.left - 8)}
            </text>
            {row.parts.map((part, partIndex) => {
              const source = input?.parts[partIndex];
              return (
                <rect
                  key={part.key}
                  className={`stat-svg__bar ${source?.className ?? ""}`}
                  x={part.x}
                  y={row.y}
                  width={Math.max(0, part.width)}
                  height={row.height}
                >
                  <title>{`${input?.label} · ${source?.label}: ${source ? formatValue(source.value) : ""}`}</title>
                </rect>
              );
            })}
            <text className="stat-svg__value" x={row.end + 6} y={row.y + row.height / 2 + 4}>
              {input?.total}
            </text>
          </g>
        );
      })}
    </ChartSvg>
  );
}

export interface TreemapItem {
  key: string;
  label: string;
  /** A second line in the tile when it has room, e.g. the share. */
  detail: string;
  className: string;
  value: string;
}

/** Tiles with areas in proportion to the values; labels only where a tile has room for them. */
export function Treemap({
  items,
  formatValue,
  height = 360,
}: {
  items: readonly TreemapItem[];
  formatValue: (value: string) => string;
  height?: number;
}) {
  const clipId = useId().replace(/:/g, "");
  const tiles = squarify(
    items.map((item) => ({ key: item.key, value: chartNumber(item.value) })),
    { x: 0, y: 0, width: WIDTH, height },
  );
  return (
    <ChartSvg height={height}>
      {tiles.map((tile, index) => {
        const item = items.find((candidate) => candidate.key === tile.key);
        const roomy = tile.width > 60 && tile.height > 32;
        const label = item?.label ?? tile.key;
        return (
          <g key={tile.key} className={item?.className}>
            {/* Labels never spill into the next tile: each is clipped to its own. */}
            <clipPath id={`${clipId}-${index}`}>
              <rect x={tile.x} y={tile.y} width={Math.max(0, tile.width - 4)} height={tile.height} />
            </clipPath>
            <rect className="treemap__tile" x={tile.x} y={tile.y} width={tile.width} height={tile.height}>
              <title>{`${label}: ${item ? formatValue(item.value) : ""} (${item?.detail ?? ""})`}</title>
            </rect>
            {roomy ? (
              <g clipPath={`url(#${clipId}-${index})`}>
                <text className="treemap__label" x={tile.x + 6} y={tile.y + 18}>
                  {clipLabel(label, tile.width - 16)}
                </text>
                {tile.height > 48 ? (
                  <text className="treemap__detail" x={tile.x + 6} y={tile.y + 34}>
                    {clipLabel(item?.detail ?? "", tile.width - 16)}
                  </text>
                ) : null}
              </g>
            ) : null}
          </g>
        );
      })}
    </ChartSvg>
  );
}

export interface BandRow {
  key: string;
  label: string;
  q1: string;
  median: string;
  q3: string;
}

/**
 * Unit-value bands: per row a box from Q1 to Q3 with the median, and whiskers out to the fences the risk
 * engine uses (Q1 − 1.5 IQR, Q3 + 1.5 IQR).
 */
export function BandChart({ rows, unit }: { rows: readonly BandRow[]; unit: string }) {
  const format = useChartFormat();
  const rowHeight = 44;
  const frame: Frame = { width: WIDTH, height: 0, top: 18, right: 24, bottom: 28, left: 240 };
  const geometry = bandGeometry(
    rows.map((row) => ({
      key: row.key,
      q1: chartNumber(row.q1),
      median: chartNumber(row.median),
      q3: chartNumber(row.q3),
    })),
    frame,
    rowHeight,
  );
  const height = frame.top + rows.length * rowHeight + frame.bottom;
  const baseline = height - frame.bottom;
  return (
    <ChartSvg height={height}>
      {geometry.ticks.map((tick) => (
        <g key={tick.value}>
          <line className="stat-svg__grid" x1={tick.at} x2={tick.at} y1={frame.top - 8} y2={baseline} />
          <text className="stat-svg__tick" x={tick.at} y={baseline + 16} textAnchor="middle">
            {format.compact(tick.value)}
          </text>
        </g>
      ))}
      <text className="stat-svg__tick" x={WIDTH - frame.right} y={frame.top - 6} textAnchor="end">
        {unit}
      </text>
      {geometry.rows.map((row, index) => (
        <g key={row.key}>
          <text className="stat-svg__label" x={frame.left - 10} y={row.y + 4} textAnchor="end">
            {clipLabel(rows[index]?.label ?? "", frame.left - 14)}
          </text>
          <line className="band__whisker" x1={row.lowX} x2={row.highX} y1={row.y} y2={row.y} />
          <line className="band__whisker" x1={row.lowX} x2={row.lowX} y1={row.y - 7} y2={row.y + 7} />
          <line className="band__whisker" x1={row.highX} x2={row.highX} y1={row.y - 7} y2={row.y + 7} />
          <rect className="band__box" x={row.boxX} y={row.y - 11} width={row.boxWidth} height={22} rx={3} />
          <line className="band__median" x1={row.medianX} x2={row.medianX} y1={row.y - 11} y2={row.y + 11} />
        </g>
      ))}
    </ChartSvg>
  );
}
