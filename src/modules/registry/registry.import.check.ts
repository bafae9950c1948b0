import { parseCsvLines, spreadsheetDate } from "../../platform/csv.ts";
import { type FieldError, fieldError } from "../../platform/errors.ts";
import { fieldErrorOf } from "../../platform/http/problem.ts";
import { type Locale, t } from "../../platform/i18n/i18n.ts";
import { addToVocabulary, indexTokens, type Vocabulary } from "../../platform/search/tokenize.ts";
import { type CheckedIdentifiers, checkIdentifiers, searchText } from "./registry.requirements.ts";
import { type TEnterpriseInput, ZEnterpriseInput } from "./registry.schema.ts";

/**
 * The checks of the enterprise CSV import that need no database: a row's shape, identifiers and their
 * check digits, the native name, the region, HS chapters, duplicates within the file; and the search
 * tokens of each valid row. Pure, so the import can run them in a worker thread while the main thread
 * writes the rows checked before (registry.import.ts).
 */

export const IMPORT_COLUMNS = [
  "side",
  "uscc",
  "inn",
  "ogrn",
  "kpp",
  "name_zh",
  "name_ru",
  "name_en",
  "legal_form",
  "region",
  "address",
  "email",
  "phone",
  "website",
  "hs_chapters",
  "border_trade",
  "aeo_level",
  "aeo_since",
  "cross_border_ecommerce",
] as const;

/**
 * Column names as a Chinese or Russian spreadsheet may head them (the glossary's words), read as the
 * columns above; compared trimmed and in lower case. A name in none of the three languages is refused
 * with the list of expected columns, never guessed.
 */
const COLUMN_ALIASES: Record<string, (typeof IMPORT_COLUMNS)[number]> = {
  сторона: "side",
  страна: "side",
  国别: "side",
  统一社会信用代码: "uscc",
  инн: "inn",
  纳税人识别号: "inn",
  огрн: "ogrn",
  огрнип: "ogrn",
  国家注册号: "ogrn",
  кпп: "kpp",
  税务登记原因代码: "kpp",
  中文名称: "name_zh",
  "наименование (кит.)": "name_zh",
  俄文名称: "name_ru",
  наименование: "name_ru",
  英文名称: "name_en",
  "наименование (англ.)": "name_en",
  "организационно-правовая форма": "legal_form",
  组织形式: "legal_form",
  регион: "region",
  地区: "region",
  адрес: "address",
  地址: "address",
  "электронная почта": "email",
  电子邮箱: "email",
  телефон: "phone",
  电话: "phone",
  сайт: "website",
  网站: "website",
  "группы тн вэд": "hs_chapters",
  "коды тн вэд": "hs_chapters",
  "тн вэд": "hs_chapters",
  商品章: "hs_chapters",
  hs章: "hs_chapters",
  "приграничная торговля": "border_trade",
  边境小额贸易企业: "border_trade",
  уэо: "aeo_level",
  "уровень уэо": "aeo_level",
  aeo等级: "aeo_level",
  "уэо с": "aeo_since",
  aeo认证日期: "aeo_since",
  "трансграничная электронная торговля": "cross_border_ecommerce",
  跨境电子商务: "cross_border_ecommerce",
};

/** A header cell as the column it names: ours as they are, the Chinese and Russian names above. */
export function columnOf(cell: string): string {
  const name = cell.trim().toLowerCase();
  return COLUMN_ALIASES[name] ?? name;
}

/** CN or RU, also as the countries' names and short forms in the three languages. */
const SIDES: Record<string, "CN" | "RU"> = {
  CN: "CN",
  CHINA: "CN",
  КИТАЙ: "CN",
  КНР: "CN",
  中国: "CN",
  中方: "CN",
  RU: "RU",
  RUSSIA: "RU",
  РОССИЯ: "RU",
  РФ: "RU",
  俄罗斯: "RU",
  俄方: "RU",
};

const TRUE = new Set(["true", "1", "yes", "y", "是", "да", "x"]);
const FALSE = new Set(["false", "0", "no", "n", "否", "нет", ""]);

function flag(value: string | undefined, path: string, errors: FieldError[]): boolean {
  const v = (value ?? "").trim().toLowerCase();
  if (TRUE.has(v)) return true;
  if (!FALSE.has(v))
    errors.push(fieldError(path, "invalid_flag", "registry.INVALID_FLAG", { value: value ?? "" }));
  return false;
}

const opt = (v: string | undefined) => {
  const s = (v ?? "").trim();
  return s === "" ? undefined : s;
};

