/**
 * Enterprise identifiers of both sides: China's Unified Social Credit Code (USCC, GB 32100-2015) and
 * Russia's INN, OGRN, OGRNIP and KPP. Rules and sources: docs/IDENTIFIERS.md and DOMAIN-SOURCES §1.
 *
 * Validation returns issue codes with parameters and no human text; the server localizes them from
 * the `identifiers.<CODE>` catalogue keys. Positions in parameters are 1-based and count characters
 * of the normalized value.
 */
import { z } from "zod";

export const IDENTIFIER_SCHEMES = ["uscc", "inn", "ogrn", "ogrnip", "kpp"] as const;
export type IdentifierScheme = (typeof IDENTIFIER_SCHEMES)[number];

/** Issue codes that make a value invalid. */
export const IDENTIFIER_ERROR_CODES = [
  "EMPTY",
  "BAD_LENGTH",
  "INN_BAD_LENGTH",
  "NOT_DIGIT",
  "BAD_CHARACTER",
  "USCC_BAD_CHARACTER",
  "USCC_FORBIDDEN_LETTER",
  "KPP_REASON_CHARS",
  "OGRN_KIND",
  "OGRNIP_KIND",
  "CHECK_DIGIT",
] as const;

/** Issue codes that leave a value valid but worth a second look. */
export const IDENTIFIER_WARNING_CODES = [
  "USCC_PILOT_REGION_CHECK",
  "USCC_NESTED_ORG_CODE_CHECK",
  "USCC_UNKNOWN_AUTHORITY",
  "USCC_UNKNOWN_CATEGORY",
] as const;

export type IdentifierErrorCode = (typeof IDENTIFIER_ERROR_CODES)[number];
export type IdentifierWarningCode = (typeof IDENTIFIER_WARNING_CODES)[number];
export type IdentifierIssueCode = IdentifierErrorCode | IdentifierWarningCode;

export interface IdentifierIssue {
  code: IdentifierIssueCode;
  params: Record<string, string | number>;
}

export interface IdentifierCheck {
  scheme: IdentifierScheme;
  /** The value as received. */
  value: string;
  /** True when there are no errors; warnings do not affect it. */
  valid: boolean;
  /** The canonical form, also when invalid: NFKC, no spaces or hyphens, USCC/KPP letters upper-case. */
  normalized: string;
  errors: IdentifierIssue[];
  warnings: IdentifierIssue[];
}

/** The 31 USCC characters in value order 0…30: digits and capitals without I, O, S, V, Z. */
export const USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_EXCLUDED_LETTERS = "IOSVZ";
/** Position weights 1–17 of the USCC check: 3^(i-1) mod 31. */
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** GB 11714 organisation code (USCC positions 9–16): full 0-9A-Z alphabet, values 0…35, mod 11. */
const ORG_CODE_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

const INN10_WEIGHTS = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN11_WEIGHTS = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN12_WEIGHTS = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

/**
 * USCC registration authority (position 1) → known entity categories (position 2), as listed in
 * DOMAIN-SOURCES §1.1. The official GB 32100 table itself is unconfirmed, so misses are warnings.
 */
const USCC_CATEGORIES: Readonly<Record<string, string>> = {
  "1": "1239",
  "2": "19",
  "3": "123459",
  "4": "19",
  "5": "1239",
  "6": "129",
  "7": "129",
  "8": "19",
  "9": "123",
  A: "19",
  N: "1239",
  Y: "1",
};

/**
 * The early pilot-region codes that are legal but fail the mod-31 check (DOMAIN-SOURCES §1.1: three
 * Fujian examples, all `91 35…… M0…`). Accepted only together with a passing nested GB 11714 check.
 */
const USCC_PILOT_PATTERN = /^9[123]35[0-9]{4}M0/;

/** At most this many character issues are reported; the rest add nothing a reader can act on. */
export const MAX_CHARACTER_ISSUES = 20;

// Formatting characters people paste along with identifiers: whitespace, hyphens and dashes, the
// minus sign, the soft hyphen, zero-width characters and the byte-order mark.
const SEPARATORS = /[\s\-\u00AD\u200B-\u200D\u2010-\u2015\u2060\u2212\uFEFF]/gu;

