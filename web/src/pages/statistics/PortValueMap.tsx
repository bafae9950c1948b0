import { type KeyboardEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { type Column, DataTable, ErrorState, MapContainer, Spinner } from "../../components";
import { BorderMap, CountryNames, type MapFrame, useCountryLabels } from "../reference/BorderMap";
import { MAP_HEIGHT, MAP_WIDTH } from "../reference/portMapLayout";
import { useBorderPorts } from "../reference/queries";
import { type DashboardSettings, portMapQuery, type Slice, slices } from "./dashboard";
import { sumDecimals } from "./decimal";
import {
  BUBBLE_RADIUS,
  bubbleRadius,
  legendValues,
  type PortBubble,
  type PortBubbles,
  type PortPlace,
  paintOrder,
  portBubbles,
} from "./portMap";
import { useStatQuery } from "./queries";
import { useStatLabels } from "./ui";

// A hit area smaller than this is hard to tap; the circle drawn may be smaller.
const MIN_TARGET = 24;

/**
 * The dashboard's crossings on the map of the border region: a circle per crossing pair whose area is
 * its value in the chosen currency, direction and period; hover, focus or tap a circle for its name and
 * figures. Loaded on its own (React.lazy) with the map's d3-geo and world outline.
 */
export default function PortValueMap({ settings }: { settings: DashboardSettings }) {
  const { t, i18n } = useTranslation();
  const labels = useStatLabels();
  const ports = useBorderPorts();
  const query = useStatQuery(portMapQuery(settings));
  const direction = t(`statistics.direction.${settings.direction}`);
  const title = t("statistics.portMap.title", { direction });
  if (query.isPending || ports.isPending) return <Spinner />;
  if (query.isError || ports.isError) {
    const retry = () => {
      void query.refetch();
      void ports.refetch();
    };
    return (
      <ErrorState
        error={query.error ?? ports.error}
        onRetry={retry}
        retrying={query.isFetching || ports.isFetching}
        headingLevel={3}
      />
    );
  }
  const rows = slices(query.data, "port");
  const layout = portBubbles(rows, ports.data);
  const money = (value: string) => labels.money(value, settings.currency);
  const compact = new Intl.NumberFormat(i18n.language, {
    style: "currency",
    currency: settings.currency,
    notation: "compact",
    maximumSignificantDigits: 2,
  });
  const columns: Column<Slice>[] = [
    {
      id: "port",
      header: t("statistics.columns.port"),
      rowHeader: true,
      sortValue: (row) => labels.port(row.key),
      cell: (row) => labels.port(row.key),
    },
    {
      id: "value",
      header: t("statistics.columns.value"),
      align: "end",
      sortValue: (row) => Number(row.value),
      cell: (row) => <span className="num">{money(row.value)}</span>,
    },
    {
      id: "share",
      header: t("statistics.columns.share"),
      align: "end",
      sortValue: (row) => Number(row.share ?? 0),
      cell: (row) => (row.share === null ? t("common.notSet") : labels.percent(row.share)),
    },
  ];
  const unplacedValue = sumDecimals(layout.unplaced.map((slice) => slice.value));
  return (
    <div className={query.isPlaceholderData ? "stat-port-map stat-stale" : "stat-port-map"}>
      <MapContainer
        headingLevel={3}
        title={title}
        description={<p>{t("statistics.portMap.description", { currency: settings.currency })}</p>}
        aspectRatio={`${MAP_WIDTH} / ${MAP_HEIGHT}`}
        footer={
          <>
            <BubbleLegend layout={layout} format={(value) => compact.format(value)} />
            {layout.bubbles.length === 0 ? <p className="stat-muted">{t("statistics.emptyText")}</p> : null}
            {layout.unplaced.length > 0 ? (
              <p className="stat-note">{t("statistics.portMap.unplaced", { value: money(unplacedValue) })}</p>
            ) : null}
          </>
        }
        alternative={
          <DataTable
            caption={title}
            columns={columns}
            rows={rows}
            rowKey={(row) => row.key || "none"}
            pageSizes={[50]}
          />
        }
      >
        <BorderMap>
          {(frame) => (
            <Bubbles
              frame={frame}
              layout={layout}
              describe={(bubble) => ({
                name: labels.port(bubble.id),
                value: money(bubble.value),
                share: bubble.share === null ? null : labels.percent(bubble.share),
              })}
            />
          )}
        </BorderMap>
      </MapContainer>
    </div>
  );
}

interface BubbleText {
  name: string;
  value: string;
  share: string | null;
}

function Bubbles({
  frame,
  layout,
  describe,
}: {
  frame: MapFrame;
  layout: PortBubbles;
  describe: (bubble: PortBubble) => BubbleText;
}) {
  const { t } = useTranslation();
  const countries = useCountryLabels(frame);
  // The circle pointed at wins over the one focused; Escape puts the tip away until the next of either.
  const [hovered, setHovered] = useState<string | null>(null);
  const [focused, setFocused] = useState<string | null>(null);
  const [dismissed, setDismissed] = useState(false);
  const active = dismissed ? null : (hovered ?? focused);
  const order = paintOrder(layout.bubbles);
  const shown = layout.bubbles.find((bubble) => bubble.id === active) ?? null;
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    // The tip can be dismissed without moving focus or the pointer (WCAG 1.4.13).
    if (event.key === "Escape") setDismissed(true);
  };
  const show = (set: (id: string) => void, id: string) => {
    set(id);
    setDismissed(false);
  };
  const leave = (set: (update: (current: string | null) => string | null) => void, id: string) =>
    set((current) => (current === id ? null : current));
  return (
    <>
      <CountryNames labels={countries} />
      {layout.empty.map((place: PortPlace) => {
        const at = frame.project(place.lon, place.lat);
        return (
          <span key={place.id} className="port-empty" aria-hidden="true" style={{ left: at.x, top: at.y }} />
        );
      })}
      {layout.bubbles.map((bubble) => {
        const at = frame.project(bubble.lon, bubble.lat);
        const text = describe(bubble);
        const size = Math.max(bubble.radius * 2, MIN_TARGET);
        return (
          <button
            key={bubble.id}
            type="button"
            className={`port-bubble series-0${bubble.id === active ? " port-bubble--active" : ""}`}
            style={{
              left: at.x,
              top: at.y,
              width: size,
              height: size,
              // The circle pointed at or focused comes to the top, with its outline.
              zIndex: bubble.id === active || bubble.id === focused ? order.size + 1 : order.get(bubble.id),
            }}
            aria-label={
              text.share === null
                ? t("statistics.portMap.bubbleLabelNoShare", { port: text.name, value: text.value })
                : t("statistics.portMap.bubbleLabel", {
                    port: text.name,
                    value: text.value,
                    share: text.share,
                  })
            }
            data-port={bubble.id}
            onMouseEnter={() => show(setHovered, bubble.id)}
            onMouseLeave={() => leave(setHovered, bubble.id)}
            onFocus={() => show(setFocused, bubble.id)}
            onBlur={() => leave(setFocused, bubble.id)}
            // A tap on a phone: the circle takes focus, and a second tap brings back a dismissed tip.
            onClick={() => show(setFocused, bubble.id)}
            onKeyDown={onKeyDown}
          >
            <span
              className="port-bubble__dot"
              style={{ width: bubble.radius * 2, height: bubble.radius * 2 }}
              aria-hidden="true"
            />
          </button>
        );
      })}
      {shown ? <BubbleTip frame={frame} bubble={shown} text={describe(shown)} /> : null}
    </>
  );
}

