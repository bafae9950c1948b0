import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import {
  Button,
  Checkbox,
  CheckboxGroup,
  EmptyState,
  Form,
  Notice,
  PageHeader,
  PageLoadState,
  Select,
  TextField,
} from "../../components";
import { useMe } from "../../session";
import { useNameLanguage } from "../reference/LocalName";
import { pickName } from "../reference/names";
import { editableSides, mayEdit } from "./access";
import { createDocument, updateDocument } from "./api";
import { DocumentTitle } from "./badges";
import {
  DOC_LANGS,
  KB_SIDES,
  KINDS,
  RELATION_KINDS,
  type TDocLang,
  type TDocument,
  type TKbSide,
  type TRelationKind,
} from "./contracts";
import type { SavedState } from "./DocumentPage";
import {
  type DocumentDraft,
  draftFromDocument,
  emptyDraft,
  inputFromDraft,
  type VersionDraft,
  versionPath,
} from "./draft";
import { documentPath, EDITOR_DESK_PATH } from "./paths";
import { usePorts } from "./ports";
import { knowledgeKeys, useDocument, useDocumentList } from "./queries";
import { TextArea } from "./TextArea";
import { TOPICS } from "./topics";
import "./knowledge.css";

/** A new document, a draft until it is published. */
export function NewDocumentPage() {
  const { t } = useTranslation();
  const me = useMe();
  const sides = editableSides(me.data);
  const first = sides[0];
  return (
    <>
      <PageHeader
        eyebrow={<Link to={EDITOR_DESK_PATH}>{t("knowledge.desk.title")}</Link>}
        title={t("knowledge.form.newTitle")}
        description={<p>{t("knowledge.form.newIntro")}</p>}
      />
      {first ? (
        <DocumentForm initial={emptyDraft(first)} sides={sides} document={null} />
      ) : (
        <EmptyState title={t("knowledge.desk.notEditorTitle")}>
          <p>{t("knowledge.desk.notEditorText")}</p>
        </EmptyState>
      )}
    </>
  );
}

/** A saved document's metadata, texts and relations; changed texts become new versions. */
export function EditDocumentPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const me = useMe();
  const document = useDocument(id);
  const back = <Link to={documentPath(id)}>{t("knowledge.document.title")}</Link>;
  if (document.isPending || document.isError)
    return <PageLoadState eyebrow={back} title={t("knowledge.form.editTitle")} query={document} />;
  const doc = document.data;
  const allowed = mayEdit(me.data, doc.side);
  return (
    <>
      <PageHeader
        eyebrow={back}
        title={t("knowledge.form.editTitle")}
        description={
          <p>
            <DocumentTitle doc={doc} />
          </p>
        }
      />
      {!allowed ? (
        <EmptyState title={t("knowledge.desk.notEditorTitle")}>
          <p>{t("knowledge.form.notYourSide")}</p>
        </EmptyState>
      ) : (
        <>
          {doc.status === "published" ? (
            <Notice tone="warning" role="note" title={t("knowledge.form.amendmentTitle")}>
              <p>{t("knowledge.form.amendmentText")}</p>
            </Notice>
          ) : null}
          {/* Keyed by the version, so a newer save elsewhere fills the form afresh. */}
          <DocumentForm
            key={doc.updatedAt}
            initial={draftFromDocument(doc)}
            sides={editableSides(me.data)}
            document={doc}
          />
        </>
      )}
    </>
  );
}

