import { type ReactNode, useId } from "react";
import { useTranslation } from "react-i18next";
import { Heading, type HeadingLevel } from "./Heading";

export interface MapContainerProps {
  title: string;
  description?: ReactNode;
  /** Width / height of the drawing, e.g. "16 / 9"; the map scales with the page and keeps it. */
  aspectRatio?: string;
  /** The map itself — an <svg> drawn with d3-geo — once there is one. */
  children?: ReactNode;
  /** What the map shows, as text or a table, for readers who cannot see it. */
  alternative?: ReactNode;
  /** Shown under the map for everyone, e.g. its legend. */
  footer?: ReactNode;
  headingLevel?: HeadingLevel;
}

/** The frame every map sits in: a title, a box of fixed proportions and a text alternative. */
export function MapContainer({
  title,
  description,
  aspectRatio = "4 / 3",
  children,
  alternative,
  footer,
  headingLevel = 2,
}: MapContainerProps) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <figure className="map" aria-labelledby={titleId}>
      <figcaption className="map__caption">
        <Heading level={headingLevel} id={titleId} className="map__title">
          {title}
        </Heading>
        {description ? <div className="map__description">{description}</div> : null}
      </figcaption>
      <div className="map__area" style={{ aspectRatio }}>
        {children ?? <p className="map__placeholder">{t("map.placeholder")}</p>}
      </div>
      {footer ? <div className="map__footer">{footer}</div> : null}
      {alternative ? <div className="visually-hidden">{alternative}</div> : null}
    </figure>
  );
}
