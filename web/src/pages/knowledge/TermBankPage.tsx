import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import {
  Button,
  type Column,
  DataTable,
  EmptyState,
  ErrorState,
  Form,
  Notice,
  PageHeader,
  Spinner,
  TextField,
} from "../../components";
import { useMe } from "../../session";
import { isEditor } from "./access";
import { createTerm, updateTerm } from "./api";
import type { TTerm, TTermInput } from "./contracts";
import { KNOWLEDGE_PATH } from "./paths";
import { knowledgeKeys, useTerms } from "./queries";
import { filterTerms } from "./terms";
import "./knowledge.css";

/**
 * The term bank: the same words in Chinese, Russian and English, which the search uses to find a text
 * in one language by a word of another. Editors add and correct terms.
 */
export function TermBankPage() {
  const { t } = useTranslation();
  const me = useMe();
  const editor = isEditor(me.data);
  const terms = useTerms();
  const [typed, setTyped] = useState("");
  const [editing, setEditing] = useState<TTerm | "new" | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const rows = filterTerms(terms.data ?? [], typed);
  const columns: Column<TTerm>[] = [
    {
      id: "zh",
      header: t("knowledge.lang.zh"),
      rowHeader: true,
      sortValue: (term) => term.zh,
      cell: (term) => <span lang="zh-CN">{term.zh}</span>,
    },
    {
      id: "ru",
      header: t("knowledge.lang.ru"),
      sortValue: (term) => term.ru,
      cell: (term) => <span lang="ru-RU">{term.ru}</span>,
    },
    {
      id: "en",
      header: t("knowledge.lang.en"),
      sortValue: (term) => term.en,
      cell: (term) => <span lang="en">{term.en}</span>,
    },
    { id: "note", header: t("knowledge.terms.note"), cell: (term) => term.note ?? "" },
    ...(editor
      ? [
          {
            id: "edit",
            header: <span className="visually-hidden">{t("knowledge.terms.actions")}</span>,
            cell: (term: TTerm) => (
              <Button variant="ghost" size="sm" onClick={() => setEditing(term)}>
                {t("knowledge.terms.edit")}
                <span className="visually-hidden"> {term.en}</span>
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      <PageHeader
        eyebrow={<Link to={KNOWLEDGE_PATH}>{t("modules.knowledge.title")}</Link>}
        title={t("knowledge.terms.title")}
        description={<p>{t("knowledge.terms.intro")}</p>}
        actions={
          editor && editing === null ? (
            <Button
              onClick={() => {
                setSaved(null);
                setEditing("new");
              }}
            >
              {t("knowledge.terms.add")}
            </Button>
          ) : null
        }
      />
      {saved ? (
        <Notice tone="success">
          <p>{t("knowledge.terms.saved", { term: saved })}</p>
        </Notice>
      ) : null}
      {editing !== null ? (
        <TermForm
          key={editing === "new" ? "new" : editing.id}
          term={editing === "new" ? null : editing}
          onDone={(term) => {
            setEditing(null);
            if (term) setSaved(term.en);
          }}
        />
      ) : null}
      <section className="section" aria-labelledby="kb-terms-list">
        <h2 id="kb-terms-list" className="visually-hidden">
          {t("knowledge.terms.title")}
        </h2>
        <div className="kb-terms__filter">
          <TextField
            type="search"
            label={t("knowledge.terms.filter")}
            optional
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
          />
        </div>
        <p className="kb-results__status" role="status">
          {terms.isSuccess ? t("knowledge.terms.count", { n: rows.length }) : ""}
        </p>
        {terms.isPending ? (
          <Spinner />
        ) : terms.isError ? (
          <ErrorState error={terms.error} onRetry={() => void terms.refetch()} retrying={terms.isFetching} />
        ) : (
          <DataTable
            caption={t("knowledge.terms.caption")}
            captionHidden
            columns={columns}
            rows={rows}
            rowKey={(term) => term.id}
            pageSizes={[100, 200]}
            empty={
              <EmptyState title={t("knowledge.terms.emptyTitle")}>
                <p>{t("knowledge.terms.emptyText")}</p>
              </EmptyState>
            }
          />
        )}
      </section>
    </>
  );
}

function TermForm({ term, onDone }: { term: TTerm | null; onDone: (saved: TTerm | null) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [input, setInput] = useState<TTermInput>({
    zh: term?.zh ?? "",
    ru: term?.ru ?? "",
    en: term?.en ?? "",
    note: term?.note ?? "",
  });
  const save = useMutation({
    mutationFn: () => {
      const note = input.note?.trim();
      const body: TTermInput = {
        zh: input.zh.trim(),
        ru: input.ru.trim(),
        en: input.en.trim(),
        ...(note ? { note } : {}),
      };
      return term ? updateTerm(term.id, body) : createTerm(body);
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: knowledgeKeys.terms });
      onDone(saved);
    },
  });
  return (
    <section className="panel section kb-term-form" aria-labelledby="kb-term-form-title">
      <h2 id="kb-term-form-title" className="panel__title">
        {term ? t("knowledge.terms.editTitle", { term: term.en }) : t("knowledge.terms.add")}
      </h2>
      <Form onSubmit={() => save.mutate()} error={save.error} busy={save.isPending}>
        <div className="kb-form__grid">
          <TextField
            name="zh"
            lang="zh-CN"
            label={t("knowledge.lang.zh")}
            value={input.zh}
            onChange={(event) => setInput((i) => ({ ...i, zh: event.target.value }))}
          />
          <TextField
            name="ru"
            lang="ru-RU"
            label={t("knowledge.lang.ru")}
            value={input.ru}
            onChange={(event) => setInput((i) => ({ ...i, ru: event.target.value }))}
          />
          <TextField
            name="en"
            lang="en"
            label={t("knowledge.lang.en")}
            value={input.en}
            onChange={(event) => setInput((i) => ({ ...i, en: event.target.value }))}
          />
          <TextField
            name="note"
            label={t("knowledge.terms.note")}
            optional
            value={input.note ?? ""}
            onChange={(event) => setInput((i) => ({ ...i, note: event.target.value }))}
          />
        </div>
        <div className="kb-form__actions">
          <Button type="submit" loading={save.isPending}>
            {t("knowledge.terms.save")}
          </Button>
          <Button variant="ghost" onClick={() => onDone(null)}>
            {t("common.cancel")}
          </Button>
        </div>
      </Form>
    </section>
  );
}
