import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { isApiError } from "../../api";
import {
  Button,
  type Column,
  ConfirmDialog,
  DataTable,
  EmptyState,
  ErrorState,
  Notice,
  PageHeader,
  Spinner,
} from "../../components";
import { useMe } from "../../session";
import { ActionError } from "../declarations/ActionError";
import { LocalName, useNameLanguage } from "../reference/LocalName";
import { pickName } from "../reference/names";
import { quotaOfficerSides } from "./access";
import { manualGrants, manualTotal } from "./amounts";
import { actOnPool, allocatePool, rejectApplication } from "./api";
import type { TAllocationResult, TApplication, TManualGrant, TPool } from "./contracts";
import { licencePath, poolPath } from "./paths";
import { quotaKeys, usePool, usePoolApplications } from "./queries";
import { ApplicationStatusBadge, BorderTradeBadge, ShareBar, useQuotaFormat } from "./ui";
import "./quotas.css";

type Pending =
  | { kind: "rule" }
  | { kind: "manual"; grants: TManualGrant[] }
  | { kind: "reject"; application: TApplication }
  | { kind: "publish" };

/**
 * The quota officers' desk for one pool of their side: the applications, allocation by the pool's rule or
 * by amounts typed per application, rejection with a reason, and publication of the allocation list.
 */
export function PoolApplicationsPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const me = useMe();
  const pool = usePool(id);
  const officer = pool.data ? quotaOfficerSides(me.data).includes(pool.data.side) : false;
  const applications = usePoolApplications(id, officer);
  const reader = useNameLanguage();

  if (pool.isPending) return <Spinner />;
  if (pool.isError) return <ErrorState error={pool.error} onRetry={() => void pool.refetch()} />;
  const name = pickName(pool.data.names, reader)?.text ?? pool.data.id;
  return (
    <>
      <PageHeader
        eyebrow={<Link to={poolPath(pool.data.id)}>{name}</Link>}
        title={t("quotas.officer.title")}
        description={<p>{t(`quotas.ruleText.${pool.data.allocationRule}`)}</p>}
      />
      {!officer ? (
        <EmptyState title={t("quotas.officer.notOfficerTitle")}>
          <p>{t("quotas.officer.notOfficerText")}</p>
        </EmptyState>
      ) : applications.isPending ? (
        <Spinner />
      ) : applications.isError ? (
        <ErrorState error={applications.error} onRetry={() => void applications.refetch()} />
      ) : (
        <ApplicationsDesk pool={pool.data} applications={applications.data} />
      )}
    </>
  );
}

