import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ApiError } from "../../api";
import { Button, Checkbox, type Column, DataTable, Notice, ProgressBar, Select } from "../../components";
import { ActionError } from "../declarations/ActionError";
import { useFormatters } from "../tariffs/labels";
import { importCaliberFile, MAX_IMPORT_BYTES } from "./api";
import { type BadRow, lineList, summarizeImport, type UnknownLabel } from "./caliberForm";
import { useCaliberWords } from "./caliberLabels";
import { CALIBER_FIELDS, type TImportReport } from "./contracts";
import { readImportText } from "./importFile";
import { DATASETS_PATH } from "./paths";
import { statisticsKeys } from "./queries";

/** The encodings sources' files come in: provincial files are often GB18030, Russian ones Windows-1251. */
const ENCODINGS = ["utf-8", "gb18030", "windows-1251"] as const;
type Encoding = (typeof ENCODINGS)[number];

type Phase =
  | { kind: "idle" }
  | { kind: "reading" }
  | { kind: "uploading"; loaded: number; total: number | null }
  | { kind: "processing" };

/**
 * Import a source's CSV through this caliber: the file goes up with a progress bar, then the server
 * maps it (an indeterminate bar), then the report — imported, skipped, rows whose labels the caliber
 * does not know, bad rows with their lines. The same file again is a no-op, and the report says so.
 */
export function CaliberImport({ name }: { name: string }) {
  const { t } = useTranslation();
  const fileId = useId();
  const headingId = useId();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [encoding, setEncoding] = useState<Encoding>("utf-8");
  const [published, setPublished] = useState(false);
  const [tooLarge, setTooLarge] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const upload = useMutation({
    mutationFn: async (chosen: File) => {
      setPhase({ kind: "reading" });
      const content = await readImportText(chosen, encoding);
      if (content === null)
        throw new ApiError({
          status: 0,
          code: "FILE_NOT_UTF8",
          title: t("statistics.calibers.import.notUtf8Title"),
          detail: t("statistics.calibers.import.notUtf8Detail"),
        });
      setPhase({ kind: "uploading", loaded: 0, total: null });
      return importCaliberFile(
        name,
        { fileName: chosen.name, content, published },
        {
          onUploadProgress: ({ loaded, total }) => setPhase({ kind: "uploading", loaded, total }),
          onUploaded: () => setPhase({ kind: "processing" }),
        },
      );
    },
    onSettled: () => setPhase({ kind: "idle" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: statisticsKeys.all }),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!file || upload.isPending) return;
    if (file.size > MAX_IMPORT_BYTES) {
      setTooLarge(true);
      return;
    }
    upload.mutate(file);
  };
  const phaseText =
    phase.kind === "reading"
      ? t("statistics.calibers.import.reading")
      : phase.kind === "uploading"
        ? t("statistics.calibers.import.uploading", { file: file?.name ?? "" })
        : phase.kind === "processing"
          ? t("statistics.calibers.import.processing")
          : "";
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId} className="panel__title">
        {t("statistics.calibers.import.title")}
      </h2>
      <p>{t("statistics.calibers.import.intro")}</p>
      <form onSubmit={submit} className="form" aria-busy={upload.isPending || undefined}>
        <div className={tooLarge ? "field field--invalid" : "field"}>
          <label className="field__label" htmlFor={fileId}>
            {t("statistics.calibers.import.file")}
          </label>
          <p className="field__hint" id={`${fileId}-hint`}>
            {t("statistics.calibers.import.fileHint")}
          </p>
          {tooLarge ? (
            <p className="field__error" id={`${fileId}-error`}>
              {t("statistics.datasets.tooLarge")}
            </p>
          ) : null}
          <input
            id={fileId}
            type="file"
            accept=".csv,.txt,text/csv,text/plain"
            className="input"
            aria-describedby={`${fileId}-hint${tooLarge ? ` ${fileId}-error` : ""}`}
            aria-invalid={tooLarge || undefined}
            onChange={(event) => {
              setTooLarge(false);
              upload.reset();
              setFile(event.target.files?.[0] ?? null);
            }}
          />
        </div>
        <Select
          label={t("statistics.calibers.import.encoding")}
          value={encoding}
          onChange={(event) => setEncoding(ENCODINGS.find((code) => code === event.target.value) ?? "utf-8")}
          options={ENCODINGS.map((code) => ({
            value: code,
            label: t(`statistics.calibers.import.encodings.${code}`),
          }))}
        />
        <Checkbox label={t("statistics.datasets.publishNow")} checked={published} onChange={setPublished} />
        <div className="form__actions">
          <Button type="submit" loading={upload.isPending} disabled={!file}>
            {t("statistics.calibers.import.submit")}
          </Button>
        </div>
      </form>
      {phase.kind === "uploading" ? (
        phase.total ? (
          <ProgressBar label={phaseText} value={phase.loaded} max={phase.total} />
        ) : (
          <ProgressBar label={phaseText} />
        )
      ) : phase.kind !== "idle" ? (
        <ProgressBar label={phaseText} />
      ) : null}
      {/* Each step is announced once; the percentages are not read out one by one. */}
      <p className="visually-hidden" role="status">
        {phaseText}
      </p>
      <ActionError error={upload.error} />
      {upload.data ? <CaliberImportReport report={upload.data} /> : null}
    </section>
  );
}