/** One CSV record → the registration input, or field errors. */
function rowToInput(
  r: Record<string, string>,
  locale: Locale,
): { input?: TEnterpriseInput; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const candidate = {
    side: ((v: string) => SIDES[v] ?? v)((r.side ?? "").trim().toUpperCase()),
    identifiers: { uscc: opt(r.uscc), inn: opt(r.inn), ogrn: opt(r.ogrn), kpp: opt(r.kpp) },
    names: { zh: opt(r.name_zh), ru: opt(r.name_ru), en: opt(r.name_en) },
    legalForm: opt(r.legal_form),
    region: (r.region ?? "").trim().toUpperCase(),
    address: opt(r.address),
    contacts: { email: opt(r.email), phone: opt(r.phone), website: opt(r.website) },
    hsChapters: (r.hs_chapters ?? "")
      .split(/[;,\s]+/)
      .map((c) => c.trim())
      .filter(Boolean)
      .map((c) => c.padStart(2, "0")),
    borderTrade: flag(r.border_trade, "border_trade", errors),
    aeo: {
      level: opt(r.aeo_level)?.toLowerCase() ?? null,
      ...(opt(r.aeo_since) ? { since: spreadsheetDate(r.aeo_since as string) } : {}),
    },
    crossBorderEcommerce: flag(r.cross_border_ecommerce, "cross_border_ecommerce", errors),
  };
  const parsed = ZEnterpriseInput.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const fe = fieldErrorOf(issue, locale);
      errors.push({ ...fe, path: CSV_COLUMN_OF[fe.path] ?? fe.path });
    }
  }
  return parsed.success && errors.length === 0 ? { input: parsed.data, errors } : { errors };
}

// Field paths of the registration contract → the CSV column a user has to fix.
const CSV_COLUMN_OF: Record<string, string> = {
  "identifiers.uscc": "uscc",
  "identifiers.inn": "inn",
  "identifiers.ogrn": "ogrn",
  "identifiers.kpp": "kpp",
  "names.zh": "name_zh",
  "names.ru": "name_ru",
  "names.en": "name_en",
  legalForm: "legal_form",
  "contacts.email": "email",
  "contacts.phone": "phone",
  "contacts.website": "website",
  "aeo.level": "aeo_level",
  "aeo.since": "aeo_since",
};

export interface CheckedRow {
  line: number;
  input: TEnterpriseInput;
  ids: Pick<CheckedIdentifiers, "uscc" | "inn" | "ogrn" | "kpp">;
  /** HS chapters of interest, each once, sorted. */
  chapters: string[];
  /** Search tokens of the row's names (platform/search). */
  title: string;
}

export interface InvalidRow {
  line: number;
  errors: { path: string; code: string; message: string }[];
}

export interface CheckedChunk {
  valid: CheckedRow[];
  invalid: InvalidRow[];
  /** The search vocabulary of the valid rows' tokens, for the index's word counts. */
  vocabulary: Vocabulary;
}

/** What the checks need of the file and of the registry; also what the worker thread is given. */
export interface CheckerInput {
  text: string;
  separator: string;
  /** Column names, trimmed and lower-case, already checked against IMPORT_COLUMNS. */
  header: string[];
  /** Region code and its country. */
  regions: [string, string][];
  locale: Locale;
}

/** The rows after the header, each with its line, as they are read (CsvError where the file is broken). */
export function* bodyRecords(
  input: Pick<CheckerInput, "text" | "separator">,
): Generator<{ line: number; fields: string[] }> {
  let header = true;
  for (const record of parseCsvLines(input.text, { separator: input.separator })) {
    if (header) header = false;
    else yield record;
  }
}

/** How many rows follow the header; reads the whole file, so a broken file throws CsvError here. */
export function countBodyRecords(input: Pick<CheckerInput, "text" | "separator">): number {
  let n = 0;
  for (const _ of bodyRecords(input)) n++;
  return n;
}

/**
 * The rows checked chunk by chunk, in file order: small chunks first, so that writing starts soon,
 * then larger ones. Each chunk's valid rows are written in one transaction. Lazy: a chunk is read and
 * checked when it is asked for.
 */
export function* checkedChunks(
  input: CheckerInput,
  records: Iterable<{ line: number; fields: string[] }>,
): Generator<CheckedChunk> {
  const checker = new RowChecker(input.header, new Map(input.regions), input.locale);
  let size = 500;
  let chunk: { line: number; fields: string[] }[] = [];
  for (const record of records) {
    chunk.push(record);
    if (chunk.length < size) continue;
    yield checker.check(chunk);
    chunk = [];
    size = Math.min(size * 2, 4000);
  }
  if (chunk.length > 0) yield checker.check(chunk);
}

/** Checks rows in file order; remembers identifiers across calls to find duplicates in the file. */
export class RowChecker {
  readonly #header: string[];
  /** Region code → its country. */
  readonly #regions: Map<string, string>;
  readonly #locale: Locale;
  readonly #seen = new Map<string, number>();

  constructor(header: string[], regions: Map<string, string>, locale: Locale) {
    this.#header = header;
    this.#regions = regions;
    this.#locale = locale;
  }

