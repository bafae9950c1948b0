import { type ReactNode, useEffect } from "react";
import { useTranslation } from "react-i18next";

export interface PageHeaderProps {
  title: string;
  description?: ReactNode;
  eyebrow?: ReactNode;
  actions?: ReactNode;
}

/** The page's one <h1>; also names the browser tab after the page, in the current language. */
export function PageHeader({ title, description, eyebrow, actions }: PageHeaderProps) {
  const { t } = useTranslation();
  const suffix = t("meta.titleSuffix");
  useEffect(() => {
    document.title = title === suffix ? title : `${title} · ${suffix}`;
  }, [title, suffix]);
  return (
    <header className="page-header">
      <div className="page-header__text">
        {eyebrow ? <p className="page-header__eyebrow">{eyebrow}</p> : null}
        <h1 className="page-header__title">{title}</h1>
        {description ? <div className="page-header__description">{description}</div> : null}
      </div>
      {actions ? <div className="page-header__actions">{actions}</div> : null}
    </header>
  );
}
