import { axisTicks, niceCeiling } from "../declarations/chart";

// Geometry of the hand-drawn SVG charts of the statistics and quotas pages: pure numbers in, shapes out,
// so it can be unit-tested without a browser. Chart numbers are display copies of the API's decimal
// strings; every figure shown as text comes from the strings themselves.

export { axisTicks, niceCeiling };

export interface Frame {
  width: number;
  height: number;
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface Tick {
  value: number;
  /** Position along the value axis: y for vertical charts, x for horizontal ones. */
  at: number;
}

function plotBox(frame: Frame) {
  return {
    x0: frame.left,
    x1: Math.max(frame.left + 1, frame.width - frame.right),
    y0: frame.top,
    y1: Math.max(frame.top + 1, frame.height - frame.bottom),
  };
}

/** A round maximum for the values (never below 1) and the ticks from 0 to it. */
export function valueScale(values: readonly number[]): { max: number; ticks: number[] } {
  const peak = Math.max(0, ...values.filter((value) => Number.isFinite(value)));
  const max = niceCeiling(peak);
  return { max, ticks: axisTicks(max) };
}

/**
 * The length of a horizontal bar for `value` on a scale from 0 to `max` drawn over `room` pixels. A
 * value above zero too small for the scale still gets `minimum` pixels, so that it shows (its figure
 * is written beside it); zero, a negative or a missing value gets none.
 */
export function barLength(value: number, max: number, room: number, minimum = 2): number {
  if (!(value > 0) || !(max > 0)) return 0;
  return Math.max(minimum, (Math.min(value, max) / max) * room);
}

// ---------- Lines over months ----------

export interface LineSeriesInput {
  key: string;
  /** One value per category; null where there is no figure (the line breaks there). */
  values: readonly (number | null)[];
}

export interface LinePoint {
  index: number;
  x: number;
  y: number;
  value: number;
}

export interface LineSeriesGeometry {
  key: string;
  /** SVG path of the line, with a gap wherever a value is missing. */
  line: string;
  /** SVG path of the area under each unbroken stretch of the line, down to the axis. */
  area: string;
  /**
   * The line into and through the periods that are not over yet (`unfinishedFrom`), drawn apart
   * (dashed) so that a month still filling up does not read as a fall; "" when there are none.
   */
  pending: string;
  points: LinePoint[];
}

export interface LineGeometry {
  max: number;
  ticks: Tick[];
  /** x of each category, evenly spaced, the first and last at the plot's edges. */
  xs: number[];
  series: LineSeriesGeometry[];
  baseline: number;
}

const round = (value: number) => Math.round(value * 100) / 100;

/**
 * `unfinishedFrom`: the index of the first category whose period is not over yet (the current month);
 * the line and area stop at the last finished one, and the rest goes into `pending`.
 */
export function lineGeometry(
  categories: readonly string[],
  series: readonly LineSeriesInput[],
  frame: Frame,
  unfinishedFrom: number = categories.length,
): LineGeometry {
  const box = plotBox(frame);
  const { max, ticks } = valueScale(series.flatMap((s) => s.values.filter((v) => v !== null)));
  const y = (value: number) => round(box.y1 - (Math.max(0, value) / max) * (box.y1 - box.y0));
  const count = categories.length;
  const xs = categories.map((_, index) =>
    round(count <= 1 ? (box.x0 + box.x1) / 2 : box.x0 + ((box.x1 - box.x0) * index) / (count - 1)),
  );
  return {
    max,
    baseline: box.y1,
    ticks: ticks.map((value) => ({ value, at: y(value) })),
    xs,
    series: series.map((s) => {
      const points: LinePoint[] = [];
      const runs: LinePoint[][] = [];
      let run: LinePoint[] = [];
      s.values.forEach((value, index) => {
        const x = xs[index];
        if (value === null || x === undefined) {
          if (run.length) runs.push(run);
          run = [];
          return;
        }
        const point = { index, x, y: y(value), value };
        points.push(point);
        run.push(point);
      });
      if (run.length) runs.push(run);
      const path = (stretch: readonly LinePoint[]) =>
        stretch.map((p, i) => `${i === 0 ? "M" : "L"}${p.x},${p.y}`).join(" ");
      // A stretch that reaches the unfinished periods: its finished part is drawn as the line, and
      // from its last finished point on (so the two join) as pending.
      const pending = runs
        .filter((stretch) => (stretch.at(-1)?.index ?? -1) >= unfinishedFrom)
        .map((stretch) => {
          const from = stretch.findIndex((p) => p.index >= unfinishedFrom);
          return path(stretch.slice(Math.max(0, from - 1)));
        })
        .join(" ");
      const finished = runs
        .map((stretch) => stretch.filter((p) => p.index < unfinishedFrom))
        .filter((stretch) => stretch.length > 0);
      const line = finished.map(path).join(" ");
      const area = finished
        .map((stretch) => {
          const first = stretch[0];
          const last = stretch.at(-1);
          if (!first || !last) return "";
          return `M${first.x},${box.y1} ${stretch.map((p) => `L${p.x},${p.y}`).join(" ")} L${last.x},${box.y1} Z`;
        })
        .join(" ");
      return { key: s.key, line, area, pending, points };
    }),
  };
}

/** Every n-th category gets a label so they do not overlap: about one per `room` units of width. */
export function labelStep(count: number, plotWidth: number, room = 64): number {
  const fits = Math.max(1, Math.floor(plotWidth / room));
  return Math.max(1, Math.ceil(count / fits));
}

// ---------- Horizontal bars, plain or stacked ----------

export interface StackInput {
  key: string;
  parts: readonly { key: string; value: number }[];
}

export interface StackGeometry {
  key: string;
  y: number;
  height: number;
  /** Where the bar's label column ends and its value could be written. */
  end: number;
  parts: { key: string; x: number; width: number; value: number }[];
}

/**
 * One row per item, its parts laid end to end from the axis (a single part makes a plain bar). Rows are
 * `rowHeight` apart starting at the frame's top; negative parts are drawn as nothing.
 */
export function stackedBars(
  rows: readonly StackInput[],
  frame: Frame,
  rowHeight: number,
  barRatio = 0.62,
): { max: number; ticks: Tick[]; rows: StackGeometry[]; height: number } {
  const box = plotBox(frame);
  const totals = rows.map((row) => row.parts.reduce((sum, part) => sum + Math.max(0, part.value), 0));
  const { max, ticks } = valueScale(totals);
  const width = box.x1 - box.x0;
  const x = (value: number) => round(box.x0 + (value / max) * width);
  const barHeight = Math.max(4, rowHeight * barRatio);
  return {
    max,
    ticks: ticks.map((value) => ({ value, at: x(value) })),
    height: frame.top + rows.length * rowHeight + frame.bottom,
    rows: rows.map((row, index) => {
      let start = 0;
      const parts = row.parts.map((part) => {
        const value = Math.max(0, part.value);
        const geometry = { key: part.key, x: x(start), width: round((value / max) * width), value };
        start += value;
        return geometry;
      });
      return {
        key: row.key,
        y: round(frame.top + index * rowHeight + (rowHeight - barHeight) / 2),
        height: round(barHeight),
        end: x(start),
        parts,
      };
    }),
  };
}

// ---------- Vertical grouped bars (months) ----------

export interface GroupInput {
  key: string;
  values: readonly { key: string; value: number }[];
}

export interface GroupGeometry {
  key: string;
  /** Centre of the group, for its label. */
  center: number;
  bars: { key: string; x: number; y: number; width: number; height: number; value: number }[];
}

/** Groups of side-by-side bars along the x axis, one group per category. */
export function groupedBars(
  groups: readonly GroupInput[],
  frame: Frame,
): { max: number; ticks: Tick[]; groups: GroupGeometry[]; baseline: number } {
  const box = plotBox(frame);
  const { max, ticks } = valueScale(groups.flatMap((group) => group.values.map((v) => v.value)));
  const y = (value: number) => round(box.y1 - (Math.max(0, value) / max) * (box.y1 - box.y0));
  const slot = (box.x1 - box.x0) / Math.max(1, groups.length);
  const per = Math.max(1, ...groups.map((group) => group.values.length));
  const groupWidth = Math.min(slot * 0.8, per * 28);
  const barWidth = groupWidth / per;
  return {
    max,
    baseline: box.y1,
    ticks: ticks.map((value) => ({ value, at: y(value) })),
    groups: groups.map((group, index) => {
      const center = box.x0 + slot * index + slot / 2;
      const left = center - groupWidth / 2;
      return {
        key: group.key,
        center: round(center),
        bars: group.values.map((bar, barIndex) => {
          const top = y(bar.value);
          return {
            key: bar.key,
            x: round(left + barIndex * barWidth),
            y: top,
            width: round(Math.max(1, barWidth - 2)),
            height: round(box.y1 - top),
            value: bar.value,
          };
        }),
      };
    }),
  };
}

// ---------- Treemap ----------

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface TreemapTile extends Rect {
  key: string;
  value: number;
}

function worstRatio(row: readonly number[], side: number): number {
  const sum = row.reduce((a, b) => a + b, 0);
  if (sum <= 0 || side <= 0) return Number.POSITIVE_INFINITY;
  const largest = Math.max(...row);
  const smallest = Math.min(...row);
  return Math.max((side * side * largest) / (sum * sum), (sum * sum) / (side * side * smallest));
}

/**
 * A squarified treemap (Bruls, Huizing, van Wijk): tiles whose areas are proportional to the values,
 * as close to squares as the greedy row layout gets. Items with no positive value get no tile; the
 * tiles come back largest first.
 */
export function squarify(items: readonly { key: string; value: number }[], bounds: Rect): TreemapTile[] {
  const positive = items
    .filter((item) => Number.isFinite(item.value) && item.value > 0)
    .sort((a, b) => b.value - a.value);
  const total = positive.reduce((sum, item) => sum + item.value, 0);
  if (total <= 0 || bounds.width <= 0 || bounds.height <= 0) return [];
  const scale = (bounds.width * bounds.height) / total;
  const areas = positive.map((item) => ({ ...item, area: item.value * scale }));
  const tiles: TreemapTile[] = [];
  let rect = { ...bounds };
  let index = 0;
  while (index < areas.length) {
    const side = Math.min(rect.width, rect.height);
    const row = [areas[index] as (typeof areas)[number]];
    index += 1;
    while (index < areas.length) {
      const next = areas[index] as (typeof areas)[number];
      const current = row.map((r) => r.area);
      if (worstRatio([...current, next.area], side) > worstRatio(current, side)) break;
      row.push(next);
      index += 1;
    }
    const rowArea = row.reduce((sum, r) => sum + r.area, 0);
    const horizontal = rect.width >= rect.height;
    // Lay the row along the shorter side, as a column on the left or a strip at the top.
    const thickness = horizontal ? rowArea / rect.height : rowArea / rect.width;
    let offset = 0;
    for (const r of row) {
      const length = r.area / thickness;
      tiles.push(
        horizontal
          ? { key: r.key, value: r.value, x: rect.x, y: rect.y + offset, width: thickness, height: length }
          : { key: r.key, value: r.value, x: rect.x + offset, y: rect.y, width: length, height: thickness },
      );
      offset += length;
    }
    rect = horizontal
      ? { x: rect.x + thickness, y: rect.y, width: rect.width - thickness, height: rect.height }
      : { x: rect.x, y: rect.y + thickness, width: rect.width, height: rect.height - thickness };
  }
  return tiles.map((tile) => ({
    ...tile,
    x: round(tile.x),
    y: round(tile.y),
    width: round(tile.width),
    height: round(tile.height),
  }));
}

// ---------- Unit-value bands ----------

export interface BandInput {
  key: string;
  q1: number;
  median: number;
  q3: number;
}

export interface BandGeometry {
  key: string;
  y: number;
  /** The box from Q1 to Q3. */
  boxX: number;
  boxWidth: number;
  medianX: number;
  /** The whiskers at Q1 − 1.5 IQR (not below zero) and Q3 + 1.5 IQR: the risk engine's band. */
  lowX: number;
  highX: number;
  low: number;
  high: number;
}

/** The band the risk engine uses: [max(0, Q1 − 1.5 IQR), Q3 + 1.5 IQR]. */
export function outlierFences(q1: number, q3: number): { low: number; high: number } {
  const iqr = Math.max(0, q3 - q1);
  return { low: Math.max(0, q1 - 1.5 * iqr), high: q3 + 1.5 * iqr };
}

export function bandGeometry(
  rows: readonly BandInput[],
  frame: Frame,
  rowHeight: number,
): { max: number; ticks: Tick[]; rows: BandGeometry[] } {
  const box = plotBox(frame);
  const fenced = rows.map((row) => ({ ...row, ...outlierFences(row.q1, row.q3) }));
  const { max, ticks } = valueScale(fenced.map((row) => row.high));
  const x = (value: number) => round(box.x0 + (Math.max(0, value) / max) * (box.x1 - box.x0));
  return {
    max,
    ticks: ticks.map((value) => ({ value, at: x(value) })),
    rows: fenced.map((row, index) => ({
      key: row.key,
      y: round(frame.top + index * rowHeight + rowHeight / 2),
      boxX: x(row.q1),
      boxWidth: round(Math.max(1, x(row.q3) - x(row.q1))),
      medianX: x(row.median),
      lowX: x(row.low),
      highX: x(row.high),
      low: row.low,
      high: row.high,
    })),
  };
}

// ---------- Labels ----------

/** About how wide a character of 12-unit text is: CJK characters are square, others about 0.6 of that. */
function charWidth(char: string): number {
  return /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/.test(char) ? 12 : 7;
}

/** The label cut to fit `room` units of width, with an ellipsis when cut; the whole of it in the title. */
export function clipLabel(text: string, room: number): string {
  const chars = [...text];
  let width = 0;
  for (let index = 0; index < chars.length; index += 1) {
    width += charWidth(chars[index] ?? "");
    if (width > room) return `${chars.slice(0, Math.max(1, index - 1)).join("")}…`;
  }
  return text;
}
