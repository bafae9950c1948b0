import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api";
import {
  Badge,
  Button,
  Checkbox,
  type Column,
  DataTable,
  EmptyState,
  ErrorState,
  Notice,
  PageHeader,
  Spinner,
} from "../../components";
import { useMe } from "../../session";
import { ActionError } from "../declarations/ActionError";
import { useQuotaFormat } from "../quotas/ui";
import { isStatistician } from "./access";
import { importComtrade, MAX_IMPORT_BYTES, publishDataset } from "./api";
import type { TDataset, TImportReport } from "./contracts";
import { saveCsv, toCsv } from "./csv";
import { readImportText } from "./importFile";
import { statisticsKeys, useDatasets, useFactsCheck } from "./queries";
import { StatisticsNav } from "./ui";
import "./statistics.css";

/**
 * The statisticians' page: import a UN Comtrade file (CSV or JSON as downloaded), see what was imported,
 * skipped or refused, publish datasets, and prove the facts match their sources.
 */
export function DatasetsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const allowed = isStatistician(me.data);
  const datasets = useDatasets(allowed);
  const [checking, setChecking] = useState(false);
  const check = useFactsCheck(allowed && checking);
  const format = useQuotaFormat();
  const queryClient = useQueryClient();
  const publish = useMutation({
    mutationFn: (id: string) => publishDataset(id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: statisticsKeys.all }),
  });
  const columns: Column<TDataset>[] = [
    {
      id: "file",
      header: t("statistics.datasets.file"),
      rowHeader: true,
      sortValue: (row) => row.fileName,
      cell: (row) => row.fileName,
    },
    {
      id: "source",
      header: t("statistics.datasets.source"),
      cell: (row) => `${row.source} · ${row.caliber}`,
    },
    {
      id: "rows",
      header: t("statistics.datasets.rows"),
      align: "end",
      sortValue: (row) => row.rows,
      cell: (row) => format.decimal(String(row.rows)),
    },
    {
      id: "imported",
      header: t("statistics.datasets.importedAt"),
      sortValue: (row) => row.importedAt,
      cell: (row) => format.dateTime(row.importedAt),
    },
    {
      id: "published",
      header: t("statistics.datasets.status"),
      cell: (row) =>
        row.published ? (
          <Badge tone="success">{t("statistics.datasets.published")}</Badge>
        ) : (
          <Button
            size="sm"
            loading={publish.isPending && publish.variables === row.id}
            onClick={() => publish.mutate(row.id)}
          >
            {t("statistics.datasets.publish")}
          </Button>
        ),
    },
  ];
  return (
    <>
      <PageHeader
        title={t("statistics.datasets.title")}
        description={<p>{t("statistics.datasets.intro")}</p>}
      />
      <StatisticsNav />
      {!allowed ? (
        <EmptyState title={t("statistics.datasets.notStatisticianTitle")}>
          <p>{t("statistics.datasets.notStatisticianText")}</p>
        </EmptyState>
      ) : (
        <>
          <ImportForm />
          <section className="section" aria-labelledby="datasets-title">
            <h2 id="datasets-title" className="section__title">
              {t("statistics.datasets.listTitle")}
            </h2>
            <ActionError error={publish.error} />
            {datasets.isPending ? (
              <Spinner />
            ) : datasets.isError ? (
              <ErrorState error={datasets.error} onRetry={() => void datasets.refetch()} headingLevel={3} />
            ) : (
              <DataTable
                caption={t("statistics.datasets.listTitle")}
                captionHidden
                columns={columns}
                rows={datasets.data}
                rowKey={(row) => row.id}
                initialSort={{ columnId: "imported", direction: "descending" }}
                empty={
                  <EmptyState title={t("statistics.datasets.emptyTitle")} headingLevel={3}>
                    <p>{t("statistics.datasets.emptyText")}</p>
                  </EmptyState>
                }
              />
            )}
          </section>
          <section className="section" aria-labelledby="check-title">
            <h2 id="check-title" className="section__title">
              {t("statistics.check.title")}
            </h2>
            <p className="section__intro">{t("statistics.check.intro")}</p>
            {!checking ? (
              <Button variant="secondary" onClick={() => setChecking(true)}>
                {t("statistics.check.run")}
              </Button>
            ) : check.isPending ? (
              <Spinner />
            ) : check.isError ? (
              <ErrorState error={check.error} onRetry={() => void check.refetch()} headingLevel={3} />
            ) : (
              <>
                <Notice
                  tone={check.data.ok ? "success" : "danger"}
                  title={check.data.ok ? t("statistics.check.ok") : t("statistics.check.failed")}
                />
                <DataTable
                  caption={t("statistics.check.title")}
                  captionHidden
                  columns={[
                    {
                      id: "what",
                      header: t("statistics.check.what"),
                      rowHeader: true,
                      cell: (row) => `${row.what} (${row.source})`,
                    },
                    {
                      id: "expected",
                      header: t("statistics.check.expected"),
                      align: "end",
                      cell: (row) => <span className="num">{row.expected}</span>,
                    },
                    {
                      id: "actual",
                      header: t("statistics.check.actual"),
                      align: "end",
                      cell: (row) => <span className="num">{row.actual}</span>,
                    },
                    {
                      id: "ok",
                      header: t("statistics.check.result"),
                      cell: (row) =>
                        row.ok ? (
                          <Badge tone="success">{t("statistics.check.match")}</Badge>
                        ) : (
                          <Badge tone="danger">{t("statistics.check.mismatch")}</Badge>
                        ),
                    },
                  ]}
                  rows={check.data.lines}
                  rowKey={(row) => `${row.what}-${row.source}`}
                  pageSizes={[50]}
                />
                <Button
                  variant="secondary"
                  size="sm"
                  onClick={() => void check.refetch()}
                  loading={check.isFetching}
                >
                  {t("statistics.check.again")}
                </Button>
              </>
            )}
          </section>
        </>
      )}
    </>
  );
}