function ApplicationsDesk({ pool, applications }: { pool: TPool; applications: readonly TApplication[] }) {
  const { t } = useTranslation();
  const format = useQuotaFormat();
  const reader = useNameLanguage();
  const queryClient = useQueryClient();
  const reasonId = useId();
  const [sent, setSent] = useState<TManualGrant[]>([]);
  const [amounts, setAmounts] = useState<Record<string, string>>({});
  const [pending, setPending] = useState<Pending | null>(null);
  const [reason, setReason] = useState("");
  const [outcome, setOutcome] = useState<TAllocationResult | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const amount = (value: string) => format.poolAmount(value, pool);
  const open = pool.status === "published";
  const pendingApplications = applications.filter((application) => application.status === "pending");
  const grants = manualGrants(applications, amounts);

  const refresh = () => queryClient.invalidateQueries({ queryKey: quotaKeys.all });
  const act = useMutation({
    mutationFn: async (action: Pending) => {
      if (action.kind === "manual") setSent(action.grants);
      switch (action.kind) {
        case "rule":
          return { allocation: await allocatePool(pool.id) };
        case "manual":
          return { allocation: await allocatePool(pool.id, action.grants) };
        case "reject":
          await rejectApplication(action.application.id, reason.trim());
          return { allocation: null };
        case "publish":
          await actOnPool(pool.id, "publish-allocations");
          return { allocation: null };
      }
    },
    onError: (_error, action) => {
      // An allocation's problems belong to the rows and the panel under the list: close the dialog.
      if (action.kind === "rule" || action.kind === "manual") setPending(null);
    },
    onSuccess: async (result, action) => {
      setPending(null);
      setReason("");
      if (result.allocation) {
        setOutcome(result.allocation);
        setAmounts({});
        setMessage(null);
      } else {
        setOutcome(null);
        setMessage(
          action.kind === "publish"
            ? t("quotas.actions.publishAllocations.done")
            : t("quotas.officer.rejected"),
        );
      }
      await refresh();
    },
  });
  // A manual allocation's problem names the grant by its place in the list sent ("manual.2.amount").
  const sentGrants = sent;
  const errorAt = (applicationId: string): string | undefined => {
    if (!isApiError(act.error)) return undefined;
    return act.error.errors.find((fieldError) => {
      const match = /^manual\.(\d+)\.amount$/.exec(fieldError.path);
      return match && sentGrants[Number(match[1])]?.applicationId === applicationId;
    })?.message;
  };
  const shownAtRows = isApiError(act.error)
    ? act.error.errors
        .map((fieldError) => fieldError.path)
        .filter((path) => /^manual\.\d+\.amount$/.test(path))
    : [];

  const columns: Column<TApplication>[] = [
    {
      id: "enterprise",
      header: t("quotas.applications.enterprise"),
      rowHeader: true,
      cell: (row) => (
        <>
          <LocalName names={row.enterprise.names} /> {row.borderTrade ? <BorderTradeBadge /> : null}
        </>
      ),
    },
    {
      id: "amount",
      header: t("quotas.applications.amount"),
      align: "end",
      cell: (row) => <span className="num">{amount(row.amount)}</span>,
    },
    {
      id: "created",
      header: t("quotas.applications.created"),
      sortValue: (row) => row.createdAt,
      cell: (row) => format.dateTime(row.createdAt),
    },
    {
      id: "status",
      header: t("quotas.applications.status"),
      cell: (row) => <ApplicationStatusBadge status={row.status} />,
    },
    {
      id: "note",
      header: t("quotas.applications.noteOrOutcome"),
      cell: (row) =>
        row.licenceNumber ? (
          <Link to={licencePath(row.licenceNumber)} className="stat-code">
            {row.licenceNumber}
          </Link>
        ) : (
          (row.reason ?? row.note ?? <span className="quota-muted">{t("common.notSet")}</span>)
        ),
    },
    {
      id: "grant",
      header: t("quotas.officer.grant"),
      cell: (row) => {
        if (row.status !== "pending" || !open) return null;
        const error = errorAt(row.id);
        const inputId = `grant-${row.id}`;
        return (
          <div className={error ? "grant field--invalid" : "grant"}>
            <label className="visually-hidden" htmlFor={inputId}>
              {t("quotas.officer.grantFor", { name: pickName(row.enterprise.names, reader)?.text ?? "" })}
            </label>
            <input
              id={inputId}
              className="input input--compact input--number grant__input"
              inputMode="decimal"
              autoComplete="off"
              value={amounts[row.id] ?? ""}
              placeholder={row.amount}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${inputId}-error` : undefined}
              onChange={(event) => setAmounts((previous) => ({ ...previous, [row.id]: event.target.value }))}
            />
            {error ? (
              <p className="field__error" id={`${inputId}-error`}>
                {error}
              </p>
            ) : null}
            <Button
              size="sm"
              variant="danger"
              onClick={() => {
                act.reset();
                setReason("");
                setPending({ kind: "reject", application: row });
              }}
            >
              {t("quotas.officer.reject")}
            </Button>
          </div>
        );
      },
    },
  ];

  return (
    <>
      {message ? <Notice tone="success" title={message} /> : null}
      {outcome ? (
        <Notice tone="success" title={t("quotas.officer.allocatedTitle", { count: outcome.licences.length })}>
          {outcome.licences.length > 0 ? (
            <ul>
              {outcome.licences.map((licence) => (
                <li key={licence.id}>
                  <Link to={licencePath(licence.number)} className="stat-code">
                    {licence.number}
                  </Link>{" "}
                  — <LocalName names={licence.holder.names} />: {amount(licence.amount)}
                </li>
              ))}
            </ul>
          ) : null}
          <p>{t("quotas.officer.unallocated", { amount: amount(outcome.unallocated) })}</p>
        </Notice>
      ) : null}
      <div className="panel pool-split">
        <ShareBar pool={pool} />
      </div>
      <section className="section" aria-labelledby="applications-title">
        <h2 id="applications-title" className="section__title">
          {t("quotas.officer.applicationsTitle", { count: pendingApplications.length })}
        </h2>
        {!open ? (
          <Notice tone="info" role="note">
            <p>{t("quotas.officer.notOpen", { status: t(`quotas.status.${pool.status}`) })}</p>
          </Notice>
        ) : null}
        <DataTable
          caption={t("quotas.officer.title")}
          captionHidden
          columns={columns}
          rows={applications}
          rowKey={(row) => row.id}
          initialSort={{ columnId: "created", direction: "ascending" }}
          pageSizes={[50, 100]}
          empty={
            <EmptyState title={t("quotas.officer.emptyTitle")} headingLevel={3}>
              <p>{t("quotas.officer.emptyText")}</p>
            </EmptyState>
          }
        />
      </section>
      {open && pendingApplications.length > 0 ? (
        <section className="panel allocate-panel" aria-labelledby="allocate-title">
          <h2 id="allocate-title" className="panel__title">
            {t("quotas.officer.allocateTitle")}
          </h2>
          <div className="allocate-panel__options">
            {pool.allocationRule !== "manual" ? (
              <div>
                <p>{t("quotas.officer.byRuleText", { rule: t(`quotas.rule.${pool.allocationRule}`) })}</p>
                <Button
                  onClick={() => {
                    act.reset();
                    setPending({ kind: "rule" });
                  }}
                >
                  {t("quotas.officer.byRule", { rule: t(`quotas.rule.${pool.allocationRule}`) })}
                </Button>
              </div>
            ) : null}
            <div>
              <p>{t("quotas.officer.manualText")}</p>
              <p className="quota-muted">
                {t("quotas.officer.manualTotal", {
                  count: grants.length,
                  amount: amount(manualTotal(grants)),
                })}
              </p>
              <div className="allocate-panel__buttons">
                <Button
                  variant="secondary"
                  onClick={() =>
                    setAmounts(
                      Object.fromEntries(
                        pendingApplications.map((application) => [application.id, application.amount]),
                      ),
                    )
                  }
                >
                  {t("quotas.officer.fillRequested")}
                </Button>
                <Button
                  variant={pool.allocationRule === "manual" ? "primary" : "secondary"}
                  disabled={grants.length === 0}
                  onClick={() => {
                    act.reset();
                    setPending({ kind: "manual", grants });
                  }}
                >
                  {t("quotas.officer.byAmounts")}
                </Button>
              </div>
            </div>
          </div>
          {pending === null ? <ActionError error={act.error} shownAtFields={shownAtRows} /> : null}
        </section>
      ) : null}
      {pool.status !== "draft" && !pool.allocationsPublished ? (
        <section className="panel allocate-panel" aria-labelledby="publish-title">
          <h2 id="publish-title" className="panel__title">
            {t("quotas.actions.publishAllocations.title")}
          </h2>
          <p>{t("quotas.actions.publishAllocations.text")}</p>
          <Button
            variant="secondary"
            onClick={() => {
              act.reset();
              setPending({ kind: "publish" });
            }}
          >
            {t("quotas.actions.publishAllocations.title")}
          </Button>
        </section>
      ) : pool.allocationsPublished ? (
        <p className="quota-muted">{t("quotas.officer.published")}</p>
      ) : null}
      <ConfirmDialog
        open={pending !== null}
        title={
          pending?.kind === "reject"
            ? t("quotas.officer.rejectTitle")
            : pending?.kind === "publish"
              ? t("quotas.actions.publishAllocations.title")
              : t("quotas.officer.allocateTitle")
        }
        confirmLabel={
          pending?.kind === "reject"
            ? t("quotas.officer.reject")
            : pending?.kind === "publish"
              ? t("quotas.actions.publishAllocations.confirm")
              : t("quotas.officer.allocateConfirm")
        }
        confirmVariant={pending?.kind === "reject" ? "danger" : "primary"}
        busy={act.isPending}
        onConfirm={() => pending && act.mutate(pending)}
        onCancel={() => setPending(null)}
      >
        {pending?.kind === "reject" ? (
          <div className="field">
            <p>
              <LocalName names={pending.application.enterprise.names} />: {amount(pending.application.amount)}
            </p>
            <label className="field__label" htmlFor={reasonId}>
              {t("quotas.officer.reason")}
            </label>
            <textarea
              id={reasonId}
              className="input quota-textarea"
              value={reason}
              maxLength={1000}
              onChange={(event) => setReason(event.target.value)}
            />
          </div>
        ) : pending?.kind === "publish" ? (
          <p>{t("quotas.actions.publishAllocations.text")}</p>
        ) : pending?.kind === "manual" ? (
          <p>
            {t("quotas.officer.manualConfirm", {
              count: pending.grants.length,
              amount: amount(manualTotal(pending.grants)),
            })}
          </p>
        ) : pending?.kind === "rule" ? (
          <p>
            {t("quotas.officer.ruleConfirm", {
              count: pendingApplications.length,
              rule: t(`quotas.rule.${pool.allocationRule}`),
            })}
          </p>
        ) : null}
        <ActionError error={act.error} shownAtFields={shownAtRows} />
      </ConfirmDialog>
    </>
  );
}
