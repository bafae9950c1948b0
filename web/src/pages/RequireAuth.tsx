import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { ErrorState, Spinner } from "../components";
import { useMe } from "../session";

/** Renders its children for a signed-in user; sends anyone else to sign in and then back here. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Spinner />;
  if (me.isError)
    return <ErrorState error={me.error} onRetry={() => void me.refetch()} retrying={me.isFetching} />;
  if (!me.data) {
    const next = encodeURIComponent(`${location.pathname}${location.search}`);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  return <>{children}</>;
}
