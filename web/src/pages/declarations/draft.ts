import type { FieldError } from "../../api";
import type { TSide } from "../../contracts";
import { localToday, normalizeDecimal, normalizeHsCode } from "../tariffs/calculatorInput";
import {
  DOCUMENT_KINDS,
  INCOTERMS,
  QUANTITY_UNITS,
  type TDeclaration,
  type TDeclarationInput,
  type TDocumentKind,
  type TFlow,
  type TIncoterm,
  type TLineInput,
  TRANSPORT_DOCUMENT,
  TRANSPORT_MODES,
  type TTransportMode,
  type TUnit,
} from "./contracts";

// The declaration form's state and the request built from it. Pure, free of React and i18next, so the
// mapping (and the way the server's error paths find their fields again) can be unit-tested.

export interface LineDraft {
  /** Stable for the life of the row, so React keeps each row's inputs while rows come and go. */
  key: string;
  code: string;
  description: string;
  origin: string;
  quantity: string;
  unit: TUnit;
  netKg: string;
  grossKg: string;
  value: string;
  licenceNumber: string;
}

export interface DocumentDraft {
  key: string;
  kind: TDocumentKind;
  number: string;
  date: string;
}

export type CounterpartyKind = "registered" | "other";

export interface DeclarationDraft {
  declarantId: string;
  flow: TFlow;
  portId: string;
  tradeMode: string;
  transportMode: TTransportMode;
  conveyances: string;
  currency: string;
  incoterms: TIncoterm;
  shipmentRef: string;
  date: string;
  counterpartyKind: CounterpartyKind;
  counterpartyId: string;
  /** The picked enterprise's name as the directory gave it, to show while the form is open. */
  counterpartyLabel: string;
  counterpartyName: string;
  counterpartyCountry: string;
  documents: DocumentDraft[];
  lines: LineDraft[];
}

let lastKey = 0;
/** A key for a new row; unique within the page's lifetime, which is all React needs. */
export function newRowKey(): string {
  lastKey += 1;
  return `row-${lastKey}`;
}

export function emptyLine(origin: string): LineDraft {
  return {
    key: newRowKey(),
    code: "",
    description: "",
    origin,
    quantity: "",
    unit: "kg",
    netKg: "",
    grossKg: "",
    value: "",
    licenceNumber: "",
  };
}

export function emptyDocument(kind: TDocumentKind): DocumentDraft {
  return { key: newRowKey(), kind, number: "", date: "" };
}

/** The documents nearly every shipment needs: the invoice, the contract and the transport's consignment note. */
export function defaultDocuments(transportMode: TTransportMode): DocumentDraft[] {
  const transport = TRANSPORT_DOCUMENT[transportMode];
  return [
    emptyDocument("invoice"),
    emptyDocument("contract"),
    ...(transport ? [emptyDocument(transport)] : []),
  ];
}

/**
 * When the transport changes, a consignment-note row nobody has filled in yet follows it (CMR for road,
 * SMGS for rail); a filled-in row is left alone, since the reader typed its number.
 */
export function followTransport(
  documents: readonly DocumentDraft[],
  from: TTransportMode,
  to: TTransportMode,
): DocumentDraft[] {
  const before = TRANSPORT_DOCUMENT[from];
  const after = TRANSPORT_DOCUMENT[to];
  if (before === after) return [...documents];
  const blank = (document: DocumentDraft) => document.number.trim() === "" && document.date === "";
  const index = before ? documents.findIndex((d) => d.kind === before && blank(d)) : -1;
  const next = [...documents];
  if (index >= 0) {
    if (after) next[index] = { ...(next[index] as DocumentDraft), kind: after };
    else next.splice(index, 1);
  } else if (after && !documents.some((d) => d.kind === after)) {
    next.push(emptyDocument(after));
  }
  return next;
}

