import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  IDENTIFIER_ERROR_CODES,
  IDENTIFIER_SCHEMES,
  IDENTIFIER_WARNING_CODES,
  type IdentifierCheck,
  type IdentifierScheme,
  innCheckDigits,
  MAX_CHARACTER_ISSUES,
  makeInn10,
  makeInn12,
  makeOgrn,
  makeOgrnip,
  makeUscc,
  normalizeIdentifier,
  USCC_ALPHABET,
  uscCheckChar,
  usccCheckChar,
  usccOrgCodeCheckChar,
  validateIdentifier,
  zIdentifier,
} from "./identifiers.ts";

const DIGITS = "0123456789";
const LATIN = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
/** Every character tried in the exhaustive substitution tests: ASCII alphanumerics, a symbol and
 * Cyrillic look-alikes of 3, O and A (all survive normalization unchanged). */
const SUBSTITUTES = [...DIGITS, ...LATIN, "#", "З", "О", "А"];

const codesOf = (issues: IdentifierCheck["errors"]) => issues.map((i) => i.code);

// ---- An independent re-statement of DOMAIN-SOURCES §1, used as the oracle ----

const FORMAT: Record<IdentifierScheme, RegExp> = {
  uscc: /^[0-9A-HJ-NP-RTUW-Y]{2}[0-9]{6}[0-9A-HJ-NP-RTUW-Y]{10}$/,
  inn: /^(?:[0-9]{10}|[0-9]{12})$/,
  ogrn: /^[0-9]{13}$/,
  ogrnip: /^[0-9]{15}$/,
  kpp: /^[0-9]{4}[0-9A-Z]{2}[0-9]{3}$/,
};

const weighted = (digits: string, weights: number[]) =>
  weights.reduce((s, w, i) => s + w * Number(digits[i]), 0);

