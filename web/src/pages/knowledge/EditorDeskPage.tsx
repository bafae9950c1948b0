import { type KeyboardEvent, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import {
  type Column,
  DataTable,
  EmptyState,
  ErrorState,
  LinkButton,
  PageHeader,
  Spinner,
} from "../../components";
import { KEEP_FOCUS } from "../../layout/navigation";
import { useMe } from "../../session";
import { shortDate } from "../declarations/DeclarationTable";
import { useNameLanguage } from "../reference/LocalName";
import { pickName } from "../reference/names";
import { editorScope, isEditor } from "./access";
import { DocumentTitle, KindBadge, SideBadge } from "./badges";
import { STATUSES, type TDocBrief, type TDocStatus } from "./contracts";
import { documentPath, KNOWLEDGE_PATH, NEW_DOCUMENT_PATH, TERMS_PATH } from "./paths";
import { useDocumentList } from "./queries";
import { documentLanguages } from "./relations";
import "./knowledge.css";

const DESK_LIMIT = 200;

/** The editors' desk: the documents by where they stand in the workflow, and a way to start a new one. */
export function EditorDeskPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const reader = useNameLanguage();
  const [params, setParams] = useSearchParams();
  const status: TDocStatus = STATUSES.find((s) => s === params.get("status")) ?? "draft";
  const editor = isEditor(me.data);
  const list = useDocumentList({ status, limit: DESK_LIMIT }, editor);
  const scope = editorScope(me.data);
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const select = (next: TDocStatus) => setParams({ status: next }, { replace: true, state: KEEP_FOCUS });
  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = (index + step + STATUSES.length) % STATUSES.length;
    const nextStatus = STATUSES[next];
    if (nextStatus) select(nextStatus);
    tabs.current[next]?.focus();
  };
  const columns: Column<TDocBrief>[] = [
    {
      id: "title",
      header: t("knowledge.desk.titleColumn"),
      rowHeader: true,
      sortValue: (doc) => pickName(doc.titles, reader)?.text ?? doc.number,
      cell: (doc) => (
        <Link to={documentPath(doc.id)}>
          <DocumentTitle doc={doc} />
        </Link>
      ),
    },
    {
      id: "number",
      header: t("knowledge.document.number"),
      sortValue: (doc) => doc.number,
      cell: (doc) => (doc.number ? <span className="kb-number">{doc.number}</span> : t("common.notSet")),
    },
    {
      id: "side",
      header: t("knowledge.desk.side"),
      sortValue: (doc) => doc.side,
      cell: (doc) => <SideBadge side={doc.side} />,
    },
    {
      id: "kind",
      header: t("knowledge.desk.kind"),
      sortValue: (doc) => doc.kind,
      cell: (doc) => <KindBadge kind={doc.kind} />,
    },
    {
      id: "languages",
      header: t("knowledge.desk.languages"),
      cell: (doc) =>
        documentLanguages(doc)
          .map((lang) => t(`knowledge.lang.${lang}`))
          .join(", "),
    },
    {
      id: "effectiveOn",
      header: t("knowledge.document.effectiveOn"),
      sortValue: (doc) => doc.effectiveOn,
      cell: (doc) => (doc.effectiveOn ? shortDate(doc.effectiveOn, i18n.language) : t("common.notSet")),
    },
  ];

  return (
    <>
      <PageHeader
        eyebrow={<Link to={KNOWLEDGE_PATH}>{t("modules.knowledge.title")}</Link>}
        title={t("knowledge.desk.title")}
        description={
          editor ? (
            <p>
              {t("knowledge.desk.intro", {
                sides: scope.everywhere
                  ? t("knowledge.desk.allSides")
                  : scope.sides.map((side) => t(`knowledge.side.${side}`)).join(", "),
              })}
            </p>
          ) : undefined
        }
        actions={
          editor ? (
            <>
              <LinkButton to={NEW_DOCUMENT_PATH} variant="primary">
                {t("knowledge.form.newTitle")}
              </LinkButton>
              <LinkButton to={TERMS_PATH}>{t("knowledge.terms.title")}</LinkButton>
            </>
          ) : null
        }
      />
      {!editor ? (
        <EmptyState title={t("knowledge.desk.notEditorTitle")}>
          <p>{t("knowledge.desk.notEditorText")}</p>
        </EmptyState>
      ) : (
        <>
          <div className="kb-status-tabs" role="tablist" aria-label={t("knowledge.desk.statuses")}>
            {STATUSES.map((tabStatus, index) => (
              <button
                key={tabStatus}
                ref={(element) => {
                  tabs.current[index] = element;
                }}
                type="button"
                role="tab"
                id={`kb-status-tab-${tabStatus}`}
                aria-selected={tabStatus === status}
                aria-controls="kb-status-panel"
                tabIndex={tabStatus === status ? 0 : -1}
                className="kb-tab"
                onClick={() => select(tabStatus)}
                onKeyDown={(event) => onTabKey(event, index)}
              >
                {t(`knowledge.status.${tabStatus}`)}
              </button>
            ))}
          </div>
          <div
            id="kb-status-panel"
            role="tabpanel"
            aria-labelledby={`kb-status-tab-${status}`}
            className="kb-status-panel"
          >
            <p className="kb-results__status" role="status">
              {list.isSuccess ? t("knowledge.desk.count", { n: list.data.total }) : ""}
            </p>
            {list.isPending ? (
              <Spinner />
            ) : list.isError ? (
              <ErrorState error={list.error} onRetry={() => void list.refetch()} retrying={list.isFetching} />
            ) : (
              <DataTable
                caption={t("knowledge.desk.caption", { status: t(`knowledge.status.${status}`) })}
                columns={columns}
                rows={list.data.items}
                rowKey={(doc) => doc.id}
                pageSizes={[50, 100, 200]}
                empty={
                  <EmptyState title={t("knowledge.desk.emptyTitle")}>
                    <p>{t(`knowledge.desk.empty.${status}`)}</p>
                  </EmptyState>
                }
              />
            )}
          </div>
        </>
      )}
    </>
  );
}
