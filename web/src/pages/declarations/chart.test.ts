import { describe, expect, it } from "vitest";
import {
  axisTicks,
  defaultMetric,
  labelEvery,
  loadGeometry,
  loadSeries,
  niceCeiling,
  utilization,
} from "./chart";
import type { TPortLoadEntry } from "./contracts";

const FRAME = { width: 640, height: 240, left: 48, right: 16, top: 16, bottom: 32 };

function port(
  days: { vehicles: number; wagons?: number; tonnes?: string }[],
  capacity: Partial<TPortLoadEntry["capacity"]> = {},
): TPortLoadEntry {
  return {
    portId: "heihe-blagoveshchensk",
    side: "CN",
    capacity: { vehicles: null, wagons: null, tonnes: null, ...capacity },
    queue: { green: 0, blue: 0, yellow: 0, red: 0 },
    days: days.map((day, index) => ({
      date: `2026-03-${String(index + 1).padStart(2, "0")}`,
      submitted: 0,
      released: 0,
      tonnes: day.tonnes ?? "0",
      vehicles: day.vehicles,
      wagons: day.wagons ?? 0,
      medianMinutes: null,
      p90Minutes: null,
    })),
  };
}

describe("port dashboard chart scales", () => {
  it("rounds the top of the scale up to 1, 2, 2.5 or 5 times a power of ten", () => {
    expect(niceCeiling(0)).toBe(1);
    expect(niceCeiling(7)).toBe(10);
    expect(niceCeiling(11)).toBe(20);
    expect(niceCeiling(220)).toBe(250);
    expect(niceCeiling(873.4)).toBe(1000);
    expect(niceCeiling(0.3)).toBe(0.5);
    expect(niceCeiling(500)).toBe(500);
  });

  it("steps the axis by 1, 2 or 5 times a power of ten, never by 62.5 or 1.25", () => {
    expect(axisTicks(250)).toEqual([0, 50, 100, 150, 200, 250]);
    expect(axisTicks(1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(axisTicks(2)).toEqual([0, 0.5, 1, 1.5, 2]);
    expect(axisTicks(5e11)).toEqual([0, 1e11, 2e11, 3e11, 4e11, 5e11]);
    expect(axisTicks(0.5)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(axisTicks(1000)).toEqual([0, 200, 400, 600, 800, 1000]);
    for (let exponent = -3; exponent <= 12; exponent++)
      for (const mantissa of [1, 2, 2.5, 5]) {
        const max = Number((mantissa * 10 ** exponent).toPrecision(12));
        const ticks = axisTicks(max);
        const step = Number(
          ((ticks[1] as number) / 10 ** Math.floor(Math.log10(ticks[1] as number))).toPrecision(12),
        );
        expect([1, 2, 5]).toContain(step);
        expect(ticks.at(-1)).toBe(max);
        expect(ticks.length).toBeGreaterThanOrEqual(5);
        expect(ticks.length).toBeLessThanOrEqual(6);
      }
    expect(axisTicks(0)).toEqual([0]);
  });

  it("draws the days as bars against the capacity line, higher days taller, over capacity marked", () => {
    const series = loadSeries(
      port([{ vehicles: 300 }, { vehicles: 600 }, { vehicles: 900 }], { vehicles: 794 }),
      "vehicles",
    );
    const geometry = loadGeometry(series, FRAME);
    const baseline = FRAME.height - FRAME.bottom;
    expect(geometry.max).toBe(1000);
    expect(geometry.capacityAbove).toBe(false);
    expect(geometry.capacityY).toBeCloseTo(baseline - (794 / 1000) * (baseline - FRAME.top));
    const [a, b, c] = geometry.bars;
    expect(b!.height).toBeCloseTo(a!.height * 2);
    expect(a!.y + a!.height).toBeCloseTo(baseline);
    expect(geometry.bars.map((bar) => bar.over)).toEqual([false, false, true]);
    // Bars stay inside the plot and in date order from left to right.
    expect(a!.x).toBeGreaterThanOrEqual(FRAME.left);
    expect(c!.x + c!.width).toBeLessThanOrEqual(FRAME.width - FRAME.right);
    expect(b!.x).toBeGreaterThan(a!.x);
    expect(geometry.ticks.at(-1)?.y).toBeCloseTo(FRAME.top);
  });

  it("follows the load and states the capacity when it is far above the traffic", () => {
    const series = loadSeries(port([{ vehicles: 2 }, { vehicles: 3 }], { vehicles: 794 }), "vehicles");
    const geometry = loadGeometry(series, FRAME);
    expect(geometry.capacityAbove).toBe(true);
    expect(geometry.capacityY).toBeNull();
    expect(geometry.max).toBe(5);
    // No traffic at all: the capacity line is drawn over empty days.
    const quiet = loadGeometry(loadSeries(port([{ vehicles: 0 }], { vehicles: 794 }), "vehicles"), FRAME);
    expect(quiet.capacityAbove).toBe(false);
    expect(quiet.capacityY).not.toBeNull();
  });

  it("reads tonnes from their decimal strings and picks a measure with traffic", () => {
    const rail = port([{ vehicles: 0, wagons: 12, tonnes: "804.25" }], { wagons: 400 });
    expect(loadSeries(rail, "tonnes").days[0]?.value).toBe(804.25);
    expect(defaultMetric(rail)).toBe("wagons");
    expect(defaultMetric(port([{ vehicles: 0, tonnes: "5.5" }]))).toBe("tonnes");
    expect(defaultMetric(port([{ vehicles: 0 }]))).toBe("vehicles");
  });

  it("computes utilization and thins the date labels", () => {
    expect(utilization(397, 794)).toBe(50);
    expect(utilization(3, null)).toBeNull();
    expect(utilization(3, 0)).toBeNull();
    expect(labelEvery(14, 576)).toBe(2);
    expect(labelEvery(5, 576)).toBe(1);
  });
});
