import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { EmptyState, ErrorState, LinkButton, PageHeader, Spinner } from "../../components";
import { KEEP_FOCUS } from "../../layout/navigation";
import { useMe } from "../../session";
import { declarantOptions } from "./access";
import { DeclarationFilters } from "./DeclarationFilters";
import { DeclarationTable, PAGE_SIZE, ServerPages } from "./DeclarationTable";
import type { DeclarationFilter } from "./filters";
import { changeFilter, filterFromParams, paramsFromFilter } from "./filters";
import { DECLARATIONS_PATH, declarationPath, NEW_DECLARATION_PATH } from "./paths";
import { useMyDeclarations } from "./queries";
import "./declarations.css";

/** The enterprise's own declarations, newest first, with filters that stay in the address. */
export function MyDeclarationsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const declarants = declarantOptions(me.data);
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => filterFromParams(params), [params]);
  const update = (patch: Partial<DeclarationFilter>) =>
    setParams(paramsFromFilter(changeFilter(filter, patch)), { replace: true, state: KEEP_FOCUS });
  const list = useMyDeclarations({ ...filter, limit: PAGE_SIZE }, declarants.length > 0);
  const sides = [...new Set(declarants.map((declarant) => declarant.side))];

  return (
    <>
      <PageHeader
        eyebrow={<Link to={DECLARATIONS_PATH}>{t("modules.declarations.title")}</Link>}
        title={t("declarations.mine.title")}
        description={<p>{t("declarations.mine.intro")}</p>}
        actions={
          declarants.length > 0 ? (
            <LinkButton to={NEW_DECLARATION_PATH} variant="primary">
              {t("declarations.form.newTitle")}
            </LinkButton>
          ) : null
        }
      />
      {declarants.length === 0 ? (
        <EmptyState title={t("declarations.form.notDeclarantTitle")}>
          <p>{t("declarations.form.notDeclarantText")}</p>
        </EmptyState>
      ) : (
        <>
          <DeclarationFilters filter={filter} sides={sides} onChange={update} />
          <section className="section" aria-labelledby="mine-results-title">
            <h2 id="mine-results-title" className="visually-hidden">
              {t("declarations.mine.resultsTitle")}
            </h2>
            <p className="decl-results__status" role="status">
              {list.isSuccess ? t("declarations.list.count", { n: list.data.total }) : ""}
            </p>
            {list.isPending ? (
              <Spinner />
            ) : list.isError ? (
              <ErrorState error={list.error} onRetry={() => void list.refetch()} retrying={list.isFetching} />
            ) : (
              <div className={list.isPlaceholderData ? "decl-results decl-results--stale" : "decl-results"}>
                <DeclarationTable
                  caption={t("declarations.mine.resultsTitle")}
                  rows={list.data.items}
                  href={declarationPath}
                  view="declarant"
                  empty={
                    <EmptyState
                      title={t("declarations.mine.emptyTitle")}
                      action={
                        <LinkButton to={NEW_DECLARATION_PATH} variant="primary">
                          {t("declarations.form.newTitle")}
                        </LinkButton>
                      }
                    >
                      <p>{t("declarations.mine.emptyText")}</p>
                    </EmptyState>
                  }
                />
                <ServerPages
                  offset={filter.offset ?? 0}
                  count={list.data.items.length}
                  total={list.data.total}
                  onOffset={(offset) => update({ offset })}
                />
              </div>
            )}
          </section>
        </>
      )}
    </>
  );
}
