import type { ReactNode } from "react";
import { Link } from "react-router";
import { Heading, type HeadingLevel } from "./Heading";
import { LineIcon } from "./LineIcon";

export interface CardProps {
  title?: ReactNode;
  headingLevel?: HeadingLevel;
  /** Makes the whole card a link to this route; the title is the link text, so it must be given. */
  to?: string;
  /** Small text above the title, e.g. the module's name or a status. */
  eyebrow?: ReactNode;
  icon?: ReactNode;
  footer?: ReactNode;
  children?: ReactNode;
  className?: string;
}

export function Card({ title, headingLevel = 3, to, eyebrow, icon, footer, children, className }: CardProps) {
  const classes = ["card", to ? "card--link" : "", className ?? ""].filter(Boolean).join(" ");
  return (
    <section className={classes}>
      {icon ? (
        <div className="card__icon" aria-hidden="true">
          {icon}
        </div>
      ) : null}
      {eyebrow ? <p className="card__eyebrow">{eyebrow}</p> : null}
      {title ? (
        <Heading level={headingLevel} className="card__title">
          {/* The link stretches over the card with CSS, so the card is one target but one link. */}
          {to ? (
            <Link to={to} className="card__link">
              {title}
            </Link>
          ) : (
            title
          )}
        </Heading>
      ) : null}
      {children ? <div className="card__body">{children}</div> : null}
      {footer ? <div className="card__footer">{footer}</div> : null}
    </section>
  );
}

export interface LinkCardProps {
  to: string;
  title: string;
  /** The drawing of a `LineIcon` (its paths), e.g. `<path d="M12 5v14M5 12h14" />`. */
  icon: ReactNode;
  /** One sentence on what the page linked to is for. */
  description: string;
  headingLevel?: HeadingLevel;
}

/** A card that leads to one page of a module: a line icon, the page's name as the link, and what it is for. */
export function LinkCard({ to, title, icon, description, headingLevel }: LinkCardProps) {
  return (
    <Card to={to} title={title} icon={<LineIcon>{icon}</LineIcon>} headingLevel={headingLevel}>
      <p>{description}</p>
    </Card>
  );
}