function DocumentForm({
  initial,
  sides,
  document,
}: {
  initial: DocumentDraft;
  sides: readonly TKbSide[];
  document: TDocument | null;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const ports = usePorts();
  const [draft, setDraft] = useState(initial);
  const change = (patch: Partial<DocumentDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const changeVersion = (lang: TDocLang, patch: Partial<VersionDraft>) =>
    setDraft((d) => ({ ...d, versions: { ...d.versions, [lang]: { ...d.versions[lang], ...patch } } }));
  const save = useMutation({
    mutationFn: () =>
      document ? updateDocument(document.id, inputFromDraft(draft)) : createDocument(inputFromDraft(draft)),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: knowledgeKeys.all });
      const state: SavedState = { saved: document ? "updated" : "created" };
      navigate(documentPath(saved.id), { state });
    },
  });
  // The sides offered: the editor's own, and the document's own even if the editor may no longer pick it.
  const sideOptions = KB_SIDES.filter((side) => sides.includes(side) || side === initial.side);

  return (
    <Form onSubmit={() => save.mutate()} error={save.error} busy={save.isPending} className="kb-form">
      <fieldset className="panel kb-form__group">
        <legend className="panel__title">{t("knowledge.form.metadata")}</legend>
        <div className="kb-form__grid">
          <Select
            name="kind"
            label={t("knowledge.form.kind")}
            value={draft.kind}
            onChange={(event) => change({ kind: KINDS.find((k) => k === event.target.value) ?? draft.kind })}
            options={KINDS.map((kind) => ({ value: kind, label: t(`knowledge.kind.${kind}`) }))}
          />
          <Select
            name="side"
            label={t("knowledge.form.side")}
            value={draft.side}
            onChange={(event) =>
              change({ side: KB_SIDES.find((s) => s === event.target.value) ?? draft.side })
            }
            options={sideOptions.map((side) => ({ value: side, label: t(`knowledge.side.${side}`) }))}
          />
          <Select
            name="originalLang"
            label={t("knowledge.form.originalLang")}
            hint={t("knowledge.form.originalLangHint")}
            value={draft.originalLang}
            onChange={(event) => {
              const lang = DOC_LANGS.find((l) => l === event.target.value) ?? draft.originalLang;
              setDraft((d) => ({
                ...d,
                originalLang: lang,
                versions: { ...d.versions, [lang]: { ...d.versions[lang], included: true } },
              }));
            }}
            options={DOC_LANGS.map((lang) => ({ value: lang, label: t(`knowledge.lang.${lang}`) }))}
          />
          <TextField
            name="issuingBody"
            label={t("knowledge.form.issuingBody")}
            value={draft.issuingBody}
            onChange={(event) => change({ issuingBody: event.target.value })}
          />
          <TextField
            name="number"
            label={t("knowledge.form.number")}
            hint={t("knowledge.form.numberHint")}
            optional
            value={draft.number}
            onChange={(event) => change({ number: event.target.value })}
          />
          <TextField
            name="sourceUrl"
            type="url"
            label={t("knowledge.form.sourceUrl")}
            optional
            value={draft.sourceUrl}
            onChange={(event) => change({ sourceUrl: event.target.value })}
          />
          <TextField
            name="issuedOn"
            type="date"
            label={t("knowledge.document.issuedOn")}
            optional
            value={draft.issuedOn}
            onChange={(event) => change({ issuedOn: event.target.value })}
          />
          <TextField
            name="effectiveOn"
            type="date"
            label={t("knowledge.document.effectiveOn")}
            optional
            value={draft.effectiveOn}
            onChange={(event) => change({ effectiveOn: event.target.value })}
          />
          <TextField
            name="repealedOn"
            type="date"
            label={t("knowledge.document.repealedOnLabel")}
            optional
            value={draft.repealedOn}
            onChange={(event) => change({ repealedOn: event.target.value })}
          />
        </div>
      </fieldset>

      <fieldset className="panel kb-form__group">
        <legend className="panel__title">{t("knowledge.form.scope")}</legend>
        <p className="kb-muted">{t("knowledge.form.scopeIntro")}</p>
        <div className="kb-form__grid">
          <TextField
            name="hsPrefixes"
            label={t("knowledge.form.hsPrefixes")}
            hint={t("knowledge.form.hsPrefixesHint")}
            optional
            value={draft.hsPrefixes}
            onChange={(event) => change({ hsPrefixes: event.target.value })}
          />
          <TextField
            name="regions"
            label={t("knowledge.form.regions")}
            hint={t("knowledge.form.regionsHint")}
            optional
            value={draft.regions}
            onChange={(event) => change({ regions: event.target.value })}
          />
        </div>
        <details className="kb-form__choices" open={draft.ports.length > 0 || undefined}>
          <summary>{t("knowledge.form.portsCount", { n: draft.ports.length })}</summary>
          <CheckboxGroup
            legend={t("knowledge.form.ports")}
            name="ports"
            value={draft.ports}
            onChange={(value) => change({ ports: value })}
            options={ports.options}
          />
        </details>
        <details className="kb-form__choices" open>
          <summary>{t("knowledge.form.topicsCount", { n: draft.topics.length })}</summary>
          <CheckboxGroup
            legend={t("knowledge.form.topics")}
            name="topics"
            value={draft.topics}
            onChange={(value) => change({ topics: value })}
            options={TOPICS.map((topic) => ({ value: topic, label: t(`knowledge.topics.${topic}`) }))}
          />
          <TextField
            name="otherTopics"
            label={t("knowledge.form.otherTopics")}
            hint={t("knowledge.form.otherTopicsHint")}
            optional
            value={draft.otherTopics}
            onChange={(event) => change({ otherTopics: event.target.value })}
          />
        </details>
      </fieldset>

      <section className="kb-form__group" aria-labelledby="kb-form-texts">
        <h2 id="kb-form-texts" className="section__title">
          {t("knowledge.form.texts")}
        </h2>
        <p className="kb-muted">{t("knowledge.form.textsIntro")}</p>
        {DOC_LANGS.map((lang) => (
          <VersionFields
            key={lang}
            lang={lang}
            draft={draft}
            version={draft.versions[lang]}
            onChange={(patch) => changeVersion(lang, patch)}
          />
        ))}
      </section>

      <RelationsFields
        draft={draft}
        documentId={document?.id ?? null}
        onChange={(relations) => change({ relations })}
      />

      <div className="kb-form__actions">
        <Button type="submit" loading={save.isPending}>
          {document ? t("knowledge.form.saveChanges") : t("knowledge.form.createDraft")}
        </Button>
        <Link to={document ? documentPath(document.id) : EDITOR_DESK_PATH}>{t("common.cancel")}</Link>
      </div>
    </Form>
  );
}

