import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROLES } from "../src/platform/auth/policy.ts";
import { AppError, ERROR_STATUS } from "../src/platform/errors.ts";
import { problemOf } from "../src/platform/http/problem.ts";
import {
  catalogues,
  flattenKeys,
  hasMessage,
  LOCALES,
  localeFromAcceptLanguage,
} from "../src/platform/i18n/i18n.ts";

type Messages = Parameters<typeof flattenKeys>[0];

function missingAcross(sets: Record<string, string[]>): string[] {
  const all = new Set(Object.values(sets).flat());
  return Object.entries(sets).flatMap(([locale, keys]) => {
    const have = new Set(keys);
    return [...all].filter((k) => !have.has(k)).map((k) => `${locale}: ${k}`);
  });
}

function emptyValues(messages: Messages, locale: string): string[] {
  return flattenKeys(messages)
    .filter((k) => {
      let node: unknown = messages;
      for (const p of k.split(".")) node = (node as Record<string, unknown>)[p];
      return typeof node !== "string" || node.trim() === "";
    })
    .map((k) => `${locale}: ${k}`);
}

describe("translations", () => {
  it("server messages exist in zh-CN, ru-RU and en with the same keys, none empty", () => {
    const sets = Object.fromEntries(LOCALES.map((l) => [l, flattenKeys(catalogues[l])]));
    expect(missingAcross(sets)).toEqual([]);
    expect(LOCALES.flatMap((l) => emptyValues(catalogues[l], l))).toEqual([]);
  });

  it("every error code and role has its texts in every locale", () => {
    const missing = LOCALES.flatMap((l) => [
      ...Object.keys(ERROR_STATUS).flatMap((code) =>
        ["title", "detail"]
          .filter((f) => !hasMessage(l, `errors.${code}.${f}`))
          .map((f) => `${l}: errors.${code}.${f}`),
      ),
      ...ROLES.filter((r) => !hasMessage(l, `roles.${r}`)).map((r) => `${l}: roles.${r}`),
    ]);
    expect(missing).toEqual([]);
  });

  it("every kind of thing an error can say was not found has its name in every locale", () => {
    // The sources name it as `resource: "declaration"`; the message shows the name in the reader's language.
    const root = path.resolve(import.meta.dirname, "../src");
    const used = new Set<string>();
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts"))
          for (const m of fs.readFileSync(file, "utf8").matchAll(/\bresource: "([a-z_]+)"/g))
            used.add(m[1] as string);
      }
    };
    walk(root);
    expect(used.size).toBeGreaterThan(10);
    expect(
      LOCALES.flatMap((l) =>
        [...used].filter((r) => !hasMessage(l, `resources.${r}`)).map((r) => `${l}: ${r}`),
      ),
    ).toEqual([]);
  });

  it("names what was not found in the reader's language", () => {
    const error = new AppError("NOT_FOUND", { resource: "declaration", id: "CN-1" });
    expect(problemOf(error, "ru-RU", "r").detail).toContain("«декларация на товары»");
    expect(problemOf(error, "zh-CN", "r").detail).toContain("的报关单");
    expect(problemOf(error, "en", "r").detail).toBe('No declaration with id "CN-1" was found.');
    // A name without a translation stays as it is rather than vanish.
    const odd = new AppError("NOT_FOUND", { resource: "gadget", id: "7" });
    expect(problemOf(odd, "ru-RU", "r").detail).toContain("«gadget»");
  });

  it("web UI strings exist in every locale with the same keys, none empty", () => {
    const dir = path.resolve(import.meta.dirname, "../web/src/locales");
    const files = { "zh-CN": "zh-CN.json", "ru-RU": "ru-RU.json", en: "en.json" };
    const loaded = Object.fromEntries(
      Object.entries(files).map(([l, f]) => [
        l,
        JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as Messages,
      ]),
    );
    const sets = Object.fromEntries(Object.entries(loaded).map(([l, m]) => [l, flattenKeys(m)]));
    expect(Object.values(sets)[0]?.length ?? 0).toBeGreaterThan(20);
    expect(missingAcross(sets)).toEqual([]);
    expect(Object.entries(loaded).flatMap(([l, m]) => emptyValues(m, l))).toEqual([]);
  });

  it("negotiates the language from Accept-Language with q-values", () => {
    expect(localeFromAcceptLanguage("ru-RU,ru;q=0.9,en;q=0.8")).toBe("ru-RU");
    expect(localeFromAcceptLanguage("fr;q=1, zh-Hans-CN;q=0.5, en;q=0.4")).toBe("zh-CN");
    expect(localeFromAcceptLanguage("de, fr")).toBeNull();
    expect(localeFromAcceptLanguage("en;q=0, ru;q=0.1")).toBe("ru-RU");
  });
});

describe("message templates", () => {
  it("every {{placeholder}} is well formed in every locale", () => {
    const broken = LOCALES.flatMap((l) =>
      flattenKeys(catalogues[l])
        .filter((k) => {
          let node: unknown = catalogues[l];
          for (const p of k.split(".")) node = (node as Record<string, unknown>)[p];
          const s = String(node);
          return (
            (s.match(/\{\{/g) ?? []).length !== (s.match(/\}\}/g) ?? []).length || /\{\{[^}]*\}(?!\})/.test(s)
          );
        })
        .map((k) => `${l}: ${k}`),
    );
    expect(broken).toEqual([]);
  });

  it("every locale uses the same placeholders for a key", () => {
    const names = (l: (typeof LOCALES)[number], k: string) => {
      let node: unknown = catalogues[l];
      for (const p of k.split(".")) node = (node as Record<string, unknown>)?.[p];
      return [...String(node).matchAll(/\{\{(\w+)\}\}/g)]
        .map((m) => m[1])
        .sort()
        .join(",");
    };
    const mismatched = flattenKeys(catalogues.en).filter((k) =>
      LOCALES.some((l) => names(l, k) !== names("en", k)),
    );
    expect(mismatched).toEqual([]);
  });
});
