import type { AuthContext } from "../../platform/auth/policy.ts";
import {
  CsvError,
  csvProblemText,
  csvText,
  detectSeparator,
  parseCsvLines,
  spreadsheetDate,
  spreadsheetNumber,
} from "../../platform/csv.ts";
import type { AppDeps } from "../../platform/deps.ts";
import { AppError, type FieldError, isAppError } from "../../platform/errors.ts";
import { fieldErrorOf, problemOf } from "../../platform/http/problem.ts";
import { type Locale, t } from "../../platform/i18n/i18n.ts";
import * as identityRepo from "../identity/identity.repository.ts";
import { loadMemberships } from "../identity/identity.service.ts";
import * as repo from "./declarations.repository.ts";
import { ZDeclarationInput } from "./declarations.schema.ts";
import { submitDeclaration } from "./declarations.service.ts";

/**
 * `amur declarations import FILE`: one CSV row per declaration line; rows with the same `ref` (the
 * declarant's own reference) make one declaration, whose header fields come from its first row.
 * Every declaration is submitted through the same path as the API, with the idempotency key
 * `import:<ref>`, so importing the same file again files nothing twice. Each row gets a status.
 */

export const IMPORT_COLUMNS = [
  "ref",
  "flow",
  "port",
  "trade_mode",
  "transport_mode",
  "conveyances",
  "currency",
  "incoterms",
  "shipment_ref",
  "date",
  "counterparty_id",
  "counterparty_name",
  "counterparty_country",
  "invoice",
  "contract",
  "transport_doc",
  "documents",
  "code",
  "description",
  "origin",
  "quantity",
  "unit",
  "net_kg",
  "gross_kg",
  "value",
  "licence",
] as const;

const REQUIRED = [
  "ref",
  "flow",
  "port",
  "code",
  "description",
  "quantity",
  "unit",
  "net_kg",
  "gross_kg",
  "value",
];
const HEADER_FIELDS = IMPORT_COLUMNS.slice(1, 17);

export interface ImportRow {
  line: number;
  ref: string;
  status: "imported" | "existing" | "invalid";
  number: string | null;
  lane: string | null;
  errors: { path: string; message: string }[];
}

export interface DeclarationImportReport {
  rows: ImportRow[];
  declarations: number;
  imported: number;
  existing: number;
  invalid: number;
}

export async function authFor(deps: AppDeps, email: string): Promise<AuthContext> {
  const user = await identityRepo.findUserByEmail(deps.db.db, email);
  if (!user) throw new AppError("NOT_FOUND", { resource: "user", id: email });
  return {
    user: { id: user.id, email: user.email, displayName: user.display_name, locale: user.locale },
    memberships: await loadMemberships(deps.db.db, user.id),
    via: "apiKey",
    sessionId: null,
    csrfToken: null,
    apiKeyId: null,
    scopes: ["read", "write"],
  };
}

interface Group {
  ref: string;
  rows: { line: number; record: Record<string, string> }[];
}

function documentsOf(r: Record<string, string>, transport: string | undefined) {
  const docs: { kind: string; number: string }[] = [];
  if (r.invoice) docs.push({ kind: "invoice", number: r.invoice });
  if (r.contract) docs.push({ kind: "contract", number: r.contract });
  if (r.transport_doc) docs.push({ kind: transport === "rail" ? "smgs" : "cmr", number: r.transport_doc });
  for (const part of (r.documents ?? "").split(/[|;]/)) {
    const m = /^\s*([a-z_]+)\s*:\s*(.+?)\s*$/.exec(part);
    if (m?.[1] && m[2]) docs.push({ kind: m[1], number: m[2] });
  }
  return docs;
}

/**
 * The words a Russian or Chinese spreadsheet writes for the flow, the transport mode and the unit (the
 * names the platform itself shows in those languages, and their common short forms), read as the codes;
 * anything else goes to the validation as it is, which names the allowed values.
 */
