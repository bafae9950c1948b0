import type { TFunction } from "i18next";
import { type Ref, useEffect, useId } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Badge, EmptyState, ErrorState, Notice, Spinner } from "../../components";
import type { THsNode } from "../../contracts";
import { currentLanguage, LANGUAGE_NAMES } from "../../i18n";
import { KEEP_FOCUS } from "../../layout/navigation";
import { useLevelCode } from "./HsSearch";
import { LocalName, useNameLanguage } from "./LocalName";
import {
  capitalize,
  formatPartialDate,
  htmlLang,
  NAME_LANGUAGES,
  type NameLanguage,
  otherNamesTitle,
} from "./names";
import { useHsNode } from "./queries";

export interface HsDetailProps {
  code: string | null;
  codeHref: (code: string) => string;
  /** The panel's heading, focused on phones after a selection so the reader lands on the answer. */
  headingRef?: Ref<HTMLHeadingElement>;
}

/** Everything about one code: names in three languages with their sources, path, validity, children. */
export function HsDetail({ code, codeHref, headingRef }: HsDetailProps) {
  const { t, i18n } = useTranslation();
  const node = useHsNode(code);
  const headingId = useId();
  const { isError, refetch } = node;

  // The server words its problems in the request's language: ask again after a switch.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on a change of language only.
  useEffect(() => {
    if (isError) void refetch();
  }, [i18n.resolvedLanguage]);

  if (code === null) {
    return (
      <EmptyState title={t("reference.hs.detail.emptyTitle")}>
        <p>{t("reference.hs.detail.emptyText")}</p>
      </EmptyState>
    );
  }
  if (node.isPending) return <Spinner />;
  if (node.isError) {
    return <ErrorState error={node.error} onRetry={() => void node.refetch()} retrying={node.isFetching} />;
  }
  return (
    <article className="panel hs-detail" aria-labelledby={headingId}>
      <HsPath node={node.data} codeHref={codeHref} />
      <h2 id={headingId} ref={headingRef} tabIndex={-1} className="hs-detail__title">
        <span className="hs-code hs-detail__code">{node.data.code}</span>
        <LocalName names={node.data.names} noTitle />
      </h2>
      <ul className="badge-list hs-detail__badges" aria-label={t("reference.hs.detail.classification")}>
        <li>
          <Badge tone="info">{t(`reference.hs.levels.${node.data.level}`)}</Badge>
        </li>
        <li>
          <Badge>{t(`reference.hs.schemes.${node.data.scheme}`)}</Badge>
        </li>
      </ul>
      {node.data.note === "cn-structure-only" ? (
        <Notice tone="warning" role="note" title={t("reference.hs.detail.cnStructureTitle")}>
          <p>{t("reference.hs.detail.cnStructureText")}</p>
        </Notice>
      ) : null}
      <HsNames node={node.data} />
      <h3 className="hs-detail__subtitle">{t("reference.hs.detail.validity")}</h3>
      <p>{validityText(node.data, t, currentLanguage())}</p>
      <HsChildren node={node.data} codeHref={codeHref} />
    </article>
  );
}

// i18next's own type: deriving it from `useTranslation` makes TypeScript expand every key of the
// catalogue at each call, which stops compiling ("excessively deep") once the catalogue grows.
type Translate = TFunction;

function validityText(node: THsNode, t: Translate, language: ReturnType<typeof currentLanguage>): string {
  const from = node.validFrom ? formatPartialDate(node.validFrom, language) : null;
  const to = node.validTo ? formatPartialDate(node.validTo, language) : null;
  if (from && to) return t("reference.hs.detail.validFromTo", { from, to });
  if (from) return t("reference.hs.detail.validFrom", { from });
  if (to) return t("reference.hs.detail.validTo", { to });
  return t("reference.hs.detail.validUnknown");
}

function HsPath({ node, codeHref }: { node: THsNode; codeHref: (code: string) => string }) {
  const { t } = useTranslation();
  const levelCode = useLevelCode();
  if (node.path.length === 0) return null;
  return (
    <nav className="breadcrumb" aria-label={t("reference.hs.detail.path")}>
      <ol>
        {node.path.map((step) => (
          <li key={step.code}>
            <Link to={codeHref(step.code)} state={KEEP_FOCUS} title={otherNamesTitle(step.names, null)}>
              {levelCode(step.level, step.code)}
            </Link>
          </li>
        ))}
        <li aria-current="page">{levelCode(node.level, node.code)}</li>
      </ol>
    </nav>
  );
}

/** The source of a name, in words; codes the client does not know yet are shown as they are. */
function sourceText(language: NameLanguage, source: string | null, t: Translate): string | null {
  if (source === null) return null;
  if (language === "zh" && source === "amur-team-translation")
    return t("reference.hs.sources.teamTranslation");
  if (language !== "ru") return source;
  switch (source) {
    case "fcs":
      return t("reference.hs.sources.fcs");
    case "tnved-2022-list":
      return t("reference.hs.sources.tnved2022");
    case "tnved-2022-list+2017-flat":
      return t("reference.hs.sources.tnved2022From2017");
    case "tnved-2017-flat+2022-list-children":
      return t("reference.hs.sources.tnved2017Checked");
    default:
      return source;
  }
}

/** All three names, the reader's language first; a missing one says so rather than leaving a gap. */
function HsNames({ node }: { node: THsNode }) {
  const { t } = useTranslation();
  const reader = useNameLanguage();
  const order = [reader, ...NAME_LANGUAGES.filter((language) => language !== reader)];
  return (
    <>
      <h3 className="hs-detail__subtitle">{t("reference.hs.detail.names")}</h3>
      <dl className="hs-names">
        {order.map((language) => {
          const text = node.names[language];
          const source = sourceText(language, language === "en" ? null : node.nameSources[language], t);
          return (
            <div
              key={language}
              className={language === reader ? "hs-names__row hs-names__row--reader" : "hs-names__row"}
            >
              <dt lang={htmlLang(language)}>{LANGUAGE_NAMES[htmlLang(language)]}</dt>
              <dd>
                {text ? (
                  <span lang={htmlLang(language)} className="hs-names__text">
                    {capitalize(text, language)}
                  </span>
                ) : (
                  <span className="hs-names__missing">{t("reference.hs.detail.noName")}</span>
                )}
                {source ? <span className="hs-names__source">{source}</span> : null}
              </dd>
            </div>
          );
        })}
      </dl>
    </>
  );
}

function HsChildren({ node, codeHref }: { node: THsNode; codeHref: (code: string) => string }) {
  const { t } = useTranslation();
  return (
    <>
      <h3 className="hs-detail__subtitle">
        {t("reference.hs.detail.children", { n: node.children.length })}
      </h3>
      {node.children.length === 0 ? (
        <p className="hs-detail__muted">{t("reference.hs.detail.noChildren")}</p>
      ) : (
        <ul className="hs-children">
          {node.children.map((child) => (
            <li key={child.code}>
              <Link to={codeHref(child.code)} state={KEEP_FOCUS} className="hs-children__link">
                <span className="hs-code">{child.code}</span> <LocalName names={child.names} />
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