/** The remainders before `mod 10`, one per check digit, each over the code's own preceding digits. */
function remainders(scheme: "inn" | "ogrn" | "ogrnip", code: string): number[] {
  if (scheme === "ogrn") return [Number(BigInt(code.slice(0, 12)) % 11n)];
  if (scheme === "ogrnip") return [Number(BigInt(code.slice(0, 14)) % 13n)];
  if (code.length === 10) return [weighted(code, [2, 4, 10, 3, 5, 9, 4, 6, 8]) % 11];
  return [
    weighted(code, [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) % 11,
    weighted(code, [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) % 11,
  ];
}

function checkPositions(scheme: IdentifierScheme, length: number): number[] {
  if (scheme === "uscc") return [18];
  if (scheme === "kpp") return [];
  return length === 12 ? [11, 12] : [length];
}

function specValid(scheme: IdentifierScheme, code: string): boolean {
  if (!FORMAT[scheme].test(code)) return false;
  if (scheme === "kpp") return true;
  if (scheme === "uscc") {
    let sum = 0;
    for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(code[i]!) * 3 ** i;
    return USCC_ALPHABET[(31 - (sum % 31)) % 31] === code[17] || pilotAccepted(code);
  }
  if (scheme === "ogrn" && !"15".includes(code[0]!)) return false;
  if (scheme === "ogrnip" && code[0] !== "3") return false;
  const positions = checkPositions(scheme, code.length);
  return remainders(scheme, code).every((r, j) => String(r % 10) === code[positions[j]! - 1]);
}

/** The documented pilot rule: `9[123]35…`, `M0` at 9–10, and the nested GB 11714 check passes. */
function pilotAccepted(code: string): boolean {
  return /^9[123]35[0-9]{4}M0/.test(code) && usccOrgCodeCheckChar(code.slice(8, 16)) === code[16];
}

// ---- Generators ----

const chars = (alphabet: string, length: number) =>
  fc.string({ unit: fc.constantFrom(...alphabet), minLength: length, maxLength: length });
const usccBody = fc
  .tuple(chars(USCC_ALPHABET, 2), chars(DIGITS, 6), chars(USCC_ALPHABET, 9))
  .map((parts) => parts.join(""));
const KNOWN_CATEGORIES = ["11", "12", "13", "19", "21", "29", "31", "32", "33", "34", "35", "39", "41", "49"]
  .concat(["51", "52", "53", "59", "61", "62", "69", "71", "72", "79", "81", "89", "91", "92", "93"])
  .concat(["A1", "A9", "N1", "N2", "N3", "N9", "Y1"]);
/** Known category and a subject identifier whose nested check holds: no warnings expected. */
const plausibleUsccBody = fc
  .tuple(fc.constantFrom(...KNOWN_CATEGORIES), chars(DIGITS, 6), chars(USCC_ALPHABET, 8))
  .map(([category, division, subject]) => category + division + subject + usccOrgCodeCheckChar(subject));
/** Valid codes of the pilot shape (Fujian `M0` subject identifiers), whose typos the pilot rule may let through. */
const pilotShapedBody = fc
  .tuple(fc.constantFrom("1", "2", "3"), chars(DIGITS, 4), chars(USCC_ALPHABET, 6))
  .map(([category, division, rest]) => {
    const subject = `M0${rest}`;
    return `9${category}35${division}${subject}${usccOrgCodeCheckChar(subject)}`;
  });

const VALID: Record<IdentifierScheme, fc.Arbitrary<string>> = {
  uscc: usccBody.map(makeUscc),
  inn: fc.oneof(chars(DIGITS, 9).map(makeInn10), chars(DIGITS, 10).map(makeInn12)),
  ogrn: fc.tuple(fc.constantFrom("1", "5"), chars(DIGITS, 11)).map(([s, rest]) => makeOgrn(s + rest)),
  ogrnip: chars(DIGITS, 13).map((rest) => makeOgrnip(`3${rest}`)),
  kpp: fc.tuple(chars(DIGITS, 4), chars(DIGITS + LATIN, 2), chars(DIGITS, 3)).map((parts) => parts.join("")),
};

const sample = <T>(arbitrary: fc.Arbitrary<T>, numRuns: number, seed = 20_250_614) =>
  fc.sample(arbitrary, { numRuns, seed });

function* substitutions(code: string) {
  for (let i = 0; i < code.length; i++) {
    for (const c of SUBSTITUTES) {
      if (c !== code[i])
        yield { position: i + 1, character: c, mutant: code.slice(0, i) + c + code.slice(i + 1) };
    }
  }
}

function* adjacentTranspositions(code: string) {
  for (let i = 0; i + 1 < code.length; i++) {
    if (code[i] !== code[i + 1]) {
      yield { position: i + 1, mutant: code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2) };
    }
  }
}

/**
 * Why a rejected substitution at `position` is not reported where it should be, or null. It must be
 * named by its position (a character issue), or fail the first-digit or a check-digit test.
 */
function mislocated(scheme: IdentifierScheme, check: IdentifierCheck, position: number): string | null {
  const where = `${scheme} ${check.normalized} (substituted at ${position})`;
  if (!FORMAT[scheme].test(check.normalized)) {
    const [only, ...rest] = check.errors;
    return rest.length === 0 && only?.params.position === position
      ? null
      : `${where}: ${JSON.stringify(check.errors)}`;
  }
  const checks = checkPositions(scheme, check.normalized.length);
  const located = check.errors.every((e) =>
    e.code === "CHECK_DIGIT"
      ? checks.includes(Number(e.params.position))
      : e.code.endsWith("_KIND") && position === 1,
  );
  return located && check.errors.length > 0 ? null : `${where}: ${JSON.stringify(check.errors)}`;
}

// ---- Verified examples (DOMAIN-SOURCES §1) ----

describe("verified examples", () => {
  const examples: [IdentifierScheme, string][] = [
    ["uscc", "914403001922038216"], // Huawei
    ["uscc", "91110000600037341L"], // python-stdnum doctest
    ["uscc", "91430111MA4L41YT1U"], // Rockyzsu
    ["uscc", "91110108551385082Q"], // Xiaomi in mock data only; passes the check
    ["inn", "7707083893"], // Sberbank
    ["inn", "7706107510"], // Rosneft
    ["inn", "7736050003"], // Gazprom (code-repo note)
    ["inn", "7708004767"], // LUKOIL (code-repo note)
    ["inn", "500100732259"], // 12-digit test value
    ["ogrn", "1027700132195"], // Sberbank
    ["ogrn", "1027700043502"], // Rosneft
    ["ogrn", "1022200525819"],
    ["ogrn", "1022500001325"],
    ["ogrn", "1027700070518"], // Gazprom (code-repo note)
    ["ogrn", "1027700035769"], // LUKOIL (code-repo note)
    ["ogrnip", "385768585948949"],
    ["ogrnip", "309565808600188"],
    ["kpp", "773601001"], // Sberbank
    ["kpp", "997250001"], // Gazprom (code-repo note)
  ];
  it.each(examples)("%s %s is valid without warnings", (scheme, value) => {
    expect(validateIdentifier(scheme, value)).toEqual({
      scheme,
      value,
      valid: true,
      normalized: value,
      errors: [],
      warnings: [],
    });
  });

  it.each([
    ["91110108717809965C", "J"],
    ["91110000800088421P", "W"],
    ["9133010057462616XH", "9"],
  ])("mock-data USCC %s fails the check at position 18 (expected %s)", (value, expected) => {
    const check = validateIdentifier("uscc", value);
    expect(check.valid).toBe(false);
    expect(check.errors).toEqual([
      { code: "CHECK_DIGIT", params: { position: 18, expected, actual: value[17] } },
    ]);
    // They fail the nested organisation-code check as well, but a failed main check is the one
    // thing to report: no warning that would call the code "accepted".
    expect(codesOf(check.warnings)).toEqual([]);
  });

  it("generators reproduce the check digits of the real codes", () => {
    expect(makeUscc("91440300192203821")).toBe("914403001922038216");
    expect(usccCheckChar("91110000600037341")).toBe("L");
    expect(uscCheckChar("91430111MA4L41YT1")).toBe("U");
    expect(usccOrgCodeCheckChar("19220382")).toBe("1");
    expect(innCheckDigits("770708389")).toBe("3");
    expect(innCheckDigits("5001007322")).toBe("59");
    expect(makeInn10("770610751")).toBe("7706107510");
    expect(makeInn12("5001007322")).toBe("500100732259");
    expect(makeOgrn("102770013219")).toBe("1027700132195");
    expect(makeOgrnip("38576858594894")).toBe("385768585948949");
    expect(makeOgrnip("30956580860018")).toBe("309565808600188");
  });
});

describe("early pilot-region USCCs", () => {
  // Source: aarioai/id-rule, which also gives the check characters computed by the standard rule.
  it.each([
    ["91350100M0001TGQXM", "1"],
    ["91350211M0000XUF46", "R"],
    ["91350203M0001FUE2P", "J"],
  ])("%s is accepted with USCC_PILOT_REGION_CHECK (standard check gives %s)", (value, expected) => {
    const check = validateIdentifier("uscc", value);
    expect(check.valid).toBe(true);
    expect(check.errors).toEqual([]);
    expect(check.warnings).toEqual([
      { code: "USCC_PILOT_REGION_CHECK", params: { position: 18, expected, actual: value[17] } },
    ]);
  });

  it.each([
    ["91360100M0001TGQXM", "division outside Fujian"],
    ["91350100MB001TGQXM", "subject identifier not M0…"],
    ["12350100M0001TGQXM", "not an industry-and-commerce registration"],
    ["91350100M0001TGQ9M", "nested organisation-code check fails"],
  ])("%s is rejected (%s)", (value) => {
    const check = validateIdentifier("uscc", value);
    expect(check.valid).toBe(false);
    expect(codesOf(check.errors)).toEqual(["CHECK_DIGIT"]);
    expect(codesOf(check.warnings)).not.toContain("USCC_PILOT_REGION_CHECK");
  });
});

// ---- Normalization, lengths, characters ----

const fullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe("normalization", () => {
  it("trims and removes spaces, hyphens, dashes and invisible characters", () => {
    const value = " 9144 0300-1922\u00A0038\u2013216\u200B\u3000";
    expect(validateIdentifier("uscc", value)).toMatchObject({
      valid: true,
      normalized: "914403001922038216",
    });
    expect(validateIdentifier("inn", "77-07-08\u00AD3893 ")).toMatchObject({
      valid: true,
      normalized: "7707083893",
    });
  });

  it("turns full-width digits and letters into ASCII and upper-cases USCC and KPP letters", () => {
    expect(validateIdentifier("uscc", fullWidth("91430111ma4l41yt1u"))).toMatchObject({
      valid: true,
      normalized: "91430111MA4L41YT1U",
    });
    expect(validateIdentifier("uscc", "91110000600037341l").normalized).toBe("91110000600037341L");
    expect(validateIdentifier("kpp", "7736ab001")).toMatchObject({ valid: true, normalized: "7736AB001" });
    expect(validateIdentifier("ogrn", fullWidth("1027700132195")).valid).toBe(true);
  });

  it("keeps the canonical form when the value is invalid, and does not upper-case digit-only schemes", () => {
    expect(validateIdentifier("uscc", "９１ｏ").normalized).toBe("91O");
    expect(validateIdentifier("inn", "77o7083893").normalized).toBe("77o7083893");
  });

  it("is idempotent, and generated codes survive spaces, hyphens, full width and (USCC/KPP) lower case", () => {
    const decorated = (code: string) =>
      fc.constantFrom(
        code,
        ` ${code} `,
        code.replace(/(.{3})/g, "$1 "),
        code.replace(/(.{4})/g, "$1-"),
        fullWidth(code),
        fullWidth(code.toLowerCase()),
      );
    for (const scheme of IDENTIFIER_SCHEMES) {
      const upper = scheme === "uscc" || scheme === "kpp";
      fc.assert(
        fc.property(
          VALID[scheme].chain((code) =>
            fc.tuple(fc.constant(code), decorated(upper ? code : code.toUpperCase())),
          ),
          ([code, input]) => {
            const normalized = normalizeIdentifier(scheme, input);
            expect(normalizeIdentifier(scheme, normalized)).toBe(normalized);
            expect(validateIdentifier(scheme, input)).toMatchObject({ valid: true, normalized: code });
          },
        ),
        { numRuns: 100 },
      );
    }
  });
});

describe("length and character errors", () => {
  it("reports an empty value once, also when only separators were given", () => {
    for (const scheme of IDENTIFIER_SCHEMES) {
      for (const value of ["", "  ", " - \u3000"]) {
        expect(validateIdentifier(scheme, value).errors).toEqual([{ code: "EMPTY", params: {} }]);
      }
    }
  });

  it("reports the expected and actual length", () => {
    expect(validateIdentifier("uscc", "91440300192203821").errors).toEqual([
      { code: "BAD_LENGTH", params: { expected: 18, actual: 17 } },
    ]);
    expect(validateIdentifier("ogrn", "10277001321950").errors).toEqual([
      { code: "BAD_LENGTH", params: { expected: 13, actual: 14 } },
    ]);
    expect(validateIdentifier("ogrnip", "1027700132195").errors).toEqual([
      { code: "BAD_LENGTH", params: { expected: 15, actual: 13 } },
    ]);
    expect(validateIdentifier("kpp", "77360100").errors).toEqual([
      { code: "BAD_LENGTH", params: { expected: 9, actual: 8 } },
    ]);
    for (const value of ["770708389", "77070838931", "1027700132195"]) {
      expect(validateIdentifier("inn", value).errors).toEqual([
        { code: "INN_BAD_LENGTH", params: { actual: value.length } },
      ]);
    }
  });

  it("still points at impossible characters when the length is wrong", () => {
    expect(validateIdentifier("inn", "77070x389").errors).toEqual([
      { code: "INN_BAD_LENGTH", params: { actual: 9 } },
      { code: "NOT_DIGIT", params: { position: 6, character: "x", codePoint: "U+0078" } },
    ]);
    expect(validateIdentifier("kpp", "7736#1001x").errors).toEqual([
      { code: "BAD_LENGTH", params: { expected: 9, actual: 10 } },
      { code: "BAD_CHARACTER", params: { position: 5, character: "#", codePoint: "U+0023" } },
    ]);
    expect(codesOf(validateIdentifier("uscc", "9144030019220382I").errors)).toEqual([
      "BAD_LENGTH",
      "USCC_FORBIDDEN_LETTER",
    ]);
  });

  it.each([...("IOSVZ" as string)])("rejects the letter %s in a USCC with its position", (letter) => {
    const value = `91440300${letter}922038216`;
    expect(validateIdentifier("uscc", value).errors).toEqual([
      {
        code: "USCC_FORBIDDEN_LETTER",
        params: {
          position: 9,
          character: letter,
          codePoint: `U+00${letter.charCodeAt(0).toString(16).toUpperCase()}`,
        },
      },
    ]);
    expect(validateIdentifier("uscc", `9144030019220382${letter}6`).errors).toEqual([
      expect.objectContaining({
        code: "USCC_FORBIDDEN_LETTER",
        params: expect.objectContaining({ position: 17 }),
      }),
    ]);
  });

  it("requires digits in USCC positions 3–8 and names other characters", () => {
    expect(validateIdentifier("uscc", "9144O3001922038216").errors).toEqual([
      { code: "NOT_DIGIT", params: { position: 5, character: "O", codePoint: "U+004F" } },
    ]);
    expect(validateIdentifier("uscc", "91440300192203821Щ").errors).toEqual([
      { code: "USCC_BAD_CHARACTER", params: { position: 18, character: "Щ", codePoint: "U+0429" } },
    ]);
  });

  it("accepts digits and Latin capitals in KPP positions 5–6 only, naming Cyrillic look-alikes", () => {
    expect(validateIdentifier("kpp", "7736AZ001").valid).toBe(true);
    expect(validateIdentifier("kpp", "7736АБ001").errors).toEqual([
      { code: "KPP_REASON_CHARS", params: { position: 5, character: "А", codePoint: "U+0410" } },
      { code: "KPP_REASON_CHARS", params: { position: 6, character: "Б", codePoint: "U+0411" } },
    ]);
    expect(validateIdentifier("kpp", "77A601001").errors).toEqual([
      { code: "NOT_DIGIT", params: { position: 3, character: "A", codePoint: "U+0041" } },
    ]);
  });

  it("counts characters, not UTF-16 units, and caps the character issues", () => {
    expect(validateIdentifier("inn", "770708389😀").errors).toEqual([
      { code: "NOT_DIGIT", params: { position: 10, character: "😀", codePoint: "U+1F600" } },
    ]);
    const long = validateIdentifier("ogrn", "x".repeat(500));
    expect(long.errors).toHaveLength(1 + MAX_CHARACTER_ISSUES);
  });
});

describe("check digits and structure", () => {
  it("says which INN-12 check digit failed, computing the second over the corrected first", () => {
    expect(validateIdentifier("inn", "500100732249").errors).toEqual([
      { code: "CHECK_DIGIT", params: { position: 11, expected: "5", actual: "4" } },
    ]);
    expect(validateIdentifier("inn", "500100732258").errors).toEqual([
      { code: "CHECK_DIGIT", params: { position: 12, expected: "9", actual: "8" } },
    ]);
    expect(validateIdentifier("inn", "600100732259").errors).toEqual([
      { code: "CHECK_DIGIT", params: { position: 11, expected: "1", actual: "5" } },
      { code: "CHECK_DIGIT", params: { position: 12, expected: "2", actual: "9" } },
    ]);
    expect(validateIdentifier("inn", "7707083894").errors).toEqual([
      { code: "CHECK_DIGIT", params: { position: 10, expected: "3", actual: "4" } },
    ]);
  });

  it("checks the first digit of OGRN (1 or 5) and OGRNIP (3) besides the check digit", () => {
    const grn = `2${"027700132195".slice(0, 11)}`;
    expect(validateIdentifier("ogrn", grn + String(Number(BigInt(grn) % 11n) % 10)).errors).toEqual([
      { code: "OGRN_KIND", params: { position: 1, actual: "2" } },
    ]);
    expect(codesOf(validateIdentifier("ogrn", "3027700132195").errors)).toEqual(["OGRN_KIND", "CHECK_DIGIT"]);
    expect(validateIdentifier("ogrn", makeOgrn("502770013219")).valid).toBe(true);
    expect(validateIdentifier("ogrnip", "485768585948949").errors).toEqual([
      { code: "OGRNIP_KIND", params: { position: 1, actual: "4" } },
      { code: "CHECK_DIGIT", params: { position: 15, expected: "6", actual: "9" } },
    ]);
  });

  it("uses the last digit of the mod-13 remainder for OGRNIP (remainders 10, 11, 12)", () => {
    const byRemainder = new Map<number, string>();
    for (const body of sample(chars(DIGITS, 13), 400)) {
      byRemainder.set(Number(BigInt(`3${body}`) % 13n), `3${body}`);
    }
    for (const r of [10, 11, 12]) {
      const code = makeOgrnip(byRemainder.get(r)!);
      expect(code.at(-1)).toBe(String(r - 10));
      expect(validateIdentifier("ogrnip", code).valid).toBe(true);
    }
  });

  it("warns about unknown USCC authority/category pairs and a failing nested organisation-code check", () => {
    expect(validateIdentifier("uscc", makeUscc("B1440300192203821")).warnings).toEqual([
      { code: "USCC_UNKNOWN_AUTHORITY", params: { position: 1, character: "B" } },
    ]);
    expect(validateIdentifier("uscc", makeUscc("94440300192203821")).warnings).toEqual([
      { code: "USCC_UNKNOWN_CATEGORY", params: { position: 2, authority: "9", category: "4" } },
    ]);
    const nested = validateIdentifier("uscc", makeUscc("91440300192203822"));
    expect(nested.valid).toBe(true);
    expect(nested.warnings).toEqual([
      { code: "USCC_NESTED_ORG_CODE_CHECK", params: { position: 17, expected: "1", actual: "2" } },
    ]);
  });

  it("maps the nested check results 10 and 11 to X and 0", () => {
    const byCheck = new Map<string, string>();
    for (const subject of sample(chars(USCC_ALPHABET, 8), 300))
      byCheck.set(usccOrgCodeCheckChar(subject), subject);
    expect([...byCheck.keys()].sort()).toEqual([..."0123456789X"].sort());
    expect(usccOrgCodeCheckChar("M0001TGQ")).toBe("X"); // the first pilot code carries X at position 17
  });
});

// ---- Properties ----

describe("generated codes", () => {
  it.each(IDENTIFIER_SCHEMES)("%s: generated valid codes pass", (scheme) => {
    fc.assert(
      fc.property(VALID[scheme], (code) => {
        const check = validateIdentifier(scheme, code);
        expect(check.errors).toEqual([]);
        expect(check.valid).toBe(true);
        expect(check.normalized).toBe(code);
      }),
      { numRuns: 300 },
    );
  });

  it("plausible USCCs (known category, nested check holds) pass without warnings", () => {
    fc.assert(
      fc.property(plausibleUsccBody.map(makeUscc), (code) => {
        expect(validateIdentifier("uscc", code)).toMatchObject({ valid: true, errors: [], warnings: [] });
      }),
      { numRuns: 300 },
    );
  });

  it("the generators either throw a RangeError or return a valid code", () => {
    const generators: [IdentifierScheme, (s: string) => string, fc.Arbitrary<string>][] = [
      ["uscc", makeUscc, fc.oneof(usccBody, fc.string({ maxLength: 20 }))],
      ["inn", makeInn10, fc.oneof(chars(DIGITS, 9), fc.string({ maxLength: 12 }))],
      ["inn", makeInn12, fc.oneof(chars(DIGITS, 10), fc.string({ maxLength: 12 }))],
      ["ogrn", makeOgrn, fc.oneof(chars(DIGITS, 12), fc.string({ maxLength: 14 }))],
      ["ogrnip", makeOgrnip, fc.oneof(chars(DIGITS, 14), fc.string({ maxLength: 16 }))],
    ];
    for (const [scheme, make, input] of generators) {
      fc.assert(
        fc.property(input, (body) => {
          let code: string;
          try {
            code = make(body);
          } catch (error) {
            expect(error).toBeInstanceOf(RangeError);
            return;
          }
          expect(validateIdentifier(scheme, code).valid).toBe(true);
          expect(code.startsWith(body)).toBe(true);
        }),
        { numRuns: 200 },
      );
    }
  });
});

describe("every single-character substitution (exhaustive over positions × substitutes)", () => {
  // Failures are collected and asserted once: an expect() per mutant would dominate the run time.
  it("USCC: all are rejected, except those the documented pilot rule accepts (with its warning)", () => {
    const problems: string[] = [];
    const accepted = { random: 0, pilotShaped: 0, pilotShapedTried: 0 };
    const run = (codes: string[], kind: "random" | "pilotShaped") => {
      for (const code of codes) {
        for (const { position, mutant } of substitutions(code)) {
          const check = validateIdentifier("uscc", mutant);
          if (kind === "pilotShaped") accepted.pilotShapedTried++;
          if (check.valid) {
            // Mod 31 is prime and no weight is 0 mod 31, so no in-alphabet substitution keeps the
            // check; only the pilot rule can accept the result, and then it says so.
            accepted[kind]++;
            const warned = check.warnings.some((w) => w.code === "USCC_PILOT_REGION_CHECK");
            if (!pilotAccepted(mutant) || !warned) problems.push(`accepted ${mutant} (from ${code})`);
          } else {
            if (FORMAT.uscc.test(mutant) && pilotAccepted(mutant))
              problems.push(`pilot rule missed ${mutant}`);
            problems.push(...[mislocated("uscc", check, position)].filter((p) => p !== null));
          }
        }
      }
    };
    run(sample(VALID.uscc, 100), "random");
    run(sample(plausibleUsccBody.map(makeUscc), 50), "random");
    run(sample(pilotShapedBody.map(makeUscc), 40), "pilotShaped");
    expect(problems).toEqual([]);
    // Random codes practically never have the pilot shape. Pilot-shaped codes lose protection at
    // positions 2, 5–8 and 18 (68 of 702 substitutes) plus nested-check collisions at 11–16.
    expect(accepted.random).toBe(0);
    expect(accepted.pilotShaped / accepted.pilotShapedTried).toBeGreaterThan(68 / 702);
    expect(accepted.pilotShaped / accepted.pilotShapedTried).toBeLessThan(0.13);
  });

  const COLLISION_SAMPLES = { inn: chars(DIGITS, 9).map(makeInn10), ogrn: VALID.ogrn, ogrnip: VALID.ogrnip };
  for (const scheme of ["inn", "ogrn", "ogrnip"] as const) {
    it(`${scheme === "inn" ? "INN-10" : scheme}: undetected substitutions are exactly the remainder collisions (r and r ± 10)`, () => {
      const problems: string[] = [];
      let digitSubstitutions = 0;
      let undetected = 0;
      for (const code of sample(COLLISION_SAMPLES[scheme], 150)) {
        const before = remainders(scheme, code);
        for (const { position, character, mutant } of substitutions(code)) {
          const check = validateIdentifier(scheme, mutant);
          if (check.valid !== specValid(scheme, mutant)) problems.push(`${mutant}: valid=${check.valid}`);
          if (DIGITS.includes(character)) digitSubstitutions++;
          if (!check.valid) {
            problems.push(...[mislocated(scheme, check, position)].filter((p) => p !== null));
            continue;
          }
          undetected++;
          // The check digit is `remainder mod 10`: the substitution moved the remainder by exactly
          // 10, and never touched a check digit.
          const after = remainders(scheme, mutant);
          const collision = after.every((r, j) => Math.abs(r - before[j]!) === 10);
          if (!collision || checkPositions(scheme, code.length).includes(position)) {
            problems.push(`undetected ${mutant} from ${code} is not a collision`);
          }
        }
      }
      expect(problems).toEqual([]);
      // The exact rates over all valid codes (computed below).
      const exact = { inn: 18 / 1100, ogrn: 2 / 130, ogrnip: 0.033846 }[scheme];
      const observed = undetected / digitSubstitutions;
      expect(observed).toBeGreaterThan(exact * 0.6);
      expect(observed).toBeLessThan(exact * 1.4);
    });
  }

  it("INN-12: no single substitution goes undetected", () => {
    const accepted = sample(chars(DIGITS, 10).map(makeInn12), 100).flatMap((code) =>
      [...substitutions(code)].map((s) => s.mutant).filter((m) => validateIdentifier("inn", m).valid),
    );
    expect(accepted).toEqual([]);
  });

  it("KPP has no check digit: undetected substitutions are exactly those that keep the format", () => {
    const problems: string[] = [];
    let tried = 0;
    let undetected = 0;
    for (const code of sample(VALID.kpp, 60)) {
      for (const { position, mutant } of substitutions(code)) {
        const check = validateIdentifier("kpp", mutant);
        tried++;
        if (check.valid !== FORMAT.kpp.test(mutant)) problems.push(`${mutant}: valid=${check.valid}`);
        if (check.valid) undetected++;
        else problems.push(...[mislocated("kpp", check, position)].filter((p) => p !== null));
      }
    }
    expect(problems).toEqual([]);
    // Per code: 7 digit positions × 9 digits + 2 letter-or-digit positions × 35 = 133 of 9 × 39 = 351.
    expect(undetected / tried).toBeCloseTo(133 / 351, 10);
  });
});

describe("adjacent transpositions", () => {
  it("USCC detects every transposition of two different characters", () => {
    const codes = sample(VALID.uscc, 200).concat(sample(plausibleUsccBody.map(makeUscc), 100));
    const wrong = codes.flatMap((code) =>
      [...adjacentTranspositions(code)]
        .map((t) => t.mutant)
        .filter((m) => validateIdentifier("uscc", m).valid !== pilotAccepted(m)),
    );
    expect(wrong).toEqual([]);
  });

  it.each(["inn", "ogrn", "ogrnip"] as const)(
    "%s agrees with the specification on every transposition",
    (scheme) => {
      const wrong = sample(VALID[scheme], 200).flatMap((code) =>
        [...adjacentTranspositions(code)]
          .map((t) => t.mutant)
          .filter((m) => validateIdentifier(scheme, m).valid !== specValid(scheme, m)),
      );
      expect(wrong).toEqual([]);
    },
  );
});

// ---- Exact rates over the whole code space (the figures quoted in docs/IDENTIFIERS.md) ----

/**
 * A mod-m scheme: body digit sets, and per check digit j the weights of every earlier position
 * (check j = (Σ w·d mod m) mod 10). Counts, over all valid codes, how many single-digit
 * substitutions and adjacent transpositions of different digits keep every check: dynamic
 * programming over the remainders of the untouched body positions.
 */
interface ModScheme {
  mod: number;
  body: number[][];
  checks: number[][];
}

function undetectedRates(scheme: ModScheme) {
  const { mod, body, checks } = scheme;
  const n = body.length;
  const length = n + checks.length;
  type Digits = (number | undefined)[];
  // Distribution of the check remainders over the untouched body positions; a state packs the
  // remainders of all checks into one number.
  const others = (touched: number[]) => {
    let dist = new Map<number, number>([[0, 1]]);
    body.forEach((digits, p) => {
      if (touched.includes(p)) return;
      const next = new Map<number, number>();
      for (const [state, count] of dist) {
        for (const d of digits) {
          let packed = 0;
          for (let j = checks.length - 1; j >= 0; j--) {
            packed = packed * mod + (((Math.floor(state / mod ** j) % mod) + checks[j]![p]! * d) % mod);
          }
          next.set(packed, (next.get(packed) ?? 0) + count);
        }
      }
      dist = next;
    });
    return [...dist].map(([state, count]) => ({
      rs: checks.map((_, j) => Math.floor(state / mod ** j) % mod),
      count,
    }));
  };
  const checkDigit = (rs: number[], j: number, code: Digits) => {
    let r = rs[j]!;
    for (let p = 0; p < n + j; p++) r += checks[j]![p]! * (code[p] ?? 0);
    return (r % mod) % 10;
  };
  const complete = (rs: number[], known: Digits) => {
    const code = [...known];
    for (let j = 0; j < checks.length; j++) code[n + j] = checkDigit(rs, j, code);
    return code;
  };
  const keepsChecks = (rs: number[], code: Digits) =>
    code.every((d, p) => d === undefined || p >= n || body[p]!.includes(d)) &&
    checks.every((_, j) => checkDigit(rs, j, code) === code[n + j]);
  const assignments = (positions: number[]) =>
    positions.reduce<Digits[]>(
      (acc, p) => acc.flatMap((code) => body[p]!.map((d) => code.with(p, d))),
      [Array.from<number | undefined>({ length })],
    );
  const substitution = { undetected: 0, total: 0 };
  const transposition = { undetected: 0, total: 0 };
  for (let p = 0; p < length; p++) {
    const touched = p < n ? [p] : [];
    for (const { rs, count } of others(touched)) {
      for (const code of assignments(touched).map((known) => complete(rs, known))) {
        for (let d = 0; d <= 9; d++) {
          if (d === code[p]) continue;
          substitution.total += count;
          if (keepsChecks(rs, code.with(p, d))) substitution.undetected += count;
        }
      }
    }
  }
  for (let p = 0; p + 1 < length; p++) {
    const touched = [p, p + 1].filter((q) => q < n);
    for (const { rs, count } of others(touched)) {
      for (const code of assignments(touched).map((known) => complete(rs, known))) {
        const [x, y] = [code[p], code[p + 1]];
        if (x === y) continue;
        transposition.total += count;
        if (keepsChecks(rs, code.with(p, y).with(p + 1, x))) transposition.undetected += count;
      }
    }
  }
  return { substitution, transposition };
}

describe("exact undetected rates over all valid codes", () => {
  const ALL = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const any = (count: number) => Array.from({ length: count }, () => ALL);
  const powers = (count: number, mod: number) =>
    Array.from({ length: count }, (_, i) => 10 ** (count - 1 - i) % mod);

  it("INN-10: 18/1100 of digit substitutions, about 1.84 % of transpositions", () => {
    const rates = undetectedRates({ mod: 11, body: any(9), checks: [[2, 4, 10, 3, 5, 9, 4, 6, 8]] });
    expect(rates.substitution).toEqual({ undetected: 1_472_727_276, total: 90_000_000_000 });
    expect(rates.substitution.undetected / rates.substitution.total).toBeCloseTo(18 / 1100, 8);
    expect(rates.transposition.undetected / rates.transposition.total).toBeCloseTo(0.018406, 6);
  });

  it("INN-12: no digit substitution, about 0.032 % of transpositions", () => {
    const rates = undetectedRates({
      mod: 11,
      body: any(10),
      checks: [
        [7, 2, 4, 10, 3, 5, 9, 4, 6, 8],
        [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8],
      ],
    });
    expect(rates.substitution.undetected).toBe(0);
    expect(rates.transposition.undetected / rates.transposition.total).toBeCloseTo(0.000317, 6);
  });

  it("OGRN: 2/130 of digit substitutions, about 1.68 % of transpositions", () => {
    // 10^k mod 11 is ±1; for 13 digits the first counts only 1 and 5 (OGRN_KIND rejects the rest).
    const rates = undetectedRates({ mod: 11, body: [[1, 5], ...any(11)], checks: [powers(12, 11)] });
    expect(rates.substitution.undetected / rates.substitution.total).toBeCloseTo(2 / 130, 8);
    expect(rates.transposition.undetected / rates.transposition.total).toBeCloseTo(0.016835, 6);
  });

  it("OGRNIP: about 3.38 % of digit substitutions, about 3.74 % of transpositions", () => {
    const rates = undetectedRates({ mod: 13, body: [[3], ...any(13)], checks: [powers(14, 13)] });
    expect(rates.substitution.undetected / rates.substitution.total).toBeCloseTo(0.033846, 6);
    expect(rates.transposition.undetected / rates.transposition.total).toBeCloseTo(0.037363, 6);
  });
});

describe("issue codes and the zod schema", () => {
  it("errors and warnings use disjoint, documented codes", () => {
    const all = [...IDENTIFIER_ERROR_CODES, ...IDENTIFIER_WARNING_CODES];
    expect(new Set(all).size).toBe(all.length);
  });

  it("zIdentifier outputs the normalized value or one custom issue per error", () => {
    const schema = zIdentifier("uscc");
    expect(schema.parse(" 91430111ma4l41yt1u ")).toBe("91430111MA4L41YT1U");
    const result = schema.safeParse("91110108717809965C");
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        code: "custom",
        params: {
          key: "identifiers.CHECK_DIGIT",
          identifierCode: "CHECK_DIGIT",
          position: 18,
          expected: "J",
          actual: "C",
        },
      }),
    ]);
  });
});
