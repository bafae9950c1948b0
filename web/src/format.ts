import { isLanguage, LANGUAGE_NAMES } from "./i18n";

/** An instant in the reader's language, as `options` say; the text given back when it is not a date. */
function formatInstant(iso: string, language: string, options: Intl.DateTimeFormatOptions): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language, options).format(date);
}

/** A timestamp in the reader's language, e.g. "2025年3月4日 14:05" or "4 мар. 2025 г., 14:05". */
export function formatDateTime(iso: string, language: string): string {
  return formatInstant(iso, language, { dateStyle: "medium", timeStyle: "short" });
}

/** The date of an instant, e.g. "22 нояб. 2026 г." (medium) or "22 ноября 2026 г." (long). */
export function formatDate(iso: string, language: string, style: "medium" | "long" = "medium"): string {
  return formatInstant(iso, language, { dateStyle: style });
}

/** The time of day of an instant, e.g. 18:39. */
export function formatTime(iso: string, language: string): string {
  return formatInstant(iso, language, { timeStyle: "short" });
}

export function languageName(code: string): string {
  return isLanguage(code) ? LANGUAGE_NAMES[code] : code;
}