/** The side whose customs receive a declaration: the declarant's. Its goods come from there by default. */
export function emptyDraft(
  declarant: { id: string; side: TSide } | null,
  today = localToday(),
): DeclarationDraft {
  const side = declarant?.side ?? "CN";
  return {
    declarantId: declarant?.id ?? "",
    flow: "export",
    portId: "",
    tradeMode: "",
    transportMode: "road",
    conveyances: "1",
    currency: side === "CN" ? "CNY" : "RUB",
    incoterms: "FCA",
    shipmentRef: "",
    date: today,
    counterpartyKind: "registered",
    counterpartyId: "",
    counterpartyLabel: "",
    counterpartyName: "",
    counterpartyCountry: side === "CN" ? "RU" : "CN",
    documents: defaultDocuments("road"),
    lines: [emptyLine(side)],
  };
}

function oneOf<T extends string>(values: readonly T[], value: string, fallback: T): T {
  return values.find((candidate) => candidate === value) ?? fallback;
}

/**
 * A saved draft back in the form, to be edited. Rows for the usual documents it does not list yet are
 * offered again, empty (a draft keeps only the documents that had a number).
 */
export function draftFromDeclaration(declaration: TDeclaration): DeclarationDraft {
  const registered = declaration.counterparty.enterpriseId !== null;
  const transportMode = oneOf(TRANSPORT_MODES, declaration.transportMode, "road");
  const documents: DocumentDraft[] = declaration.documents.map((document) => ({
    key: newRowKey(),
    kind: oneOf(DOCUMENT_KINDS, document.kind, "other"),
    number: document.number,
    date: document.date ?? "",
  }));
  for (const usual of defaultDocuments(transportMode))
    if (!documents.some((document) => document.kind === usual.kind)) documents.push(usual);
  return {
    declarantId: declaration.declarant.id,
    flow: declaration.flow,
    portId: declaration.portId,
    tradeMode: declaration.tradeMode.code,
    transportMode,
    conveyances: String(declaration.conveyances),
    currency: declaration.currency,
    incoterms: oneOf(INCOTERMS, declaration.incoterms, "FCA"),
    shipmentRef: declaration.shipmentRef ?? "",
    date: declaration.date.slice(0, 10),
    counterpartyKind: registered ? "registered" : "other",
    counterpartyId: declaration.counterparty.enterpriseId ?? "",
    counterpartyLabel: registered ? declaration.counterparty.name : "",
    counterpartyName: registered ? "" : declaration.counterparty.name,
    counterpartyCountry: declaration.counterparty.country ?? "",
    documents,
    lines: declaration.lines.map((line) => ({
      key: newRowKey(),
      code: line.code,
      description: line.description,
      origin: line.origin,
      quantity: line.quantity.value,
      unit: oneOf(QUANTITY_UNITS, line.quantity.unit, "kg"),
      netKg: line.netKg,
      grossKg: line.grossKg,
      value: line.value,
      licenceNumber: line.licenceNumber ?? "",
    })),
  };
}

function text(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}

function isBlankLine(line: LineDraft): boolean {
  return [line.code, line.description, line.quantity, line.netKg, line.grossKg, line.value].every(
    (value) => value.trim() === "",
  );
}

function lineInput(line: LineDraft): TLineInput {
  const licenceNumber = text(line.licenceNumber);
  return {
    code: normalizeHsCode(line.code),
    description: line.description.trim(),
    origin: line.origin.trim().toUpperCase(),
    quantity: { value: normalizeDecimal(line.quantity), unit: line.unit },
    netKg: normalizeDecimal(line.netKg),
    grossKg: normalizeDecimal(line.grossKg),
    value: normalizeDecimal(line.value),
    ...(licenceNumber ? { licenceNumber } : {}),
  };
}

/** Which row of the form each item of the request came from: `lines[3] = 5` means `lines.3` is row 5. */
export interface RowMap {
  lines: number[];
  documents: number[];
}

export interface BuiltRequest {
  body: TDeclarationInput;
  rows: RowMap;
}

