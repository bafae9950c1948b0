import { type GeoProjection, geoConicEqualArea } from "d3-geo";
import type { MultiPoint } from "geojson";

/** The drawing's own units (the SVG viewBox); the map scales to the page and keeps this shape. */
export const MAP_WIDTH = 1000;
export const MAP_HEIGHT = 860;

// The China–Russia border from the Mongolian tripoint to the Tumen: every crossing lies between
// 117° and 135.5° E, 42.5° and 53.6° N. Edge points (not a polygon, whose winding d3 would read as
// "the rest of the globe") describe the box that is fitted into the drawing.
function regionOutline(): MultiPoint {
  const coordinates: [number, number][] = [];
  for (let lon = 115; lon <= 136; lon += 0.5) coordinates.push([lon, 41.5], [lon, 54.5]);
  for (let lat = 41.5; lat <= 54.5; lat += 0.5) coordinates.push([115, lat], [136, lat]);
  return { type: "MultiPoint", coordinates };
}

/**
 * An equal-area conic centred on the region, so the Amur's great bend does not look stretched as it
 * would in Mercator; clipped to the drawing so the 50m world outline stays a small SVG.
 */
export function borderProjection(): GeoProjection {
  return geoConicEqualArea()
    .parallels([43, 53])
    .rotate([-125.5, 0])
    .fitExtent(
      [
        [8, 8],
        [MAP_WIDTH - 8, MAP_HEIGHT - 8],
      ],
      regionOutline(),
    )
    .clipExtent([
      [0, 0],
      [MAP_WIDTH, MAP_HEIGHT],
    ]);
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

export interface PlacedPoint {
  /** Where the place is, in pixels of the drawn map. */
  trueX: number;
  trueY: number;
  /** Where its marker goes: moved off its neighbours when they would overlap. */
  x: number;
  y: number;
}

/**
 * Moves markers apart until no two are closer than `minDistance` pixels (or the rounds run out). The
 * two sides of a crossing are often a kilometre or two apart — one pixel at this scale — and both must
 * stay clickable. Coincident points part in a fixed direction per index, so the result is stable.
 */
export function spreadPoints(
  points: readonly { x: number; y: number; nudge: { x: number; y: number } }[],
  minDistance: number,
  bounds: { width: number; height: number },
): PlacedPoint[] {
  const placed = points.map((p) => ({ trueX: p.x, trueY: p.y, x: p.x, y: p.y }));
  const margin = minDistance / 2;
  for (let round = 0; round < 60; round += 1) {
    let moved = false;
    for (let i = 0; i < placed.length; i += 1) {
      for (let j = i + 1; j < placed.length; j += 1) {
        const a = placed[i];
        const b = placed[j];
        if (!a || !b) continue;
        let dx = b.x - a.x;
        let dy = b.y - a.y;
        let distance = Math.hypot(dx, dy);
        if (distance >= minDistance) continue;
        if (distance < 0.01) {
          const nudgeA = points[i]?.nudge ?? { x: -1, y: 0 };
          const nudgeB = points[j]?.nudge ?? { x: 1, y: 0 };
          dx = nudgeB.x - nudgeA.x;
          dy = nudgeB.y - nudgeA.y;
          distance = Math.hypot(dx, dy) || 1;
          dx /= distance;
          dy /= distance;
          distance = 0;
        } else {
          dx /= distance;
          dy /= distance;
        }
        const push = (minDistance - distance) / 2 + 0.1;
        a.x -= dx * push;
        a.y -= dy * push;
        b.x += dx * push;
        b.y += dy * push;
        moved = true;
      }
    }
    for (const p of placed) {
      p.x = Math.min(Math.max(p.x, margin), bounds.width - margin);
      p.y = Math.min(Math.max(p.y, margin), bounds.height - margin);
    }
    if (!moved) break;
  }
  return placed;
}

export type LabelSide = "right" | "left" | "above" | "below";

export interface LabelRequest {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Greedy label placement: in the order given (most important first), each label takes the first of
 * right, left, above, below that is inside the map and clear of every marker and earlier label, or is
 * left out. Readers get every name from the marker's own accessible name and from the list anyway.
 */
export function placeLabels(
  labels: readonly LabelRequest[],
  obstacles: readonly Box[],
  markerRadius: number,
  bounds: { width: number; height: number },
): (Box | null)[] {
  const taken: Box[] = [...obstacles];
  const gap = 3;
  return labels.map((label) => {
    const candidates: Box[] = [
      {
        x: label.x + markerRadius + gap,
        y: label.y - label.height / 2,
        width: label.width,
        height: label.height,
      },
      {
        x: label.x - markerRadius - gap - label.width,
        y: label.y - label.height / 2,
        width: label.width,
        height: label.height,
      },
      {
        x: label.x - label.width / 2,
        y: label.y - markerRadius - gap - label.height,
        width: label.width,
        height: label.height,
      },
      {
        x: label.x - label.width / 2,
        y: label.y + markerRadius + gap,
        width: label.width,
        height: label.height,
      },
    ];
    const fit = candidates.find(
      (box) =>
        box.x >= 2 &&
        box.y >= 2 &&
        box.x + box.width <= bounds.width - 2 &&
        box.y + box.height <= bounds.height - 2 &&
        !taken.some((other) => overlaps(box, other)),
    );
    if (!fit) return null;
    taken.push(fit);
    return fit;
  });
}
