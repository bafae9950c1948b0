import { useQuery } from "@tanstack/react-query";
import { geoPath } from "d3-geo";
import { type ReactNode, useLayoutEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { feature, mesh } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
// The 50m outline (≈750 kB) is a separate file fetched by the maps only: 110m is too coarse for the
// Amur and Ussuri, and 10m far too heavy for a browser.
import countriesUrl from "world-atlas/countries-50m.json?url";
import { type Box, borderProjection, MAP_HEIGHT, MAP_WIDTH } from "./portMapLayout";
import "./border-map.css";

// The map of the China–Russia border region that the port map and the statistics dashboard draw their
// markers on: the countries from world-atlas projected with d3-geo, and an overlay that knows its size
// in pixels and where a place falls on it. Loaded only with the pages that show a map (React.lazy).

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

/** The base map, computed once per visit and shared by every map: projecting the 50m outline takes a moment. */
function useBasemap() {
  return useQuery({
    queryKey: ["world-atlas", "countries-50m", "border-region"],
    queryFn: async ({ signal }) => drawBasemap(await loadCountries(signal)),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
  });
}

/** The overlay as drawn: its size in pixels and where a place falls on it. */
export interface MapFrame {
  width: number;
  height: number;
  /** The overlay's font, for measuring labels. */
  fontFamily: string;
  project: (lon: number, lat: number) => { x: number; y: number };
}

let measureContext: CanvasRenderingContext2D | null | undefined;

/** A label's width as the browser will draw it (weight 600), so placement can avoid collisions. */
export function measureLabel(text: string, fontFamily: string, fontPx = 12, letterSpacingEm = 0): number {
  if (measureContext === undefined) measureContext = document.createElement("canvas").getContext("2d");
  const spacing = [...text].length * letterSpacingEm * fontPx;
  if (!measureContext) return Math.ceil(text.length * fontPx * 0.62 + spacing) + 6;
  measureContext.font = `600 ${fontPx}px ${fontFamily}`;
  return Math.ceil(measureContext.measureText(text).width + spacing) + 6;
}

// Where the countries' names go, in the open between the crossings.
const COUNTRY_LABELS = [
  { key: "cn", lon: 124.2, lat: 45.6 },
  { key: "ru", lon: 128.8, lat: 53.4 },
  { key: "mn", lon: 116.6, lat: 47.4 },
] as const;

export interface CountryLabel {
  key: string;
  text: string;
  fontPx: number;
  box: Box;
}

/** The countries' names placed on the frame; their boxes are obstacles for other labels. */
export function useCountryLabels(frame: MapFrame): CountryLabel[] {
  const { t } = useTranslation();
  return useMemo(() => {
    // Country names are spaced capitals (see .port-map__country), smaller on a phone-sized map.
    const fontPx = frame.width < 480 ? 12 : 15;
    return COUNTRY_LABELS.map((label) => {
      const text = t(`reference.ports.countries.${label.key}`);
      const at = frame.project(label.lon, label.lat);
      const width = measureLabel(text.toLocaleUpperCase(), frame.fontFamily, fontPx, 0.12);
      const x = Math.min(Math.max(at.x - width / 2, 2), frame.width - width - 2);
      return { key: label.key, text, fontPx, box: { x, y: at.y - 10, width, height: 20 } };
    });
  }, [frame, t]);
}

export function CountryNames({ labels }: { labels: readonly CountryLabel[] }) {
  return labels.map((country) => (
    <span
      key={country.key}
      className="port-map__country"
      aria-hidden="true"
      style={{ left: country.box.x, top: country.box.y, width: country.box.width, fontSize: country.fontPx }}
    >
      {country.text}
    </span>
  ));
}

/**
 * The border region drawn with d3-geo from world-atlas, with an overlay for markers on top. The SVG is
 * decoration for assistive technology; whatever is put on the overlay carries its own names, and every
 * map has the same facts in a list or table. `children` draws the overlay once its size is known.
 */
export function BorderMap({ children }: { children: (frame: MapFrame) => ReactNode }) {
  const { t } = useTranslation();
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

  const frame = useMemo<MapFrame | null>(() => {
    if (size.width === 0) return null;
    const projection = borderProjection();
    const scale = size.width / MAP_WIDTH;
    return {
      ...size,
      project: (lon, lat) => {
        const [x, y] = projection([lon, lat]) ?? [0, 0];
        return { x: x * scale, y: y * scale };
      },
    };
  }, [size]);

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
        {frame ? children(frame) : null}
      </div>
      {basemap.isPending ? <p className="port-map__note">{t("reference.ports.mapLoading")}</p> : null}
      {basemap.isError ? <p className="port-map__note">{t("reference.ports.mapFailed")}</p> : null}
    </div>
  );
}
