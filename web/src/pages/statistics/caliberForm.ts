import {
  CALIBER_FIELDS,
  FILL_DOWN_FIELDS,
  LABEL_TABLES,
  type TCaliber,
  type TCaliberField,
  type TCaliberMapping,
  type TCaliberSeparator,
  type TCurrency,
  type TFillDownField,
  type TImportReport,
  type TLabelTable,
  type TReporter,
} from "./contracts";

// The caliber editor's model: a caliber's mapping as the rows and boxes a statistician fills in, and
// back; the checks worth making before the server is asked; and the import report grouped for reading.
// Pure, so the round trip is unit-tested; CaliberEditor.tsx and CaliberImport.tsx only draw.

export interface LabelRow {
  /** Stable while the label is typed, so the row keeps its focus. */
  id: string;
  /** The label as the source writes it. */
  label: string;
  /** The unified code it means: a flow, trade mode, country, port, region or transport mode. */
  value: string;
}

export interface SkipRow {
  id: string;
  column: string;
  /** One label a line. */
  labels: string;
}

export interface CaliberForm {
  name: string;
  source: string;
  reporter: TReporter;
  currency: TCurrency;
  valueScale: string;
  decimalComma: boolean;
  /** Empty: detected from the file's header. */
  separator: "" | TCaliberSeparator;
  /** The file's column header for each field; empty when the file has no such column. */
  columns: Record<TCaliberField, string>;
  /** The same value for every row, for what the file does not say. */
  fixed: Record<TCaliberField, string>;
  values: Record<TLabelTable, LabelRow[]>;
  skip: SkipRow[];
  /** Fields whose empty cells repeat the row above (a spreadsheet's merged cells). */
  fillDown: TFillDownField[];
}

let lastRowId = 0;
export function newRowId(): string {
  lastRowId += 1;
  return `row-${lastRowId}`;
}

function byField(read: (field: TCaliberField) => string | undefined): Record<TCaliberField, string> {
  return Object.fromEntries(CALIBER_FIELDS.map((field) => [field, read(field) ?? ""])) as Record<
    TCaliberField,
    string
  >;
}

function byTable(read: (table: TLabelTable) => LabelRow[]): Record<TLabelTable, LabelRow[]> {
  return Object.fromEntries(LABEL_TABLES.map((table) => [table, read(table)])) as Record<
    TLabelTable,
    LabelRow[]
  >;
}

export function emptyCaliberForm(): CaliberForm {
  return {
    name: "",
    source: "",
    reporter: "CN",
    currency: "USD",
    valueScale: "1",
    decimalComma: false,
    separator: "",
    columns: byField(() => ""),
    fixed: byField(() => ""),
    values: byTable(() => []),
    skip: [],
    fillDown: [],
  };
}

/** A saved caliber as the form shows it. */
export function caliberFormFrom({ name, mapping }: TCaliber): CaliberForm {
  return {
    name,
    source: mapping.source,
    reporter: mapping.reporter,
    currency: mapping.currency,
    valueScale: mapping.valueScale ?? "1",
    decimalComma: mapping.decimalComma ?? false,
    separator: mapping.separator ?? "",
    columns: byField((field) => mapping.columns[field]),
    fixed: byField((field) => mapping.fixed?.[field]),
    values: byTable((table) =>
      Object.entries(mapping.values?.[table] ?? {}).map(([label, value]) => ({
        id: newRowId(),
        label,
        value,
      })),
    ),
    skip: Object.entries(mapping.skipLabels ?? {}).map(([column, labels]) => ({
      id: newRowId(),
      column,
      labels: labels.join("\n"),
    })),
    fillDown: [...(mapping.fillDown ?? [])],
  };
}

function filled(record: Record<TCaliberField, string>): Record<string, string> {
  return Object.fromEntries(
    CALIBER_FIELDS.map((field) => [field, record[field].trim()]).filter(([, value]) => value !== ""),
  );
}

/** A skip row's labels: one a line, blank lines dropped. */
export function skipLabelsOf(row: SkipRow): string[] {
  return row.labels
    .split(/\r?\n/)
    .map((label) => label.trim())
    .filter((label) => label !== "");
}

/**
 * The mapping to save. Texts are trimmed (the importer trims every cell, so a label with spaces would
 * never match), empty boxes and empty rows are left out, and the separator is sent only when chosen.
 */
export function mappingFromForm(form: CaliberForm): TCaliberMapping {
  const valueScale = form.valueScale.trim();
  return {
    source: form.source.trim(),
    reporter: form.reporter,
    currency: form.currency,
    ...(valueScale ? { valueScale } : {}),
    decimalComma: form.decimalComma,
    ...(form.separator ? { separator: form.separator } : {}),
    columns: filled(form.columns),
    fixed: filled(form.fixed),
    values: Object.fromEntries(
      LABEL_TABLES.map((table) => [
        table,
        Object.fromEntries(
          form.values[table]
            .map((row) => [row.label.trim(), row.value.trim()] as const)
            .filter(([label, value]) => label !== "" || value !== ""),
        ),
      ]),
    ),
    skipLabels: Object.fromEntries(
      form.skip
        .map((row) => [row.column.trim(), skipLabelsOf(row)] as const)
        .filter(([column, labels]) => column !== "" || labels.length > 0),
    ),
    // In the fields' order, whatever order they were ticked in.
    ...(form.fillDown.length > 0
      ? { fillDown: FILL_DOWN_FIELDS.filter((field) => form.fillDown.includes(field)) }
      : {}),
  };
}

