import { type KeyboardEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams, useSearchParams } from "react-router";
import { Button, Notice, PageHeader, PageLoadState } from "../../components";
import { formatDateTime } from "../../format";
import { KEEP_FOCUS } from "../../layout/navigation";
import { useMe } from "../../session";
import { shortDate } from "../declarations/DeclarationTable";
import { useNameLanguage } from "../reference/LocalName";
import { htmlLang, pickName } from "../reference/names";
import { mayEdit } from "./access";
import {
  DocumentLink,
  KindBadge,
  LangBadge,
  SideBadge,
  StatusBadge,
  SummaryBadge,
  TopicName,
} from "./badges";
import type { TDocLang, TDocument, TVersion } from "./contracts";
import { appliesPath, KNOWLEDGE_PATH } from "./paths";
import { usePorts } from "./ports";
import { useDocument } from "./queries";
import { groupRelations, isWebAddress } from "./relations";
import { SubscribeButton } from "./SubscribeButton";
import { VersionHistory } from "./VersionHistory";
import { initialLanguage, orderVersions } from "./versions";
import { WorkflowActions } from "./WorkflowActions";
import "./knowledge.css";

export interface SavedState {
  saved: "created" | "updated";
}

function isSavedState(state: unknown): state is SavedState {
  return typeof state === "object" && state !== null && "saved" in state;
}

/**
 * One document: a tab per language with what each text is (the original, a translation, a summary by
 * the team), its metadata, the other side's counterpart measure and other relations, and each
 * language's version history with what every version changed.
 */
export function DocumentPage() {
  const { t, i18n } = useTranslation();
  const { id = "" } = useParams();
  const location = useLocation();
  const me = useMe();
  const reader = useNameLanguage();
  const [params, setParams] = useSearchParams();
  const document = useDocument(id);
  const [outcome, setOutcome] = useState<string | null>(null);
  const back = <Link to={KNOWLEDGE_PATH}>{t("modules.knowledge.title")}</Link>;
  if (document.isPending || document.isError)
    return <PageLoadState eyebrow={back} title={t("knowledge.document.title")} query={document} />;
  const doc = document.data;
  const versions = orderVersions(doc.versions, doc.originalLang);
  const lang = initialLanguage(versions, params.get("lang"), reader, doc.originalLang);
  const shown = versions.find((v) => v.lang === lang) ?? null;
  const heading = pickName(doc.titles, reader);
  const saved = isSavedState(location.state) ? location.state.saved : null;
  const editor = mayEdit(me.data, doc.side);
  return (
    <>
      <PageHeader
        eyebrow={back}
        title={heading?.text ?? doc.number ?? t("knowledge.document.title")}
        description={
          <ul className="badge-list kb-header__badges" aria-label={t("knowledge.document.state")}>
            {doc.number ? (
              <li>
                <span className="kb-number">{doc.number}</span>
              </li>
            ) : null}
            <li>
              <SideBadge side={doc.side} />
            </li>
            <li>
              <KindBadge kind={doc.kind} />
            </li>
            <li>
              <StatusBadge status={doc.status} />
            </li>
          </ul>
        }
        actions={editor ? <WorkflowActions doc={doc} onDone={setOutcome} /> : null}
      />
      {saved && !outcome ? (
        <Notice tone="success">
          <p>{t(saved === "created" ? "knowledge.form.created" : "knowledge.form.updated")}</p>
        </Notice>
      ) : null}
      {outcome ? (
        <Notice tone="success">
          <p>{outcome}</p>
        </Notice>
      ) : null}
      {doc.status === "repealed" ? (
        <Notice tone="warning" role="note">
          <p>
            {doc.repealedOn
              ? t("knowledge.document.repealedOn", { date: shortDate(doc.repealedOn, i18n.language) })
              : t("knowledge.document.repealed")}
          </p>
        </Notice>
      ) : doc.status !== "published" ? (
        <Notice tone="info" role="note">
          <p>{t("knowledge.document.unpublished")}</p>
        </Notice>
      ) : null}
      <Counterparts doc={doc} />
      <div className="kb-document">
        <div className="kb-document__main">
          {versions.length > 0 && lang ? (
            <LanguageTabs
              versions={versions}
              selected={lang}
              onSelect={(next) => {
                const nextParams = new URLSearchParams(params);
                nextParams.set("lang", next);
                setParams(nextParams, { replace: true, state: KEEP_FOCUS });
              }}
            />
          ) : null}
          {shown ? <VersionPanel doc={doc} version={shown} /> : null}
          {heading?.fallback ? (
            <p className="kb-muted kb-missing">
              {t("knowledge.document.noVersionIn", { lang: t(`knowledge.lang.${reader}`) })}
            </p>
          ) : null}
          {shown ? <History documentId={doc.id} lang={shown.lang} /> : null}
        </div>
        <aside className="kb-document__aside">
          <Metadata doc={doc} />
          <Relations doc={doc} />
          <section className="panel kb-follow" aria-labelledby="kb-follow-title">
            <h2 id="kb-follow-title" className="panel__title">
              {t("knowledge.document.follow")}
            </h2>
            <p>{t("knowledge.document.followText")}</p>
            <SubscribeButton kind="document" value={doc.id} label={t("knowledge.document.subscribe")} />
          </section>
        </aside>
      </div>
    </>
  );
}

