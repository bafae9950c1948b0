import { useTranslation } from "react-i18next";
import { currentLanguage } from "../../i18n";
import { htmlLang, type NameLanguage, type NameSet, otherNamesTitle, pickName, UI_TO_NAME } from "./names";

/** The UI language re-rendered on every switch (through `useTranslation`). */
export function useNameLanguage(): NameLanguage {
  useTranslation();
  return UI_TO_NAME[currentLanguage()];
}

/**
 * A small tag saying which language a text is in, e.g. "EN" or "英": for a stand-in name, or for data
 * that exists in one language only (`title` then says so).
 */
export function LanguageTag({ language, title }: { language: NameLanguage; title?: string }) {
  const { t } = useTranslation();
  const explanation = title ?? t(`reference.names.fallbackTitle.${language}`);
  return (
    <span className="lang-tag" title={explanation}>
      <span aria-hidden="true">{t(`reference.names.short.${language}`)}</span>
      <span className="visually-hidden">({explanation})</span>
    </span>
  );
}

/** Text the data has in English only (fact descriptions, notes), tagged as such for other readers. */
export function EnglishText({ children }: { children: string }) {
  const { t } = useTranslation();
  const reader = useNameLanguage();
  return (
    <>
      <span lang="en">{children}</span>
      {reader === "en" ? null : (
        <>
          {" "}
          <LanguageTag language="en" title={t("reference.names.englishOnly")} />
        </>
      )}
    </>
  );
}

export interface LocalNameProps {
  names: NameSet;
  className?: string;
  /** Leave out the hover text, e.g. where all three names are shown next to each other anyway. */
  noTitle?: boolean;
}

/**
 * A name in the reader's language, or in another one marked with a language tag; the other languages
 * appear on hover. Never empty: a line without any name says so.
 */
export function LocalName({ names, className, noTitle = false }: LocalNameProps) {
  const { t } = useTranslation();
  const reader = useNameLanguage();
  const picked = pickName(names, reader);
  const classes = ["local-name", className ?? ""].filter(Boolean).join(" ");
  if (!picked) return <span className={`${classes} local-name--missing`}>{t("reference.names.none")}</span>;
  return (
    <span className={classes} title={noTitle ? undefined : otherNamesTitle(names, picked.language)}>
      <span lang={picked.fallback ? htmlLang(picked.language) : undefined}>{picked.text}</span>
      {picked.fallback ? <LanguageTag language={picked.language} /> : null}
    </span>
  );
}