/** Where a label row's problems are reported: the path the server uses for the label's entry. */
export function labelPath(table: TLabelTable, label: string): string {
  return `values.${table}.${label.trim()}`;
}

export function skipPath(column: string): string {
  return `skipLabels.${column.trim()}`;
}

export type CaliberProblemCode =
  | "nameTaken"
  | "notMapped"
  | "labelDuplicate"
  | "labelMissing"
  | "meaningMissing"
  | "skipColumnMissing";

export interface CaliberProblem {
  /** The request path the field reports at, as the server's field errors do. */
  path: string;
  code: CaliberProblemCode;
}

// A row cannot be imported without a period, a flow and a value: each needs a column or a fixed value.
const REQUIRED_FIELDS = ["period", "flow", "value"] as const satisfies readonly TCaliberField[];

/**
 * What is certainly wrong before the server is asked: a new caliber under a name already taken (saving
 * would replace it), a required field neither read from a column nor fixed, a label listed twice or
 * without its meaning. Everything else — formats, codes, lengths — the server checks and reports at
 * the same paths.
 */
export function caliberFormProblems(
  form: CaliberForm,
  context: { creating: boolean; takenNames: readonly string[] },
): CaliberProblem[] {
  const problems: CaliberProblem[] = [];
  if (context.creating && context.takenNames.includes(form.name.trim())) {
    problems.push({ path: "name", code: "nameTaken" });
  }
  for (const field of REQUIRED_FIELDS) {
    if (form.columns[field].trim() === "" && form.fixed[field].trim() === "") {
      problems.push({ path: `columns.${field}`, code: "notMapped" });
    }
  }
  for (const table of LABEL_TABLES) {
    const seen = new Set<string>();
    for (const row of form.values[table]) {
      const label = row.label.trim();
      const value = row.value.trim();
      if (label === "" && value === "") continue;
      if (label === "") problems.push({ path: labelPath(table, label), code: "labelMissing" });
      else if (seen.has(label)) problems.push({ path: labelPath(table, label), code: "labelDuplicate" });
      else if (value === "") problems.push({ path: labelPath(table, label), code: "meaningMissing" });
      seen.add(label);
    }
  }
  for (const row of form.skip) {
    if (row.column.trim() === "" && skipLabelsOf(row).length > 0) {
      problems.push({ path: skipPath(""), code: "skipColumnMissing" });
    }
  }
  return problems;
}

// ---------- The import report ----------

export interface UnknownLabel {
  field: string;
  label: string;
  lines: number[];
}

export interface BadRow {
  line: number;
  problems: { field: string; message: string }[];
}

export interface ImportSummary {
  /** Labels the caliber does not know, each with the lines it stands on: rows that map nowhere. */
  unknownLabels: UnknownLabel[];
  /** Every other problem, by line. */
  badRows: BadRow[];
  /** Lines with any problem; one is enough to refuse the file. */
  refusedLines: number;
  /** Subtotal and note rows the caliber says to skip. */
  skippedRows: number;
}

/** The import report grouped for reading: unknown labels together, the rest by line. */
export function summarizeImport(report: TImportReport): ImportSummary {
  const unknown = new Map<string, UnknownLabel>();
  const bad = new Map<number, BadRow>();
  for (const error of report.errors) {
    if (error.code === "unknown_label") {
      const label = error.params?.value ?? "";
      const key = `${error.field}\u0000${label}`;
      const entry = unknown.get(key) ?? { field: error.field, label, lines: [] };
      if (!entry.lines.includes(error.line)) entry.lines.push(error.line);
      unknown.set(key, entry);
      continue;
    }
    const row = bad.get(error.line) ?? { line: error.line, problems: [] };
    row.problems.push({ field: error.field, message: error.message });
    bad.set(error.line, row);
  }
  return {
    unknownLabels: [...unknown.values()].sort(
      (a, b) => (a.lines[0] ?? 0) - (b.lines[0] ?? 0) || a.label.localeCompare(b.label),
    ),
    badRows: [...bad.values()].sort((a, b) => a.line - b.line),
    refusedLines: new Set(report.errors.map((error) => error.line)).size,
    skippedRows: report.skipped.reduce((sum, skip) => sum + skip.count, 0),
  };
}

/** "3, 5, 7 and 12 more": line numbers that stay readable when a label stands on hundreds of rows. */
export function lineList(lines: readonly number[], shown = 10): { shown: number[]; more: number } {
  const sorted = [...lines].sort((a, b) => a - b);
  return { shown: sorted.slice(0, shown), more: Math.max(0, sorted.length - shown) };
}