/**
 * The body of `POST /declarations` (and of the preview). For a submission every line goes out, so the
 * server can say what each one lacks; a document row without a number is left out (the server then says
 * which document is missing). For the preview only lines with a code go out: there is nothing to assess
 * in the others yet.
 */
export function buildRequest(draft: DeclarationDraft, purpose: "save" | "submit" | "preview"): BuiltRequest {
  const rows: RowMap = { lines: [], documents: [] };
  const lines: TLineInput[] = [];
  draft.lines.forEach((line, index) => {
    if (purpose === "preview" ? line.code.trim() === "" : isBlankLine(line) && draft.lines.length > 1) return;
    rows.lines.push(index);
    lines.push(lineInput(line));
  });
  const documents: TDeclarationInput["documents"] = [];
  draft.documents.forEach((document, index) => {
    const number = text(document.number);
    if (!number) return;
    rows.documents.push(index);
    documents.push({ kind: document.kind, number, ...(document.date ? { date: document.date } : {}) });
  });
  const conveyances = draft.conveyances.trim();
  const shipmentRef = text(draft.shipmentRef);
  const counterparty =
    draft.counterpartyKind === "registered"
      ? draft.counterpartyId
        ? { enterpriseId: draft.counterpartyId }
        : {}
      : {
          ...(text(draft.counterpartyName) ? { name: draft.counterpartyName.trim() } : {}),
          ...(text(draft.counterpartyCountry)
            ? { country: draft.counterpartyCountry.trim().toUpperCase() }
            : {}),
        };
  const body: TDeclarationInput = {
    ...(draft.declarantId ? { declarantId: draft.declarantId } : {}),
    flow: draft.flow,
    portId: draft.portId,
    tradeMode: draft.tradeMode,
    transportMode: draft.transportMode,
    // Not a whole number: sent as typed, so the server's message about it lands at the field.
    conveyances: /^\d+$/.test(conveyances) ? Number(conveyances) : conveyances,
    currency: draft.currency,
    incoterms: draft.incoterms,
    ...(shipmentRef ? { shipmentRef } : {}),
    ...(draft.date ? { date: draft.date } : {}),
    counterparty,
    documents,
    lines,
    draft: purpose === "save",
  };
  return { body, rows };
}

/**
 * The form field an error of the server belongs to. Items of the request are numbered as sent, rows of
 * the form as shown: `lines.0.code` becomes `lines.2.code` when the first line sent is the third row.
 * Paths of items the request did not contain stay as they are.
 */
export function formPath(serverPath: string, rows: RowMap): string {
  const match = /^(lines|documents)\.(\d+)(\..*)?$/.exec(serverPath);
  if (!match) return serverPath;
  const [, list, index, rest] = match;
  const row = rows[list as keyof RowMap][Number(index)];
  return row === undefined ? serverPath : `${list}.${row}${rest ?? ""}`;
}

/** The row of the form a path points into (`lines.2.value` → 2), or null for other fields. */
export function rowOf(path: string, list: "lines" | "documents"): number | null {
  const match = new RegExp(`^${list}\\.(\\d+)(\\.|$)`).exec(path);
  return match ? Number(match[1]) : null;
}

export interface PreviewIssue {
  key: string;
  /** The form field's path, e.g. `lines.2.netKg`. */
  path: string;
  message: string;
}

/**
 * The preview's problems pointed at the form's rows (the preview is sent without the lines that have no
 * code yet, so its numbering differs from the form's), one per field: the first message says enough.
 */
export function previewIssues(rows: RowMap | null, errors: readonly FieldError[]): PreviewIssue[] {
  if (!rows) return [];
  const seen = new Set<string>();
  const issues: PreviewIssue[] = [];
  for (const error of errors) {
    const path = formPath(error.path, rows);
    if (seen.has(path)) continue;
    seen.add(path);
    issues.push({ key: path, path, message: error.message });
  }
  return issues;
}
