import {
  createContext,
  type KeyboardEvent,
  type MouseEvent,
  useContext,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../api";
import { Badge, ErrorState, Spinner } from "../../components";
import type { THsBrief } from "../../contracts";
import { LocalName } from "./LocalName";
import { useHsNode, useHsSections } from "./queries";

interface TreeState {
  selected: string | null;
  expanded: ReadonlySet<string>;
  /** The one item in the tab order (roving tabindex); the others are reached with the arrow keys. */
  focusCode: string | null;
  setFocusCode: (code: string) => void;
  setExpanded: (code: string, open: boolean) => void;
  select: (code: string) => void;
}

const TreeContext = createContext<TreeState | null>(null);

function useTree(): TreeState {
  const state = useContext(TreeContext);
  if (!state) throw new Error("HsTreeItem outside HsTree");
  return state;
}

export interface HsTreeProps {
  selected: string | null;
  expanded: ReadonlySet<string>;
  onExpandedChange: (code: string, open: boolean) => void;
  /** The reader picked a code (click, Enter or Space). */
  onSelect: (code: string) => void;
}

/**
 * The nomenclature as a WAI-ARIA tree: sections at the top, children fetched when a node opens. One item
 * is in the tab order; arrows move, Right/Left open and close, Home/End jump, Enter or Space selects.
 */
export function HsTree({ selected, expanded, onExpandedChange, onSelect }: HsTreeProps) {
  const { t } = useTranslation();
  const sections = useHsSections();
  const treeRef = useRef<HTMLUListElement>(null);
  const [focusCode, setFocusCode] = useState<string | null>(null);

  // Keep exactly one item tabbable: after a collapse hides the focused item, or before anything was
  // focused, the selected item (when visible) or else the first one takes the tab stop.
  useLayoutEffect(() => {
    const tree = treeRef.current;
    if (!tree || tree.querySelector('[role="treeitem"][tabindex="0"]')) return;
    const items = treeItems(tree);
    const fallback = items.find((item) => item.dataset.code === selected) ?? items[0];
    if (fallback?.dataset.code) setFocusCode(fallback.dataset.code);
  });

  const state = useMemo<TreeState>(
    () => ({
      selected,
      expanded,
      focusCode,
      setFocusCode,
      setExpanded: onExpandedChange,
      select: onSelect,
    }),
    [selected, expanded, focusCode, onExpandedChange, onSelect],
  );

  if (sections.isPending) return <Spinner />;
  if (sections.isError) {
    return <ErrorState error={sections.error} onRetry={() => void sections.refetch()} headingLevel={3} />;
  }
  return (
    <TreeContext.Provider value={state}>
      {/* biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the WAI-ARIA tree pattern is built on nested lists; the roles replace the list semantics. */}
      <ul ref={treeRef} role="tree" aria-label={t("reference.hs.treeLabel")} className="hs-tree">
        {sections.data.map((section, index) => (
          <HsTreeItem
            key={section.code}
            node={section}
            level={1}
            position={index + 1}
            setSize={sections.data.length}
          />
        ))}
      </ul>
    </TreeContext.Provider>
  );
}

function treeItems(tree: Element): HTMLElement[] {
  return [...tree.querySelectorAll<HTMLElement>('[role="treeitem"]')];
}

function focusItem(item: HTMLElement | null | undefined, setFocusCode: (code: string) => void): void {
  const code = item?.dataset.code;
  if (!item || !code) return;
  setFocusCode(code);
  item.focus();
}

/** Scrolls the tree's own box (wide screens) so the item shows; a phone's page is left where it is. */
function revealInTree(item: HTMLElement): void {
  const box = item.closest<HTMLElement>(".hs-browser__tree-scroll");
  if (!box || box.scrollHeight <= box.clientHeight) return;
  const row = item.querySelector<HTMLElement>(".hs-tree__row") ?? item;
  const top = row.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
  if (top < box.scrollTop || top + row.offsetHeight > box.scrollTop + box.clientHeight) {
    box.scrollTop = Math.max(0, top - box.clientHeight / 3);
  }
}

interface HsTreeItemProps {
  node: THsBrief;
  level: number;
  position: number;
  setSize: number;
}

function HsTreeItem({ node, level, position, setSize }: HsTreeItemProps) {
  const { t } = useTranslation();
  const tree = useTree();
  const labelId = useId();
  const itemRef = useRef<HTMLLIElement>(null);
  // National lines are the bottom of the tree; any other node may have children until it says otherwise.
  const mayHaveChildren = node.level !== "national";
  const open = mayHaveChildren && tree.expanded.has(node.code);
  const children = useHsNode(open ? node.code : null);
  const isLeaf = !mayHaveChildren || (children.data !== undefined && children.data.children.length === 0);
  const isSelected = tree.selected === node.code;
  const { setFocusCode } = tree;

  // A newly selected code (from the search or a link) takes the tab stop and scrolls into view.
  useEffect(() => {
    if (!isSelected || !itemRef.current) return;
    setFocusCode(node.code);
    revealInTree(itemRef.current);
  }, [isSelected, node.code, setFocusCode]);

  const setOpen = (next: boolean) => {
    if (isLeaf) return;
    tree.setExpanded(node.code, next);
    if (next && children.isError) void children.refetch();
  };

  const onClick = (event: MouseEvent<HTMLLIElement>) => {
    const target = event.target instanceof Element ? event.target : null;
    // Clicks bubble up through the ancestors' items; only the innermost item acts on them.
    if (target?.closest('[role="treeitem"]') !== event.currentTarget) return;
    setFocusCode(node.code);
    if (target.closest(".hs-tree__toggle")) {
      setOpen(!open);
      return;
    }
    tree.select(node.code);
    if (!open) setOpen(true);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLLIElement>) => {
    if (event.target !== event.currentTarget) return;
    const item = event.currentTarget;
    const root = item.closest('[role="tree"]');
    if (!root) return;
    const items = treeItems(root);
    const index = items.indexOf(item);
    switch (event.key) {
      case "ArrowDown":
        focusItem(items[index + 1], setFocusCode);
        break;
      case "ArrowUp":
        focusItem(items[index - 1], setFocusCode);
        break;
      case "Home":
        focusItem(items[0], setFocusCode);
        break;
      case "End":
        focusItem(items.at(-1), setFocusCode);
        break;
      case "ArrowRight":
        if (isLeaf) break;
        if (!open) setOpen(true);
        else focusItem(item.querySelector<HTMLElement>('[role="group"] > [role="treeitem"]'), setFocusCode);
        break;
      case "ArrowLeft":
        if (open) setOpen(false);
        else focusItem(item.parentElement?.closest<HTMLElement>('[role="treeitem"]'), setFocusCode);
        break;
      case "Enter":
      case " ":
        tree.select(node.code);
        if (!open) setOpen(true);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  return (
    <li
      ref={itemRef}
      role="treeitem"
      className={isSelected ? "hs-tree__item hs-tree__item--selected" : "hs-tree__item"}
      data-code={node.code}
      aria-labelledby={labelId}
      aria-level={level}
      aria-posinset={position}
      aria-setsize={setSize}
      aria-selected={isSelected}
      aria-expanded={isLeaf ? undefined : open}
      aria-busy={open && children.isPending ? true : undefined}
      tabIndex={tree.focusCode === node.code ? 0 : -1}
      onClick={onClick}
      onKeyDown={onKeyDown}
    >
      <div className="hs-tree__row" style={{ paddingInlineStart: `${(level - 1) * 1.1 + 0.25}rem` }}>
        <span className="hs-tree__toggle" aria-hidden="true">
          {isLeaf ? null : (
            <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
              <path d={open ? "M3 6l5 5 5-5" : "M6 3l5 5-5 5"} />
            </svg>
          )}
        </span>
        <span id={labelId} className="hs-tree__label">
          <span className="hs-code">{node.code}</span> <LocalName names={node.names} />
        </span>
        {node.level === "national" ? (
          <span className="hs-tree__badge">
            <Badge>{t("reference.hs.levels.national")}</Badge>
          </span>
        ) : null}
      </div>
      {open && children.isPending ? (
        <div className="hs-tree__status" style={{ paddingInlineStart: `${level * 1.1 + 1.5}rem` }}>
          <Spinner inline /> {t("common.loading")}
        </div>
      ) : null}
      {open && children.isError ? (
        <div className="hs-tree__status hs-tree__status--error" role="alert">
          {isApiError(children.error) ? children.error.title : t("errors.unexpectedTitle")}
        </div>
      ) : null}
      {open && children.data && children.data.children.length > 0 ? (
        // biome-ignore lint/a11y/useSemanticElements: a tree's nested level is role="group" by the WAI-ARIA tree pattern; a fieldset would be a form group.
        <ul role="group" className="hs-tree__group">
          {children.data.children.map((child, index) => (
            <HsTreeItem
              key={child.code}
              node={child}
              level={level + 1}
              position={index + 1}
              setSize={children.data.children.length}
            />
          ))}
        </ul>
      ) : null}
    </li>
  );
}
