import { useCallback, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { PageHeader } from "../../components";
import { KEEP_FOCUS } from "../../layout/navigation";
import { HsDetail } from "./HsDetail";
import { HsSearch } from "./HsSearch";
import { HsTree } from "./HsTree";
import { HS_BROWSER_PATH, REFERENCE_PATH } from "./paths";
import { useHsNode } from "./queries";
import "./reference.css";

// Below this width the detail sits above the tree (see reference.css), out of sight after a
// selection deep in the tree.
const STACKED_QUERY = "(max-width: 959px)";

/**
 * The HS / TN VED EAEU browser: a search, the tree of the nomenclature and the detail of the selected
 * code. The code is part of the address (`/reference/hs/4403`) and the search too (`?q=`).
 */
export function HsBrowserPage() {
  const { t } = useTranslation();
  const { code } = useParams();
  const selected = code ?? null;
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const query = searchParams.get("q") ?? "";
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const detailHeading = useRef<HTMLHeadingElement>(null);
  const focusDetail = useRef(false);
  const treeTitleId = useId();

  const selectedNode = useHsNode(selected);
  const selectedPath = selectedNode.data?.path;

  // Open the tree down to a newly selected code, wherever the selection came from (search, link,
  // reload). Only on a new selection: the reader may close its ancestors afterwards.
  useEffect(() => {
    if (!selectedPath) return;
    setExpanded((previous) =>
      selectedPath.every((step) => previous.has(step.code))
        ? previous
        : new Set([...previous, ...selectedPath.map((step) => step.code)]),
    );
  }, [selectedPath]);

  // On a phone the detail sits above the tree: after the reader picks a code, take them to it.
  useEffect(() => {
    if (!focusDetail.current || !selectedNode.data) return;
    focusDetail.current = false;
    detailHeading.current?.focus({ preventScroll: true });
    detailHeading.current?.scrollIntoView({ block: "start" });
  }, [selectedNode.data]);

  const codeHref = useCallback(
    (next: string) => {
      const search = query === "" ? "" : `?${new URLSearchParams({ q: query })}`;
      return `${HS_BROWSER_PATH}/${encodeURIComponent(next)}${search}`;
    },
    [query],
  );

  const onSelect = useCallback(
    (next: string) => {
      focusDetail.current = next !== selected && window.matchMedia(STACKED_QUERY).matches;
      navigate(codeHref(next), { state: KEEP_FOCUS });
    },
    [navigate, codeHref, selected],
  );

  const onExpandedChange = useCallback((target: string, open: boolean) => {
    setExpanded((previous) => {
      const next = new Set(previous);
      if (open) next.add(target);
      else next.delete(target);
      return next;
    });
  }, []);

  const onQueryChange = useCallback(
    (next: string) => {
      setSearchParams(next === "" ? {} : { q: next }, { replace: true, state: KEEP_FOCUS });
    },
    [setSearchParams],
  );

  return (
    <>
      <PageHeader
        eyebrow={<Link to={REFERENCE_PATH}>{t("modules.reference.title")}</Link>}
        title={t("reference.hs.title")}
        description={<p>{t("reference.hs.description")}</p>}
      />
      {/* Search, detail, tree: the reading order on a phone; wide screens put the detail beside the
          other two (see reference.css). */}
      <div className="hs-browser">
        <div className="hs-browser__search">
          <HsSearch query={query} onQueryChange={onQueryChange} selected={selected} codeHref={codeHref} />
        </div>
        <div className={selected ? "hs-browser__detail" : "hs-browser__detail hs-browser__detail--empty"}>
          <HsDetail code={selected} codeHref={codeHref} headingRef={detailHeading} />
        </div>
        <section className="hs-browser__tree" aria-labelledby={treeTitleId}>
          <h2 id={treeTitleId} className="hs-browser__tree-title">
            {t("reference.hs.treeTitle")}
          </h2>
          <div className="hs-browser__tree-scroll">
            <HsTree
              selected={selected}
              expanded={expanded}
              onExpandedChange={onExpandedChange}
              onSelect={onSelect}
            />
          </div>
        </section>
      </div>
    </>
  );
}
