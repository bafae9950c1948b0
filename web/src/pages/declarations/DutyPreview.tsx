import { useTranslation } from "react-i18next";
import { isApiError } from "../../api";
import { ErrorState, Spinner } from "../../components";
import { LineAssessment, TotalsList } from "./Assessment";
import type { TPreview } from "./contracts";
import { type PreviewIssue, previewIssues, type RowMap, rowOf } from "./draft";

export interface PreviewState {
  /** Null while nothing can be assessed yet (no line with a code). */
  rows: RowMap | null;
  data: TPreview | undefined;
  error: unknown;
  fetching: boolean;
  /** True while the answer shown is for an earlier state of the form. */
  stale: boolean;
}

// The labels of the fields a problem can be about, so "required" says what is required.
const FIELD_LABELS = {
  declarantId: "declarations.form.declarant",
  flow: "declarations.form.flow",
  portId: "declarations.form.port",
  tradeMode: "declarations.form.tradeMode",
  transportMode: "declarations.form.transportMode",
  conveyances: "declarations.form.conveyances",
  currency: "declarations.form.currency",
  incoterms: "declarations.form.incoterms",
  date: "declarations.form.date",
  shipmentRef: "declarations.form.shipmentRef",
  counterparty: "declarations.form.counterpartyKind",
  documents: "declarations.form.documentsSection",
  lines: "declarations.form.linesSection",
} as const;

const LINE_LABELS = {
  code: "declarations.form.code",
  description: "declarations.form.description",
  origin: "declarations.form.origin",
  quantity: "declarations.form.quantity",
  netKg: "declarations.form.netKg",
  grossKg: "declarations.form.grossKg",
  value: "declarations.form.lineValue",
  licenceNumber: "declarations.form.licence",
} as const;

function useIssueText() {
  const { t } = useTranslation();
  return (issue: PreviewIssue): string => {
    const line = rowOf(issue.path, "lines");
    if (line !== null) {
      const field = issue.path.split(".")[2] ?? "";
      const label = field in LINE_LABELS ? t(LINE_LABELS[field as keyof typeof LINE_LABELS]) : null;
      return t("declarations.preview.lineIssue", {
        n: line + 1,
        message: label ? `${label} — ${issue.message}` : issue.message,
      });
    }
    const document = rowOf(issue.path, "documents");
    if (document !== null)
      return `${t("declarations.form.documentTitle", { n: document + 1 })}: ${issue.message}`;
    const top = issue.path.split(".")[0] ?? "";
    return top in FIELD_LABELS
      ? `${t(FIELD_LABELS[top as keyof typeof FIELD_LABELS])}: ${issue.message}`
      : issue.message;
  };
}

/** The live duty preview next to the form: each line's duties explained, then the totals. */
export function DutyPreview({ state, lineCodes }: { state: PreviewState; lineCodes: readonly string[] }) {
  const { t } = useTranslation();
  const { rows, data, error } = state;
  const issues = previewIssues(
    state.rows,
    state.data?.errors ?? (isApiError(state.error) ? state.error.errors : []),
  );
  const issueText = useIssueText();
  // The server assesses every line it was sent, in order; should the counts differ, the assessments
  // are shown by their codes without claiming which row each belongs to.
  const aligned = data && rows ? data.assessment.length === rows.lines.length : false;
  const failed = error && !(isApiError(error) && error.errors.length > 0);
  return (
    <section className="panel duty-preview" aria-labelledby="duty-preview-title" aria-busy={state.fetching}>
      <h2 id="duty-preview-title" className="duty-preview__title">
        {t("declarations.preview.title")}
      </h2>
      <p className="duty-preview__status" role="status">
        {state.fetching ? t("declarations.preview.updating") : ""}
      </p>
      {rows === null ? (
        <p className="decl-muted">{t("declarations.preview.empty")}</p>
      ) : failed ? (
        <ErrorState error={error} headingLevel={3} />
      ) : !data && state.fetching ? (
        <Spinner label={t("declarations.preview.updating")} />
      ) : (
        <div className={state.stale ? "duty-preview__body duty-preview__body--stale" : "duty-preview__body"}>
          {data?.assessment.map((assessment, index) => {
            const requestLine = data.lineIndexes?.[index] ?? (aligned ? index : undefined);
            const row = requestLine === undefined ? undefined : rows.lines[requestLine];
            const title =
              row === undefined
                ? assessment.hsCode
                : t("declarations.preview.lineTitle", {
                    n: row + 1,
                    code: lineCodes[row] || assessment.hsCode,
                  });
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: an assessment's position is the line it belongs to.
              <LineAssessment key={index} assessment={assessment} title={title} />
            );
          })}
          {data ? (
            <>
              <h3 className="duty-preview__subtitle">{t("declarations.totals.title")}</h3>
              <TotalsList totals={data.totals} />
            </>
          ) : null}
          {issues.length > 0 ? (
            <div className="duty-preview__issues">
              <h3 className="duty-preview__subtitle">{t("declarations.preview.issuesTitle")}</h3>
              <ul>
                {issues.map((issue) => (
                  <li key={issue.key}>{issueText(issue)}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <p className="duty-preview__note">{t("declarations.preview.note")}</p>
        </div>
      )}
    </section>
  );
}