/**
 * The canonical form of an identifier: NFKC (full-width digits and letters from Chinese documents
 * become ASCII), separators removed, and for USCC and KPP ASCII letters upper-cased.
 */
export function normalizeIdentifier(scheme: IdentifierScheme, value: string): string {
  const compact = value.normalize("NFKC").replace(SEPARATORS, "");
  return scheme === "uscc" || scheme === "kpp" ? compact.replace(/[a-z]+/g, (s) => s.toUpperCase()) : compact;
}

/** What a position accepts; `kppAny` is for a KPP of the wrong length, whose positions are unknown. */
type CharClass = "digit" | "uscc" | "kppReason" | "kppAny";

const repeat = (cls: CharClass, n: number): CharClass[] => Array.from({ length: n }, () => cls);

/** What each position accepts, per scheme and valid length. */
const LAYOUTS: Record<IdentifierScheme, ReadonlyMap<number, readonly CharClass[]>> = {
  uscc: new Map([[18, [...repeat("uscc", 2), ...repeat("digit", 6), ...repeat("uscc", 10)]]]),
  inn: new Map([
    [10, repeat("digit", 10)],
    [12, repeat("digit", 12)],
  ]),
  ogrn: new Map([[13, repeat("digit", 13)]]),
  ogrnip: new Map([[15, repeat("digit", 15)]]),
  kpp: new Map([[9, [...repeat("digit", 4), ...repeat("kppReason", 2), ...repeat("digit", 3)]]]),
};

/** What any position accepts when the length is wrong and positions are unknown. */
const ANYWHERE: Record<IdentifierScheme, CharClass> = {
  uscc: "uscc",
  inn: "digit",
  ogrn: "digit",
  ogrnip: "digit",
  kpp: "kppAny",
};

const isDigit = (c: string) => c >= "0" && c <= "9";
const isLatinCapitalOrDigit = (c: string) => isDigit(c) || (c >= "A" && c <= "Z");

