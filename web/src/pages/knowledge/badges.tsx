import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Badge, type BadgeTone } from "../../components";
import { LanguageTag, useNameLanguage } from "../reference/LocalName";
import { htmlLang, pickName } from "../reference/names";
import type { TDocBrief, TDocLang, TDocStatus, TKbSide, TTranslation } from "./contracts";
import { documentPath } from "./paths";
import { isKnownTopic } from "./topics";

const STATUS_TONE: Record<TDocStatus, BadgeTone> = {
  draft: "neutral",
  review: "warning",
  published: "success",
  repealed: "danger",
};

/** 已发布 / Опубликован / Published. */
export function StatusBadge({ status }: { status: TDocStatus }) {
  const { t } = useTranslation();
  return (
    <span className="kb-status" data-status={status}>
      <Badge tone={STATUS_TONE[status]}>{t(`knowledge.status.${status}`)}</Badge>
    </span>
  );
}

/** 中方 / Россия / Двусторонний: whose document it is. */
export function SideBadge({ side }: { side: TKbSide }) {
  const { t } = useTranslation();
  return (
    <span className={`kb-side kb-side--${side}`}>
      <Badge tone="info">{t(`knowledge.side.${side}`)}</Badge>
    </span>
  );
}

export function KindBadge({ kind }: { kind: TDocBrief["kind"] }) {
  const { t } = useTranslation();
  return <Badge>{t(`knowledge.kind.${kind}`)}</Badge>;
}

/** "俄文" with the language's name spelled out for screen readers; `text` adds what the text is. */
export function LangBadge({ lang, translation }: { lang: TDocLang; translation?: TTranslation }) {
  const { t } = useTranslation();
  return (
    <span className="kb-lang" data-lang={lang}>
      <Badge tone={translation === "original" ? "success" : "neutral"}>
        {t(`knowledge.lang.${lang}`)}
        {translation ? ` · ${t(`knowledge.translation.${translation}`)}` : null}
      </Badge>
    </span>
  );
}

/** A summary the team wrote stands out from the document's own text. */
export function SummaryBadge() {
  const { t } = useTranslation();
  return (
    <span className="kb-summary-badge">
      <Badge tone="warning">{t("knowledge.summaryBadge")}</Badge>
    </span>
  );
}

export function TopicName({ topic }: { topic: string }) {
  const { t } = useTranslation();
  return isKnownTopic(topic) ? t(`knowledge.topics.${topic}`) : <code>{topic}</code>;
}

/**
 * A document's title in the reader's language, or in another one marked with a language tag (a
 * Russian-only document read in Chinese); its number when it has no title at all.
 */
export function DocumentTitle({ doc }: { doc: Pick<TDocBrief, "titles" | "number" | "id"> }) {
  const { t } = useTranslation();
  const reader = useNameLanguage();
  const picked = pickName(doc.titles, reader);
  if (!picked) return <span>{doc.number ?? doc.id}</span>;
  return (
    <span>
      <span lang={picked.fallback ? htmlLang(picked.language) : undefined}>{picked.text}</span>
      {picked.fallback ? (
        <LanguageTag
          language={picked.language}
          title={t("knowledge.titleOnlyIn", { lang: t(`knowledge.lang.${picked.language}`) })}
        />
      ) : null}
    </span>
  );
}

/** A document as one line of a list: its title as a link, its number, side and status. */
export function DocumentLink({ doc, lang }: { doc: TDocBrief; lang?: TDocLang }) {
  return (
    <span className="kb-doc-link">
      <Link to={documentPath(doc.id, lang)}>
        <DocumentTitle doc={doc} />
      </Link>
      {doc.number ? <span className="kb-number">{doc.number}</span> : null}
      <span className="kb-doc-link__badges">
        <SideBadge side={doc.side} />
        {doc.status !== "published" ? <StatusBadge status={doc.status} /> : null}
      </span>
    </span>
  );
}
