import { useEffect, useEffectEvent, useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import type { DirectoryFilter } from "../../api";
import { Button, Checkbox, EmptyState, ErrorState, LinkButton, PageHeader, Spinner } from "../../components";
import type { TEnterprise, TSide } from "../../contracts";
import { KEEP_FOCUS } from "../../layout/navigation";
import { useMe } from "../../session";
import { useNameLanguage } from "../reference/LocalName";
import { htmlLang, NAME_LANGUAGES } from "../reference/names";
import { nameLang, officerSides } from "./access";
import { EnterpriseBadges, TrustMeter } from "./badges";
import { useChapterLabel } from "./chapters";
import { useDebouncedValue } from "./IdentifierField";
import { enterprisePath, QUEUE_PATH, REGISTER_PATH } from "./paths";
import { HS_CHAPTER_CODES, useDirectory, useHsChapters, useIdentifierCheck } from "./queries";
import { useRegionOptions } from "./regions";
import { wholeIdentifier } from "./wholeIdentifier";
import "./registry.css";

const SEARCH_DELAY_MS = 300;

/** The directory's filter as it stands in the address, so a search can be linked and survives a reload. */
function filterFromParams(params: URLSearchParams): DirectoryFilter {
  const side = params.get("side");
  const region = params.get("region") ?? "";
  const hs = params.get("hs") ?? "";
  return {
    q: params.get("q")?.trim() ?? "",
    ...(side === "CN" || side === "RU" ? { side } : {}),
    ...(/^(CN|RU)-[A-Z0-9]{1,3}$/.test(region) ? { region } : {}),
    ...(/^\d{2}$/.test(hs) ? { hsChapter: hs } : {}),
    verifiedOnly: params.get("verified") === "1",
  };
}

function paramsFromFilter(filter: DirectoryFilter): Record<string, string> {
  const params: Record<string, string> = {};
  if (filter.q) params.q = filter.q;
  if (filter.side) params.side = filter.side;
  if (filter.region) params.region = filter.region;
  if (filter.hsChapter) params.hs = filter.hsChapter;
  if (filter.verifiedOnly) params.verified = "1";
  return params;
}

/**
 * Nothing found. For a whole identifier, the reader learns which: one that does not pass its check (a
 * typo, with the failing position), or a good one that no enterprise on the platform has.
 */
function NoEnterprise({ q }: { q: string }) {
  const { t } = useTranslation();
  const whole = wholeIdentifier(q);
  const check = useIdentifierCheck(whole?.scheme ?? "inn", whole?.value ?? "");
  const result = whole && check.data?.value === whole.value ? check.data : null;
  const params = whole ? { scheme: t(`registry.identifiers.${whole.scheme}`), value: whole.value } : {};
  return (
    <EmptyState title={t("registry.directory.emptyTitle")}>
      {result && !result.valid ? (
        <>
          <p>{t("registry.directory.identifierInvalid", params)}</p>
          <ul className="directory-check">
            {result.errors.map((issue) => (
              <li key={issue.code + issue.message}>{issue.message}</li>
            ))}
          </ul>
        </>
      ) : result?.valid ? (
        <p>{t("registry.directory.identifierUnknown", params)}</p>
      ) : (
        <p>{t("registry.directory.emptyText")}</p>
      )}
    </EmptyState>
  );
}

/** The public directory: search by a name in any language or by an identifier, with filters. */
export function DirectoryPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => filterFromParams(params), [params]);
  const update = (patch: Partial<DirectoryFilter>) => {
    const next = { ...filter, ...patch };
    // A region of the other side makes no sense once a side is chosen.
    if (patch.side && next.region && !next.region.startsWith(`${patch.side}-`)) delete next.region;
    setParams(paramsFromFilter(next), { replace: true, state: KEEP_FOCUS });
  };
  const directory = useDirectory(filter);
  const items = directory.data?.pages.flatMap((page) => page.items) ?? [];
  const officer = officerSides(me.data).length > 0;

  return (
    <>
      <PageHeader
        title={t("registry.directory.title")}
        description={<p>{t("registry.directory.intro")}</p>}
        actions={
          <>
            {officer ? (
              <LinkButton to={QUEUE_PATH} variant="secondary">
                {t("registry.queue.title")}
              </LinkButton>
            ) : null}
            <LinkButton to={REGISTER_PATH} variant="primary">
              {t("registry.register.action")}
            </LinkButton>
          </>
        }
      />
      <DirectorySearch filter={filter} onChange={update} />
      <section className="section directory-results" aria-labelledby="directory-results-title">
        <h2 id="directory-results-title" className="visually-hidden">
          {t("registry.directory.resultsTitle")}
        </h2>
        <p className="directory-results__status" role="status">
          {directory.isPending
            ? t("registry.directory.searching")
            : directory.isSuccess
              ? items.length === 0
                ? ""
                : directory.hasNextPage
                  ? t("registry.directory.countMore", { n: items.length })
                  : t("registry.directory.count", { n: items.length })
              : ""}
        </p>
        {directory.isPending ? (
          <Spinner />
        ) : directory.isError ? (
          <ErrorState
            error={directory.error}
            onRetry={() => void directory.refetch()}
            retrying={directory.isFetching}
          />
        ) : items.length === 0 ? (
          <NoEnterprise q={filter.q ?? ""} />
        ) : (
          <ul
            className={
              directory.isPlaceholderData ? "enterprise-list enterprise-list--stale" : "enterprise-list"
            }
          >
            {items.map((enterprise) => (
              <EnterpriseCard key={enterprise.id} enterprise={enterprise} />
            ))}
          </ul>
        )}
        {directory.hasNextPage ? (
          <div className="directory-results__more">
            <Button
              variant="secondary"
              onClick={() => void directory.fetchNextPage()}
              loading={directory.isFetchingNextPage}
              loadingLabel={t("common.loading")}
            >
              {t("registry.directory.more")}
            </Button>
          </div>
        ) : null}
      </section>
    </>
  );
}

