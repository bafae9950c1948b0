import { LANGUAGE_NAMES, type Language } from "../../languages";

// Pure helpers for names that come in three languages; the components that show them are in
// LocalName.tsx. Kept free of i18next and the DOM so they can be unit-tested.

/** The languages reference names come in, by their short keys in the API (`names.zh`, `names.ru`, …). */
export const NAME_LANGUAGES = ["zh", "ru", "en"] as const;
export type NameLanguage = (typeof NAME_LANGUAGES)[number];
export type NameSet = Readonly<Record<NameLanguage, string | null>>;

export const UI_TO_NAME = { "zh-CN": "zh", "ru-RU": "ru", en: "en" } as const satisfies Record<
  Language,
  NameLanguage
>;
const NAME_TO_UI = { zh: "zh-CN", ru: "ru-RU", en: "en" } as const satisfies Record<NameLanguage, Language>;

// Which name stands in when the reader's language has none. English comes before Russian for Chinese
// readers (HS has English at every level) and before Chinese for Russian readers, who are more likely to
// read it; the national TN VED lines have Russian only, so they end up in Russian for everyone.
const FALLBACK_ORDER = {
  zh: ["zh", "en", "ru"],
  ru: ["ru", "en", "zh"],
  en: ["en", "ru", "zh"],
} as const satisfies Record<NameLanguage, readonly NameLanguage[]>;

export interface PickedName {
  text: string;
  language: NameLanguage;
  /** True when the name is not in the reader's language. */
  fallback: boolean;
}

export function htmlLang(language: NameLanguage): Language {
  return NAME_TO_UI[language];
}

/** The name in the reader's language, else the best other one; null when the data has no name at all. */
export function pickName(names: NameSet, reader: NameLanguage): PickedName | null {
  for (const language of FALLBACK_ORDER[reader]) {
    const text = names[language];
    if (text !== null && text.trim() !== "") {
      return { text: capitalize(text, language), language, fallback: language !== reader };
    }
  }
  return null;
}

/**
 * The data keeps the nomenclature's own capitalisation: TN VED lines start in lower case ("прочие") as
 * continuations of the line above, and a few English HS texts do too. Shown on their own, they read
 * better with a capital.
 */
export function capitalize(text: string, language: NameLanguage): string {
  const first = text.codePointAt(0);
  if (first === undefined) return text;
  const head = String.fromCodePoint(first);
  return head.toLocaleUpperCase(htmlLang(language)) + text.slice(head.length);
}

/** "中文: …\nРусский: …" for the languages other than the one shown: the hover text of a name. */
export function otherNamesTitle(names: NameSet, shown: NameLanguage | null): string | undefined {
  const lines = NAME_LANGUAGES.filter((language) => language !== shown)
    .map((language) => {
      const text = names[language];
      return text ? `${LANGUAGE_NAMES[htmlLang(language)]}: ${capitalize(text, language)}` : null;
    })
    .filter((line) => line !== null);
  return lines.length > 0 ? lines.join("\n") : undefined;
}

/** A date of the data (`2022-06-10`, `2016-12` or `2016`) in the reader's language; other text unchanged. */
export function formatPartialDate(value: string, language: Language): string {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!match) return value;
  const [, year, month, day] = match;
  // Noon UTC, formatted in UTC: the calendar date cannot shift with the reader's time zone.
  const date = new Date(Date.UTC(Number(year), Number(month ?? "1") - 1, Number(day ?? "1"), 12));
  const options: Intl.DateTimeFormatOptions = day
    ? { dateStyle: "long", timeZone: "UTC" }
    : month
      ? { year: "numeric", month: "long", timeZone: "UTC" }
      : { year: "numeric", timeZone: "UTC" };
  return new Intl.DateTimeFormat(language, options).format(date);
}
