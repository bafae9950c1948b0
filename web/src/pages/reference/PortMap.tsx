import { Fragment, useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { TBorderPort } from "../../contracts";
import { BorderMap, CountryNames, type MapFrame, measureLabel, useCountryLabels } from "./BorderMap";
import { useNameLanguage } from "./LocalName";
import { htmlLang, type NameLanguage } from "./names";
import { type Box, type LabelRequest, placeLabels, spreadPoints } from "./portMapLayout";
import { MarkerShape, namesTitle, pairName, type SideKey } from "./ports";

const MARKER_SIZE = 16;
const MIN_MARKER_DISTANCE = 17;
const LABEL_HEIGHT = 16;

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
 * The border region (BorderMap) with one button per side of each crossing on top of it. Markers are
 * HTML buttons (focusable, named, pressed when their pair is open in the panel); the map underneath is
 * decoration for assistive technology, which gets the same facts from the list.
 */
export function PortMap(props: PortMapProps) {
  return <BorderMap>{(frame) => <PortMarkers frame={frame} {...props} />}</BorderMap>;
}

function PortMarkers({ frame, ports, selectedId, onSelect }: PortMapProps & { frame: MapFrame }) {
  const { t } = useTranslation();
  const reader = useNameLanguage();
  const countries = useCountryLabels(frame);
  const markers = useMemo(() => markersOf(ports, reader), [ports, reader]);

  const layout = useMemo(() => {
    const bounds = { width: frame.width, height: frame.height };
    const placed = spreadPoints(
      markers.map((marker) => ({
        ...frame.project(marker.lon, marker.lat),
        // The Russian side lies north or east of the Chinese one: part coincident pairs that way.
        nudge: marker.side === "cn" ? { x: -0.6, y: 0.8 } : { x: 0.6, y: -0.8 },
      })),
      MIN_MARKER_DISTANCE,
      bounds,
    );
    const radius = MARKER_SIZE / 2;
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
        width: marker ? measureLabel(marker.name, frame.fontFamily) : 0,
        height: LABEL_HEIGHT,
      };
    });
    const boxes = placeLabels(requests, obstacles, radius, bounds);
    const labels = new Map<number, Box | null>(order.map((index, i) => [index, boxes[i] ?? null]));
    return { placed, labels };
  }, [countries, frame, markers, selectedId]);

  const pairLines = useMemo(() => {
    const byKey = new Map(markers.map((marker, index) => [marker.key, layout.placed[index]]));
    return ports.flatMap((port) => {
      const cn = byKey.get(`${port.id}:cn`);
      const ru = byKey.get(`${port.id}:ru`);
      return cn && ru ? [{ id: port.id, cn, ru }] : [];
    });
  }, [layout, markers, ports]);

  return (
    <>
      <svg
        className="port-map__lines"
        width={frame.width}
        height={frame.height}
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
            className={line.id === selectedId ? "port-map__pair port-map__pair--selected" : "port-map__pair"}
            x1={line.cn.x}
            y1={line.cn.y}
            x2={line.ru.x}
            y2={line.ru.y}
          />
        ))}
      </svg>
      <CountryNames labels={countries} />
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
              <MarkerShape side={marker.side} status={marker.port.status} approximate={marker.approximate} />
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
  );
}