/** The name and figures of the circle pointed at or focused; the button's own name says the same. */
function BubbleTip({ frame, bubble, text }: { frame: MapFrame; bubble: PortBubble; text: BubbleText }) {
  const { t } = useTranslation();
  const at = frame.project(bubble.lon, bubble.lat);
  const room = 90;
  const horizontal = at.x < room ? "start" : at.x > frame.width - room ? "end" : "middle";
  const below = at.y - bubble.radius < 64;
  return (
    <div
      className={`port-tip port-tip--${horizontal}${below ? " port-tip--below" : ""}`}
      style={{
        left: at.x,
        top: below ? at.y + Math.max(bubble.radius, MIN_TARGET / 2) : at.y - bubble.radius,
      }}
      aria-hidden="true"
    >
      <strong className="port-tip__name">{text.name}</strong>
      <span className="num">{text.value}</span>
      {text.share === null ? null : <span>{t("statistics.portMap.share", { share: text.share })}</span>}
    </div>
  );
}

/** Reference circles of round values, drawn at the map's scale, and what the hollow dots mean. */
function BubbleLegend({ layout, format }: { layout: PortBubbles; format: (value: number) => string }) {
  const { t } = useTranslation();
  const values = legendValues(layout.largest);
  const box = BUBBLE_RADIUS.max * 2 + 2;
  return (
    <div className="port-legend">
      <p className="port-legend__title">{t("statistics.portMap.legendArea")}</p>
      <ul className="port-legend__list" aria-label={t("statistics.portMap.legend")}>
        {values.map((value) => {
          const radius = bubbleRadius(value, layout.largest);
          return (
            <li key={value} className="port-legend__item series-0">
              <svg
                viewBox={`0 0 ${box} ${box}`}
                width={box}
                height={box}
                aria-hidden="true"
                focusable="false"
              >
                <circle className="port-legend__circle" cx={box / 2} cy={box - radius - 1} r={radius} />
              </svg>
              <span className="num">{format(value)}</span>
            </li>
          );
        })}
        <li className="port-legend__item port-legend__item--empty">
          <span className="port-legend__empty" aria-hidden="true" />
          {t("statistics.portMap.noFigures")}
        </li>
      </ul>
    </div>
  );
}
