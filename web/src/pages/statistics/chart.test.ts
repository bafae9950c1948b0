import { describe, expect, it } from "vitest";
import {
  bandGeometry,
  barLength,
  clipLabel,
  type Frame,
  groupedBars,
  labelStep,
  lineGeometry,
  outlierFences,
  squarify,
  stackedBars,
  valueScale,
} from "./chart";

const FRAME: Frame = { width: 440, height: 220, top: 10, right: 20, bottom: 10, left: 20 };

describe("value scale", () => {
  it("rounds the maximum up to a round number and never divides by zero", () => {
    expect(valueScale([228.1e9, 91e9])).toEqual({ max: 250e9, ticks: [0, 50e9, 100e9, 150e9, 200e9, 250e9] });
    expect(valueScale([]).max).toBe(1);
    expect(valueScale([0, Number.NaN]).max).toBe(1);
  });
});

describe("lines over months", () => {
  it("spreads the months over the width and breaks the line where a month has no figure", () => {
    const geometry = lineGeometry(
      ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05"],
      [{ key: "CN:export", values: [100, 50, null, 0, 100] }],
      FRAME,
    );
    expect(geometry.max).toBe(100);
    expect(geometry.xs).toEqual([20, 120, 220, 320, 420]);
    const [series] = geometry.series;
    // Two stretches: Jan–Feb, then Apr–May.
    expect(series?.line).toBe("M20,10 L120,110 M320,210 L420,10");
    expect(series?.area).toBe("M20,210 L20,10 L120,110 L120,210 Z M320,210 L320,210 L420,10 L420,210 Z");
    expect(series?.points.map((p) => p.index)).toEqual([0, 1, 3, 4]);
    expect(geometry.baseline).toBe(210);
    expect(geometry.ticks.at(-1)).toEqual({ value: 100, at: 10 });
  });

  it("draws the months that are not over yet apart, joined to the last finished month", () => {
    const months = ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05"];
    const geometry = lineGeometry(
      months,
      [
        { key: "a", values: [100, 50, null, 0, 100] },
        { key: "b", values: [100, 50, 50, 50, null] },
        { key: "c", values: [100, 50, 50, null, 10] },
      ],
      FRAME,
      4,
    );
    const [a, b, c] = geometry.series;
    // The finished stretches as before, less May; May dashed from April on.
    expect(a?.line).toBe("M20,10 L120,110 M320,210");
    expect(a?.area).toBe("M20,210 L20,10 L120,110 L120,210 Z M320,210 L320,210 L320,210 Z");
    expect(a?.pending).toBe("M320,210 L420,10");
    // No figure for May: nothing pending.
    expect(b?.pending).toBe("");
    expect(b?.line).toBe("M20,10 L120,110 L220,110 L320,110");
    // May after a gap: a lone point, no line into it.
    expect(c?.pending).toBe("M420,190");
    expect(c?.points.map((p) => p.index)).toEqual([0, 1, 2, 4]);
    // Without unfinished months nothing changes.
    const plain = lineGeometry(months, [{ key: "a", values: [100, 50, null, 0, 100] }], FRAME);
    expect(plain.series[0]?.line).toBe("M20,10 L120,110 M320,210 L420,10");
    expect(plain.series[0]?.pending).toBe("");
  });

  it("centres a single month", () => {
    expect(lineGeometry(["2025-01"], [{ key: "a", values: [5] }], FRAME).xs).toEqual([220]);
  });

  it("labels every n-th month so labels keep their room", () => {
    expect(labelStep(24, 640)).toBe(3);
    expect(labelStep(6, 640)).toBe(1);
    expect(labelStep(10, 0)).toBe(10);
  });
});

describe("bars", () => {
  it("stacks the parts of a row end to end on one scale", () => {
    const geometry = stackedBars(
      [
        {
          key: "general",
          parts: [
            { key: "CN", value: 60 },
            { key: "RU", value: 40 },
          ],
        },
        {
          key: "small_border",
          parts: [
            { key: "CN", value: 25 },
            { key: "RU", value: -3 },
          ],
        },
      ],
      FRAME,
      30,
    );
    expect(geometry.max).toBe(100);
    const [first, second] = geometry.rows;
    expect(first?.parts).toEqual([
      { key: "CN", x: 20, width: 240, value: 60 },
      { key: "RU", x: 260, width: 160, value: 40 },
    ]);
    expect(first?.end).toBe(420);
    expect(second?.parts[1]).toEqual({ key: "RU", x: 120, width: 0, value: 0 });
    expect(second?.y).toBeGreaterThan(first?.y ?? 0);
    expect(geometry.height).toBe(10 + 2 * 30 + 10);
  });

  it("groups bars per month from the axis up", () => {
    const geometry = groupedBars(
      [
        {
          key: "2026-10",
          values: [
            { key: "reserved", value: 10 },
            { key: "consumed", value: 5 },
          ],
        },
        {
          key: "2026-11",
          values: [
            { key: "reserved", value: 0 },
            { key: "consumed", value: 0 },
          ],
        },
      ],
      FRAME,
    );
    expect(geometry.max).toBe(10);
    expect(geometry.groups[0]?.center).toBe(120);
    expect(geometry.groups[0]?.bars[0]).toMatchObject({ y: 10, height: 200 });
    expect(geometry.groups[0]?.bars[1]).toMatchObject({ y: 110, height: 100 });
    expect(geometry.groups[1]?.bars[0]?.height).toBe(0);
  });
});

