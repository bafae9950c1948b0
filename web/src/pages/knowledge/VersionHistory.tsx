import { useTranslation } from "react-i18next";
import { ErrorState, Spinner } from "../../components";
import { formatDateTime } from "../../format";
import { htmlLang } from "../reference/names";
import type { TDocLang, THistoryEntry } from "./contracts";
import { useVersionHistory } from "./queries";
import { diffStats, firstVersionText, foldDiff } from "./versions";

/** The versions of one language's text, newest first, each with what it changed in the previous one. */
export function VersionHistory({ documentId, lang }: { documentId: string; lang: TDocLang }) {
  const { t } = useTranslation();
  const history = useVersionHistory(documentId, lang);
  if (history.isPending) return <Spinner />;
  if (history.isError)
    return (
      <ErrorState
        error={history.error}
        onRetry={() => void history.refetch()}
        retrying={history.isFetching}
        headingLevel={3}
      />
    );
  const versions = [...history.data.versions].reverse();
  return (
    <ol className="kb-history">
      {versions.map((entry, index) => (
        <HistoryEntry key={entry.version} entry={entry} lang={lang} open={index === 0} />
      ))}
      {versions.length === 0 ? <li>{t("knowledge.history.none")}</li> : null}
    </ol>
  );
}

function HistoryEntry({ entry, lang, open }: { entry: THistoryEntry; lang: TDocLang; open: boolean }) {
  const { t, i18n } = useTranslation();
  const first = entry.version === 1;
  const stats = diffStats(entry.diff);
  return (
    <li className="kb-history__entry">
      <details open={open || undefined}>
        <summary>
          <span className="kb-history__version">{t("knowledge.history.version", { n: entry.version })}</span>{" "}
          <span className="kb-muted">
            {formatDateTime(entry.createdAt, i18n.language)}
            {entry.createdBy ? ` · ${entry.createdBy}` : ""}
          </span>{" "}
          <span className="kb-history__stats">
            {first
              ? t("knowledge.history.first")
              : t("knowledge.history.stats", { added: stats.added, removed: stats.removed })}
          </span>
        </summary>
        {entry.note ? <p className="kb-history__note">{entry.note}</p> : null}
        <p className="kb-history__title" lang={htmlLang(lang)}>
          {entry.title}
        </p>
        {first ? (
          <div className="kb-diff" lang={htmlLang(lang)}>
            {firstVersionText(entry.diff).map((line, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: lines of one fixed text, in order.
              <p key={index} className="kb-diff__line">
                {line || "\u00a0"}
              </p>
            ))}
          </div>
        ) : (
          <div className="kb-diff" lang={htmlLang(lang)}>
            {foldDiff(entry.diff).map((row, index) =>
              row.op === "skip" ? (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows of one fixed diff, in order.
                <p key={index} className="kb-diff__skip">
                  {t("knowledge.history.skipped", { n: row.count })}
                </p>
              ) : row.op === "same" ? (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows of one fixed diff, in order.
                <p key={index} className="kb-diff__line">
                  {row.text || "\u00a0"}
                </p>
              ) : row.op === "added" ? (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows of one fixed diff, in order.
                <ins key={index} className="kb-diff__line kb-diff__line--added">
                  <span className="visually-hidden">{t("knowledge.history.added")}: </span>
                  {row.text || "\u00a0"}
                </ins>
              ) : (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows of one fixed diff, in order.
                <del key={index} className="kb-diff__line kb-diff__line--removed">
                  <span className="visually-hidden">{t("knowledge.history.removed")}: </span>
                  {row.text || "\u00a0"}
                </del>
              ),
            )}
          </div>
        )}
      </details>
    </li>
  );
}
