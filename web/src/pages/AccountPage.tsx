import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { createApiKey, listApiKeys, revokeApiKey } from "../api";
import {
  Badge,
  Button,
  CheckboxGroup,
  type Column,
  ConfirmDialog,
  CopyField,
  DataTable,
  EmptyState,
  ErrorState,
  Form,
  Notice,
  PageHeader,
  Spinner,
  TextField,
} from "../components";
import {
  ROLES,
  type TApiKey,
  type TCreatedApiKey,
  type TMe,
  type TMembership,
  type TRole,
} from "../contracts";
import { formatDateTime, languageName } from "../format";
import { useMe } from "../session";

const apiKeysQueryKey = ["api-keys"] as const;

/** What an API key may be allowed to do; the server's default for a new key is read and write. */
const SCOPES = ["read", "write", "admin"] as const;
type Scope = (typeof SCOPES)[number];
const DEFAULT_SCOPES: Scope[] = ["read", "write"];

function isScope(scope: string): scope is Scope {
  return (SCOPES as readonly string[]).includes(scope);
}

function isRole(role: string): role is TRole {
  return (ROLES as readonly string[]).includes(role);
}

export function AccountPage() {
  const { t } = useTranslation();
  const me = useMe();
  // RequireAuth only renders this page with a user; the guard keeps the types honest.
  if (!me.data) return null;
  return (
    <>
      <PageHeader title={t("account.title")} description={<p>{t("account.intro")}</p>} />
      <Profile me={me.data} />
      <Memberships memberships={me.data.memberships} />
      <ApiKeys
        isAdmin={me.data.memberships.some((membership) => membership.roles.includes("platform_admin"))}
      />
    </>
  );
}

function Profile({ me }: { me: TMe }) {
  const { t } = useTranslation();
  return (
    <section className="section panel" aria-labelledby="profile-title">
      <h2 id="profile-title" className="section__title">
        {t("account.profile.title")}
      </h2>
      <dl className="details">
        <div>
          <dt>{t("account.profile.displayName")}</dt>
          <dd>{me.user.displayName}</dd>
        </div>
        <div>
          <dt>{t("account.profile.email")}</dt>
          <dd>{me.user.email}</dd>
        </div>
        <div>
          <dt>{t("account.profile.locale")}</dt>
          <dd lang={me.user.locale}>{languageName(me.user.locale)}</dd>
        </div>
      </dl>
    </section>
  );
}

function Memberships({ memberships }: { memberships: readonly TMembership[] }) {
  const { t } = useTranslation();
  const columns: Column<TMembership>[] = [
    {
      id: "organization",
      header: t("account.memberships.organization"),
      cell: (m) => m.organization.name,
      sortValue: (m) => m.organization.name,
      rowHeader: true,
    },
    {
      id: "kind",
      header: t("account.memberships.kind"),
      cell: (m) => t(`organizationKind.${m.organization.kind}`),
      sortValue: (m) => t(`organizationKind.${m.organization.kind}`),
    },
    {
      id: "side",
      header: t("account.memberships.side"),
      cell: (m) => t(`side.${m.organization.side ?? "none"}`),
      sortValue: (m) => t(`side.${m.organization.side ?? "none"}`),
    },
    {
      id: "roles",
      header: t("account.memberships.roles"),
      cell: (m) => (
        <ul className="badge-list">
          {m.roles.map((role) => (
            <li key={role}>
              <Badge tone="info">{isRole(role) ? t(`roles.${role}`) : role}</Badge>
            </li>
          ))}
        </ul>
      ),
    },
  ];
  return (
    <section className="section" aria-labelledby="memberships-title">
      <h2 id="memberships-title" className="section__title">
        {t("account.memberships.title")}
      </h2>
      <DataTable
        caption={t("account.memberships.caption")}
        captionHidden
        columns={columns}
        rows={memberships}
        rowKey={(m) => m.organization.id}
        initialSort={{ columnId: "organization", direction: "ascending" }}
        empty={
          <EmptyState title={t("account.memberships.empty")} headingLevel={3}>
            <p>{t("account.memberships.emptyText")}</p>
          </EmptyState>
        }
      />
    </section>
  );
}