function CaliberImportReport({ report }: { report: TImportReport }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const words = useCaliberWords();
  const summary = summarizeImport(report);
  const refused = report.errors.length > 0;
  const fieldName = (field: string) =>
    CALIBER_FIELDS.some((known) => known === field)
      ? words.field(field as (typeof CALIBER_FIELDS)[number])
      : field;
  const lines = (all: readonly number[]) => {
    const { shown, more } = lineList(all);
    const text = shown.map((line) => format.decimal(String(line))).join(", ");
    return more > 0 ? t("statistics.calibers.report.moreLines", { lines: text, count: more }) : text;
  };
  const unknownColumns: Column<UnknownLabel>[] = [
    {
      id: "label",
      header: t("statistics.calibers.report.label"),
      rowHeader: true,
      cell: (row) => <span className="stat-code">{row.label || "—"}</span>,
    },
    { id: "field", header: t("statistics.calibers.report.field"), cell: (row) => fieldName(row.field) },
    {
      id: "rows",
      header: t("statistics.calibers.report.rowCount"),
      align: "end",
      cell: (row) => row.lines.length,
    },
    { id: "lines", header: t("statistics.calibers.report.lines"), cell: (row) => lines(row.lines) },
  ];
  const badColumns: Column<BadRow>[] = [
    {
      id: "line",
      header: t("statistics.calibers.report.line"),
      rowHeader: true,
      align: "end",
      sortValue: (row) => row.line,
      cell: (row) => row.line,
    },
    {
      id: "problems",
      header: t("statistics.calibers.report.problems"),
      cell: (row) => (
        <ul className="caliber-problems">
          {row.problems.map((problem) => (
            <li key={`${problem.field}-${problem.message}`}>
              <strong>{fieldName(problem.field)}:</strong> {problem.message}
            </li>
          ))}
        </ul>
      ),
    },
  ];
  return (
    <div className="stat-report caliber-report">
      <Notice
        tone={refused ? "danger" : report.alreadyImported ? "info" : "success"}
        title={
          refused
            ? t("statistics.calibers.report.refused", { count: summary.refusedLines })
            : report.alreadyImported
              ? t("statistics.calibers.report.already", { dataset: report.datasetId ?? "" })
              : t("statistics.calibers.report.imported", {
                  imported: report.imported,
                  rows: report.rows,
                  dataset: report.datasetId ?? "",
                })
        }
      >
        {!refused && !report.alreadyImported ? (
          <p>
            {t("statistics.calibers.report.publishHint")}{" "}
            <Link to={DATASETS_PATH}>{t("statistics.datasets.title")}</Link>
          </p>
        ) : null}
      </Notice>
      <dl className="details caliber-report__counts">
        <div>
          <dt>{t("statistics.calibers.report.rows")}</dt>
          <dd className="num">{format.decimal(String(report.rows))}</dd>
        </div>
        <div>
          <dt>{t("statistics.calibers.report.importedRows")}</dt>
          <dd className="num">{format.decimal(String(report.imported))}</dd>
        </div>
        <div>
          <dt>{t("statistics.calibers.report.skippedRows")}</dt>
          <dd className="num">{format.decimal(String(summary.skippedRows))}</dd>
        </div>
        <div>
          <dt>{t("statistics.calibers.report.unmappedRows")}</dt>
          <dd className="num">
            {format.decimal(String(new Set(summary.unknownLabels.flatMap((label) => label.lines)).size))}
          </dd>
        </div>
        <div>
          <dt>{t("statistics.calibers.report.badRows")}</dt>
          <dd className="num">{format.decimal(String(summary.badRows.length))}</dd>
        </div>
      </dl>
      {report.skipped.length > 0 ? (
        <>
          <h3 className="caliber-report__title">{t("statistics.calibers.report.skippedTitle")}</h3>
          <ul>
            {report.skipped.map((skip) => (
              <li key={skip.reason}>
                {t("statistics.skipCount", {
                  reason: skip.message,
                  count: format.decimal(String(skip.count)),
                })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {summary.unknownLabels.length > 0 ? (
        <>
          <h3 className="caliber-report__title">{t("statistics.calibers.report.unmappedTitle")}</h3>
          <p className="stat-note">{t("statistics.calibers.report.unmappedHint")}</p>
          <DataTable
            caption={t("statistics.calibers.report.unmappedTitle")}
            captionHidden
            columns={unknownColumns}
            rows={summary.unknownLabels}
            rowKey={(row) => `${row.field}:${row.label}`}
            pageSizes={[25, 100]}
          />
        </>
      ) : null}
      {summary.badRows.length > 0 ? (
        <>
          <h3 className="caliber-report__title">{t("statistics.calibers.report.badTitle")}</h3>
          <DataTable
            caption={t("statistics.calibers.report.badTitle")}
            captionHidden
            columns={badColumns}
            rows={summary.badRows}
            rowKey={(row) => String(row.line)}
            pageSizes={[25, 100]}
          />
        </>
      ) : null}
    </div>
  );
}
