import { useQueries } from "@tanstack/react-query";
import { type KeyboardEvent, useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { EmptyState, ErrorState, LinkButton, PageHeader, Spinner } from "../../components";
import { KEEP_FOCUS } from "../../layout/navigation";
import { useMe } from "../../session";
import { officerSides } from "./access";
import { listCustomsDeclarations } from "./api";
import type { TLane } from "./contracts";
import { DeclarationFilters } from "./DeclarationFilters";
import { DeclarationTable, PAGE_SIZE, ServerPages } from "./DeclarationTable";
import type { DeclarationFilter } from "./filters";
import { changeFilter, filterFromParams, paramsFromFilter } from "./filters";
import { isFinal, LANES_BY_SEVERITY } from "./lifecycle";
import { customsDeclarationPath, DECLARATIONS_PATH, PORT_DASHBOARD_PATH, RISK_RULES_PATH } from "./paths";
import { declarationKeys, useCustomsDeclarations } from "./queries";
import "./declarations.css";

// Without a status chosen, the queue shows what still needs customs (no released, rejected or cancelled
// declarations); that is the most the server returns in one answer.
const OPEN_LIMIT = 200;

/**
 * How many declarations wait in each lane (the server's totals): null until known, and null with
 * `failed` when a count could not be had (the queue then opens on red as before).
 */
function useWaiting(enabled: boolean): { counts: Partial<Record<TLane, number>> | null; failed: boolean } {
  const results = useQueries({
    queries: LANES_BY_SEVERITY.map((lane) => ({
      queryKey: [...declarationKeys.customs, "waiting", lane],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        listCustomsDeclarations({ lane, open: true, limit: 1 }, signal),
      enabled,
      refetchInterval: 30_000,
    })),
  });
  const failed = results.some((r) => r.isError);
  if (!results.every((r) => r.isSuccess)) return { counts: null, failed };
  return {
    counts: Object.fromEntries(LANES_BY_SEVERITY.map((lane, k) => [lane, results[k]?.data?.total ?? 0])),
    failed,
  };
}

/** The customs officer's work: declarations of their side by lane, strictest first. */
export function LaneQueuePage() {
  const { t } = useTranslation();
  const me = useMe();
  const sides = officerSides(me.data);
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => filterFromParams(params), [params]);
  const { counts: waiting, failed: countsFailed } = useWaiting(sides.length > 0);
  // Without a lane in the address: the strictest lane where work waits, once the counts are known.
  const chosen: TLane | undefined =
    filter.lane ??
    (waiting
      ? (LANES_BY_SEVERITY.find((candidate) => (waiting[candidate] ?? 0) > 0) ?? "red")
      : countsFailed
        ? "red"
        : undefined);
  const lane: TLane = chosen ?? "red";
  const update = (patch: Partial<DeclarationFilter>) =>
    setParams(paramsFromFilter(changeFilter({ ...filter, lane }, patch)), {
      replace: true,
      state: KEEP_FOCUS,
    });
  const openOnly = filter.status === undefined;
  const request: DeclarationFilter = openOnly
    ? { ...filter, lane, open: true, offset: 0, limit: OPEN_LIMIT }
    : { ...filter, lane, limit: PAGE_SIZE };
  const list = useCustomsDeclarations(request, sides.length > 0 && chosen !== undefined);
  const rows = (list.data?.items ?? []).filter((row) => !openOnly || !isFinal(row.status));

  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = (index + step + LANES_BY_SEVERITY.length) % LANES_BY_SEVERITY.length;
    const nextLane = LANES_BY_SEVERITY[next];
    if (nextLane) update({ lane: nextLane });
    tabs.current[next]?.focus();
  };

  return (
    <>
      <PageHeader
        eyebrow={<Link to={DECLARATIONS_PATH}>{t("modules.declarations.title")}</Link>}
        title={t("declarations.queue.title")}
        description={
          sides.length > 0 ? (
            <p>
              {t("declarations.queue.intro", { side: sides.map((side) => t(`side.${side}`)).join(" / ") })}
            </p>
          ) : undefined
        }
        actions={
          sides.length > 0 ? (
            <>
              <LinkButton to={RISK_RULES_PATH}>{t("declarations.rules.title")}</LinkButton>
              <LinkButton to={PORT_DASHBOARD_PATH}>{t("declarations.ports.title")}</LinkButton>
            </>
          ) : null
        }
      />
      {sides.length === 0 ? (
        <EmptyState title={t("declarations.queue.notOfficerTitle")}>
          <p>{t("declarations.queue.notOfficerText")}</p>
        </EmptyState>
      ) : (
        <>
          <div className="lane-tabs" role="tablist" aria-label={t("declarations.queue.lanes")}>
            {LANES_BY_SEVERITY.map((tabLane, index) => (
              <button
                key={tabLane}
                ref={(element) => {
                  tabs.current[index] = element;
                }}
                type="button"
                role="tab"
                id={`lane-tab-${tabLane}`}
                aria-selected={tabLane === lane}
                aria-controls="lane-panel"
                tabIndex={tabLane === lane ? 0 : -1}
                className={`lane-tab lane-tab--${tabLane}`}
                onClick={() => update({ lane: tabLane })}
                onKeyDown={(event) => onTabKey(event, index)}
              >
                <span className={`lane-dot lane-dot--${tabLane}`} aria-hidden="true" />
                {t(`declarations.lane.${tabLane}`)}
                {waiting ? (
                  <span
                    className={`lane-tab__count${waiting[tabLane] ? "" : " lane-tab__count--none"}`}
                    title={t("declarations.queue.waiting", { n: waiting[tabLane] ?? 0 })}
                  >
                    <span aria-hidden="true">{waiting[tabLane] ?? 0}</span>
                    <span className="visually-hidden">
                      {t("declarations.queue.waiting", { n: waiting[tabLane] ?? 0 })}
                    </span>
                  </span>
                ) : null}
              </button>
            ))}
          </div>
          <div id="lane-panel" role="tabpanel" aria-labelledby={`lane-tab-${lane}`} className="lane-panel">
            <p className="lane-panel__intro">{t(`declarations.queue.laneText.${lane}`)}</p>
            <DeclarationFilters
              filter={filter}
              sides={sides}
              onChange={(patch) => update(patch)}
              hide={["lane"]}
              anyStatusLabel={t("declarations.queue.openOnly")}
            />
            <p className="decl-results__status" role="status">
              {list.isSuccess
                ? t("declarations.list.count", { n: openOnly ? rows.length : list.data.total })
                : ""}
            </p>
            {list.isPending ? (
              <Spinner />
            ) : list.isError ? (
              <ErrorState error={list.error} onRetry={() => void list.refetch()} retrying={list.isFetching} />
            ) : (
              <div className={list.isPlaceholderData ? "decl-results decl-results--stale" : "decl-results"}>
                <DeclarationTable
                  caption={t("declarations.queue.tableCaption", { lane: t(`declarations.lane.${lane}`) })}
                  rows={rows}
                  href={customsDeclarationPath}
                  view="customs"
                  empty={
                    <EmptyState title={t("declarations.queue.emptyTitle")}>
                      <p>{t("declarations.queue.emptyText")}</p>
                    </EmptyState>
                  }
                />
                {openOnly ? null : (
                  <ServerPages
                    offset={filter.offset ?? 0}
                    count={list.data.items.length}
                    total={list.data.total}
                    onOffset={(offset) => update({ offset })}
                  />
                )}
              </div>
            )}
          </div>
        </>
      )}
    </>
  );
}