function codePointOf(c: string): string {
  return `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
}

function characterIssue(cls: CharClass, position: number, c: string): IdentifierIssue | null {
  const issue = (code: IdentifierErrorCode): IdentifierIssue => ({
    code,
    params: { position, character: c, codePoint: codePointOf(c) },
  });
  switch (cls) {
    case "digit":
      return isDigit(c) ? null : issue("NOT_DIGIT");
    case "uscc":
      if (USCC_ALPHABET.includes(c)) return null;
      return issue(USCC_EXCLUDED_LETTERS.includes(c) ? "USCC_FORBIDDEN_LETTER" : "USCC_BAD_CHARACTER");
    case "kppReason":
      return isLatinCapitalOrDigit(c) ? null : issue("KPP_REASON_CHARS");
    case "kppAny":
      return isLatinCapitalOrDigit(c) ? null : issue("BAD_CHARACTER");
  }
}

function usccCheckValue(body: string): number {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(body[i]!) * USCC_WEIGHTS[i]!;
  return (31 - (sum % 31)) % 31;
}

function orgCodeCheck(subject: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += ORG_CODE_ALPHABET.indexOf(subject[i]!) * ORG_CODE_WEIGHTS[i]!;
  const check = 11 - (sum % 11);
  return check === 10 ? "X" : check === 11 ? "0" : String(check);
}

function weightedMod11Mod10(digits: string, weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += Number(digits[i]) * weights[i]!;
  return (sum % 11) % 10;
}

/** The decimal number `digits` modulo `m`, computed digit by digit. */
function decimalMod(digits: string, m: number): number {
  let r = 0;
  for (const d of digits) r = (r * 10 + Number(d)) % m;
  return r;
}

/** Check digit(s) and structure of a value whose length and characters are right. */
function checkRules(
  scheme: IdentifierScheme,
  code: string,
  errors: IdentifierIssue[],
  warnings: IdentifierIssue[],
) {
  const checkDigit = (position: number, expected: string) => {
    const actual = code[position - 1]!;
    if (actual !== expected) errors.push({ code: "CHECK_DIGIT", params: { position, expected, actual } });
  };
  switch (scheme) {
    case "uscc": {
      const orgExpected = orgCodeCheck(code.slice(8, 16));
      const orgPasses = orgExpected === code[16];
      const expected = USCC_ALPHABET[usccCheckValue(code)]!;
      const actual = code[17]!;
      if (expected === actual) {
        // Only worth a warning when the code's own check passes; a failed check is the error to show.
        if (!orgPasses) {
          warnings.push({
            code: "USCC_NESTED_ORG_CODE_CHECK",
            params: { position: 17, expected: orgExpected, actual: code[16]! },
          });
        }
        return;
      }
      if (orgPasses && USCC_PILOT_PATTERN.test(code)) {
        warnings.push({ code: "USCC_PILOT_REGION_CHECK", params: { position: 18, expected, actual } });
      } else {
        errors.push({ code: "CHECK_DIGIT", params: { position: 18, expected, actual } });
      }
      return;
    }
    case "inn": {
      if (code.length === 10) return checkDigit(10, String(weightedMod11Mod10(code, INN10_WEIGHTS)));
      const d11 = String(weightedMod11Mod10(code, INN11_WEIGHTS));
      checkDigit(11, d11);
      // The second check is computed over the corrected first one, so that the two `expected`
      // values together spell the valid code when only a check digit is mistyped.
      return checkDigit(12, String(weightedMod11Mod10(code.slice(0, 10) + d11, INN12_WEIGHTS)));
    }
    case "ogrn":
      if (code[0] !== "1" && code[0] !== "5")
        errors.push({ code: "OGRN_KIND", params: { position: 1, actual: code[0]! } });
      return checkDigit(13, String(decimalMod(code.slice(0, 12), 11) % 10));
    case "ogrnip":
      if (code[0] !== "3") errors.push({ code: "OGRNIP_KIND", params: { position: 1, actual: code[0]! } });
      return checkDigit(15, String(decimalMod(code.slice(0, 14), 13) % 10));
    case "kpp":
      // No check digit: only the format can be verified.
      return;
  }
}

function usccCategoryWarning(code: string): IdentifierIssue | null {
  const authority = code[0]!;
  const category = code[1]!;
  const known = USCC_CATEGORIES[authority];
  if (known === undefined)
    return { code: "USCC_UNKNOWN_AUTHORITY", params: { position: 1, character: authority } };
  if (!known.includes(category)) {
    return { code: "USCC_UNKNOWN_CATEGORY", params: { position: 2, authority, category } };
  }
  return null;
}

/**
 * Validates an enterprise identifier. Reports every problem it can locate: the length, each wrong
 * character with its position, the first digit of OGRN/OGRNIP, and each failing check digit (checked
 * only when length and characters are right, since the check needs every position).
 */
export function validateIdentifier(scheme: IdentifierScheme, value: string): IdentifierCheck {
  const normalized = normalizeIdentifier(scheme, value);
  const chars = [...normalized];
  const errors: IdentifierIssue[] = [];
  const warnings: IdentifierIssue[] = [];
  if (chars.length === 0) {
    errors.push({ code: "EMPTY", params: {} });
  } else {
    const layout = LAYOUTS[scheme].get(chars.length);
    if (layout === undefined) {
      // The INN has two lengths, each other scheme one.
      const [expected = 0] = LAYOUTS[scheme].keys();
      errors.push(
        scheme === "inn"
          ? { code: "INN_BAD_LENGTH", params: { actual: chars.length } }
          : { code: "BAD_LENGTH", params: { expected, actual: chars.length } },
      );
    }
    let characterIssues = 0;
    for (let i = 0; i < chars.length && characterIssues < MAX_CHARACTER_ISSUES; i++) {
      const found = characterIssue(layout?.[i] ?? ANYWHERE[scheme], i + 1, chars[i]!);
      if (found) {
        errors.push(found);
        characterIssues++;
      }
    }
    if (layout !== undefined && characterIssues === 0) checkRules(scheme, normalized, errors, warnings);
    if (
      scheme === "uscc" &&
      layout !== undefined &&
      USCC_ALPHABET.includes(chars[0]!) &&
      USCC_ALPHABET.includes(chars[1]!)
    ) {
      const warning = usccCategoryWarning(normalized);
      if (warning) warnings.push(warning);
    }
  }
  return { scheme, value, valid: errors.length === 0, normalized, errors, warnings };
}

// ---- Generators: valid codes for tests and demo data ----

function requireFormat(what: string, value: string, pattern: RegExp) {
  if (!pattern.test(value)) throw new RangeError(`${what}: "${value}" does not match ${pattern}`);
}

const USCC_CHAR = "[0-9A-HJ-NP-RTUW-Y]";
const USCC_BODY = new RegExp(`^${USCC_CHAR}{2}[0-9]{6}${USCC_CHAR}{9}$`);

/** The USCC check character (position 18) for the first 17 characters. */
export function usccCheckChar(body17: string): string {
  requireFormat("USCC body", body17, USCC_BODY);
  return USCC_ALPHABET[usccCheckValue(body17)]!;
}

/** Alias under the name used in the issue; prefer `usccCheckChar`. */
export const uscCheckChar = usccCheckChar;

/** A USCC with its check character appended to the first 17 characters. */
export function makeUscc(body17: string): string {
  return body17 + usccCheckChar(body17);
}

/**
 * The GB 11714 organisation-code check character that belongs at USCC position 17, for positions
 * 9–16. The 10 → `X`, 11 → `0` mapping is the standard rule but unconfirmed (DOMAIN-SOURCES §1.1).
 */
export function usccOrgCodeCheckChar(subject8: string): string {
  requireFormat("organisation code", subject8, new RegExp(`^${USCC_CHAR}{8}$`));
  return orgCodeCheck(subject8);
}

/** INN check digit(s): one for the first 9 digits of an organisation's INN, two for the first 10 of a person's. */
export function innCheckDigits(digits: string): string {
  requireFormat("INN without check digits", digits, /^(?:[0-9]{9}|[0-9]{10})$/);
  if (digits.length === 9) return String(weightedMod11Mod10(digits, INN10_WEIGHTS));
  const d11 = String(weightedMod11Mod10(digits, INN11_WEIGHTS));
  return d11 + String(weightedMod11Mod10(digits + d11, INN12_WEIGHTS));
}

export function makeInn10(first9: string): string {
  requireFormat("INN-10 body", first9, /^[0-9]{9}$/);
  return first9 + innCheckDigits(first9);
}

export function makeInn12(first10: string): string {
  requireFormat("INN-12 body", first10, /^[0-9]{10}$/);
  return first10 + innCheckDigits(first10);
}

/** An OGRN (first digit 1 or 5) with its check digit `(N mod 11) mod 10`. */
export function makeOgrn(first12: string): string {
  requireFormat("OGRN body", first12, /^[15][0-9]{11}$/);
  return first12 + String(decimalMod(first12, 11) % 10);
}

/** An OGRNIP (first digit 3) with its check digit `(N mod 13) mod 10`. */
export function makeOgrnip(first14: string): string {
  requireFormat("OGRNIP body", first14, /^3[0-9]{13}$/);
  return first14 + String(decimalMod(first14, 13) % 10);
}

/**
 * A zod string schema that validates an identifier and outputs its normalized form. Each error
 * becomes a custom issue whose `params` hold the catalogue `key` (`identifiers.<CODE>`) and the
 * issue's parameters, for the error handler to localize.
 */
export function zIdentifier(scheme: IdentifierScheme) {
  return z.string().transform((value, ctx) => {
    const check = validateIdentifier(scheme, value);
    for (const error of check.errors) {
      ctx.addIssue({
        code: "custom",
        message: error.code,
        input: value,
        params: { key: `identifiers.${error.code}`, identifierCode: error.code, ...error.params },
      });
    }
    return check.valid ? check.normalized : z.NEVER;
  });
}
