import en from "./locales/en.json" with { type: "json" };
import ru from "./locales/ru-RU.json" with { type: "json" };
import zh from "./locales/zh-CN.json" with { type: "json" };

export const LOCALES = ["zh-CN", "ru-RU", "en"] as const;
export type Locale = (typeof LOCALES)[number];

type Messages = { [key: string]: string | Messages };
const CATALOGUES: Record<Locale, Messages> = { "zh-CN": zh, "ru-RU": ru, en };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** Maps a language tag (`ru`, `zh-Hans-CN`, `en-GB`) to one of our locales, or null. */
export function matchLocale(tag: string): Locale | null {
  const t = tag.trim().toLowerCase();
  if (t.startsWith("zh")) return "zh-CN";
  if (t.startsWith("ru")) return "ru-RU";
  if (t.startsWith("en")) return "en";
  return null;
}

/** Picks the locale from an Accept-Language header honouring q-values; null when nothing matches. */
export function localeFromAcceptLanguage(header: string | undefined): Locale | null {
  if (!header) return null;
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...rest] = part.split(";");
      const q = rest.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { tag, q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    const locale = matchLocale(tag);
    if (locale) return locale;
  }
  return null;
}

function lookup(messages: Messages, key: string): string | undefined {
  let node: string | Messages | undefined = messages;
  for (const part of key.split(".")) {
    if (node === undefined || typeof node === "string") return undefined;
    node = node[part];
  }
  return typeof node === "string" ? node : undefined;
}

/**
 * A template split once into its text and placeholder parts: odd positions hold placeholder names.
 * The catalogues never change while the process runs, so the split templates are kept per locale.
 */
const compiled: Record<Locale, Map<string, readonly string[]>> = {
  "zh-CN": new Map(),
  "ru-RU": new Map(),
  en: new Map(),
};

function compile(locale: Locale, key: string): readonly string[] {
  let parts = compiled[locale].get(key);
  if (parts === undefined) {
    const template = lookup(CATALOGUES[locale], key) ?? lookup(CATALOGUES.en, key) ?? key;
    parts = template.split(/\{\{(\w+)\}\}/);
    // Keys made up at run time (e.g. an unknown code) must not grow the map without end.
    if (compiled[locale].size >= 20_000) compiled[locale].clear();
    compiled[locale].set(key, parts);
  }
  return parts;
}

/** Translates a key with `{{name}}` placeholders; falls back to English, then to the key itself. */
export function t(locale: Locale, key: string, params: Record<string, string | number> = {}): string {
  const parts = compile(locale, key);
  if (parts.length === 1) return parts[0] as string;
  let out = "";
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    if (i % 2 === 0) out += part;
    else out += params[part] === undefined ? `{{${part}}}` : String(params[part]);
  }
  return out;
}

const pluralRules: Record<Locale, Intl.PluralRules> = {
  "zh-CN": new Intl.PluralRules("zh-CN"),
  "ru-RU": new Intl.PluralRules("ru-RU"),
  en: new Intl.PluralRules("en"),
};

/**
 * Like t(), choosing the plural form of the key by `count` with the locale's plural rules: the
 * catalogue may hold `key_one`, `key_few`, `key_many` next to `key` (used for every other form).
 */
export function tCount(
  locale: Locale,
  key: string,
  count: number,
  params: Record<string, string | number> = {},
): string {
  const form = pluralRules[locale].select(count);
  const variant = `${key}_${form}`;
  return t(locale, lookup(CATALOGUES[locale], variant) !== undefined ? variant : key, { ...params, count });
}

export function hasMessage(locale: Locale, key: string): boolean {
  return lookup(CATALOGUES[locale], key) !== undefined;
}

/** Every key of a catalogue as dotted paths; the completeness test compares these across locales. */
export function flattenKeys(messages: Messages, prefix = ""): string[] {
  return Object.entries(messages).flatMap(([k, v]) =>
    typeof v === "string" ? [`${prefix}${k}`] : flattenKeys(v, `${prefix}${k}.`),
  );
}

export const catalogues = CATALOGUES;