function ImportForm() {
  const { t } = useTranslation();
  const fileId = useId();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [published, setPublished] = useState(false);
  const [tooLarge, setTooLarge] = useState(false);
  const upload = useMutation({
    mutationFn: async (chosen: File) => {
      const content = await readImportText(chosen);
      if (content === null)
        throw new ApiError({
          status: 0,
          code: "FILE_NOT_UTF8",
          title: t("statistics.datasets.notUtf8Title"),
          detail: t("statistics.datasets.notUtf8Detail"),
        });
      return importComtrade({ fileName: chosen.name, content, published });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: statisticsKeys.all }),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!file) return;
    if (file.size > MAX_IMPORT_BYTES) {
      setTooLarge(true);
      return;
    }
    upload.mutate(file);
  };
  return (
    <section className="panel" aria-labelledby="import-title">
      <h2 id="import-title" className="panel__title">
        {t("statistics.datasets.importTitle")}
      </h2>
      <p>{t("statistics.datasets.importIntro")}</p>
      <form onSubmit={submit} className="form">
        <div className="field">
          <label className="field__label" htmlFor={fileId}>
            {t("statistics.datasets.fileLabel")}
          </label>
          <input
            id={fileId}
            type="file"
            accept=".csv,.json,.txt,.tsv,.gz,text/csv,application/json,text/plain,application/gzip"
            className="input"
            onChange={(event) => {
              setTooLarge(false);
              upload.reset();
              setFile(event.target.files?.[0] ?? null);
            }}
          />
          {tooLarge ? <p className="field__error">{t("statistics.datasets.tooLarge")}</p> : null}
        </div>
        <Checkbox label={t("statistics.datasets.publishNow")} checked={published} onChange={setPublished} />
        <div className="form__actions">
          <Button type="submit" loading={upload.isPending} disabled={!file}>
            {t("statistics.datasets.import")}
          </Button>
        </div>
      </form>
      <ActionError error={upload.error} />
      {upload.data ? <ImportReport report={upload.data} /> : null}
    </section>
  );
}

function ImportReport({ report }: { report: TImportReport }) {
  const { t } = useTranslation();
  const format = useQuotaFormat();
  const refused = report.errors.length > 0;
  const badLines = new Set(report.errors.map((error) => error.line)).size;
  type Problem = TImportReport["errors"][number];
  const columns: Column<Problem>[] = [
    {
      id: "line",
      header: t("statistics.datasets.problem.line"),
      rowHeader: true,
      align: "end",
      sortValue: (row) => row.line,
      cell: (row) => format.decimal(String(row.line)),
    },
    {
      id: "field",
      header: t("statistics.datasets.problem.field"),
      sortValue: (row) => row.field,
      cell: (row) => <span className="stat-code">{row.field}</span>,
    },
    { id: "message", header: t("statistics.datasets.problem.message"), cell: (row) => row.message },
  ];
  return (
    // The notice is the live region (it says what happened); the table of problems beside it is not
    // read out whole when it appears.
    <div className="stat-report">
      <Notice
        tone={refused ? "danger" : report.alreadyImported ? "info" : "success"}
        title={
          refused
            ? t("statistics.datasets.refused", { count: badLines, lines: format.decimal(String(badLines)) })
            : report.alreadyImported
              ? t("statistics.datasets.already")
              : t("statistics.datasets.imported", {
                  imported: format.decimal(String(report.imported)),
                  rows: format.decimal(String(report.rows)),
                })
        }
      >
        {report.skipped.length > 0 ? (
          <>
            <p>{t("statistics.datasets.skipped")}</p>
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
      </Notice>
      {refused ? (
        <>
          <div className="stat-report__bar">
            <h3 className="caliber-report__title">{t("statistics.datasets.problemsTitle")}</h3>
            <Button
              size="sm"
              variant="secondary"
              onClick={() =>
                saveCsv(
                  "amur-import-problems",
                  toCsv(
                    ["line", "field", "problem"],
                    report.errors.map((error) => [error.line, error.field, error.message]),
                  ),
                )
              }
            >
              {t("statistics.datasets.problemsCsv")}
            </Button>
          </div>
          <DataTable
            caption={t("statistics.datasets.problemsTitle")}
            captionHidden
            columns={columns}
            rows={report.errors}
            rowKey={(row) => `${row.line}-${row.field}`}
            pageSizes={[25, 100]}
          />
        </>
      ) : null}
    </div>
  );
}