function LanguageTabs({
  versions,
  selected,
  onSelect,
}: {
  versions: readonly TVersion[];
  selected: TDocLang;
  onSelect: (lang: TDocLang) => void;
}) {
  const { t } = useTranslation();
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKey = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = (index + step + versions.length) % versions.length;
    const version = versions[next];
    if (version) onSelect(version.lang);
    tabs.current[next]?.focus();
  };
  return (
    <div className="kb-tabs" role="tablist" aria-label={t("knowledge.document.languages")}>
      {versions.map((version, index) => (
        <button
          key={version.lang}
          ref={(element) => {
            tabs.current[index] = element;
          }}
          type="button"
          role="tab"
          id={`kb-tab-${version.lang}`}
          aria-selected={version.lang === selected}
          aria-controls="kb-text"
          tabIndex={version.lang === selected ? 0 : -1}
          className="kb-tab"
          onClick={() => onSelect(version.lang)}
          onKeyDown={(event) => onKey(event, index)}
        >
          <span className="kb-tab__lang">{t(`knowledge.lang.${version.lang}`)}</span>
          <span className="kb-tab__what">
            {t(`knowledge.translation.${version.translation}`)}
            {version.isSummary ? ` · ${t("knowledge.summaryBadge")}` : ""}
          </span>
        </button>
      ))}
    </div>
  );
}

function VersionPanel({ doc, version }: { doc: TDocument; version: TVersion }) {
  const { t, i18n } = useTranslation();
  return (
    <section
      id="kb-text"
      role="tabpanel"
      aria-labelledby={`kb-tab-${version.lang}`}
      className="panel kb-text"
      lang={htmlLang(version.lang)}
    >
      <div lang={i18n.language}>
        <ul className="badge-list kb-text__badges" aria-label={t("knowledge.document.textIs")}>
          <li>
            <LangBadge lang={version.lang} translation={version.translation} />
          </li>
          {version.isSummary ? (
            <li>
              <SummaryBadge />
            </li>
          ) : null}
        </ul>
        {version.isSummary ? (
          <p className="kb-summary-note">{t("knowledge.summaryNotice")}</p>
        ) : version.translation !== "original" ? (
          <p className="kb-summary-note">
            {t("knowledge.translationNotice", { lang: t(`knowledge.lang.${doc.originalLang}`) })}
          </p>
        ) : null}
      </div>
      <h2 className="kb-text__title">{version.title}</h2>
      <div
        className="kb-body"
        // The server renders the Markdown with every character of the text escaped first and only its
        // own tags added (src/platform/markdown.ts), so this HTML carries no markup of the author's.
        // biome-ignore lint/security/noDangerouslySetInnerHtml: server-rendered safe HTML, see above.
        dangerouslySetInnerHTML={{ __html: version.html }}
      />
      <p className="kb-text__meta" lang={i18n.language}>
        {t("knowledge.history.version", { n: version.version })} ·{" "}
        {formatDateTime(version.createdAt, i18n.language)}
        {version.createdBy ? ` · ${version.createdBy}` : ""}
      </p>
    </section>
  );
}

function History({ documentId, lang }: { documentId: string; lang: TDocLang }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <section className="section kb-history-section" aria-labelledby="kb-history-title">
      <h2 id="kb-history-title" className="section__title">
        {t("knowledge.history.title", { lang: t(`knowledge.lang.${lang}`) })}
      </h2>
      <Button variant="secondary" size="sm" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        {open ? t("knowledge.history.hide") : t("knowledge.history.show")}
      </Button>
      {open ? <VersionHistory documentId={documentId} lang={lang} /> : null}
    </section>
  );
}