function VersionFields({
  lang,
  draft,
  version,
  onChange,
}: {
  lang: TDocLang;
  draft: DocumentDraft;
  version: VersionDraft;
  onChange: (patch: Partial<VersionDraft>) => void;
}) {
  const { t } = useTranslation();
  const original = lang === draft.originalLang;
  const language = t(`knowledge.lang.${lang}`);
  return (
    <fieldset className="panel kb-form__version" data-lang={lang}>
      <legend className="panel__title">
        {t("knowledge.form.versionLegend", { lang: language })}
        {original ? (
          <span className="kb-form__original"> · {t("knowledge.translation.original")}</span>
        ) : null}
      </legend>
      <Checkbox
        label={t("knowledge.form.include", { lang: language })}
        hint={version.saved && !original ? t("knowledge.form.savedLanguage") : undefined}
        checked={version.included}
        // The original's text is required; a saved language stays (change its text instead).
        disabled={original || version.saved}
        onChange={(included) => onChange({ included })}
      />
      {version.included ? (
        <div
          className="kb-form__version-fields"
          lang={lang === "zh" ? "zh-CN" : lang === "ru" ? "ru-RU" : "en"}
        >
          <TextField
            name={versionPath(draft, lang, "title")}
            label={t("knowledge.form.title")}
            value={version.title}
            onChange={(event) => onChange({ title: event.target.value })}
          />
          <TextArea
            name={versionPath(draft, lang, "body")}
            label={t("knowledge.form.body")}
            hint={t("knowledge.form.bodyHint")}
            rows={10}
            value={version.body}
            onChange={(event) => onChange({ body: event.target.value })}
          />
          {original ? null : (
            <Select
              name={versionPath(draft, lang, "translation")}
              label={t("knowledge.form.translation")}
              value={version.translation}
              onChange={(event) =>
                onChange({ translation: event.target.value === "official" ? "official" : "unofficial" })
              }
              options={[
                { value: "unofficial", label: t("knowledge.translation.unofficial") },
                { value: "official", label: t("knowledge.translation.official") },
              ]}
            />
          )}
          <Checkbox
            label={t("knowledge.form.isSummary")}
            checked={version.isSummary}
            onChange={(isSummary) => onChange({ isSummary })}
          />
          <TextField
            name={versionPath(draft, lang, "note")}
            label={t("knowledge.form.note")}
            hint={t("knowledge.form.noteHint")}
            optional
            value={version.note}
            onChange={(event) => onChange({ note: event.target.value })}
          />
        </div>
      ) : null}
    </fieldset>
  );
}

function RelationsFields({
  draft,
  documentId,
  onChange,
}: {
  draft: DocumentDraft;
  documentId: string | null;
  onChange: (relations: DocumentDraft["relations"]) => void;
}) {
  const { t } = useTranslation();
  const reader = useNameLanguage();
  const documents = useDocumentList({ limit: 200 });
  const options = [
    { value: "", label: t("knowledge.form.chooseDocument") },
    ...(documents.data?.items ?? [])
      .filter((doc) => doc.id !== documentId)
      .map((doc) => ({
        value: doc.id,
        label: [pickName(doc.titles, reader)?.text ?? doc.id, doc.number, t(`knowledge.side.${doc.side}`)]
          .filter(Boolean)
          .join(" · "),
      })),
  ];
  const set = (index: number, patch: Partial<DocumentDraft["relations"][number]>) =>
    onChange(draft.relations.map((relation, i) => (i === index ? { ...relation, ...patch } : relation)));
  return (
    <fieldset className="panel kb-form__group">
      <legend className="panel__title">{t("knowledge.form.relations")}</legend>
      <p className="kb-muted">{t("knowledge.form.relationsIntro")}</p>
      {draft.relations.map((relation, index) => (
        // Relations have no identity of their own until saved; their place in the list is it.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above.
        <div key={index} className="kb-form__relation">
          <Select
            name={`relations.${index}.kind`}
            label={t("knowledge.form.relationKind")}
            value={relation.kind}
            onChange={(event) =>
              set(index, { kind: RELATION_KINDS.find((k) => k === event.target.value) ?? relation.kind })
            }
            options={RELATION_KINDS.map((kind: TRelationKind) => ({
              value: kind,
              label: t(`knowledge.relationKind.${kind}`),
            }))}
          />
          <Select
            name={`relations.${index}.targetId`}
            label={t("knowledge.form.relationTarget")}
            value={relation.targetId}
            onChange={(event) => set(index, { targetId: event.target.value })}
            options={options}
          />
          <Button
            variant="ghost"
            size="sm"
            onClick={() => onChange(draft.relations.filter((_, i) => i !== index))}
          >
            {t("knowledge.form.removeRelation")}
          </Button>
        </div>
      ))}
      <div>
        <Button
          variant="secondary"
          size="sm"
          onClick={() => onChange([...draft.relations, { kind: "references", targetId: "" }])}
        >
          {t("knowledge.form.addRelation")}
        </Button>
      </div>
    </fieldset>
  );
}
