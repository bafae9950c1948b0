import { useQuery } from "@tanstack/react-query";
import { geoPath } from "d3-geo";
import { Fragment, useLayoutEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { feature, mesh } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
// The 50m outline (≈750 kB) is a separate file fetched by this page only: 110m is too coarse for the
// Amur and Ussuri, and 10m far too heavy for a browser.
import countriesUrl from "world-atlas/countries-50m.json?url";
import type { TBorderPort } from "../../contracts";
import { useNameLanguage } from "./LocalName";
import { htmlLang, type NameLanguage } from "./names";
import {
  type Box,
  borderProjection,
  type LabelRequest,
  MAP_HEIGHT,
  MAP_WIDTH,
  placeLabels,
  spreadPoints,
} from "./portMapLayout";
import { MarkerShape, namesTitle, pairName, type SideKey } from "./ports";

// ISO 3166 numeric codes, which world-atlas uses as feature ids.
const CHINA = "156";
const RUSSIA = "643";

type CountriesTopology = Topology<{ countries: GeometryCollection }>;

function isCountriesTopology(value: unknown): value is CountriesTopology {
  if (typeof value !== "object" || value === null) return false;
  if (!("type" in value) || value.type !== "Topology") return false;
  if (!("arcs" in value) || !Array.isArray(value.arcs)) return false;
  if (!("objects" in value) || typeof value.objects !== "object" || value.objects === null) return false;
  return "countries" in value.objects;
}

async function loadCountries(signal: AbortSignal): Promise<CountriesTopology> {
  const response = await fetch(countriesUrl, { signal });
  if (!response.ok) throw new Error(`world-atlas: HTTP ${response.status}`);
  const body: unknown = await response.json();
  if (!isCountriesTopology(body)) throw new Error("world-atlas: not a countries topology");
  return body;
}

interface Basemap {
  countries: { id: string; d: string; kind: "cn" | "ru" | "other" }[];
  borders: string;
  coast: string;
  cnRuBorder: string;
}

function drawBasemap(topology: CountriesTopology): Basemap {
  const path = geoPath(borderProjection()).digits(1);
  const countries = topology.objects.countries;
  const drawn: Basemap["countries"] = [];
  for (const country of feature(topology, countries).features) {
    const d = path(country);
    // Clipped to the drawing, most of the world is an empty path.
    if (!d) continue;
    const id = String(country.id ?? "");
    drawn.push({ id, d, kind: id === CHINA ? "cn" : id === RUSSIA ? "ru" : "other" });
  }
  const isCnRu = (a: { id?: string | number }, b: { id?: string | number }) => {
    const pair = [String(a.id), String(b.id)];
    return pair.includes(CHINA) && pair.includes(RUSSIA);
  };
  return {
    countries: drawn,
    borders: path(mesh(topology, countries, (a, b) => a !== b && !isCnRu(a, b))) ?? "",
    coast: path(mesh(topology, countries, (a, b) => a === b)) ?? "",
    cnRuBorder: path(mesh(topology, countries, isCnRu)) ?? "",
  };
}

/** The base map, computed once per visit: projecting the 50m outline takes a moment. */
function useBasemap() {
  return useQuery({
    queryKey: ["world-atlas", "countries-50m", "border-region"],
    queryFn: async ({ signal }) => drawBasemap(await loadCountries(signal)),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
  });
}

// Where the countries' names go, in the open between the crossings.
const COUNTRY_LABELS = [
  { key: "cn", lon: 124.2, lat: 45.6 },
  { key: "ru", lon: 128.8, lat: 53.4 },
  { key: "mn", lon: 116.6, lat: 47.4 },
] as const;

const MARKER_SIZE = 16;
const MIN_MARKER_DISTANCE = 17;
const LABEL_FONT_PX = 12;
const LABEL_HEIGHT = 16;

let measureContext: CanvasRenderingContext2D | null | undefined;

/** The label's width as the browser will draw it, so placement can avoid collisions. */
function measureLabel(text: string, fontFamily: string, fontPx = LABEL_FONT_PX, letterSpacingEm = 0): number {
  if (measureContext === undefined) measureContext = document.createElement("canvas").getContext("2d");
  const spacing = [...text].length * letterSpacingEm * fontPx;
  if (!measureContext) return Math.ceil(text.length * fontPx * 0.62 + spacing) + 6;
  measureContext.font = `600 ${fontPx}px ${fontFamily}`;
  return Math.ceil(measureContext.measureText(text).width + spacing) + 6;
}

interface Marker {
  key: string;
  port: TBorderPort;
  side: SideKey;
  lon: number;
  lat: number;
  approximate: boolean;
  name: string;
}

function markersOf(ports: readonly TBorderPort[], reader: NameLanguage): Marker[] {
  const markers: Marker[] = [];
  // West to east, so the tab order follows the border.
  const ordered = [...ports].sort(
    (a, b) =>
      (a.cn.coordinates?.lon ?? Number.POSITIVE_INFINITY) -
      (b.cn.coordinates?.lon ?? Number.POSITIVE_INFINITY),
  );
  for (const port of ordered) {
    for (const side of ["cn", "ru"] as const) {
      const data = side === "cn" ? port.cn : port.ru;
      if (!data?.coordinates) continue;
      markers.push({
        key: `${port.id}:${side}`,
        port,
        side,
        lon: data.coordinates.lon,
        lat: data.coordinates.lat,
        approximate: data.coordinates.basis === "approximate",
        name: data.names[reader],
      });
    }
  }
  return markers;
}

export interface PortMapProps {
  ports: readonly TBorderPort[];
  selectedId: string | null;
  onSelect: (id: string, trigger: HTMLElement) => void;
}

/**
 * The border region drawn with d3-geo from world-atlas, and one button per side of each crossing on
 * top of it. Markers are HTML buttons (focusable, named, pressed when their pair is open in the panel);
 * the SVG underneath is decoration for assistive technology, which gets the same facts from the list.
 */
export function PortMap({ ports, selectedId, onSelect }: PortMapProps) {
  const { t } = useTranslation();
  const reader = useNameLanguage();
  const basemap = useBasemap();
  const overlayRef = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ width: 0, height: 0, fontFamily: "sans-serif" });

  useLayoutEffect(() => {
    const overlay = overlayRef.current;
    if (!overlay) return;
    const update = () => {
      // A box that is momentarily not laid out measures 0: keep the markers (and their focus) rather
      // than dropping them for that moment.
      if (overlay.clientWidth === 0) return;
      setSize({
        width: overlay.clientWidth,
        height: overlay.clientHeight,
        fontFamily: getComputedStyle(overlay).fontFamily,
      });
    };
    update();
    const observer = new ResizeObserver(update);
    observer.observe(overlay);
    return () => observer.disconnect();
  }, []);

  const projection = useMemo(() => borderProjection(), []);
  const markers = useMemo(() => markersOf(ports, reader), [ports, reader]);

  const layout = useMemo(() => {
    if (size.width === 0) return null;
    const scale = size.width / MAP_WIDTH;
    const bounds = { width: size.width, height: size.height };
    const project = (lon: number, lat: number) => {
      const [x, y] = projection([lon, lat]) ?? [0, 0];
      return { x: x * scale, y: y * scale };
    };
    const placed = spreadPoints(
      markers.map((marker) => ({
        ...project(marker.lon, marker.lat),
        // The Russian side lies north or east of the Chinese one: part coincident pairs that way.
        nudge: marker.side === "cn" ? { x: -0.6, y: 0.8 } : { x: 0.6, y: -0.8 },
      })),
      MIN_MARKER_DISTANCE,
      bounds,
    );
    const radius = MARKER_SIZE / 2;
    // Country names are spaced capitals (see .port-map__country), smaller on a phone-sized map.
    const countryFontPx = size.width < 480 ? 12 : 15;
    const countries = COUNTRY_LABELS.map((label) => {
      const text = t(`reference.ports.countries.${label.key}`);
      const at = project(label.lon, label.lat);
      const width = measureLabel(text.toLocaleUpperCase(), size.fontFamily, countryFontPx, 0.12);
      const x = Math.min(Math.max(at.x - width / 2, 2), size.width - width - 2);
      return { key: label.key, text, fontPx: countryFontPx, box: { x, y: at.y - 10, width, height: 20 } };
    });
    const obstacles: Box[] = [
      ...placed.map((p) => ({ x: p.x - radius, y: p.y - radius, width: MARKER_SIZE, height: MARKER_SIZE })),
      ...countries.map((c) => c.box),
    ];
    // The open pair's names first, then open crossings, then the rest.
    const rank = (marker: Marker) =>
      marker.port.id === selectedId ? 0 : marker.port.status === "open" ? 1 : marker.port.ru ? 2 : 3;
    const order = markers
      .map((_, index) => index)
      .sort((a, b) => {
        const ma = markers[a];
        const mb = markers[b];
        return (ma && mb ? rank(ma) - rank(mb) : 0) || a - b;
      });
    const requests: LabelRequest[] = order.map((index) => {
      const marker = markers[index];
      const point = placed[index];
      return {
        x: point?.x ?? 0,
        y: point?.y ?? 0,
        width: marker ? measureLabel(marker.name, size.fontFamily) : 0,
        height: LABEL_HEIGHT,
      };
    });
    const boxes = placeLabels(requests, obstacles, radius, bounds);
    const labels = new Map<number, Box | null>(order.map((index, i) => [index, boxes[i] ?? null]));
    return { placed, labels, countries };
  }, [markers, projection, selectedId, size, t]);

  const pairLines = useMemo(() => {
    if (!layout) return [];
    const byKey = new Map(markers.map((marker, index) => [marker.key, layout.placed[index]]));
    return ports.flatMap((port) => {
      const cn = byKey.get(`${port.id}:cn`);
      const ru = byKey.get(`${port.id}:ru`);
      return cn && ru ? [{ id: port.id, cn, ru }] : [];
    });
  }, [layout, markers, ports]);

  return (
    <div className="port-map">
      <svg
        className="port-map__base"
        viewBox={`0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`}
        aria-hidden="true"
        focusable="false"
      >
        <rect className="port-map__sea" width={MAP_WIDTH} height={MAP_HEIGHT} />
        {basemap.data ? (
          <>
            {basemap.data.countries.map((country) => (
              <path
                key={country.id || country.d.slice(0, 24)}
                className={`port-map__land port-map__land--${country.kind}`}
                d={country.d}
              />
            ))}
            <path className="port-map__coast" d={basemap.data.coast} />
            <path className="port-map__borders" d={basemap.data.borders} />
            <path className="port-map__cn-ru" d={basemap.data.cnRuBorder} />
          </>
        ) : null}
      </svg>
      <div ref={overlayRef} className="port-map__overlay">
        {layout ? (
          <>
            <svg
              className="port-map__lines"
              width={size.width}
              height={size.height}
              aria-hidden="true"
              focusable="false"
            >
              {layout.placed.map((point, index) => {
                const marker = markers[index];
                // A marker moved off its true place keeps a thin leader to it.
                if (!marker || Math.hypot(point.x - point.trueX, point.y - point.trueY) < 5) return null;
                return (
                  <g key={marker.key} className="port-map__leader">
                    <line x1={point.trueX} y1={point.trueY} x2={point.x} y2={point.y} />
                    <circle cx={point.trueX} cy={point.trueY} r={1.8} />
                  </g>
                );
              })}
              {pairLines.map((line) => (
                <line
                  key={line.id}
                  className={
                    line.id === selectedId ? "port-map__pair port-map__pair--selected" : "port-map__pair"
                  }
                  x1={line.cn.x}
                  y1={line.cn.y}
                  x2={line.ru.x}
                  y2={line.ru.y}
                />
              ))}
            </svg>
            {layout.countries.map((country) => (
              <span
                key={country.key}
                className="port-map__country"
                aria-hidden="true"
                style={{
                  left: country.box.x,
                  top: country.box.y,
                  width: country.box.width,
                  fontSize: country.fontPx,
                }}
              >
                {country.text}
              </span>
            ))}
            {markers.map((marker, index) => {
              const point = layout.placed[index];
              if (!point) return null;
              const label = layout.labels.get(index) ?? null;
              const sideData = marker.side === "cn" ? marker.port.cn : marker.port.ru;
              return (
                <Fragment key={marker.key}>
                  <button
                    type="button"
                    className={`port-marker port-marker--${marker.side}`}
                    style={{ left: point.x, top: point.y }}
                    aria-label={t(
                      marker.port.ru ? "reference.ports.markerLabel" : "reference.ports.markerLabelSolo",
                      {
                        name: marker.name,
                        side: t(`reference.ports.sidesInline.${marker.side}`),
                        pair: pairName(marker.port, reader),
                        status: t(`reference.ports.status.${marker.port.status}`),
                      },
                    )}
                    aria-pressed={marker.port.id === selectedId}
                    title={sideData ? namesTitle(sideData.names) : undefined}
                    data-pair={marker.port.id}
                    onClick={(event) => onSelect(marker.port.id, event.currentTarget)}
                  >
                    <MarkerShape
                      side={marker.side}
                      status={marker.port.status}
                      approximate={marker.approximate}
                    />
                  </button>
                  {label ? (
                    <span
                      className={
                        marker.port.id === selectedId
                          ? "port-map__label port-map__label--selected"
                          : "port-map__label"
                      }
                      aria-hidden="true"
                      lang={htmlLang(reader)}
                      style={{ left: label.x, top: label.y, width: label.width }}
                    >
                      {marker.name}
                    </span>
                  ) : null}
                </Fragment>
              );
            })}
          </>
        ) : null}
      </div>
      {basemap.isPending ? <p className="port-map__note">{t("reference.ports.mapLoading")}</p> : null}
      {basemap.isError ? <p className="port-map__note">{t("reference.ports.mapFailed")}</p> : null}
    </div>
  );
}
