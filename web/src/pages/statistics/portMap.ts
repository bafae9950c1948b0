import type { TBorderPort } from "../../contracts";
import type { Slice } from "./dashboard";

// The dashboard's map of trade by border crossing: where each crossing's circle goes and how big it is.
// Pure, so the scaling is unit-tested; PortValueMap.tsx only draws.

/** Circle radii in pixels: the largest value gets MAX, a value too small to see still gets MIN. */
export const BUBBLE_RADIUS = { min: 3, max: 26 } as const;

/**
 * The radius of a value's circle, its area proportional to the value (a circle twice the value is
 * twice the area, not twice the width, which the eye would read as four times). Zero or less, or no
 * largest value, draws nothing.
 */
export function bubbleRadius(
  value: number,
  largest: number,
  range: { min: number; max: number } = BUBBLE_RADIUS,
) {
  if (!(value > 0) || !(largest > 0)) return 0;
  return Math.max(range.min, range.max * Math.sqrt(Math.min(value, largest) / largest));
}

export interface PortPlace {
  id: string;
  lon: number;
  lat: number;
}

/**
 * Where a crossing pair's circle goes: between its two sides when both are placed (they face each
 * other across the river, one place at this scale), else on the side that is; a side placed only
 * approximately yields to one placed exactly. Null when neither side is placed.
 */
export function portPlace(port: TBorderPort): PortPlace | null {
  const placed = [port.cn.coordinates, port.ru?.coordinates].filter(
    (coordinates): coordinates is NonNullable<typeof coordinates> => Boolean(coordinates),
  );
  const exact = placed.filter((coordinates) => coordinates.basis !== "approximate");
  const sides = exact.length > 0 ? exact : placed;
  if (sides.length === 0) return null;
  const lon = sides.reduce((sum, side) => sum + side.lon, 0) / sides.length;
  const lat = sides.reduce((sum, side) => sum + side.lat, 0) / sides.length;
  return { id: port.id, lon, lat };
}

export interface PortBubble extends PortPlace {
  value: string;
  share: string | null;
  radius: number;
}

export interface PortBubbles {
  /** West to east, so the keyboard follows the border; `paintOrder` puts small circles on top. */
  bubbles: PortBubble[];
  /** Crossings on the map without a figure in this selection. */
  empty: PortPlace[];
  /** Figures that cannot be placed: no crossing stated, or a crossing this map does not know. */
  unplaced: Slice[];
  /** The largest value, which the legend's circles are scaled against. */
  largest: number;
}

/** Joins the by-port figures with the crossings' places. */
export function portBubbles(
  slices: readonly Slice[],
  ports: readonly TBorderPort[],
  range: { min: number; max: number } = BUBBLE_RADIUS,
): PortBubbles {
  const places = new Map<string, PortPlace>();
  for (const port of ports) {
    const place = portPlace(port);
    if (place) places.set(port.id, place);
  }
  const placed = slices.filter((slice) => places.has(slice.key) && Number(slice.value) > 0);
  const largest = Math.max(0, ...placed.map((slice) => Number(slice.value)));
  const bubbles = placed
    .map((slice): PortBubble => {
      const place = places.get(slice.key) as PortPlace;
      return {
        ...place,
        value: slice.value,
        share: slice.share,
        radius: bubbleRadius(Number(slice.value), largest, range),
      };
    })
    .sort((a, b) => a.lon - b.lon);
  const withFigures = new Set(bubbles.map((bubble) => bubble.id));
  return {
    bubbles,
    empty: [...places.values()].filter((place) => !withFigures.has(place.id)).sort((a, b) => a.lon - b.lon),
    unplaced: slices.filter((slice) => !places.has(slice.key) && Number(slice.value) !== 0),
    largest,
  };
}

/** The bubbles' stacking: the largest at the bottom, so a small circle inside a big one stays visible. */
export function paintOrder(bubbles: readonly PortBubble[]): Map<string, number> {
  const bySize = [...bubbles].sort((a, b) => b.radius - a.radius || a.id.localeCompare(b.id));
  return new Map(bySize.map((bubble, index) => [bubble.id, index + 1]));
}

/** The largest 1, 2 or 5 × 10ⁿ that is not above `value`. */
export function niceFloor(value: number): number {
  if (!(value > 0)) return 0;
  const power = 10 ** Math.floor(Math.log10(value));
  const leading = value / power;
  // A hair of tolerance: 5e9 / 1e9 may come out as 4.999….
  const step = leading >= 5 - 1e-9 ? 5 : leading >= 2 - 1e-9 ? 2 : 1;
  return step * power;
}

/** The legend's reference circles: round values from the largest down, each clearly smaller. */
export function legendValues(largest: number): number[] {
  const values = [niceFloor(largest), niceFloor(largest / 5), niceFloor(largest / 25)];
  return [...new Set(values)].filter((value) => value > 0);
}