const WORDS: Record<"flow" | "transport" | "unit", Record<string, string>> = {
  flow: { экспорт: "export", импорт: "import", 出口: "export", 进口: "import" },
  transport: {
    автомобильный: "road",
    авто: "road",
    железнодорожный: "rail",
    жд: "rail",
    "ж/д": "rail",
    "ж.д.": "rail",
    речной: "river",
    трубопроводный: "pipeline",
    трубопровод: "pipeline",
    воздушный: "air",
    почтовый: "post",
    почта: "post",
    公路运输: "road",
    公路: "road",
    铁路运输: "rail",
    铁路: "rail",
    江河运输: "river",
    水路: "river",
    管道运输: "pipeline",
    管道: "pipeline",
    航空运输: "air",
    航空: "air",
    邮递: "post",
    邮政: "post",
  },
  unit: {
    кг: "kg",
    т: "t",
    м3: "m3",
    "м³": "m3",
    "m³": "m3",
    л: "l",
    шт: "pcs",
    "шт.": "pcs",
    пар: "pair",
    пара: "pair",
    千克: "kg",
    公斤: "kg",
    吨: "t",
    立方米: "m3",
    升: "l",
    件: "pcs",
    个: "pcs",
    双: "pair",
  },
};

function word(kind: keyof typeof WORDS, v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const key = v.trim().toLowerCase();
  return WORDS[kind][key] ?? key;
}

function bodyOf(g: Group) {
  const h = g.rows[0]?.record ?? {};
  const opt = (v: string | undefined) => (v === undefined || v === "" ? undefined : v);
  const number = (v: string | undefined) => (v === undefined ? undefined : spreadsheetNumber(v));
  return {
    flow: word("flow", h.flow),
    portId: h.port,
    tradeMode: h.trade_mode,
    transportMode: word("transport", h.transport_mode),
    ...(opt(h.conveyances) ? { conveyances: Number(h.conveyances) } : {}),
    currency: h.currency,
    incoterms: opt(h.incoterms)?.toUpperCase(),
    shipmentRef: opt(h.shipment_ref),
    date: opt(h.date) === undefined ? undefined : spreadsheetDate(h.date as string),
    counterparty: {
      enterpriseId: opt(h.counterparty_id),
      name: opt(h.counterparty_name),
      country: opt(h.counterparty_country),
    },
    documents: documentsOf(h, word("transport", h.transport_mode)),
    lines: g.rows.map(({ record: r }) => ({
      code: r.code,
      description: r.description,
      origin: r.origin,
      quantity: { value: number(r.quantity), unit: word("unit", r.unit) },
      netKg: number(r.net_kg),
      grossKg: number(r.gross_kg),
      value: number(r.value),
      ...(opt(r.licence) ? { licenceNumber: r.licence } : {}),
    })),
  };
}

