import type { TFunction } from "i18next";
import { type Ref, useId } from "react";
import { useTranslation } from "react-i18next";
import { Badge, Button, Notice } from "../../components";
import type { TBorderPort, TPortMode, TPortSide } from "../../contracts";
import { PORT_MODES } from "../../contracts";
import { currentLanguage, LANGUAGE_NAMES } from "../../i18n";
import { EnglishText, useNameLanguage } from "./LocalName";
import { formatPartialDate, htmlLang, NAME_LANGUAGES } from "./names";
import { MarkerShape, ModeBadges, pairName, type SideKey, StatusBadge } from "./ports";

// i18next's own type: deriving it from `useTranslation` makes TypeScript expand every key of the
// catalogue at each call, which stops compiling ("excessively deep") once the catalogue grows.
type Translate = TFunction;

export interface PortDetailProps {
  port: TBorderPort;
  onClose: () => void;
  headingRef?: Ref<HTMLHeadingElement>;
}

function isPortMode(value: string): value is TPortMode {
  return (PORT_MODES as readonly string[]).includes(value);
}

/** Labels for the data's codes; a code this client does not know yet is shown as it is. */
function factKind(kind: string, t: Translate): string {
  switch (kind) {
    case "opened":
    case "approved":
    case "reopened":
    case "closed":
    case "built":
    case "first_train":
    case "postponed":
    case "capacity":
    case "note":
      return t(`reference.ports.factKinds.${kind}`);
    default:
      return kind;
  }
}

function unconfirmedItem(item: string, t: Translate): string {
  switch (item) {
    case "ru":
      return t("reference.ports.unconfirmed.ru");
    case "ru.coordinates":
      return t("reference.ports.unconfirmed.ruCoordinates");
    case "cn.coordinates":
      return t("reference.ports.unconfirmed.cnCoordinates");
    case "modes":
      return t("reference.ports.unconfirmed.modes");
    case "status":
      return t("reference.ports.unconfirmed.status");
    default:
      return item;
  }
}

function statusBasis(basis: string, t: Translate): string {
  switch (basis) {
    case "reported":
    case "assumed":
    case "unknown":
      return t(`reference.ports.statusBasis.${basis}`);
    default:
      return basis;
  }
}

function capacityBasis(basis: string, t: Translate): string {
  switch (basis) {
    case "design":
    case "reported":
    case "configured":
      return t(`reference.ports.capacityBasis.${basis}`);
    default:
      return basis;
  }
}

/**
 * A source as the data gives it: a bare domain or address becomes a link; shortened ones ("…/") and
 * anything else stay text, since a guessed address could point to the wrong page.
 */
function sourceHref(source: string): string | null {
  if (source.includes("…") || /\s/.test(source)) return null;
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+(\/\S*)?$/i.test(source) ? `https://${source}` : null;
}

