import { type FormEvent, useEffect, useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import {
  Badge,
  Button,
  EmptyState,
  ErrorState,
  LinkButton,
  LinkCard,
  Notice,
  PageHeader,
  Select,
  Spinner,
  TextField,
} from "../../components";
import { KEEP_FOCUS } from "../../layout/navigation";
import { useMe } from "../../session";
import { htmlLang } from "../reference/names";
import { isEditor } from "./access";
import { DocumentLink, KindBadge, LangBadge, SideBadge, StatusBadge } from "./badges";
import { KB_SIDES, KINDS, STATUSES, type TSearchHit } from "./contracts";
import {
  APPLIES_PATH,
  documentPath,
  EDITOR_DESK_PATH,
  NOTIFICATIONS_PATH,
  SUBSCRIPTIONS_PATH,
  TERMS_PATH,
} from "./paths";
import { usePorts } from "./ports";
import { useDocumentList, useKnowledgeSearch } from "./queries";
import { Snippet } from "./Snippet";
import {
  activeFilters,
  filterFromParams,
  isHsPrefix,
  normalizeHs,
  paramsFromFilter,
  type SearchFilter,
} from "./search";
import { TOPICS } from "./topics";
import "./knowledge.css";

/**
 * The knowledge base's front page: one search box for all three languages with filters, the answers
 * with their matching passages highlighted and a word on each one found through the term bank; without
 * a search, the documents changed last and the base's tools.
 */
export function SearchPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => filterFromParams(params), [params]);
  const [typed, setTyped] = useState(filter.q);
  // A link or the back button changes the address: the box follows it.
  useEffect(() => setTyped(filter.q), [filter.q]);
  const update = (next: SearchFilter) =>
    setParams(paramsFromFilter(next), { replace: false, state: KEEP_FOCUS });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    update({ ...filter, q: typed.trim() });
  };
  const search = useKnowledgeSearch(filter);
  const boxId = useId();

  return (
    <>
      <PageHeader
        title={t("modules.knowledge.title")}
        description={<p>{t("knowledge.search.intro")}</p>}
        actions={
          <>
            <LinkButton to={APPLIES_PATH}>{t("knowledge.applies.title")}</LinkButton>
            <LinkButton to={TERMS_PATH}>{t("knowledge.terms.title")}</LinkButton>
          </>
        }
      />
      <search className="panel">
        <form className="kb-search" onSubmit={onSubmit}>
          <label className="field__label" htmlFor={boxId}>
            {t("knowledge.search.label")}
          </label>
          <div className="kb-search__row">
            <input
              id={boxId}
              type="search"
              className="input kb-search__box"
              value={typed}
              maxLength={200}
              placeholder={t("knowledge.search.placeholder")}
              onChange={(event) => setTyped(event.target.value)}
            />
            <Button type="submit">{t("knowledge.search.submit")}</Button>
          </div>
          <Filters
            filter={filter}
            editor={isEditor(me.data)}
            onChange={(patch) => update({ ...filter, ...patch })}
          />
        </form>
      </search>
      {filter.q === "" ? (
        <Landing signedIn={Boolean(me.data)} editor={isEditor(me.data)} />
      ) : (
        <section className="section" aria-labelledby="kb-results-title">
          <h2 id="kb-results-title" className="section__title">
            {t("knowledge.search.results")}
          </h2>
          <p className="kb-results__status" role="status">
            {search.isSuccess ? t("knowledge.search.count", { n: search.data.items.length }) : ""}
          </p>
          {search.isPending ? (
            <Spinner />
          ) : search.isError ? (
            <ErrorState
              error={search.error}
              onRetry={() => void search.refetch()}
              retrying={search.isFetching}
            />
          ) : (
            <div className={search.isPlaceholderData ? "kb-results kb-results--stale" : "kb-results"}>
              {search.data.expansions.length > 0 ? (
                <div className="kb-expansions">
                  <p className="kb-expansions__title">{t("knowledge.search.expansions")}</p>
                  <ul>
                    {search.data.expansions.map((expansion) => (
                      <li key={expansion.term}>
                        <strong>{expansion.term}</strong> → {expansion.equivalents.join(" · ")}
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
              {search.data.items.length === 0 ? (
                <EmptyState title={t("knowledge.search.emptyTitle")}>
                  <p>{t("knowledge.search.emptyText")}</p>
                </EmptyState>
              ) : (
                <ol className="kb-hits">
                  {search.data.items.map((hit) => (
                    <SearchHit key={`${hit.document.id}-${hit.lang}`} hit={hit} />
                  ))}
                </ol>
              )}
            </div>
          )}
        </section>
      )}
    </>
  );
}

function Filters({
  filter,
  editor,
  onChange,
}: {
  filter: SearchFilter;
  editor: boolean;
  onChange: (patch: Partial<SearchFilter>) => void;
}) {
  const { t } = useTranslation();
  const ports = usePorts();
  const active = activeFilters(filter);
  const [hs, setHs] = useState(filter.hs ?? "");
  useEffect(() => setHs(filter.hs ?? ""), [filter.hs]);
  const hsValue = normalizeHs(hs);
  const hsError = hsValue !== "" && !isHsPrefix(hsValue) ? t("knowledge.search.hsInvalid") : undefined;
  const statuses = editor ? STATUSES : (["published", "repealed"] as const);
  return (
    <details className="kb-filters" open={active > 0 || undefined}>
      <summary>
        {active > 0 ? t("knowledge.search.filtersActive", { n: active }) : t("knowledge.search.filters")}
      </summary>
      <div className="kb-filters__grid">
        <Select
          label={t("knowledge.search.kind")}
          optional
          value={filter.kind ?? ""}
          onChange={(event) => onChange({ kind: KINDS.find((k) => k === event.target.value) })}
          options={[
            { value: "", label: t("knowledge.search.anyKind") },
            ...KINDS.map((kind) => ({ value: kind, label: t(`knowledge.kind.${kind}`) })),
          ]}
        />
        <Select
          label={t("knowledge.search.side")}
          optional
          value={filter.side ?? ""}
          onChange={(event) => onChange({ side: KB_SIDES.find((s) => s === event.target.value) })}
          options={[
            { value: "", label: t("knowledge.search.anySide") },
            ...KB_SIDES.map((side) => ({ value: side, label: t(`knowledge.side.${side}`) })),
          ]}
        />
        <Select
          label={t("knowledge.search.status")}
          optional
          value={filter.status ?? ""}
          onChange={(event) => onChange({ status: STATUSES.find((s) => s === event.target.value) })}
          options={[
            { value: "", label: t("knowledge.search.anyStatus") },
            ...statuses.map((status) => ({ value: status, label: t(`knowledge.status.${status}`) })),
          ]}
        />
        <TextField
          label={t("knowledge.search.hs")}
          hint={t("knowledge.search.hsHint")}
          optional
          inputMode="numeric"
          value={hs}
          error={hsError}
          onChange={(event) => setHs(event.target.value)}
          onBlur={() => {
            if (hsValue === "" || isHsPrefix(hsValue)) onChange({ hs: hsValue || undefined });
          }}
        />
        <Select
          label={t("knowledge.search.port")}
          optional
          value={filter.port ?? ""}
          onChange={(event) => onChange({ port: event.target.value || undefined })}
          options={[{ value: "", label: t("knowledge.search.anyPort") }, ...ports.options]}
        />
        <Select
          label={t("knowledge.search.topic")}
          optional
          value={filter.topic ?? ""}
          onChange={(event) => onChange({ topic: event.target.value || undefined })}
          options={[
            { value: "", label: t("knowledge.search.anyTopic") },
            ...TOPICS.map((topic) => ({ value: topic, label: t(`knowledge.topics.${topic}`) })),
          ]}
        />
        <TextField
          type="date"
          label={t("knowledge.search.inForce")}
          hint={t("knowledge.search.inForceHint")}
          optional
          value={filter.inForce ?? ""}
          onChange={(event) => onChange({ inForce: event.target.value || undefined })}
        />
      </div>
      {active > 0 ? (
        <Button
          variant="ghost"
          size="sm"
          onClick={() =>
            onChange({
              kind: undefined,
              side: undefined,
              status: undefined,
              hs: undefined,
              port: undefined,
              topic: undefined,
              inForce: undefined,
            })
          }
        >
          {t("knowledge.search.clear")}
        </Button>
      ) : null}
    </details>
  );
}

function SearchHit({ hit }: { hit: TSearchHit }) {
  const { t } = useTranslation();
  const doc = hit.document;
  return (
    <li className="kb-hit">
      <h3 className="kb-hit__title">
        <Link to={documentPath(doc.id, hit.lang)} lang={htmlLang(hit.lang)}>
          {hit.title}
        </Link>
      </h3>
      <ul className="badge-list kb-hit__badges" aria-label={t("knowledge.search.about")}>
        {doc.number ? (
          <li>
            <span className="kb-number">{doc.number}</span>
          </li>
        ) : null}
        {hit.exactNumber ? (
          <li>
            <span className="kb-exact">
              <Badge tone="success">{t("knowledge.search.exactNumber")}</Badge>
            </span>
          </li>
        ) : null}
        <li>
          <SideBadge side={doc.side} />
        </li>
        <li>
          <KindBadge kind={doc.kind} />
        </li>
        {doc.status !== "published" ? (
          <li>
            <StatusBadge status={doc.status} />
          </li>
        ) : null}
      </ul>
      {hit.via ? (
        <p className="kb-via">
          <span className="kb-via__icon" aria-hidden="true">
            ⇄
          </span>
          {hit.via.text}
        </p>
      ) : null}
      <Snippet parts={hit.snippet} lang={htmlLang(hit.lang)} />
      <p className="kb-hit__langs">
        <span>{t("knowledge.search.foundIn")}</span>{" "}
        <LangBadge lang={hit.lang} translation={hit.lang === doc.originalLang ? "original" : undefined} />
        {hit.otherLanguages.length > 0 ? (
          <>
            {" "}
            <span>{t("knowledge.search.alsoIn")}</span>{" "}
            {hit.otherLanguages.map((lang) => (
              <Link key={lang} to={documentPath(doc.id, lang)} className="kb-lang-link">
                <LangBadge lang={lang} />
              </Link>
            ))}
          </>
        ) : (
          <>
            {" "}
            <span className="kb-muted">{t("knowledge.search.onlyLanguage")}</span>
          </>
        )}
      </p>
    </li>
  );
}

function Landing({ signedIn, editor }: { signedIn: boolean; editor: boolean }) {
  const { t } = useTranslation();
  const recent = useDocumentList({ limit: 8 });
  return (
    <>
      <section className="section" aria-labelledby="kb-tools-title">
        <h2 id="kb-tools-title" className="section__title">
          {t("knowledge.search.toolsTitle")}
        </h2>
        <div className="card-grid">
          <LinkCard
            to={APPLIES_PATH}
            title={t("knowledge.applies.title")}
            icon={ICONS.applies}
            description={t("knowledge.search.appliesText")}
          />
          <LinkCard
            to={TERMS_PATH}
            title={t("knowledge.terms.title")}
            icon={ICONS.terms}
            description={t("knowledge.search.termsText")}
          />
          {signedIn ? (
            <>
              <LinkCard
                to={NOTIFICATIONS_PATH}
                title={t("knowledge.notifications.title")}
                icon={ICONS.alerts}
                description={t("knowledge.search.alertsText")}
              />
              <LinkCard
                to={SUBSCRIPTIONS_PATH}
                title={t("knowledge.subscriptions.title")}
                icon={ICONS.subscriptions}
                description={t("knowledge.search.subscriptionsText")}
              />
            </>
          ) : null}
          {editor ? (
            <LinkCard
              to={EDITOR_DESK_PATH}
              title={t("knowledge.desk.title")}
              icon={ICONS.desk}
              description={t("knowledge.search.deskText")}
            />
          ) : null}
        </div>
        {signedIn ? null : (
          <Notice tone="info" role="note">
            <p>
              <Link to={`/login?next=${encodeURIComponent(SUBSCRIPTIONS_PATH)}`}>
                {t("knowledge.search.signIn")}
              </Link>
            </p>
          </Notice>
        )}
      </section>
      <section className="section" aria-labelledby="kb-recent-title">
        <h2 id="kb-recent-title" className="section__title">
          {t("knowledge.search.recent")}
        </h2>
        {recent.isPending ? (
          <Spinner />
        ) : recent.isError ? (
          <ErrorState
            error={recent.error}
            onRetry={() => void recent.refetch()}
            retrying={recent.isFetching}
          />
        ) : (
          <ul className="kb-doc-list">
            {recent.data.items.map((doc) => (
              <li key={doc.id}>
                <DocumentLink doc={doc} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

const ICONS = {
  applies: <path d="M9 11l3 3 8-8M20 12v7a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h9" />,
  terms: <path d="M4 5h7v14H4zM13 5h7v14h-7M6.5 9h2M15.5 9h2M6.5 13h2M15.5 13h2" />,
  alerts: <path d="M6 16V11a6 6 0 1 1 12 0v5l2 2H4zM10 20a2 2 0 0 0 4 0" />,
  subscriptions: <path d="M4 4h16v12H5l-1 4zM8 8h8M8 12h5" />,
  desk: <path d="M4 20h16M6 16l9-9 3 3-9 9H6zM13 9l3 3" />,
} as const;
