import type { ReactNode } from "react";
import { ErrorState } from "./ErrorState";
import { PageHeader } from "./PageHeader";
import { Spinner } from "./Spinner";

/** What PageLoadState reads of a query; a TanStack Query result has it all. */
export interface LoadingQuery {
  isError: boolean;
  error: unknown;
  isFetching: boolean;
  refetch: () => unknown;
}

export interface PageLoadStateProps {
  /** The page's title while its data is missing, e.g. "Customs declaration" before its number is known. */
  title: string;
  eyebrow?: ReactNode;
  /** The page's main query, while it is still loading or after it failed. */
  query: LoadingQuery;
}

/**
 * A page whose data has not arrived: its header (so the tab title and the way back are there at once),
 * then a spinner, or why loading failed with "Try again".
 */
export function PageLoadState({ title, eyebrow, query }: PageLoadStateProps) {
  return (
    <>
      <PageHeader eyebrow={eyebrow} title={title} />
      {query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />
      ) : (
        <Spinner />
      )}
    </>
  );
}
