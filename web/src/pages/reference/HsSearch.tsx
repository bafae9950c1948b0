import { useEffect, useEffectEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Badge, ErrorState, Spinner } from "../../components";
import { HS_LEVELS, type THsLevel } from "../../contracts";
import { KEEP_FOCUS } from "../../layout/navigation";
import { LocalName } from "./LocalName";
import { HS_SEARCH_LIMIT, useHsSearch } from "./queries";

const SEARCH_DELAY_MS = 300;

function useDebouncedValue<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), delayMs);
    return () => window.clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}

/** "Chapter 44", "第44章", "Группа 44". */
export function useLevelCode() {
  const { t } = useTranslation();
  return (level: THsLevel, code: string) => t(`reference.hs.levelCode.${level}`, { code });
}

export interface HsSearchProps {
  /** The search as it stands in the address (`?q=`), so a search can be linked and survives a reload. */
  query: string;
  onQueryChange: (query: string) => void;
  selected: string | null;
  /** The address of a code, keeping the current search in it. */
  codeHref: (code: string) => string;
}

/** A search box for codes and words, with results as links that select the code in the browser. */
export function HsSearch({ query, onQueryChange, selected, codeHref }: HsSearchProps) {
  const { t } = useTranslation();
  const levelCode = useLevelCode();
  const inputId = useId();
  const hintId = useId();
  const resultsId = useId();
  const [input, setInput] = useState(query);
  const debounced = useDebouncedValue(input.trim(), SEARCH_DELAY_MS);

  // The address changed (back button, a link): the box follows, unless it only differs in spaces the
  // reader is still typing.
  useEffect(() => setInput((current) => (current.trim() === query ? current : query)), [query]);
  // Only a new pause in typing updates the address; a change of the address alone must not write the
  // previous input back into it.
  const commitQuery = useEffectEvent((value: string) => {
    if (value !== query) onQueryChange(value);
  });
  useEffect(() => commitQuery(debounced), [debounced]);

  const search = useHsSearch(query);
  const items = search.data ?? [];
  // A full 8- or 10-digit code may be a Chinese national code, which a search cannot list: offer it.
  const directCode =
    /^\d{8}(\d{2})?$/.test(query) && !items.some((item) => item.code === query) ? query : null;

  return (
    <div className="hs-search">
      <search className="field">
        <label className="field__label" htmlFor={inputId}>
          {t("reference.hs.searchLabel")}
        </label>
        <p className="field__hint" id={hintId}>
          {t("reference.hs.searchHint")}
        </p>
        <input
          id={inputId}
          type="search"
          className="input hs-search__input"
          value={input}
          onChange={(event) => setInput(event.target.value)}
          aria-describedby={hintId}
          aria-controls={resultsId}
          autoComplete="off"
          spellCheck={false}
          enterKeyHint="search"
        />
      </search>
      <div id={resultsId} className="hs-search__results">
        <p className="hs-search__status" role="status">
          {query === ""
            ? null
            : search.isFetching
              ? t("reference.hs.searching")
              : search.isSuccess
                ? items.length === 0
                  ? t("reference.hs.noResults", { q: query })
                  : t("reference.hs.resultsCount", { n: items.length })
                : null}
        </p>
        {query !== "" && search.isPending ? <Spinner /> : null}
        {search.isError ? (
          <ErrorState error={search.error} onRetry={() => void search.refetch()} headingLevel={3} />
        ) : null}
        {query !== "" && items.length > 0 ? (
          <ul className="hs-hits" aria-label={t("reference.hs.resultsTitle")}>
            {items.map((item) => (
              <li key={item.code}>
                <Link
                  to={codeHref(item.code)}
                  state={KEEP_FOCUS}
                  className="hs-hit"
                  aria-current={item.code === selected ? "true" : undefined}
                >
                  <span className="hs-hit__head">
                    <span className="hs-code">{item.code}</span>
                    <Badge>{t(`reference.hs.levels.${item.level}`)}</Badge>
                  </span>
                  <LocalName names={item.names} className="hs-hit__name" />
                  {item.path.length > 0 ? (
                    <span className="hs-hit__path">
                      {item.path
                        .map((code, index) => levelCode(HS_LEVELS[index] ?? "national", code))
                        .join(" › ")}
                    </span>
                  ) : null}
                </Link>
              </li>
            ))}
          </ul>
        ) : null}
        {items.length >= HS_SEARCH_LIMIT ? (
          <p className="hs-search__more">{t("reference.hs.moreResults", { n: HS_SEARCH_LIMIT })}</p>
        ) : null}
        {directCode ? (
          <p>
            <Link to={codeHref(directCode)} state={KEEP_FOCUS}>
              {t("reference.hs.openCode", { code: directCode })}
            </Link>
          </p>
        ) : null}
      </div>
    </div>
  );
}