export async function importDeclarations(
  deps: AppDeps,
  text: string,
  options: { email: string; locale: Locale; onProgress?: (done: number, total: number) => void },
): Promise<DeclarationImportReport> {
  const auth = await authFor(deps, options.email);
  const locale = options.locale;
  const separator = detectSeparator(text);
  let header: string[] | null = null;
  const groups = new Map<string, Group>();
  const rows: ImportRow[] = [];
  const invalidRow = (line: number, ref: string, errors: { path: string; message: string }[]) =>
    rows.push({ line, ref, status: "invalid", number: null, lane: null, errors });
  try {
    for (const { line, fields } of parseCsvLines(text, { separator })) {
      if (!header) {
        header = fields.map((f) => f.trim().toLowerCase());
        const missing = REQUIRED.filter((c) => !header?.includes(c));
        const unknown = header.filter((c) => !(IMPORT_COLUMNS as readonly string[]).includes(c));
        if (missing.length || unknown.length) {
          throw new AppError("BAD_REQUEST", {
            reason: t(locale, "declarations.import.header", {
              missing: missing.join(", ") || "—",
              unknown: unknown.join(", ") || "—",
            }),
          });
        }
        continue;
      }
      const record: Record<string, string> = {};
      header.forEach((h, i) => {
        record[h] = (fields[i] ?? "").trim();
      });
      if (fields.length > header.length && fields.slice(header.length).some((f) => f.trim() !== "")) {
        invalidRow(line, record.ref ?? "", [
          { path: "", message: t(locale, "declarations.import.extra_fields", { count: fields.length }) },
        ]);
        continue;
      }
      const ref = record.ref ?? "";
      if (!ref) {
        invalidRow(line, "", [{ path: "ref", message: t(locale, "validation.required") }]);
        continue;
      }
      const g = groups.get(ref) ?? { ref, rows: [] };
      const first = g.rows[0];
      const conflict = first ? HEADER_FIELDS.filter((f) => record[f] && record[f] !== first.record[f]) : [];
      if (first && conflict.length) {
        invalidRow(line, ref, [
          {
            path: conflict.join(", "),
            message: t(locale, "declarations.import.conflict", {
              line: first.line,
              fields: conflict.join(", "),
            }),
          },
        ]);
        continue;
      }
      g.rows.push({ line, record });
      groups.set(ref, g);
    }
  } catch (e) {
    if (e instanceof CsvError)
      throw new AppError("BAD_REQUEST", {
        reason: t(locale, "csv.at_line", { line: e.line, problem: csvProblemText(e, locale) }),
      });
    throw e;
  }
  if (!header) throw new AppError("BAD_REQUEST", { reason: t(locale, "declarations.import.empty") });

  const all = [...groups.values()];
  let done = 0;
  for (const g of all) {
    const lineOf = (path: string) => {
      const m = /^lines\.(\d+)/.exec(path);
      return m ? (g.rows[Number(m[1])]?.line ?? g.rows[0]?.line ?? 0) : (g.rows[0]?.line ?? 0);
    };
    const report = (errors: FieldError[]) => {
      const byLine = new Map<number, { path: string; message: string }[]>();
      for (const e of errors) byLine.set(lineOf(e.path), [...(byLine.get(lineOf(e.path)) ?? []), e]);
      for (const r of g.rows) {
        rows.push({
          line: r.line,
          ref: g.ref,
          status: "invalid",
          number: null,
          lane: null,
          errors: byLine.get(r.line) ?? [
            { path: "", message: t(locale, "declarations.import.same_declaration") },
          ],
        });
      }
    };
    const parsed = ZDeclarationInput.safeParse(bodyOf(g));
    if (!parsed.success) {
      report(parsed.error.issues.map((i) => fieldErrorOf(i, locale)));
    } else {
      try {
        const key = `import:${g.ref}`;
        const before = await deps.db.db
          .selectFrom("idempotency_keys")
          .select("key")
          .where("user_id", "=", auth.user.id)
          .where("key", "=", key)
          .executeTakeFirst();
        const { id } = await submitDeclaration(deps, auth, parsed.data, { key, requestId: null });
        const d = await repo.findDeclaration(deps.db.db, id);
        for (const r of g.rows)
          rows.push({
            line: r.line,
            ref: g.ref,
            status: before ? "existing" : "imported",
            number: d?.number ?? null,
            lane: d?.lane ?? null,
            errors: [],
          });
      } catch (e) {
        if (!isAppError(e)) throw e;
        const p = problemOf(e, locale, "import");
        report(p.errors.length ? p.errors : [{ path: "", code: p.code, message: `${p.title}: ${p.detail}` }]);
      }
    }
    done += 1;
    options.onProgress?.(done, all.length);
  }
  rows.sort((a, b) => a.line - b.line);
  const status = (s: ImportRow["status"]) =>
    new Set(rows.filter((r) => r.status === s).map((r) => r.ref)).size;
  return {
    rows,
    declarations: all.length,
    imported: status("imported"),
    existing: status("existing"),
    invalid: new Set(rows.filter((r) => r.status === "invalid").map((r) => `${r.ref}|${r.ref ? "" : r.line}`))
      .size,
  };
}

export function declarationReportCsv(report: DeclarationImportReport): string {
  return csvText(
    ["line", "ref", "status", "number", "lane", "errors"],
    report.rows.map((r) => [
      r.line,
      r.ref,
      r.status,
      r.number,
      r.lane,
      r.errors.map((e) => `${e.path ? `${e.path}: ` : ""}${e.message}`).join("; "),
    ]),
  );
}