function ApiKeys({ isAdmin }: { isAdmin: boolean }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const keys = useQuery({ queryKey: apiKeysQueryKey, queryFn: ({ signal }) => listApiKeys(signal) });
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<string[]>(DEFAULT_SCOPES);
  // Only administrators have anything an "admin" key could do, so only they are offered it.
  const offeredScopes = SCOPES.filter((scope) => scope !== "admin" || isAdmin);
  const scopeLabel = (scope: string) => (isScope(scope) ? t(`account.apiKeys.scopes.${scope}.label`) : scope);
  const [created, setCreated] = useState<TCreatedApiKey | null>(null);
  const [toRevoke, setToRevoke] = useState<TApiKey | null>(null);
  const [revokedName, setRevokedName] = useState<string | null>(null);

  const create = useMutation({
    mutationFn: createApiKey,
    onSuccess: async (result) => {
      setCreated(result);
      setName("");
      setScopes(DEFAULT_SCOPES);
      setRevokedName(null);
      await queryClient.invalidateQueries({ queryKey: apiKeysQueryKey });
    },
  });

  const revoke = useMutation({
    mutationFn: (key: TApiKey) => revokeApiKey(key.id),
    onSuccess: async (_, key) => {
      setToRevoke(null);
      setRevokedName(key.name);
      if (created?.apiKey.id === key.id) setCreated(null);
      await queryClient.invalidateQueries({ queryKey: apiKeysQueryKey });
    },
  });

  const columns: Column<TApiKey>[] = [
    {
      id: "name",
      header: t("account.apiKeys.columns.name"),
      cell: (k) => k.name,
      sortValue: (k) => k.name,
      rowHeader: true,
    },
    {
      id: "prefix",
      header: t("account.apiKeys.columns.prefix"),
      cell: (k) => <code>{k.prefix}…</code>,
      sortValue: (k) => k.prefix,
    },
    {
      id: "scopes",
      header: t("account.apiKeys.columns.scopes"),
      cell: (k) =>
        k.scopes.length === 0 ? (
          t("common.notSet")
        ) : (
          <ul className="badge-list">
            {k.scopes.map((scope) => (
              <li key={scope}>
                <Badge>{scopeLabel(scope)}</Badge>
              </li>
            ))}
          </ul>
        ),
    },
    {
      id: "createdAt",
      header: t("account.apiKeys.columns.createdAt"),
      cell: (k) => formatDateTime(k.createdAt, i18n.language),
      sortValue: (k) => k.createdAt,
    },
    {
      id: "lastUsedAt",
      header: t("account.apiKeys.columns.lastUsedAt"),
      cell: (k) =>
        k.lastUsedAt ? formatDateTime(k.lastUsedAt, i18n.language) : t("account.apiKeys.neverUsed"),
      sortValue: (k) => k.lastUsedAt,
    },
    {
      id: "status",
      header: t("account.apiKeys.columns.status"),
      cell: (k) =>
        k.revokedAt ? (
          <Badge tone="danger">
            {t("account.apiKeys.revoked")} · {formatDateTime(k.revokedAt, i18n.language)}
          </Badge>
        ) : (
          <Badge tone="success">{t("account.apiKeys.active")}</Badge>
        ),
      sortValue: (k) => (k.revokedAt ? 1 : 0),
    },
    {
      id: "actions",
      header: t("account.apiKeys.columns.actions"),
      cell: (k) =>
        k.revokedAt ? null : (
          <Button
            variant="danger"
            size="sm"
            aria-label={t("account.apiKeys.revokeLabel", { name: k.name })}
            onClick={() => {
              revoke.reset();
              setToRevoke(k);
            }}
          >
            {t("account.apiKeys.revoke")}
          </Button>
        ),
    },
  ];

  return (
    <section className="section" aria-labelledby="api-keys-title">
      <h2 id="api-keys-title" className="section__title">
        {t("account.apiKeys.title")}
      </h2>
      <p className="section__intro">{t("account.apiKeys.intro")}</p>

      <div className="panel">
        <h3 className="panel__title">{t("account.apiKeys.createTitle")}</h3>
        <Form
          onSubmit={() => create.mutate({ name: name.trim(), scopes })}
          error={create.error}
          busy={create.isPending}
          aria-label={t("account.apiKeys.createTitle")}
        >
          <TextField
            name="name"
            label={t("account.apiKeys.name")}
            hint={t("account.apiKeys.nameHint")}
            value={name}
            onChange={(event) => setName(event.target.value)}
            maxLength={100}
            autoComplete="off"
          />
          <CheckboxGroup
            name="scopes"
            legend={t("account.apiKeys.scopes.legend")}
            hint={t("account.apiKeys.scopes.hint")}
            options={offeredScopes.map((scope) => ({
              value: scope,
              label: t(`account.apiKeys.scopes.${scope}.label`),
              hint: t(`account.apiKeys.scopes.${scope}.hint`),
            }))}
            value={scopes}
            onChange={setScopes}
          />
          <div className="form__actions">
            <Button type="submit" loading={create.isPending} loadingLabel={t("account.apiKeys.creating")}>
              {t("account.apiKeys.create")}
            </Button>
          </div>
        </Form>
      </div>

      {created ? (
        <div className="secret" data-testid="api-key-secret">
          <Notice tone="warning" role="alert" title={t("account.apiKeys.secretTitle")}>
            <p>{t("account.apiKeys.secretWarning")}</p>
          </Notice>
          <CopyField
            label={t("account.apiKeys.secretLabel", { name: created.apiKey.name })}
            value={created.secret}
          />
          <Button variant="secondary" onClick={() => setCreated(null)}>
            {t("account.apiKeys.secretDone")}
          </Button>
        </div>
      ) : null}

      {revokedName ? (
        <Notice tone="success">{t("account.apiKeys.revokedNotice", { name: revokedName })}</Notice>
      ) : null}

      {keys.isPending ? (
        <Spinner />
      ) : keys.isError ? (
        <ErrorState
          error={keys.error}
          onRetry={() => void keys.refetch()}
          retrying={keys.isFetching}
          headingLevel={3}
        />
      ) : (
        <DataTable
          caption={t("account.apiKeys.caption")}
          columns={columns}
          rows={keys.data}
          rowKey={(k) => k.id}
          initialSort={{ columnId: "createdAt", direction: "descending" }}
          empty={
            <EmptyState title={t("account.apiKeys.empty")} headingLevel={3}>
              <p>{t("account.apiKeys.emptyText")}</p>
            </EmptyState>
          }
        />
      )}

      <ConfirmDialog
        open={toRevoke !== null}
        title={toRevoke ? t("account.apiKeys.revokeTitle", { name: toRevoke.name }) : ""}
        confirmLabel={t("account.apiKeys.revokeConfirm")}
        busy={revoke.isPending}
        onConfirm={() => {
          if (toRevoke) revoke.mutate(toRevoke);
        }}
        onCancel={() => setToRevoke(null)}
      >
        <p>{t("account.apiKeys.revokeText")}</p>
        {revoke.error ? <ErrorState error={revoke.error} headingLevel={3} /> : null}
      </ConfirmDialog>
    </section>
  );
}
