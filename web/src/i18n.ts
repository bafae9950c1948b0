import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import { isLanguage, LANGUAGE_STORAGE_KEY, LANGUAGES, type Language, matchLanguage } from "./languages";
import en from "./locales/en.json";
import ruRU from "./locales/ru-RU.json";
import zhCN from "./locales/zh-CN.json";

export {
  isLanguage,
  LANGUAGE_NAMES,
  LANGUAGE_STORAGE_KEY,
  LANGUAGES,
  type Language,
  matchLanguage,
} from "./languages";

function readStoredLanguage(): Language | null {
  try {
    const stored = window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(stored) ? stored : null;
  } catch {
    // Storage can be disabled (private mode, strict cookie settings); the app still works without it.
    return null;
  }
}

/** True when the reader has picked a language in this browser, as opposed to us guessing one. */
export function hasChosenLanguage(): boolean {
  return readStoredLanguage() !== null;
}

export function detectLanguage(): Language {
  const stored = readStoredLanguage();
  if (stored) return stored;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const match = matchLanguage(tag);
    if (match) return match;
  }
  return "en";
}

export function currentLanguage(): Language {
  const lang = i18next.resolvedLanguage ?? i18next.language;
  return isLanguage(lang) ? lang : "en";
}

function applyToDocument(lang: Language): void {
  document.documentElement.lang = lang;
}

/** Switches the UI language and remembers it in this browser. */
export async function chooseLanguage(lang: Language): Promise<void> {
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, lang);
  } catch {
    // Not remembered across visits, but the switch itself still happens.
  }
  await i18next.changeLanguage(lang);
}

i18next.on("languageChanged", (lang) => {
  if (isLanguage(lang)) applyToDocument(lang);
});

const initialLanguage = detectLanguage();
applyToDocument(initialLanguage);

// All three catalogues are bundled: together they are a few kilobytes, and switching must be instant.
void i18next.use(initReactI18next).init({
  resources: {
    en: { translation: en },
    "ru-RU": { translation: ruRU },
    "zh-CN": { translation: zhCN },
  },
  lng: initialLanguage,
  fallbackLng: "en",
  supportedLngs: LANGUAGES,
  load: "currentOnly",
  returnNull: false,
  interpolation: { escapeValue: false },
  react: { useSuspense: false },
});

export default i18next;
