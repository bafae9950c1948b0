import { type FormEvent, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import {
  Badge,
  Button,
  EmptyState,
  ErrorState,
  Notice,
  PageHeader,
  RadioGroup,
  Select,
  Spinner,
  TextField,
} from "../../components";
import { currentLanguage } from "../../i18n";
import { KEEP_FOCUS } from "../../layout/navigation";
import { shortDate } from "../declarations/DeclarationTable";
import { LocalName } from "../reference/LocalName";
import {
  type AppliesForm,
  defaultDirection,
  formFromParams,
  isAppliesCode,
  paramsFromForm,
  specificFirst,
} from "./applies";
import { DocumentLink } from "./badges";
import { DIRECTIONS, type TApplies, type TAppliesSide, type TReasonedDoc } from "./contracts";
import { HsCodeField } from "./HsCodeField";
import { KNOWLEDGE_PATH } from "./paths";
import { usePorts } from "./ports";
import { useApplies } from "./queries";
import { SubscribeButton } from "./SubscribeButton";
import { normalizeHs } from "./search";
import "./knowledge.css";

/**
 * "What applies to me": for goods, a direction and a crossing on a day, both sides on one page — the
 * exporting side's rules and documents next to the importing side's, what lies between them, and the
 * licences a quota asks for. Everything asked lives in the address.
 */
export function AppliesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const asked = useMemo(() => formFromParams(params, defaultDirection(currentLanguage())), [params]);
  const [form, setForm] = useState<AppliesForm>(asked);
  useEffect(() => setForm(asked), [asked]);
  const [tried, setTried] = useState(false);
  const ports = usePorts();
  const query = isAppliesCode(asked.hs)
    ? {
        hs: asked.hs,
        direction: asked.direction,
        ...(asked.port ? { port: asked.port } : {}),
        ...(asked.date ? { date: asked.date } : {}),
      }
    : null;
  const applies = useApplies(query);
  const code = normalizeHs(form.hs);
  const hsError = tried && !isAppliesCode(code) ? t("knowledge.applies.hsInvalid") : undefined;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setTried(true);
    if (!isAppliesCode(code)) return;
    setParams(paramsFromForm({ ...form, hs: code }), { state: KEEP_FOCUS });
  };

  return (
    <>
      <PageHeader
        eyebrow={<Link to={KNOWLEDGE_PATH}>{t("modules.knowledge.title")}</Link>}
        title={t("knowledge.applies.title")}
        description={<p>{t("knowledge.applies.intro")}</p>}
      />
      <form className="panel kb-applies-form" onSubmit={onSubmit} noValidate>
        <HsCodeField
          value={form.hs}
          onChange={(hs) => setForm((f) => ({ ...f, hs }))}
          label={t("knowledge.applies.hs")}
          hint={t("knowledge.applies.hsHint")}
          error={hsError}
        />
        <RadioGroup
          legend={t("knowledge.applies.direction")}
          name="direction"
          inline
          value={form.direction}
          onChange={(direction) => setForm((f) => ({ ...f, direction }))}
          options={DIRECTIONS.map((direction) => ({
            value: direction,
            label: t(`knowledge.applies.directions.${direction}`),
          }))}
        />
        <div className="kb-applies-form__row">
          <Select
            label={t("knowledge.applies.port")}
            optional
            value={form.port}
            onChange={(event) => setForm((f) => ({ ...f, port: event.target.value }))}
            options={[{ value: "", label: t("knowledge.applies.anyPort") }, ...ports.options]}
          />
          <TextField
            type="date"
            label={t("knowledge.applies.date")}
            hint={t("knowledge.applies.dateHint")}
            optional
            value={form.date}
            onChange={(event) => setForm((f) => ({ ...f, date: event.target.value }))}
          />
        </div>
        <div>
          <Button type="submit" loading={applies.isFetching}>
            {t("knowledge.applies.submit")}
          </Button>
        </div>
      </form>
      {query === null ? (
        <EmptyState title={t("knowledge.applies.emptyTitle")}>
          <p>{t("knowledge.applies.emptyText")}</p>
        </EmptyState>
      ) : applies.isPending ? (
        <Spinner />
      ) : applies.isError ? (
        <ErrorState
          error={applies.error}
          onRetry={() => void applies.refetch()}
          retrying={applies.isFetching}
        />
      ) : (
        <AppliesAnswer
          answer={applies.data}
          port={asked.port}
          portName={ports.name}
          stale={applies.isPlaceholderData}
        />
      )}
    </>
  );
}