function DirectorySearch({
  filter,
  onChange,
}: {
  filter: DirectoryFilter;
  onChange: (patch: Partial<DirectoryFilter>) => void;
}) {
  const { t } = useTranslation();
  const ids = useId().replace(/:/g, "");
  const query = filter.q ?? "";
  const [input, setInput] = useState(query);
  const debounced = useDebouncedValue(input.trim(), SEARCH_DELAY_MS);
  // The address changed (back button, a link): the box follows, unless it only differs in spaces.
  useEffect(() => setInput((current) => (current.trim() === query ? current : query)), [query]);
  const commit = useEffectEvent((value: string) => {
    if (value !== query) onChange({ q: value });
  });
  useEffect(() => commit(debounced), [debounced]);

  const regions = useRegionOptions(filter.side ?? null);
  const { chapters } = useHsChapters();
  const chapterLabel = useChapterLabel();
  const chapterOptions =
    chapters.length > 0 ? chapters : HS_CHAPTER_CODES.map((code) => ({ code, names: null }));

  return (
    <search className="panel directory-search">
      <form
        className="directory-search__form"
        onSubmit={(event) => {
          event.preventDefault();
          onChange({ q: input.trim() });
        }}
      >
        <div className="field directory-search__q">
          <label className="field__label" htmlFor={`${ids}-q`}>
            {t("registry.directory.searchLabel")}
          </label>
          <p className="field__hint" id={`${ids}-q-hint`}>
            {t("registry.directory.searchHint")}
          </p>
          <input
            id={`${ids}-q`}
            type="search"
            className="input"
            value={input}
            onChange={(event) => setInput(event.target.value)}
            aria-describedby={`${ids}-q-hint`}
            autoComplete="off"
            spellCheck={false}
            enterKeyHint="search"
          />
        </div>
        <div className="directory-search__filters">
          <div className="field">
            <label className="field__label" htmlFor={`${ids}-side`}>
              {t("registry.directory.side")}
            </label>
            <select
              id={`${ids}-side`}
              className="input select"
              value={filter.side ?? ""}
              onChange={(event) => {
                const value = event.target.value;
                onChange(
                  value === "CN" || value === "RU" ? { side: value satisfies TSide } : { side: undefined },
                );
              }}
            >
              <option value="">{t("registry.directory.sideAll")}</option>
              <option value="CN">{t("side.CN")}</option>
              <option value="RU">{t("side.RU")}</option>
            </select>
          </div>
          <div className="field">
            <label className="field__label" htmlFor={`${ids}-region`}>
              {t("registry.directory.region")}
            </label>
            <select
              id={`${ids}-region`}
              className="input select"
              value={filter.region ?? ""}
              onChange={(event) => onChange({ region: event.target.value || undefined })}
            >
              <option value="">{t("registry.directory.regionAll")}</option>
              <optgroup label={t("registry.form.regionBorder")}>
                {regions.border.map((region) => (
                  <option key={region.code} value={region.code}>
                    {region.name}
                  </option>
                ))}
              </optgroup>
              {regions.others.length > 0 ? (
                <optgroup label={t("registry.directory.regionOthers")}>
                  {regions.others.map((region) => (
                    <option key={region.code} value={region.code}>
                      {region.name}
                    </option>
                  ))}
                </optgroup>
              ) : null}
            </select>
          </div>
          <div className="field">
            <label className="field__label" htmlFor={`${ids}-hs`}>
              {t("registry.directory.chapter")}
            </label>
            <select
              id={`${ids}-hs`}
              className="input select"
              value={filter.hsChapter ?? ""}
              onChange={(event) => onChange({ hsChapter: event.target.value || undefined })}
            >
              <option value="">{t("registry.directory.chapterAll")}</option>
              {chapterOptions.map((chapter) => {
                const text = chapterLabel(chapter);
                return (
                  <option key={chapter.code} value={chapter.code}>
                    {text.name ? `${text.code} ${text.name}` : text.code}
                  </option>
                );
              })}
            </select>
          </div>
          <Checkbox
            id={`${ids}-verified`}
            className="directory-search__verified"
            label={t("registry.directory.verifiedOnly")}
            checked={filter.verifiedOnly ?? false}
            onChange={(verifiedOnly) => onChange({ verifiedOnly })}
          />
        </div>
      </form>
    </search>
  );
}

