import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { ChartContainer, type ChartOption, DataTable, ErrorState, Spinner } from "../../components";
import type { TTrustComponent, TTrustProfile } from "../../contracts";
import { formatDateTime } from "../../format";
import { TrustMeter } from "./badges";
import { useEnterpriseTrust } from "./queries";

// Trust events the client can name; others are shown by their code (see contracts: plain strings).
const EVENT_KEYS = {
  "enterprise.registered": "enterpriseRegistered",
  "enterprise.verified": "enterpriseVerified",
  "enterprise.rejected": "enterpriseRejected",
  "enterprise.updated": "enterpriseUpdated",
  "enterprise.imported": "enterpriseImported",
  "enterprise.trust_refresh": "trustRefresh",
  "declaration.released": "declarationReleased",
  "declaration.rejected": "declarationRejected",
  "declaration.inspected": "declarationInspected",
} as const;

function isKnownEvent(type: string): type is keyof typeof EVENT_KEYS {
  return Object.hasOwn(EVENT_KEYS, type);
}

export function useEventLabel(): (type: string) => string {
  const { t } = useTranslation();
  return (type) => (isKnownEvent(type) ? t(`registry.trust.events.${EVENT_KEYS[type]}`) : type);
}

/**
 * The trust profile: the score, and one bar per component with its points of the maximum and the
 * server's explanation in the reader's language. Its history is `TrustHistorySection`.
 */
export function TrustProfile({ enterpriseId }: { enterpriseId: string }) {
  const { t, i18n } = useTranslation();
  const trust = useEnterpriseTrust(enterpriseId);
  return (
    <section className="section panel trust" aria-labelledby="trust-title">
      <h2 id="trust-title" className="section__title">
        {t("registry.trust.title")}
      </h2>
      <p className="section__intro">{t("registry.trust.intro")}</p>
      {trust.isPending ? (
        <Spinner />
      ) : trust.isError ? (
        <ErrorState
          error={trust.error}
          onRetry={() => void trust.refetch()}
          retrying={trust.isFetching}
          headingLevel={3}
        />
      ) : trust.data.profile === null ? (
        <p>{t("registry.trust.notComputed")}</p>
      ) : (
        <>
          <TrustSummary profile={trust.data.profile} language={i18n.language} />
          <TrustComponents components={trust.data.profile.components} />
        </>
      )}
    </section>
  );
}

function TrustSummary({ profile, language }: { profile: TTrustProfile; language: string }) {
  const { t } = useTranslation();
  return (
    <div className="trust__summary">
      <p className="trust__score">
        <span className="trust__score-label">{t("registry.trust.score")}</span>
        <TrustMeter score={profile.score} size="lg" />
      </p>
      <p className="trust__formula">
        {t("registry.trust.formula", {
          version: profile.formulaVersion,
          at: formatDateTime(profile.computedAt, language),
        })}
      </p>
    </div>
  );
}

function TrustComponents({ components }: { components: readonly TTrustComponent[] }) {
  const { t } = useTranslation();
  return (
    <ul className="trust-components" aria-label={t("registry.trust.components")}>
      {components.map((component) => {
        const counted = component.max > 0;
        const percent = counted ? Math.round((component.points / component.max) * 100) : 0;
        const points = t("registry.trust.points", {
          points: formatPoints(component.points),
          max: component.max,
        });
        return (
          <li key={component.key} className="trust-component">
            <div className="trust-component__head">
              <span className="trust-component__label">{component.label}</span>
              <span className="trust-component__points">
                {counted ? points : t("registry.trust.notCounted")}
              </span>
            </div>
            {counted ? (
              // The points are written out above; the bar repeats them for the eye only.
              <div className="trust-component__track" aria-hidden="true">
                <div className="trust-component__bar" style={{ width: `${percent}%` }} />
              </div>
            ) : null}
            <p className="trust-component__explanation">{component.explanation}</p>
          </li>
        );
      })}
    </ul>
  );
}

/** Points are kept to one decimal on the server; whole numbers read better without ".0". */
function formatPoints(points: number): string {
  return Number.isInteger(points) ? String(points) : points.toFixed(1);
}

/** A short date and time for the chart's axis: "22.11, 07:05", "11/22, 07:05", "11/22 07:05". */
function shortDateTime(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language, {
    month: "numeric",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(date);
}

/**
 * The score after each event that changed a fact it rests on, oldest first: a step chart with one point
 * per event (events, not calendar time, are what move the score), and the same as a table.
 */
export function TrustHistorySection({ enterpriseId }: { enterpriseId: string }) {
  const { t, i18n } = useTranslation();
  const trust = useEnterpriseTrust(enterpriseId);
  const eventLabel = useEventLabel();
  const history = trust.data?.history;
  const chronological = useMemo(
    () =>
      [...(history ?? [])]
        .sort((a, b) => a.at.localeCompare(b.at))
        .map((entry, index) => ({ ...entry, key: `${entry.at}-${index}` })),
    [history],
  );
  const option = useMemo<ChartOption>(
    () => ({
      // A handful of steps: drawing them in slowly adds nothing and would move for readers who asked
      // for reduced motion.
      animation: false,
      grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
      tooltip: {
        trigger: "axis",
        formatter: (params) => {
          const first = Array.isArray(params) ? params[0] : params;
          const entry = first ? chronological[first.dataIndex] : undefined;
          if (!entry) return "";
          return `${formatDateTime(entry.at, i18n.language)}<br>${eventLabel(entry.eventType)}: <b>${entry.score}</b>`;
        },
      },
      xAxis: {
        type: "category",
        data: chronological.map((entry) => shortDateTime(entry.at, i18n.language)),
        axisTick: { alignWithLabel: true },
      },
      yAxis: { type: "value", min: 0, max: 100, interval: 25 },
      series: [
        {
          type: "line",
          name: t("registry.trust.score"),
          step: "end",
          symbolSize: 9,
          data: chronological.map((entry) => entry.score),
        },
      ],
    }),
    [chronological, t, i18n.language, eventLabel],
  );
  if (!trust.data || trust.data.profile === null) return null;
  return (
    <section className="section trust-history" aria-labelledby="trust-history-title">
      {chronological.length === 0 ? (
        <>
          <h2 id="trust-history-title" className="section__title">
            {t("registry.trust.historyTitle")}
          </h2>
          <p>{t("registry.trust.noHistory")}</p>
        </>
      ) : (
        <ChartContainer
          title={t("registry.trust.historyTitle")}
          height="15rem"
          option={option}
          showAlternative
          alternative={
            <DataTable
              caption={t("registry.trust.historyCaption")}
              columns={[
                {
                  id: "at",
                  header: t("registry.trust.historyAt"),
                  cell: (row) => <time dateTime={row.at}>{formatDateTime(row.at, i18n.language)}</time>,
                  rowHeader: true,
                },
                {
                  id: "event",
                  header: t("registry.trust.historyEvent"),
                  cell: (row) => eventLabel(row.eventType),
                },
                { id: "score", header: t("registry.trust.score"), cell: (row) => row.score, align: "end" },
                {
                  id: "change",
                  header: t("registry.trust.historyChange"),
                  cell: (row) =>
                    row.previousScore === null ? t("common.notSet") : signed(row.score - row.previousScore),
                  align: "end",
                },
              ]}
              rows={chronological}
              rowKey={(row) => row.key}
            />
          }
        />
      )}
    </section>
  );
}

function signed(change: number): string {
  return change > 0 ? `+${change}` : change < 0 ? `−${Math.abs(change)}` : "±0";
}
