// The languages of the UI, kept free of browser APIs so they can be tested and shared anywhere.

export const LANGUAGES = ["zh-CN", "ru-RU", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

/** Each language named in itself, so a reader finds their own whatever the current language is. */
export const LANGUAGE_NAMES = {
  "zh-CN": "中文",
  "ru-RU": "Русский",
  en: "English",
} as const satisfies Record<Language, string>;

export const LANGUAGE_STORAGE_KEY = "amur.lang";

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

/** Maps any BCP 47 tag (`zh-Hans-CN`, `ru`, `en-GB`) to one of ours, or null. */
export function matchLanguage(tag: string): Language | null {
  const lower = tag.trim().toLowerCase();
  if (lower.startsWith("zh")) return "zh-CN";
  if (lower.startsWith("ru")) return "ru-RU";
  if (lower.startsWith("en")) return "en";
  return null;
}