function SourceList({ sources }: { sources: readonly string[] }) {
  return (
    <ul className="port-sources">
      {sources.map((source) => {
        const href = sourceHref(source);
        return (
          <li key={source}>
            {href ? (
              <a href={href} rel="noreferrer" target="_blank">
                {source}
              </a>
            ) : (
              source
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** Everything the reference data says about one crossing pair. */
export function PortDetail({ port, onClose, headingRef }: PortDetailProps) {
  const { t } = useTranslation();
  const reader = useNameLanguage();
  const language = currentLanguage();
  const headingId = useId();
  const numbers = new Intl.NumberFormat(language);
  const capacity = port.capacity;
  const figures = [
    { key: "vehiclesPerDay", value: capacity.vehiclesPerDay },
    { key: "wagonsPerDay", value: capacity.wagonsPerDay },
    { key: "tonnesPerDay", value: capacity.tonnesPerDay },
  ] as const;
  const hasFigures = figures.some((figure) => figure.value !== null);
  // Dated facts newest first; undated notes after them, in the order the data gives.
  const facts = [...port.facts].sort((a, b) => {
    if (a.date === null || b.date === null) return a.date === null ? (b.date === null ? 0 : 1) : -1;
    return b.date.localeCompare(a.date);
  });

  return (
    <article className="panel port-detail" aria-labelledby={headingId}>
      <div className="port-detail__head">
        <h2 id={headingId} ref={headingRef} tabIndex={-1} className="port-detail__title">
          {pairName(port, reader)}
        </h2>
        <Button variant="ghost" size="sm" onClick={onClose}>
          {t("reference.ports.detail.close")}
        </Button>
      </div>
      <div className="port-detail__summary">
        <StatusBadge status={port.status} />
        <ModeBadges modes={port.modes} />
      </div>

      {port.unconfirmed.length > 0 ? (
        <Notice tone="warning" role="note" title={t("reference.ports.unconfirmed.title")}>
          <ul className="port-detail__unconfirmed">
            {port.unconfirmed.map((item) => (
              <li key={item}>{unconfirmedItem(item, t)}</li>
            ))}
          </ul>
        </Notice>
      ) : null}

      <div className="port-sides">
        <PortSideCard side="cn" data={port.cn} status={port.status} />
        <PortSideCard side="ru" data={port.ru} status={port.status} />
      </div>

      <h3 className="port-detail__subtitle">{t("reference.ports.detail.status")}</h3>
      <dl className="details port-detail__list">
        <div>
          <dt>{t("reference.ports.detail.statusBasis")}</dt>
          <dd>{statusBasis(port.statusBasis, t)}</dd>
        </div>
        <div className="port-detail__wide">
          <dt>{t("reference.ports.detail.note")}</dt>
          <dd>
            <EnglishText>{port.statusNote}</EnglishText>
          </dd>
        </div>
      </dl>

      <h3 className="port-detail__subtitle">{t("reference.ports.detail.capacity")}</h3>
      {hasFigures ? (
        <dl className="details port-detail__list">
          {figures.map((figure) => (
            <div key={figure.key}>
              <dt>{t(`reference.ports.detail.${figure.key}`)}</dt>
              <dd>{figure.value === null ? t("common.notSet") : numbers.format(figure.value)}</dd>
            </div>
          ))}
          <div>
            <dt>{t("reference.ports.detail.capacitySource")}</dt>
            <dd>
              {capacity.source === "configured"
                ? t("reference.ports.capacitySource.configured")
                : t("reference.ports.capacitySource.reference")}
              {capacity.basis ? ` · ${capacityBasis(capacity.basis, t)}` : null}
            </dd>
          </div>
          {capacity.updatedAt ? (
            <div>
              <dt>{t("reference.ports.detail.capacityUpdated")}</dt>
              <dd>{formatPartialDate(capacity.updatedAt.slice(0, 10), language)}</dd>
            </div>
          ) : null}
          {capacity.note ? (
            <div className="port-detail__wide">
              <dt>{t("reference.ports.detail.note")}</dt>
              <dd>
                <EnglishText>{capacity.note}</EnglishText>
              </dd>
            </div>
          ) : null}
        </dl>
      ) : (
        <p className="ref-muted">
          {t("reference.ports.detail.noCapacity")}
          {capacity.note ? (
            <>
              {" "}
              <EnglishText>{capacity.note}</EnglishText>
            </>
          ) : null}
        </p>
      )}

      <h3 className="port-detail__subtitle">{t("reference.ports.detail.facts")}</h3>
      {facts.length === 0 ? (
        <p className="ref-muted">{t("reference.ports.detail.noFacts")}</p>
      ) : (
        <>
          {reader === "en" ? null : (
            <p className="port-detail__hint">{t("reference.ports.detail.factsInEnglish")}</p>
          )}
          <ol className="port-facts">
            {facts.map((fact) => (
              <li key={`${fact.kind}-${fact.date ?? ""}-${fact.text}`} className="port-fact">
                <p className="port-fact__head">
                  {fact.date ? (
                    <time dateTime={fact.date} className="port-fact__date">
                      {formatPartialDate(fact.date, language)}
                    </time>
                  ) : (
                    <span className="port-fact__date port-fact__date--none">
                      {t("reference.ports.detail.undated")}
                    </span>
                  )}
                  <Badge tone="info">{factKind(fact.kind, t)}</Badge>
                  {fact.confidence === "weak" ? (
                    <Badge tone="warning">{t("reference.ports.detail.weak")}</Badge>
                  ) : null}
                </p>
                <p className="port-fact__text" lang="en">
                  {fact.text}
                </p>
                <div className="port-fact__sources">
                  <span className="port-fact__sources-label">{t("reference.ports.detail.sources")}:</span>
                  <SourceList sources={fact.sources} />
                </div>
              </li>
            ))}
          </ol>
        </>
      )}

      <details className="port-detail__all-sources">
        <summary>{t("reference.ports.detail.allSources", { n: port.sources.length })}</summary>
        <SourceList sources={port.sources} />
      </details>
    </article>
  );
}

function formatCoordinate(value: number, language: string): string {
  return new Intl.NumberFormat(language, { minimumFractionDigits: 2, maximumFractionDigits: 4 }).format(
    value,
  );
}

function PortSideCard({
  side,
  data,
  status,
}: {
  side: SideKey;
  data: TPortSide | null;
  status: TBorderPort["status"];
}) {
  const { t } = useTranslation();
  const reader = useNameLanguage();
  const language = currentLanguage();
  const titleId = useId();
  const label = (
    <p className="port-side__label">
      <MarkerShape side={side} status={status} approximate={data?.coordinates?.basis === "approximate"} />
      {t(`reference.ports.sides.${side}`)}
    </p>
  );
  if (!data) {
    return (
      <section className={`port-side port-side--${side} port-side--unknown`} aria-labelledby={titleId}>
        {label}
        <h3 id={titleId} className="port-side__name">
          {t("reference.ports.counterpartUnknown")}
        </h3>
        <p className="ref-muted">{t("reference.ports.detail.counterpartUnknownText")}</p>
      </section>
    );
  }
  const others = NAME_LANGUAGES.filter((l) => l !== reader);
  return (
    <section className={`port-side port-side--${side}`} aria-labelledby={titleId}>
      {label}
      <h3 id={titleId} className="port-side__name">
        {data.names[reader]}
      </h3>
      <dl className="port-side__names">
        {others.map((l) => (
          <div key={l}>
            <dt lang={htmlLang(l)}>{LANGUAGE_NAMES[htmlLang(l)]}</dt>
            <dd lang={htmlLang(l)}>{data.names[l]}</dd>
          </div>
        ))}
      </dl>
      {data.confirmed ? null : (
        <p>
          <Badge tone="warning">{t("reference.ports.detail.sideNotConfirmed")}</Badge>
        </p>
      )}
      <dl className="port-side__facts">
        <div>
          <dt>{t("reference.ports.detail.region")}</dt>
          <dd title={`${data.region.names.zh} · ${data.region.names.ru} · ${data.region.names.en}`}>
            {data.region.names[reader]}
          </dd>
        </div>
        {data.locality ? (
          <div>
            <dt>{t("reference.ports.detail.locality")}</dt>
            <dd>{data.locality[reader] ?? <span lang="en">{data.locality.en}</span>}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t("reference.ports.detail.locode")}</dt>
          <dd>{data.locode ? <code>{data.locode}</code> : t("common.notSet")}</dd>
        </div>
        <div>
          <dt>{t("reference.ports.detail.location")}</dt>
          <dd>
            {data.coordinates ? (
              <>
                {t("reference.ports.detail.coordinates", {
                  lat: formatCoordinate(data.coordinates.lat, language),
                  lon: formatCoordinate(data.coordinates.lon, language),
                })}
                <br />
                <span className="ref-muted">
                  {t(`reference.ports.coordinatesBasis.${data.coordinates.basis}`)}
                </span>
              </>
            ) : (
              <Badge tone="warning">{t("reference.ports.locationNotConfirmed")}</Badge>
            )}
          </dd>
        </div>
      </dl>
      {data.checkpoints.length > 0 ? (
        <>
          <h4 className="port-side__subtitle">{t("reference.ports.detail.checkpoints")}</h4>
          <ul className="port-side__checkpoints">
            {data.checkpoints.map((checkpoint) => (
              <li key={checkpoint.names.en}>
                <strong>{checkpoint.names[reader]}</strong>
                {checkpoint.modes.length > 0 ? (
                  <>
                    {" · "}
                    {checkpoint.modes
                      .map((mode) => (isPortMode(mode) ? t(`reference.ports.modes.${mode}`) : mode))
                      .join(", ")}
                  </>
                ) : null}
                {checkpoint.note ? (
                  <span className="port-side__note">
                    <EnglishText>{checkpoint.note}</EnglishText>
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
