import { chartNumber } from "../tariffs/money";
import type { TPortLoadEntry } from "./contracts";

// Scales of the port dashboard's SVG chart: load per day against the port's capacity. Pure numbers in,
// geometry out, so it can be unit-tested without a browser. Figures shown as text never come from here.

export const LOAD_METRICS = ["vehicles", "wagons", "tonnes"] as const;
export type LoadMetric = (typeof LOAD_METRICS)[number];

/** The smallest "round" number (1, 2, 2.5 or 5 times a power of ten) at or above `value`; 1 for nothing. */
export function niceCeiling(value: number): number {
  if (!Number.isFinite(value) || value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) {
    const candidate = step * power;
    // Floating-point powers of ten are inexact (0.1 * 3): compare with a small tolerance.
    if (candidate >= value * (1 - 1e-9)) return candidate;
  }
  return 10 * power;
}

/**
 * Axis values from 0 to `max` inclusive at a round step (1, 2 or 5 times a power of ten), four or five
 * of them: 0–2.5 by 0.5, 0–5 by 1, 0–1 by 0.2. `max` should come from `niceCeiling`; another maximum
 * gets four equal steps.
 */
export function axisTicks(max: number): number[] {
  if (!Number.isFinite(max) || max <= 0) return [0];
  const power = 10 ** Math.floor(Math.log10(max));
  const mantissa = Number((max / power).toPrecision(12));
  const steps = mantissa === 1 || mantissa === 2.5 || mantissa === 5 ? 5 : 4;
  const step = max / steps;
  return Array.from({ length: steps + 1 }, (_, index) => Number((step * index).toPrecision(12)));
}

export interface DayPoint {
  date: string;
  value: number;
}

export interface LoadSeries {
  metric: LoadMetric;
  days: DayPoint[];
  capacity: number | null;
}

/** One port's load per day in one measure, and its daily capacity in the same measure if known. */
export function loadSeries(port: TPortLoadEntry, metric: LoadMetric): LoadSeries {
  return {
    metric,
    days: port.days.map((day) => ({
      date: day.date,
      value: metric === "tonnes" ? chartNumber(day.tonnes) : day[metric],
    })),
    capacity: port.capacity[metric],
  };
}

/**
 * The measure to show first for a port: the first with a known capacity and some traffic, else the first
 * with traffic, else vehicles.
 */
export function defaultMetric(port: TPortLoadEntry): LoadMetric {
  const traffic = (metric: LoadMetric) => loadSeries(port, metric).days.some((day) => day.value > 0);
  return (
    LOAD_METRICS.find((metric) => port.capacity[metric] !== null && traffic(metric)) ??
    LOAD_METRICS.find(traffic) ??
    "vehicles"
  );
}

export interface ChartFrame {
  width: number;
  height: number;
  /** Room for the axis labels on the left and the dates below. */
  left: number;
  bottom: number;
  top: number;
  right: number;
}

export interface BarGeometry {
  date: string;
  value: number;
  x: number;
  y: number;
  width: number;
  height: number;
  /** True when the day's load is above the capacity. */
  over: boolean;
}

export interface LoadGeometry {
  max: number;
  ticks: { value: number; y: number }[];
  bars: BarGeometry[];
  /** The capacity line's height, or null when the capacity is not known or far above the load. */
  capacityY: number | null;
  /**
   * True when the capacity is so far above the load that drawing both on one scale would flatten the
   * bars into the axis: the scale then follows the load, and the capacity is stated instead of drawn.
   */
  capacityAbove: boolean;
}

/** How many times the peak load the capacity may be and still be drawn on the same scale. */
export const CAPACITY_SCALE_LIMIT = 10;

/**
 * Bars for each day and the capacity line, in the frame's coordinates (y grows downwards, as in SVG).
 * The scale leaves room above the capacity line so it never sits on the frame's top edge.
 */
export function loadGeometry(series: LoadSeries, frame: ChartFrame): LoadGeometry {
  const plotWidth = Math.max(1, frame.width - frame.left - frame.right);
  const plotHeight = Math.max(1, frame.height - frame.top - frame.bottom);
  const peak = Math.max(0, ...series.days.map((day) => day.value));
  const capacityAbove = series.capacity !== null && peak > 0 && series.capacity > CAPACITY_SCALE_LIMIT * peak;
  const drawnCapacity = capacityAbove ? null : series.capacity;
  const max = niceCeiling(Math.max(peak, (drawnCapacity ?? 0) * 1.1));
  const y = (value: number) => frame.top + plotHeight - (Math.max(0, value) / max) * plotHeight;
  const slot = plotWidth / Math.max(1, series.days.length);
  const barWidth = Math.max(1, Math.min(slot * 0.7, 48));
  return {
    max,
    ticks: axisTicks(max).map((value) => ({ value, y: y(value) })),
    bars: series.days.map((day, index) => {
      const top = y(day.value);
      return {
        date: day.date,
        value: day.value,
        x: frame.left + slot * index + (slot - barWidth) / 2,
        y: top,
        width: barWidth,
        height: frame.top + plotHeight - top,
        over: series.capacity !== null && day.value > series.capacity,
      };
    }),
    capacityY: drawnCapacity === null ? null : y(drawnCapacity),
    capacityAbove,
  };
}

/** The share of capacity used, in whole percent; null when the capacity is unknown or zero. */
export function utilization(load: number, capacity: number | null): number | null {
  if (capacity === null || capacity <= 0) return null;
  return Math.round((load / capacity) * 100);
}

/** Every `n`-th date gets a label so they do not overlap: about one label per 60 units of width. */
export function labelEvery(count: number, plotWidth: number): number {
  const fits = Math.max(1, Math.floor(plotWidth / 60));
  return Math.max(1, Math.ceil(count / fits));
}
