import { describe, expect, it } from "vitest";
import { borderProjection, MAP_HEIGHT, MAP_WIDTH, placeLabels, spreadPoints } from "./portMapLayout";

describe("borderProjection", () => {
  it("puts every crossing of the China–Russia border inside the drawing", () => {
    const projection = borderProjection();
    // Manzhouli (west), Mohe (north), Hunchun (south), Fuyuan (east).
    for (const place of [
      [117.38, 49.58],
      [122.45, 53.02],
      [130.37, 42.87],
      [134.3, 48.35],
    ] as const) {
      const [x, y] = projection([...place]) ?? [Number.NaN, Number.NaN];
      expect(x).toBeGreaterThan(0);
      expect(x).toBeLessThan(MAP_WIDTH);
      expect(y).toBeGreaterThan(0);
      expect(y).toBeLessThan(MAP_HEIGHT);
    }
  });
});

describe("spreadPoints", () => {
  it("parts two sides of a crossing a pixel apart until both can be clicked", () => {
    const [cn, ru] = spreadPoints(
      [
        { x: 100, y: 100, nudge: { x: -0.6, y: 0.8 } },
        { x: 101, y: 99, nudge: { x: 0.6, y: -0.8 } },
      ],
      17,
      { width: 400, height: 300 },
    );
    expect(cn && ru && Math.hypot(ru.x - cn.x, ru.y - cn.y)).toBeGreaterThanOrEqual(17);
    // Each keeps its true place for the leader line, and the Russian side stays to the north-east.
    expect(cn).toMatchObject({ trueX: 100, trueY: 100 });
    expect(ru && cn && ru.x > cn.x && ru.y < cn.y).toBe(true);
  });

  it("parts coincident points in their nudge directions and leaves distant ones alone", () => {
    const placed = spreadPoints(
      [
        { x: 50, y: 50, nudge: { x: -1, y: 0 } },
        { x: 50, y: 50, nudge: { x: 1, y: 0 } },
        { x: 300, y: 200, nudge: { x: 0, y: 0 } },
      ],
      10,
      { width: 400, height: 300 },
    );
    expect(placed[0]?.x).toBeLessThan(50);
    expect(placed[1]?.x).toBeGreaterThan(50);
    expect(placed[2]).toEqual({ trueX: 300, trueY: 200, x: 300, y: 200 });
  });
});

describe("placeLabels", () => {
  it("tries right, then left, then above, and leaves out a label with no room", () => {
    const bounds = { width: 200, height: 100 };
    const boxes = placeLabels(
      [
        { x: 100, y: 50, width: 40, height: 16 },
        { x: 100, y: 50, width: 40, height: 16 },
        { x: 100, y: 50, width: 40, height: 16 },
        { x: 100, y: 50, width: 40, height: 16 },
        { x: 100, y: 50, width: 40, height: 16 },
      ],
      [],
      8,
      bounds,
    );
    expect(boxes.slice(0, 4).map((box) => box && Math.round(box.x))).toEqual([111, 49, 80, 80]);
    expect(boxes[4]).toBeNull();
  });
});