/** The other side's matching measure, shown before the text: the point of reading both sides. */
function Counterparts({ doc }: { doc: TDocument }) {
  const { t } = useTranslation();
  const { counterparts } = groupRelations(doc.relations);
  if (counterparts.length === 0) return null;
  return (
    <section className="kb-counterpart" aria-labelledby="kb-counterpart-title">
      <h2 id="kb-counterpart-title" className="kb-counterpart__title">
        <span aria-hidden="true">⇄ </span>
        {t("knowledge.document.counterpartTitle")}
      </h2>
      <p className="kb-counterpart__text">{t("knowledge.document.counterpartText")}</p>
      <ul className="kb-doc-list">
        {counterparts.map((other) => (
          <li key={other.id}>
            <DocumentLink doc={other} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function Relations({ doc }: { doc: TDocument }) {
  const { t } = useTranslation();
  const { groups } = groupRelations(doc.relations);
  return (
    <section className="panel kb-relations" aria-labelledby="kb-relations-title">
      <h2 id="kb-relations-title" className="panel__title">
        {t("knowledge.document.relations")}
      </h2>
      {groups.length === 0 ? (
        <p className="kb-muted">{t("knowledge.document.noRelations")}</p>
      ) : (
        <dl className="kb-relations__list">
          {groups.map((group) => (
            <div key={group.label}>
              <dt>{t(`knowledge.relation.${group.label}`)}</dt>
              {group.documents.map((other) => (
                <dd key={other.id}>
                  <DocumentLink doc={other} />
                </dd>
              ))}
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

function Metadata({ doc }: { doc: TDocument }) {
  const { t, i18n } = useTranslation();
  const ports = usePorts();
  const none = t("common.notSet");
  return (
    <section className="panel kb-meta" aria-labelledby="kb-meta-title">
      <h2 id="kb-meta-title" className="panel__title">
        {t("knowledge.document.metadata")}
      </h2>
      <dl className="kb-meta__list">
        <div>
          <dt>{t("knowledge.document.issuingBody")}</dt>
          <dd>{doc.issuingBody}</dd>
        </div>
        <div>
          <dt>{t("knowledge.document.number")}</dt>
          <dd>{doc.number ?? none}</dd>
        </div>
        <div>
          <dt>{t("knowledge.document.originalLang")}</dt>
          <dd>{t(`knowledge.lang.${doc.originalLang}`)}</dd>
        </div>
        <div>
          <dt>{t("knowledge.document.issuedOn")}</dt>
          <dd>{doc.issuedOn ? shortDate(doc.issuedOn, i18n.language) : none}</dd>
        </div>
        <div>
          <dt>{t("knowledge.document.effectiveOn")}</dt>
          <dd>{doc.effectiveOn ? shortDate(doc.effectiveOn, i18n.language) : none}</dd>
        </div>
        {doc.repealedOn ? (
          <div>
            <dt>{t("knowledge.document.repealedOnLabel")}</dt>
            <dd>{shortDate(doc.repealedOn, i18n.language)}</dd>
          </div>
        ) : null}
        {doc.hsPrefixes.length > 0 ? (
          <div>
            <dt>{t("knowledge.document.hsPrefixes")}</dt>
            <dd>
              <ul className="kb-inline-list">
                {doc.hsPrefixes.map((hs) => (
                  <li key={hs}>
                    {/* "What applies to me" answers for a heading (4 digits) or finer. */}
                    {hs.length >= 4 ? (
                      <Link to={appliesPath(hs)} className="kb-hs">
                        {hs}
                      </Link>
                    ) : (
                      <span className="kb-hs">{hs}</span>
                    )}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
        {doc.ports.length > 0 ? (
          <div>
            <dt>{t("knowledge.document.ports")}</dt>
            <dd>{doc.ports.map((port) => ports.name(port)).join("; ")}</dd>
          </div>
        ) : null}
        {doc.regions.length > 0 ? (
          <div>
            <dt>{t("knowledge.document.regions")}</dt>
            <dd>{doc.regions.join(", ")}</dd>
          </div>
        ) : null}
        {doc.topics.length > 0 ? (
          <div>
            <dt>{t("knowledge.document.topics")}</dt>
            <dd>
              <ul className="kb-inline-list">
                {doc.topics.map((topic) => (
                  <li key={topic} className="kb-topic">
                    <TopicName topic={topic} />
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
        {doc.sourceUrl ? (
          <div>
            <dt>{t("knowledge.document.source")}</dt>
            <dd>
              {isWebAddress(doc.sourceUrl) ? (
                <a href={doc.sourceUrl} rel="noopener noreferrer external" className="kb-source">
                  {doc.sourceUrl}
                </a>
              ) : (
                <span className="kb-source">{doc.sourceUrl}</span>
              )}
            </dd>
          </div>
        ) : null}
        {doc.publishedAt ? (
          <div>
            <dt>{t("knowledge.document.publishedAt")}</dt>
            <dd>{formatDateTime(doc.publishedAt, i18n.language)}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t("knowledge.document.updatedAt")}</dt>
          <dd>{formatDateTime(doc.updatedAt, i18n.language)}</dd>
        </div>
      </dl>
    </section>
  );
}
