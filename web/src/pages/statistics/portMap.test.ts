import { describe, expect, it } from "vitest";
import type { TBorderPort, TPortSide } from "../../contracts";
import { portMapQuery } from "./dashboard";
import { bubbleRadius, legendValues, niceFloor, paintOrder, portBubbles, portPlace } from "./portMap";

function side(
  name: string,
  coordinates: { lon: number; lat: number; basis?: "unlocode" | "approximate" } | null,
): TPortSide {
  const names = { zh: name, ru: name, en: name };
  return {
    names,
    region: { code: "CN-HL", names },
    locality: null,
    confirmed: true,
    locode: null,
    coordinates: coordinates ? { basis: "unlocode", ...coordinates } : null,
    checkpoints: [],
  };
}

function port(
  id: string,
  cn: { lon: number; lat: number } | null,
  ru: { lon: number; lat: number; basis?: "unlocode" | "approximate" } | null,
): TBorderPort {
  return {
    id,
    cn: side(`${id} cn`, cn),
    ru: ru ? side(`${id} ru`, ru) : null,
    modes: [],
    status: "open",
    statusBasis: "",
    statusNote: "",
    facts: [],
    capacity: {
      vehiclesPerDay: null,
      wagonsPerDay: null,
      tonnesPerDay: null,
      source: "",
      basis: null,
      note: null,
      updatedAt: null,
    },
    sources: [],
    unconfirmed: [],
  };
}

const HEIHE = port("heihe-blagoveshchensk", { lon: 127.5, lat: 50.24 }, { lon: 127.53, lat: 50.26 });
const MANZHOULI = port("manzhouli-zabaykalsk", { lon: 117.38, lat: 49.58 }, { lon: 117.32, lat: 49.64 });
const SUIFENHE = port("suifenhe-pogranichny", { lon: 131.15, lat: 44.4 }, null);
const NOWHERE = port("nowhere", null, null);
const MOHE = port(
  "mohe-dzhalinda",
  { lon: 122.45, lat: 53.02 },
  { lon: 123.9, lat: 53.5, basis: "approximate" },
);

describe("circle sizes", () => {
  it("makes the area, not the width, proportional to the value", () => {
    expect(bubbleRadius(100, 100)).toBe(26);
    expect(bubbleRadius(25, 100)).toBe(13);
    // Four times the value is twice the radius: four times the area.
    expect(bubbleRadius(400, 400) / bubbleRadius(100, 400)).toBeCloseTo(2);
  });

  it("keeps a tiny value visible and draws nothing for none", () => {
    expect(bubbleRadius(1, 1_000_000_000)).toBe(3);
    expect(bubbleRadius(0, 100)).toBe(0);
    expect(bubbleRadius(-5, 100)).toBe(0);
    expect(bubbleRadius(5, 0)).toBe(0);
    expect(bubbleRadius(Number.NaN, 100)).toBe(0);
  });

  it("picks round legend values below the largest, each clearly smaller", () => {
    expect(niceFloor(228_105_000_000)).toBe(200_000_000_000);
    expect(niceFloor(5_000_000_000)).toBe(5_000_000_000);
    expect(niceFloor(0.3)).toBe(0.2);
    expect(niceFloor(0)).toBe(0);
    expect(legendValues(73_400_000)).toEqual([50_000_000, 10_000_000, 2_000_000]);
    expect(legendValues(1)).toEqual([1, 0.2, 0.02]);
    expect(legendValues(0)).toEqual([]);
  });
});

describe("placing the crossings", () => {
  it("puts a pair between its two sides, or on the one side that is placed exactly", () => {
    expect(portPlace(HEIHE)).toEqual({ id: HEIHE.id, lon: 127.515, lat: 50.25 });
    expect(portPlace(SUIFENHE)).toEqual({ id: SUIFENHE.id, lon: 131.15, lat: 44.4 });
    expect(portPlace(MOHE)).toEqual({ id: MOHE.id, lon: 122.45, lat: 53.02 });
    expect(portPlace(NOWHERE)).toBeNull();
  });

  it("joins the figures with the places, west to east, and keeps what cannot be placed apart", () => {
    const result = portBubbles(
      [
        { key: HEIHE.id, value: "900.00", share: "60.0" },
        { key: MANZHOULI.id, value: "100.00", share: "6.7" },
        { key: "", value: "400.00", share: "26.7" },
        { key: NOWHERE.id, value: "100.00", share: "6.6" },
        { key: SUIFENHE.id, value: "0.00", share: "0.0" },
      ],
      [HEIHE, MANZHOULI, SUIFENHE, NOWHERE],
    );
    expect(result.largest).toBe(900);
    expect(result.bubbles.map((bubble) => [bubble.id, bubble.radius])).toEqual([
      [MANZHOULI.id, 26 / 3],
      [HEIHE.id, 26],
    ]);
    expect(result.bubbles[1]).toMatchObject({ value: "900.00", share: "60.0" });
    expect(result.empty.map((place) => place.id)).toEqual([SUIFENHE.id]);
    expect(result.unplaced.map((slice) => slice.key)).toEqual(["", NOWHERE.id]);
    // The small circle is painted over the big one.
    const order = paintOrder(result.bubbles);
    expect(order.get(MANZHOULI.id)).toBeGreaterThan(order.get(HEIHE.id) ?? 0);
  });

  it("asks for every crossing in the dashboard's selection, not only the top ones", () => {
    const query = portMapQuery({ currency: "RUB", direction: "RU_import", from: "2025-01", to: "2025-06" });
    expect(query).toEqual({
      dimensions: ["port"],
      measures: ["value"],
      currency: "RUB",
      filters: { reporter: ["RU"], partner: ["CN"], flow: ["import"] },
      shares: true,
      period: { from: "2025-01", to: "2025-06" },
    });
  });
});
