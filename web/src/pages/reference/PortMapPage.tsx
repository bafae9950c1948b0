import { useCallback, useEffect, useId, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { EmptyState, ErrorState, MapContainer, PageHeader, Spinner } from "../../components";
import { PortDetail } from "./PortDetail";
import { PortList } from "./PortList";
import { PortMap } from "./PortMap";
import { REFERENCE_PATH } from "./paths";
import { MAP_HEIGHT, MAP_WIDTH } from "./portMapLayout";
import { MarkerShape } from "./ports";
import { useBorderPorts } from "./queries";
import "./reference.css";

// Below this width the panel sits under the map (see reference.css).
const STACKED_QUERY = "(max-width: 1023px)";

/**
 * Focuses the panel's heading and shows it: at the top of the screen when the panel is under the map,
 * just within view (the panel's own scroll back to its top) when it is beside it.
 */
function revealPanel(heading: HTMLElement | null): void {
  if (!heading) return;
  heading.focus({ preventScroll: true });
  heading.scrollIntoView({ block: window.matchMedia(STACKED_QUERY).matches ? "start" : "nearest" });
}

function MapLegend() {
  const { t } = useTranslation();
  return (
    <ul className="map-legend" aria-label={t("reference.ports.legend.title")}>
      <li>
        <MarkerShape side="cn" status="neutral" approximate={false} />
        {t("reference.ports.sides.cn")}
      </li>
      <li>
        <MarkerShape side="ru" status="neutral" approximate={false} />
        {t("reference.ports.sides.ru")}
      </li>
      <li>
        <MarkerShape side="cn" status="open" approximate={false} />
        {t("reference.ports.status.open")}
      </li>
      <li>
        <MarkerShape side="cn" status="temporarily_closed" approximate={false} />
        {t("reference.ports.status.temporarily_closed")}
      </li>
      <li>
        <MarkerShape side="cn" status="unknown" approximate={false} />
        {t("reference.ports.status.unknown")}
      </li>
      <li>
        <MarkerShape side="ru" status="open" approximate />
        {t("reference.ports.legend.approximate")}
      </li>
      <li>
        <svg className="map-legend__pair" viewBox="0 0 24 12" width="24" height="12" aria-hidden="true">
          <path d="M1 6h22" />
        </svg>
        {t("reference.ports.legend.pairLine")}
      </li>
      <li>
        <svg className="map-legend__border" viewBox="0 0 24 12" width="24" height="12" aria-hidden="true">
          <path d="M1 6h22" />
        </svg>
        {t("reference.ports.legend.border")}
      </li>
    </ul>
  );
}

/**
 * The crossing points of the China–Russia border on a map of the region, with every pair also in a
 * table; the pair shown in the panel is part of the address (`?pair=heihe-blagoveshchensk`).
 * Loaded on its own (React.lazy) with d3-geo and the world outline, which no other page needs.
 */
export default function PortMapPage() {
  const { t } = useTranslation();
  const ports = useBorderPorts();
  const [searchParams, setSearchParams] = useSearchParams();
  const selectedId = searchParams.get("pair");
  const selected = ports.data?.find((port) => port.id === selectedId) ?? null;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const trigger = useRef<HTMLElement | null>(null);
  const pendingFocus = useRef<"panel" | "trigger" | null>(null);
  const listTitleId = useId();

  // Opening a pair takes the reader to its panel (beside the map, or under it on a phone); closing it
  // takes them back to the marker or row they came from.
  useEffect(() => {
    if (pendingFocus.current === "panel" && selectedId) revealPanel(headingRef.current);
    if (pendingFocus.current === "trigger" && !selectedId) {
      const from = trigger.current;
      // Should the marker have been redrawn meanwhile, its successor for the same pair will do.
      const pair = from?.dataset.pair;
      const target = from?.isConnected
        ? from
        : pair
          ? document.querySelector<HTMLElement>(`[data-pair="${CSS.escape(pair)}"]`)
          : null;
      target?.focus();
    }
    pendingFocus.current = null;
  }, [selectedId]);

  const onSelect = useCallback(
    (id: string, from: HTMLElement) => {
      trigger.current = from;
      pendingFocus.current = "panel";
      if (id === selectedId) revealPanel(headingRef.current);
      else setSearchParams({ pair: id }, { replace: true });
    },
    [selectedId, setSearchParams],
  );

  const onClose = useCallback(() => {
    pendingFocus.current = "trigger";
    setSearchParams({}, { replace: true });
  }, [setSearchParams]);

  return (
    <>
      <PageHeader
        eyebrow={<Link to={REFERENCE_PATH}>{t("modules.reference.title")}</Link>}
        title={t("reference.ports.title")}
        description={<p>{t("reference.ports.description")}</p>}
      />
      {ports.isPending ? <Spinner /> : null}
      {ports.isError ? <ErrorState error={ports.error} onRetry={() => void ports.refetch()} /> : null}
      {ports.data ? (
        <>
          <div className="port-browser">
            <div className="port-browser__map">
              <MapContainer
                title={t("reference.ports.mapTitle")}
                description={<p>{t("reference.ports.mapDescription")}</p>}
                aspectRatio={`${MAP_WIDTH} / ${MAP_HEIGHT}`}
                footer={<MapLegend />}
              >
                <PortMap ports={ports.data} selectedId={selectedId} onSelect={onSelect} />
              </MapContainer>
            </div>
            <div className="port-browser__detail">
              {selected ? (
                <PortDetail port={selected} onClose={onClose} headingRef={headingRef} />
              ) : (
                <EmptyState title={t("reference.ports.detail.emptyTitle")}>
                  <p>{t("reference.ports.detail.emptyText")}</p>
                </EmptyState>
              )}
            </div>
          </div>
          <section className="section" aria-labelledby={listTitleId}>
            <h2 id={listTitleId} className="section__title">
              {t("reference.ports.list.title")}
            </h2>
            <p className="section__intro">{t("reference.ports.list.intro")}</p>
            <PortList ports={ports.data} selectedId={selectedId} onSelect={onSelect} />
          </section>
        </>
      ) : null}
    </>
  );
}
