import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import {
  Button,
  Checkbox,
  ConfirmDialog,
  CopyField,
  EmptyState,
  ErrorState,
  Form,
  LinkButton,
  Notice,
  PageHeader,
  RadioGroup,
  Select,
  Spinner,
  TextField,
} from "../../components";
import { formatDateTime } from "../../format";
import { ActionError } from "../declarations/ActionError";
import { createSubscription, deleteSubscription } from "./api";
import { DocumentTitle, TopicName } from "./badges";
import { SUBSCRIPTION_KINDS, type TSubscription, type TSubscriptionKind } from "./contracts";
import { documentPath, KNOWLEDGE_PATH, NOTIFICATIONS_PATH } from "./paths";
import { usePorts } from "./ports";
import { knowledgeKeys, useDocument, useSubscriptions } from "./queries";
import { normalizeHs } from "./search";
import { subscriptionInput } from "./subscription";
import { TOPICS } from "./topics";
import "./knowledge.css";

/**
 * What the reader follows — HS codes, crossings, topics, documents — and a form to follow more, with a
 * webhook and e-mail besides the feed. A webhook's signing secret is shown once, when it is created.
 */
export function SubscriptionsPage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const subscriptions = useSubscriptions(true);
  const ports = usePorts();
  const [created, setCreated] = useState<TSubscription | null>(null);
  const [removing, setRemoving] = useState<TSubscription | null>(null);
  const remove = useMutation({
    mutationFn: (subscription: TSubscription) => deleteSubscription(subscription.id),
    onSuccess: async () => {
      setRemoving(null);
      await queryClient.invalidateQueries({ queryKey: knowledgeKeys.subscriptions });
    },
  });
  const describe = (subscription: Pick<TSubscription, "kind" | "value">) => {
    switch (subscription.kind) {
      case "hs":
        return <span className="kb-hs">{subscription.value}</span>;
      case "port":
        return <>{ports.name(subscription.value)}</>;
      case "topic":
        return <TopicName topic={subscription.value} />;
      case "document":
        return <SubscribedDocument id={subscription.value} />;
    }
  };

  return (
    <>
      <PageHeader
        eyebrow={<Link to={KNOWLEDGE_PATH}>{t("modules.knowledge.title")}</Link>}
        title={t("knowledge.subscriptions.title")}
        description={<p>{t("knowledge.subscriptions.intro")}</p>}
        actions={<LinkButton to={NOTIFICATIONS_PATH}>{t("knowledge.notifications.title")}</LinkButton>}
      />
      {created?.webhookSecret ? (
        <div className="secret" data-testid="webhook-secret">
          <Notice tone="warning" role="alert" title={t("knowledge.subscriptions.secretTitle")}>
            <p>{t("knowledge.subscriptions.secretText")}</p>
          </Notice>
          <CopyField label={t("knowledge.subscriptions.secretLabel")} value={created.webhookSecret} />
          <Button variant="secondary" onClick={() => setCreated(null)}>
            {t("knowledge.subscriptions.secretDone")}
          </Button>
        </div>
      ) : created ? (
        <Notice tone="success">
          <p>{t("knowledge.subscriptions.created")}</p>
        </Notice>
      ) : null}
      <section className="section" aria-labelledby="kb-subs-title">
        <h2 id="kb-subs-title" className="section__title">
          {t("knowledge.subscriptions.listTitle")}
        </h2>
        {subscriptions.isPending ? (
          <Spinner />
        ) : subscriptions.isError ? (
          <ErrorState
            error={subscriptions.error}
            onRetry={() => void subscriptions.refetch()}
            retrying={subscriptions.isFetching}
          />
        ) : subscriptions.data.length === 0 ? (
          <EmptyState title={t("knowledge.subscriptions.emptyTitle")}>
            <p>{t("knowledge.subscriptions.emptyText")}</p>
          </EmptyState>
        ) : (
          <ul className="kb-subscriptions">
            {subscriptions.data.map((subscription) => (
              <li key={subscription.id} className="kb-subscription">
                <div>
                  <p className="kb-subscription__what">
                    <span className="kb-muted">
                      {t(`knowledge.subscriptions.kinds.${subscription.kind}`)}:
                    </span>{" "}
                    {describe(subscription)}
                  </p>
                  <p className="kb-muted">
                    {[
                      t("knowledge.subscriptions.inFeed"),
                      subscription.email ? t("knowledge.subscriptions.byEmail") : null,
                      subscription.webhookUrl
                        ? t("knowledge.subscriptions.byWebhook", { url: subscription.webhookUrl })
                        : null,
                    ]
                      .filter(Boolean)
                      .join(" · ")}{" "}
                    ·{" "}
                    {t("knowledge.subscriptions.since", {
                      date: formatDateTime(subscription.createdAt, i18n.language),
                    })}
                  </p>
                </div>
                <Button variant="ghost" size="sm" onClick={() => setRemoving(subscription)}>
                  {t("knowledge.subscriptions.remove")}
                </Button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <NewSubscription onCreated={setCreated} />
      <ConfirmDialog
        open={removing !== null}
        title={t("knowledge.subscriptions.removeTitle")}
        confirmLabel={t("knowledge.subscriptions.remove")}
        busy={remove.isPending}
        onConfirm={() => removing && remove.mutate(removing)}
        onCancel={() => {
          remove.reset();
          setRemoving(null);
        }}
      >
        {removing ? (
          <p>
            {t(`knowledge.subscriptions.kinds.${removing.kind}`)}: {describe(removing)}
          </p>
        ) : null}
        <ActionError error={remove.error} />
      </ConfirmDialog>
    </>
  );
}

function NewSubscription({ onCreated }: { onCreated: (subscription: TSubscription) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const ports = usePorts();
  const [kind, setKind] = useState<TSubscriptionKind>("hs");
  const [value, setValue] = useState("");
  const [webhookUrl, setWebhookUrl] = useState("");
  const [email, setEmail] = useState(false);
  const create = useMutation({
    mutationFn: () => createSubscription(subscriptionInput({ kind, value, webhookUrl, email })),
    onSuccess: async (subscription) => {
      onCreated(subscription);
      setValue("");
      setWebhookUrl("");
      setEmail(false);
      await queryClient.invalidateQueries({ queryKey: knowledgeKeys.subscriptions });
    },
  });
  return (
    <section className="section panel" aria-labelledby="kb-new-sub-title">
      <h2 id="kb-new-sub-title" className="panel__title">
        {t("knowledge.subscriptions.newTitle")}
      </h2>
      <Form onSubmit={() => create.mutate()} error={create.error} busy={create.isPending}>
        <RadioGroup
          legend={t("knowledge.subscriptions.kindLegend")}
          name="kind"
          inline
          value={kind}
          onChange={(next) => {
            setKind(next);
            setValue("");
          }}
          options={SUBSCRIPTION_KINDS.filter((k) => k !== "document").map((k) => ({
            value: k,
            label: t(`knowledge.subscriptions.kinds.${k}`),
          }))}
          hint={t("knowledge.subscriptions.documentHint")}
        />
        {kind === "hs" ? (
          <TextField
            name="value"
            label={t("knowledge.subscriptions.hsValue")}
            hint={t("knowledge.subscriptions.hsHint")}
            inputMode="numeric"
            value={value}
            onChange={(event) => setValue(event.target.value)}
            onBlur={() => setValue(normalizeHs(value))}
          />
        ) : kind === "port" ? (
          <Select
            name="value"
            label={t("knowledge.subscriptions.portValue")}
            value={value}
            onChange={(event) => setValue(event.target.value)}
            options={[{ value: "", label: t("knowledge.subscriptions.choose") }, ...ports.options]}
          />
        ) : (
          <Select
            name="value"
            label={t("knowledge.subscriptions.topicValue")}
            value={value}
            onChange={(event) => setValue(event.target.value)}
            options={[
              { value: "", label: t("knowledge.subscriptions.choose") },
              ...TOPICS.map((topic) => ({ value: topic, label: t(`knowledge.topics.${topic}`) })),
            ]}
          />
        )}
        <TextField
          name="webhookUrl"
          type="url"
          label={t("knowledge.subscriptions.webhookUrl")}
          hint={t("knowledge.subscriptions.webhookHint")}
          optional
          value={webhookUrl}
          onChange={(event) => setWebhookUrl(event.target.value)}
        />
        <Checkbox
          name="email"
          label={t("knowledge.subscriptions.email")}
          checked={email}
          onChange={setEmail}
        />
        <div>
          <Button type="submit" loading={create.isPending}>
            {t("knowledge.subscriptions.add")}
          </Button>
        </div>
      </Form>
    </section>
  );
}

/** A followed document by its title once loaded; a link in any case. */
function SubscribedDocument({ id }: { id: string }) {
  const { t } = useTranslation();
  const document = useDocument(id);
  return (
    <Link to={documentPath(id)}>
      {document.data ? <DocumentTitle doc={document.data} /> : t("knowledge.subscriptions.documentLink")}
    </Link>
  );
}