describe("treemap", () => {
  it("gives every positive value a tile with an area in proportion, filling the box", () => {
    const bounds = { x: 0, y: 0, width: 600, height: 400 };
    const tiles = squarify(
      [
        { key: "V", value: 214 },
        { key: "XVI", value: 83 },
        { key: "XVII", value: 36 },
        { key: "VII", value: 27 },
        { key: "none", value: 0 },
        { key: "I", value: 22 },
      ],
      bounds,
    );
    expect(tiles.map((tile) => tile.key)).toEqual(["V", "XVI", "XVII", "VII", "I"]);
    const total = 214 + 83 + 36 + 27 + 22;
    for (const tile of tiles) {
      expect(tile.width * tile.height).toBeCloseTo((tile.value / total) * 600 * 400, -2);
      expect(tile.x).toBeGreaterThanOrEqual(0);
      expect(tile.y).toBeGreaterThanOrEqual(0);
      expect(tile.x + tile.width).toBeLessThanOrEqual(600.01);
      expect(tile.y + tile.height).toBeLessThanOrEqual(400.01);
    }
    const area = tiles.reduce((sum, tile) => sum + tile.width * tile.height, 0);
    expect(area).toBeCloseTo(600 * 400, -2);
    // The largest section takes the full height on the left of a wide box.
    expect(tiles[0]).toMatchObject({ x: 0, y: 0, height: 400 });
  });

  it("keeps tiles from degenerating into slivers", () => {
    const tiles = squarify(
      Array.from({ length: 12 }, (_, index) => ({ key: String(index), value: 12 - index })),
      { x: 0, y: 0, width: 400, height: 300 },
    );
    for (const tile of tiles) {
      expect(Math.max(tile.width / tile.height, tile.height / tile.width)).toBeLessThan(6);
    }
  });

  it("draws nothing for nothing", () => {
    expect(squarify([{ key: "a", value: 0 }], { x: 0, y: 0, width: 10, height: 10 })).toEqual([]);
    expect(squarify([{ key: "a", value: 5 }], { x: 0, y: 0, width: 0, height: 10 })).toEqual([]);
  });
});

describe("unit-value bands", () => {
  it("puts the fences at 1.5 IQR beyond the quartiles, never below zero", () => {
    expect(outlierFences(1, 3)).toEqual({ low: 0, high: 6 });
    expect(outlierFences(10, 12)).toEqual({ low: 7, high: 15 });
  });

  it("lays out the box, the median and the whiskers on one scale", () => {
    const geometry = bandGeometry([{ key: "080810", q1: 1, median: 2, q3: 3 }], FRAME, 40);
    expect(geometry.max).toBe(10);
    expect(geometry.rows[0]).toMatchObject({ boxX: 60, boxWidth: 80, medianX: 100, lowX: 20, highX: 260 });
  });
});

describe("labels", () => {
  it("cuts long labels to their room, counting Chinese characters as wide", () => {
    expect(clipLabel("84 Nuclear reactors", 200)).toBe("84 Nuclear reactors");
    expect(clipLabel("84 Nuclear reactors, boilers, machinery", 70)).toBe("84 Nuclea…");
    expect(clipLabel("核反应堆、锅炉、机器、机械器具及其零件", 60)).toBe("核反应堆…");
    expect(clipLabel("", 10)).toBe("");
  });
});

describe("barLength", () => {
  it("scales a value to the room, and keeps a small one visible", () => {
    expect(barLength(250, 500, 600)).toBe(300);
    expect(barLength(500, 500, 600)).toBe(600);
    // 115 thousand on a scale of 50 billion: a sliver, not nothing.
    expect(barLength(115_204.7, 50e9, 600)).toBe(2);
    expect(barLength(0, 500, 600)).toBe(0);
    expect(barLength(-3, 500, 600)).toBe(0);
    expect(barLength(Number.NaN, 500, 600)).toBe(0);
    expect(barLength(700, 500, 600)).toBe(600);
  });
});
