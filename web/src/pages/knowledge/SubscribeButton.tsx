import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { Button } from "../../components";
import { useMe } from "../../session";
import { ActionError } from "../declarations/ActionError";
import { createSubscription } from "./api";
import type { TSubscriptionKind } from "./contracts";
import { SUBSCRIPTIONS_PATH } from "./paths";
import { knowledgeKeys, useSubscriptions } from "./queries";

/**
 * Follows one thing (a document, an HS prefix) in the feed with one click; says so once followed, with a
 * link to the subscriptions. A visitor is offered to sign in first and comes back here.
 */
export function SubscribeButton({
  kind,
  value,
  label,
}: {
  kind: TSubscriptionKind;
  value: string;
  label: string;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  const queryClient = useQueryClient();
  const signedIn = Boolean(me.data);
  const subscriptions = useSubscriptions(signedIn);
  const subscribe = useMutation({
    mutationFn: () => createSubscription({ kind, value, email: false }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: knowledgeKeys.subscriptions }),
  });
  if (!signedIn) {
    const next = `${location.pathname}${location.search}`;
    return (
      <p className="kb-subscribe">
        <Link to={`/login?next=${encodeURIComponent(next)}`}>{t("knowledge.subscribe.signIn")}</Link>
      </p>
    );
  }
  const following = subscriptions.data?.some((s) => s.kind === kind && s.value === value) ?? false;
  return (
    <div className="kb-subscribe">
      {following ? (
        <p className="kb-subscribe__done" role="status">
          <span aria-hidden="true">✓ </span>
          {t("knowledge.subscribe.following")}{" "}
          <Link to={SUBSCRIPTIONS_PATH}>{t("knowledge.subscriptions.title")}</Link>
        </p>
      ) : (
        <Button
          variant="secondary"
          loading={subscribe.isPending || subscriptions.isPending}
          onClick={() => subscribe.mutate()}
        >
          {label}
        </Button>
      )}
      <ActionError error={subscribe.error} />
    </div>
  );
}