function EnterpriseCard({ enterprise }: { enterprise: TEnterprise }) {
  const { t } = useTranslation();
  const reader = useNameLanguage();
  // The other names under the title, the one the enterprise uses at home first.
  const native = enterprise.side === "CN" ? "zh" : "ru";
  const otherNames = NAME_LANGUAGES.filter((language) => language !== reader)
    .map((language) => ({ language, text: enterprise.names[language] }))
    .filter((entry): entry is { language: (typeof NAME_LANGUAGES)[number]; text: string } =>
      Boolean(entry.text && entry.text !== enterprise.name),
    )
    .sort((a, b) => (a.language === native ? -1 : b.language === native ? 1 : 0));
  const identifiers =
    enterprise.side === "CN"
      ? [["uscc", enterprise.identifiers.uscc] as const]
      : [
          ["inn", enterprise.identifiers.inn] as const,
          [
            enterprise.identifiers.ogrn?.length === 15 ? "ogrnip" : "ogrn",
            enterprise.identifiers.ogrn,
          ] as const,
        ];
  return (
    <li className="enterprise-card">
      <div className="enterprise-card__main">
        <h3 className="enterprise-card__title">
          <Link
            to={enterprisePath(enterprise.id)}
            className="enterprise-card__link"
            lang={nameLang(enterprise, reader)}
          >
            {enterprise.name}
          </Link>
        </h3>
        {otherNames.length > 0 ? (
          <p className="enterprise-card__names">
            {otherNames.map((entry, index) => (
              <span key={entry.language}>
                {index > 0 ? " · " : null}
                <span lang={htmlLang(entry.language)}>{entry.text}</span>
              </span>
            ))}
          </p>
        ) : null}
        <EnterpriseBadges enterprise={enterprise} />
        <dl className="enterprise-card__facts">
          <div>
            <dt>{t("registry.directory.where")}</dt>
            <dd>
              {t(`side.${enterprise.side}`)} · {enterprise.region.name}
            </dd>
          </div>
          {identifiers.map(([scheme, value]) =>
            value ? (
              <div key={scheme}>
                <dt>{t(`registry.identifiers.short.${scheme}`)}</dt>
                <dd>
                  <code translate="no">{value}</code>
                </dd>
              </div>
            ) : null,
          )}
          {enterprise.hsChapters.length > 0 ? (
            <div>
              <dt>{t("registry.profile.chapters")}</dt>
              <dd>{enterprise.hsChapters.join(", ")}</dd>
            </div>
          ) : null}
        </dl>
      </div>
      <div className="enterprise-card__trust">
        <span className="enterprise-card__trust-label">{t("registry.trust.title")}</span>
        <TrustMeter score={enterprise.trust?.score ?? null} />
      </div>
    </li>
  );
}
