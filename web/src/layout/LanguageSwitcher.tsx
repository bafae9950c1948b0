import { useTranslation } from "react-i18next";
import { currentLanguage, LANGUAGE_NAMES, LANGUAGES } from "../i18n";
import { useSwitchLanguage } from "../session";

/**
 * Three buttons rather than a menu: each language is one press away and named in itself (with its own
 * `lang`, so screen readers pronounce it right), whichever language the page is in now.
 */
export function LanguageSwitcher() {
  const { t } = useTranslation();
  const switchLanguage = useSwitchLanguage();
  const active = currentLanguage();
  return (
    <fieldset className="lang-switcher">
      <legend className="visually-hidden">{t("a11y.language")}</legend>
      {LANGUAGES.map((lang) => (
        <button
          key={lang}
          type="button"
          lang={lang}
          className="lang-switcher__button"
          aria-pressed={lang === active}
          onClick={() => void switchLanguage(lang)}
        >
          {LANGUAGE_NAMES[lang]}
        </button>
      ))}
    </fieldset>
  );
}