function AppliesAnswer({
  answer,
  port,
  portName,
  stale,
}: {
  answer: TApplies;
  port: string;
  portName: (id: string) => string;
  stale: boolean;
}) {
  const { t, i18n } = useTranslation();
  const prohibited = answer.sides.some((side) => side.prohibited);
  return (
    <section
      className={stale ? "section kb-applies kb-results--stale" : "section kb-applies"}
      aria-labelledby="kb-applies-title"
    >
      <div className="kb-applies__head">
        <h2 id="kb-applies-title" className="section__title">
          {t("knowledge.applies.answerTitle", {
            hs: answer.hs,
            direction: t(`knowledge.applies.directions.${answer.direction}`),
          })}
        </h2>
        <p className="kb-muted">
          {t("knowledge.applies.asOf", { date: shortDate(answer.date, i18n.language) })}
          {port ? ` · ${portName(port)}` : ""}
        </p>
        <SubscribeButton
          kind="hs"
          value={answer.hs}
          label={t("knowledge.applies.subscribe", { hs: answer.hs })}
        />
      </div>
      {prohibited ? (
        <Notice tone="danger" role="alert" title={t("knowledge.applies.prohibitedTitle")}>
          <p>{t("knowledge.applies.prohibitedText")}</p>
        </Notice>
      ) : null}
      <div className="kb-applies__sides">
        {answer.sides.map((side) => (
          <SideColumn key={side.side} side={side} port={port} />
        ))}
      </div>
      <section className="panel kb-applies__bilateral" aria-labelledby="kb-bilateral-title">
        <h3 id="kb-bilateral-title" className="panel__title">
          {t("knowledge.applies.bilateral")}
        </h3>
        <DocumentList documents={answer.bilateral} port={port} />
      </section>
      {answer.notes.map((note) => (
        <Notice key={note.key} tone="info" role="note">
          <p>{note.text}</p>
        </Notice>
      ))}
    </section>
  );
}

function SideColumn({ side, port }: { side: TAppliesSide; port: string }) {
  const { t } = useTranslation();
  const titleId = `kb-side-${side.side}`;
  return (
    <section className="panel kb-side-column" data-side={side.side} aria-labelledby={titleId}>
      <h3 id={titleId} className="panel__title">
        {t(`knowledge.applies.sideTitle.${side.flow}`, { side: t(`knowledge.side.${side.side}`) })}
      </h3>
      {side.prohibited ? (
        <p className="kb-prohibited">
          <Badge tone="danger">{t("knowledge.applies.prohibited")}</Badge>
        </p>
      ) : null}
      <h4 className="kb-side-column__heading">{t("knowledge.applies.rules")}</h4>
      {side.rules.length === 0 ? (
        <p className="kb-muted">{t("knowledge.applies.noRules")}</p>
      ) : (
        <ul className="kb-rules">
          {side.rules.map((rule) => (
            <li key={`${rule.kind}-${rule.hsPrefix}`} className={`kb-rule kb-rule--${rule.kind}`}>
              <p className="kb-rule__text">{rule.text}</p>
              <p className="kb-rule__ref">
                <span className="kb-muted">{t("knowledge.applies.legalRef")}</span> {rule.legalRef}{" "}
                <SourceBadge source={rule.source} />
              </p>
            </li>
          ))}
        </ul>
      )}
      {side.quotas.length > 0 ? (
        <>
          <h4 className="kb-side-column__heading">{t("knowledge.applies.quotas")}</h4>
          <ul className="kb-quotas">
            {side.quotas.map((quota) => (
              <li key={quota.poolId}>
                <LocalName names={quota.names} /> <span className="kb-muted">({quota.unit})</span>
                <p className="kb-muted">{quota.text}</p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h4 className="kb-side-column__heading">{t("knowledge.applies.documents")}</h4>
      <DocumentList documents={side.documents} port={port} />
    </section>
  );
}

function SourceBadge({ source }: { source: string }) {
  const { t } = useTranslation();
  if (source === "cited") return <Badge tone="success">{t("knowledge.applies.source.cited")}</Badge>;
  if (source === "sample") return <Badge tone="warning">{t("knowledge.applies.source.sample")}</Badge>;
  return <Badge>{source}</Badge>;
}

/** The documents that concern the goods first; those for all goods folded under one line. */
function DocumentList({ documents, port }: { documents: readonly TReasonedDoc[]; port: string }) {
  const { t } = useTranslation();
  const { specific, general } = specificFirst(documents, port);
  if (documents.length === 0) return <p className="kb-muted">{t("knowledge.applies.noDocuments")}</p>;
  return (
    <>
      {specific.length > 0 ? (
        <ul className="kb-doc-list kb-doc-list--reasons">
          {specific.map((doc) => (
            <li key={doc.id}>
              <DocumentLink doc={doc} />
              <span className="kb-reason">{doc.reason}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {general.length > 0 ? (
        <details className="kb-general">
          <summary>{t("knowledge.applies.general", { n: general.length })}</summary>
          <ul className="kb-doc-list">
            {general.map((doc) => (
              <li key={doc.id}>
                <DocumentLink doc={doc} />
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </>
  );
}