  check(records: readonly { line: number; fields: string[] }[]): CheckedChunk {
    const out: CheckedChunk = { valid: [], invalid: [], vocabulary: { terms: new Map(), tokens: 0 } };
    const header = this.#header;
    for (const { line, fields } of records) {
      const r: Record<string, string> = {};
      for (let k = 0; k < header.length; k++) r[header[k] as string] = fields[k] ?? "";
      const errors: FieldError[] = [];
      if (fields.length > header.length)
        errors.push(
          fieldError("", "too_many_fields", "registry.CSV_TOO_MANY_FIELDS", {
            count: fields.length,
            expected: header.length,
          }),
        );
      const { input, errors: shapeErrors } = rowToInput(r, this.#locale);
      errors.push(...shapeErrors);
      let ids: CheckedIdentifiers | undefined;
      if (input) {
        ids = checkIdentifiers(input.side, input.identifiers);
        errors.push(...ids.errors.map((e) => ({ ...e, path: CSV_COLUMN_OF[e.path] ?? e.path })));
        const native = input.side === "CN" ? "zh" : "ru";
        if (!input.names[native])
          errors.push(fieldError(`name_${native}`, "required", "registry.NATIVE_NAME_REQUIRED"));
        if (this.#regions.get(input.region) !== input.side) {
          errors.push(
            fieldError("region", "unknown_region", "registry.UNKNOWN_REGION", {
              region: input.region,
              side: input.side,
            }),
          );
        }
        for (const c of input.hsChapters) {
          const n = Number(c);
          if (n < 1 || n > 99 || n === 77)
            errors.push(
              fieldError("hs_chapters", "unknown_chapter", "registry.UNKNOWN_CHAPTER", { chapter: c }),
            );
        }
        for (const key of [ids.uscc, ids.inn, ids.ogrn]) {
          if (!key) continue;
          const first = this.#seen.get(key);
          if (first !== undefined)
            errors.push(
              fieldError("", "duplicate_in_file", "registry.DUPLICATE_IN_FILE", { value: key, line: first }),
            );
          else this.#seen.set(key, line);
        }
      }
      if (errors.length || !input || !ids) {
        out.invalid.push({ line, errors: localize(errors, this.#locale) });
        continue;
      }
      const picked = { uscc: ids.uscc, inn: ids.inn, ogrn: ids.ogrn, kpp: ids.kpp };
      const tokens = indexTokens(
        searchText({
          name_zh: input.names.zh ?? null,
          name_ru: input.names.ru ?? null,
          name_en: input.names.en ?? null,
        }),
      );
      addToVocabulary(out.vocabulary, tokens);
      out.valid.push({
        line,
        input,
        ids: picked,
        chapters: [...new Set(input.hsChapters)].sort(),
        title: tokens.join(" "),
      });
    }
    return out;
  }
}

export function localize(errors: FieldError[], locale: Locale) {
  return errors.map((e) => ({
    path: e.path,
    code: e.code,
    message: e.key ? t(locale, e.key, e.params ?? {}) : e.message,
  }));
}

/**
 * A valid row as one flat tuple: what the registry's tables need of it, in the form the writing
 * thread turns into statement parameters without making objects. Posting rows as objects cost the
 * writing thread 7–10 µs a row to rebuild them from V8's structured clone; JSON of flat tuples is
 * parsed in about 1 µs a row.
 */
export type PackedRow = [
  line: number,
  /** Search tokens, space-separated. */
  title: string,
  side: TEnterpriseInput["side"],
  uscc: string | null,
  inn: string | null,
  ogrn: string | null,
  kpp: string | null,
  nameZh: string | null,
  nameRu: string | null,
  nameEn: string | null,
  legalForm: string | null,
  region: string,
  address: string | null,
  email: string | null,
  phone: string | null,
  website: string | null,
  /** HS chapters of interest, each once, sorted. */
  chapters: string[],
  borderTrade: 0 | 1,
  aeoLevel: TEnterpriseInput["aeo"]["level"],
  aeoSince: string | null,
  crossBorderEcommerce: 0 | 1,
];

export interface PackedChunk {
  valid: PackedRow[];
  invalid: InvalidRow[];
  /** The valid rows' search vocabulary (Vocabulary.terms as entries). */
  terms: [string, number][];
  tokens: number;
}

export function packRow({ line, title, input: i, ids, chapters }: CheckedRow): PackedRow {
  const n = (v: string | undefined | null) => v ?? null;
  return [
    line,
    title,
    i.side,
    ids.uscc,
    ids.inn,
    ids.ogrn,
    ids.kpp,
    n(i.names.zh),
    n(i.names.ru),
    n(i.names.en),
    n(i.legalForm),
    i.region,
    n(i.address),
    n(i.contacts.email),
    n(i.contacts.phone),
    n(i.contacts.website),
    chapters,
    i.borderTrade ? 1 : 0,
    i.aeo.level,
    n(i.aeo.since),
    i.crossBorderEcommerce ? 1 : 0,
  ];
}

export function packChunk(chunk: CheckedChunk): PackedChunk {
  return {
    valid: chunk.valid.map(packRow),
    invalid: chunk.invalid,
    terms: [...chunk.vocabulary.terms],
    tokens: chunk.vocabulary.tokens,
  };
}
