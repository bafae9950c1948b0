import type { ReactNode } from "react";
import { Heading, type HeadingLevel } from "./Heading";

export interface EmptyStateProps {
  title: string;
  children?: ReactNode;
  /** A next step, e.g. a button or link. */
  action?: ReactNode;
  icon?: ReactNode;
  headingLevel?: HeadingLevel;
}

/** Says plainly that there is nothing here yet, and what to do about it if anything. */
export function EmptyState({ title, children, action, icon, headingLevel = 2 }: EmptyStateProps) {
  return (
    <div className="state state--empty">
      <div className="state__icon" aria-hidden="true">
        {icon ?? (
          <svg
            viewBox="0 0 48 48"
            width="48"
            height="48"
            fill="none"
            stroke="currentColor"
            strokeWidth="2"
            aria-hidden="true"
          >
            <rect x="8" y="12" width="32" height="26" rx="3" />
            <path d="M8 20h32M17 28h14" strokeLinecap="round" />
          </svg>
        )}
      </div>
      <Heading level={headingLevel} className="state__title">
        {title}
      </Heading>
      {children ? <div className="state__text">{children}</div> : null}
      {action ? <div className="state__action">{action}</div> : null}
    </div>
  );
}
