import type { ReactNode } from "react";

export type NoticeTone = "info" | "success" | "warning" | "danger";

export interface NoticeProps {
  tone?: NoticeTone;
  title?: ReactNode;
  children?: ReactNode;
  /** `alert` interrupts a screen reader; use it only for what needs attention now. */
  role?: "status" | "alert" | "note";
}

/** An inline message box for outcomes and warnings that belong to a part of the page. */
export function Notice({ tone = "info", title, children, role = "status" }: NoticeProps) {
  return (
    <div className={`notice notice--${tone}`} role={role === "note" ? "note" : role}>
      {title ? <p className="notice__title">{title}</p> : null}
      {children ? <div className="notice__body">{children}</div> : null}
    </div>
  );
}
