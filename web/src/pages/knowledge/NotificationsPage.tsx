import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import {
  Badge,
  type BadgeTone,
  Button,
  EmptyState,
  ErrorState,
  LinkButton,
  PageHeader,
  Spinner,
} from "../../components";
import { formatDateTime } from "../../format";
import { ActionError } from "../declarations/ActionError";
import { markNotificationsRead } from "./api";
import { DocumentTitle } from "./badges";
import type { TNotification } from "./contracts";
import { documentPath, KNOWLEDGE_PATH, SUBSCRIPTIONS_PATH } from "./paths";
import { knowledgeKeys, useNotifications } from "./queries";
import "./knowledge.css";

const CHANGE_TONE: Record<TNotification["change"], BadgeTone> = {
  published: "success",
  amended: "info",
  repealed: "danger",
};

/** The feed: what changed in the documents the reader follows, newest first, the unread ones marked. */
export function NotificationsPage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const feed = useNotifications(true);
  const markRead = useMutation({
    mutationFn: (which: { ids: number[] } | { all: true }) => markNotificationsRead(which),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: knowledgeKeys.notifications }),
  });
  const unread = feed.data?.unread ?? 0;
  return (
    <>
      <PageHeader
        eyebrow={<Link to={KNOWLEDGE_PATH}>{t("modules.knowledge.title")}</Link>}
        title={t("knowledge.notifications.title")}
        description={<p>{t("knowledge.notifications.intro")}</p>}
        actions={
          <>
            {unread > 0 ? (
              <Button
                variant="secondary"
                loading={markRead.isPending}
                onClick={() => markRead.mutate({ all: true })}
              >
                {t("knowledge.notifications.markAll")}
              </Button>
            ) : null}
            <LinkButton to={SUBSCRIPTIONS_PATH}>{t("knowledge.subscriptions.title")}</LinkButton>
          </>
        }
      />
      <ActionError error={markRead.error} />
      <p className="kb-results__status" role="status">
        {feed.isSuccess ? t("knowledge.notifications.unread", { n: unread }) : ""}
      </p>
      {feed.isPending ? (
        <Spinner />
      ) : feed.isError ? (
        <ErrorState error={feed.error} onRetry={() => void feed.refetch()} retrying={feed.isFetching} />
      ) : feed.data.items.length === 0 ? (
        <EmptyState
          title={t("knowledge.notifications.emptyTitle")}
          action={<LinkButton to={SUBSCRIPTIONS_PATH}>{t("knowledge.subscriptions.title")}</LinkButton>}
        >
          <p>{t("knowledge.notifications.emptyText")}</p>
        </EmptyState>
      ) : (
        <ol className="kb-feed">
          {feed.data.items.map((item) => (
            <li key={item.id} className={item.read ? "kb-feed__item" : "kb-feed__item kb-feed__item--unread"}>
              <div className="kb-feed__head">
                <Badge tone={CHANGE_TONE[item.change]}>{t(`knowledge.change.${item.change}`)}</Badge>
                {item.read ? null : (
                  <span className="kb-feed__new">
                    <Badge tone="warning">{t("knowledge.notifications.new")}</Badge>
                  </span>
                )}
                <span className="kb-muted">{formatDateTime(item.createdAt, i18n.language)}</span>
              </div>
              <p className="kb-feed__text">{item.text}</p>
              <p className="kb-feed__doc">
                <Link
                  to={documentPath(item.document.id)}
                  onClick={() => {
                    if (!item.read) markRead.mutate({ ids: [item.id] });
                  }}
                >
                  <DocumentTitle doc={item.document} />
                </Link>
                {item.document.number ? <span className="kb-number">{item.document.number}</span> : null}
              </p>
              {item.read ? null : (
                <Button variant="ghost" size="sm" onClick={() => markRead.mutate({ ids: [item.id] })}>
                  {t("knowledge.notifications.markRead")}
                </Button>
              )}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
