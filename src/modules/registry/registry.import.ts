import { createHash } from "node:crypto";
import { newId } from "../../platform/clock.ts";
import { CsvError, detectSeparator, parseCsvLines } from "../../platform/csv.ts";
import type { EnterprisesTable, OrganizationsTable } from "../../platform/db/schema.ts";
import type { AppDeps } from "../../platform/deps.ts";
import { operationDeps } from "../../platform/deps.ts";
import { AppError, type FieldError, fieldError } from "../../platform/errors.ts";
import { fieldErrorOf } from "../../platform/http/problem.ts";
import { type Locale, t } from "../../platform/i18n/i18n.ts";
import { type Actor, defineOperation, runOperation } from "../../platform/operations.ts";
import { appendDocuments } from "../../platform/search/search.ts";
import * as repo from "./registry.repository.ts";
import { type TEnterpriseInput, ZEnterpriseInput } from "./registry.schema.ts";
import {
  checkIdentifiers,
  ENTERPRISE_SEARCH_SCOPE,
  newEnterpriseRow,
  searchText,
} from "./registry.service.ts";

/**
 * Bulk import of enterprises from CSV. Every row is checked as a registration would be; valid rows are
 * written in batches (each batch one transaction with its audit entry and events), invalid rows are
 * reported with their line and reasons and write nothing. Imported enterprises start as pending:
 * verification stays an officer's decision.
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

export interface ImportRowResult {
  line: number;
  status: "imported" | "invalid";
  id: string | null;
  errors: { path: string; code: string; message: string }[];
}

export interface ImportReport {
  total: number;
  imported: number;
  invalid: number;
  rows: ImportRowResult[];
  fileHash: string;
}

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
    side: (r.side ?? "").trim().toUpperCase(),
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
      ...(opt(r.aeo_since) ? { since: opt(r.aeo_since) } : {}),
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

const writeBatch = defineOperation({
  name: "registry.importBatch",
  async run(
    ctx,
    input: {
      orgs: OrganizationsTable[];
      rows: EnterprisesTable[];
      chapters: { enterprise_id: string; chapter: string }[];
      fileHash: string;
      lines: [number, number];
    },
  ) {
    const decisions = input.rows.map((r) => ({
      enterprise_id: r.id,
      action: "imported" as const,
      actor_user_id: ctx.actor.userId,
      reason: null,
      at: ctx.now,
    }));
    const stamped = input.rows.map((r) => ({ ...r, registered_at: ctx.now, updated_at: ctx.now }));
    await repo.insertEnterprisesBulk(
      ctx.trx,
      ctx.dialect,
      input.orgs.map((o) => ({ ...o, created_at: ctx.now })),
      stamped,
      input.chapters,
      decisions,
    );
    await appendDocuments(
      ctx.trx,
      ctx.dialect,
      ENTERPRISE_SEARCH_SCOPE,
      stamped.map((r) => ({ ref: r.id, title: searchText(r) })),
    );
    await ctx.audit({
      action: "enterprise.imported",
      targetType: "enterprise_import",
      targetId: input.fileHash.slice(0, 16),
      summary: { count: stamped.length, lines: input.lines, ids: stamped.map((r) => r.id) },
    });
    // One event per batch: the trust projection makes the profiles of all its enterprises.
    await ctx.emit({
      type: "enterprise.imported",
      aggregateType: "enterprise_import",
      aggregateId: input.fileHash.slice(0, 16),
      payload: { enterpriseIds: stamped.map((r) => r.id), lines: input.lines },
    });
  },
});

export async function importEnterprises(
  deps: AppDeps,
  text: string,
  options: {
    actor: Actor;
    locale?: Locale;
    batchSize?: number;
    sample?: boolean;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<ImportReport> {
  const locale = options.locale ?? "en";
  const batchSize = options.batchSize ?? 2000;
  const fileHash = createHash("sha256").update(text).digest("hex");
  let records: { line: number; fields: string[] }[];
  try {
    // A spreadsheet saved in a Russian locale separates with semicolons.
    records = [...parseCsvLines(text, { separator: detectSeparator(text) })];
  } catch (e) {
    if (e instanceof CsvError)
      throw new AppError("BAD_REQUEST", {
        reason: t(locale, "registry.CSV_BROKEN", { line: e.line, message: e.message }),
      });
    throw e;
  }
  const header = (records.shift()?.fields ?? []).map((h) => h.trim().toLowerCase());
  const unknown = header.filter((h) => !(IMPORT_COLUMNS as readonly string[]).includes(h));
  const missing = ["side", "region"].filter((h) => !header.includes(h));
  if (unknown.length || missing.length) {
    throw new AppError("BAD_REQUEST", {
      reason: t(locale, "registry.CSV_HEADER", {
        unknown: unknown.join(", ") || "—",
        missing: missing.join(", ") || "—",
        expected: IMPORT_COLUMNS.join(","),
      }),
    });
  }

  const regions = new Map((await repo.listRegions(deps.db.db)).map((r) => [r.code, r]));
  const results: ImportRowResult[] = [];
  const valid: { line: number; input: TEnterpriseInput; ids: ReturnType<typeof checkIdentifiers> }[] = [];
  const seen = new Map<string, number>();
  const total = records.length;

  for (const { line, fields } of records) {
    const r: Record<string, string> = {};
    header.forEach((h, k) => {
      r[h] = fields[k] ?? "";
    });
    const errors: FieldError[] = [];
    if (fields.length > header.length)
      errors.push(
        fieldError("", "too_many_fields", "registry.CSV_TOO_MANY_FIELDS", {
          count: fields.length,
          expected: header.length,
        }),
      );
    const { input, errors: shapeErrors } = rowToInput(r, locale);
    errors.push(...shapeErrors);
    let ids: ReturnType<typeof checkIdentifiers> | undefined;
    if (input) {
      ids = checkIdentifiers(input.side, input.identifiers);
      errors.push(...ids.errors.map((e) => ({ ...e, path: CSV_COLUMN_OF[e.path] ?? e.path })));
      const native = input.side === "CN" ? "zh" : "ru";
      if (!input.names[native])
        errors.push(fieldError(`name_${native}`, "required", "registry.NATIVE_NAME_REQUIRED"));
      const region = regions.get(input.region);
      if (!region || region.country !== input.side) {
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
        const first = seen.get(key);
        if (first !== undefined)
          errors.push(
            fieldError("", "duplicate_in_file", "registry.DUPLICATE_IN_FILE", { value: key, line: first }),
          );
        else seen.set(key, line);
      }
    }
    if (errors.length || !input || !ids) {
      results.push({ line, status: "invalid", id: null, errors: localize(errors, locale) });
    } else {
      valid.push({ line, input, ids });
    }
  }

  // Identifiers already in the registry.
  for (const column of ["uscc", "inn", "ogrn"] as const) {
    const existing = await repo.existingIdentifiers(
      deps.db.db,
      column,
      valid.map((v) => v.ids[column]).filter((x): x is string => Boolean(x)),
    );
    if (existing.size === 0) continue;
    for (let i = valid.length - 1; i >= 0; i--) {
      const v = valid[i];
      const value = v?.ids[column];
      if (!v || !value || !existing.has(value)) continue;
      results.push({
        line: v.line,
        status: "invalid",
        id: null,
        errors: localize(
          [fieldError(column, "exists", "registry.EXISTS", { value, id: existing.get(value) ?? "" })],
          locale,
        ),
      });
      valid.splice(i, 1);
    }
  }

  let done = results.length;
  options.onProgress?.(done, total);
  for (let i = 0; i < valid.length; i += batchSize) {
    const batch = valid.slice(i, i + batchSize);
    const orgs: OrganizationsTable[] = [];
    const rows: EnterprisesTable[] = [];
    const chapters: { enterprise_id: string; chapter: string }[] = [];
    for (const { input, ids } of batch) {
      const id = newId();
      const nativeName = (input.side === "CN" ? input.names.zh : input.names.ru) ?? "";
      orgs.push({
        id,
        kind: "enterprise",
        side: input.side,
        name: nativeName,
        name_zh: input.names.zh ?? null,
        name_ru: input.names.ru ?? null,
        name_en: input.names.en ?? null,
        is_sample: options.sample ? 1 : 0,
        created_at: "",
      });
      const hs = [...new Set(input.hsChapters)].sort();
      rows.push(
        newEnterpriseRow({
          id,
          input,
          ids,
          chapters: hs,
          registeredBy: options.actor.userId,
          at: "",
          sample: Boolean(options.sample),
        }),
      );
      for (const c of hs) chapters.push({ enterprise_id: id, chapter: c });
    }
    await runOperation(
      operationDeps(deps),
      writeBatch,
      { orgs, rows, chapters, fileHash, lines: [batch[0]?.line ?? 0, batch.at(-1)?.line ?? 0] },
      { actor: options.actor },
    );
    batch.forEach((b, k) => {
      results.push({ line: b.line, status: "imported", id: rows[k]?.id ?? null, errors: [] });
    });
    done += batch.length;
    options.onProgress?.(done, total);
  }
  results.sort((a, b) => a.line - b.line);
  const imported = results.filter((r) => r.status === "imported").length;
  return { total, imported, invalid: total - imported, rows: results, fileHash };
}

function localize(errors: FieldError[], locale: Locale) {
  return errors.map((e) => ({
    path: e.path,
    code: e.code,
    message: e.key ? t(locale, e.key, e.params ?? {}) : e.message,
  }));
}

/** The report as CSV: one line per input row. */
export function importReportCsv(report: ImportReport): string {
  const esc = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = ["line,status,id,errors"];
  for (const r of report.rows) {
    lines.push(
      [
        String(r.line),
        r.status,
        r.id ?? "",
        esc(r.errors.map((e) => `${e.path ? `${e.path}: ` : ""}${e.message}`).join("; ")),
      ].join(","),
    );
  }
  return `${lines.join("\n")}\n`;
}
