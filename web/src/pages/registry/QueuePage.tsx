import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { decideVerification, isApiError } from "../../api";
import { Button, ConfirmDialog, EmptyState, ErrorState, Notice, PageHeader, Spinner } from "../../components";
import type { TEnterprise, TQueueEntry } from "../../contracts";
import { formatDateTime } from "../../format";
import { useMe } from "../../session";
import { useNameLanguage } from "../reference/LocalName";
import { nameLang, officerSides } from "./access";
import { CopyableCode, EnterpriseBadges } from "./badges";
import { useChapterLabel, useChapterNames } from "./chapters";
import { ENTERPRISES_PATH, enterprisePath } from "./paths";
import { registryKeys, useVerificationQueue } from "./queries";
import "./registry.css";

type Decision = "approve" | "reject";

const NAME_FIELDS = [
  { language: "zh", label: "registry.form.nameZh", lang: "zh-CN" },
  { language: "ru", label: "registry.form.nameRu", lang: "ru-RU" },
  { language: "en", label: "registry.form.nameEn", lang: "en" },
] as const;

interface Pending {
  entry: TQueueEntry;
  decision: Decision;
}

interface Outcome {
  decision: Decision;
  enterprise: TEnterprise;
}

/** Registrations of the officer's side awaiting verification, to approve or reject with a reason. */
export function QueuePage() {
  const { t } = useTranslation();
  const me = useMe();
  const sides = officerSides(me.data);
  const queue = useVerificationQueue(sides.length > 0);
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<Pending | null>(null);
  const [reason, setReason] = useState("");
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const decide = useMutation({
    mutationFn: ({ entry, decision }: Pending) =>
      decideVerification(entry.id, { decision, ...(reason.trim() ? { reason: reason.trim() } : {}) }),
    onSuccess: async (enterprise, { entry, decision }) => {
      setPending(null);
      setReason("");
      setOutcome({ decision, enterprise });
      // Off the list at once, whatever the refetch below brings.
      queryClient.setQueriesData<TQueueEntry[]>({ queryKey: registryKeys.queue }, (entries) =>
        entries?.filter((candidate) => candidate.id !== entry.id),
      );
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: registryKeys.queue }),
        queryClient.invalidateQueries({ queryKey: registryKeys.directory }),
        queryClient.invalidateQueries({ queryKey: registryKeys.enterprise(entry.id) }),
        queryClient.invalidateQueries({ queryKey: registryKeys.trust(entry.id) }),
        queryClient.invalidateQueries({ queryKey: registryKeys.private(entry.id) }),
      ]);
    },
  });

  const open = (entry: TQueueEntry, decision: Decision) => {
    decide.reset();
    setReason("");
    setPending({ entry, decision });
  };

  const sideNames = sides.map((side) => t(`side.${side}`)).join(" / ");
  return (
    <>
      <PageHeader
        eyebrow={<Link to={ENTERPRISES_PATH}>{t("registry.directory.title")}</Link>}
        title={t("registry.queue.title")}
        description={sides.length > 0 ? <p>{t("registry.queue.intro", { side: sideNames })}</p> : undefined}
      />
      {sides.length === 0 ? (
        <EmptyState title={t("registry.queue.notOfficerTitle")}>
          <p>{t("registry.queue.notOfficerText")}</p>
        </EmptyState>
      ) : (
        <>
          {outcome ? (
            <Notice tone={outcome.decision === "approve" ? "success" : "info"}>
              <p>
                {t(
                  outcome.decision === "approve"
                    ? "registry.queue.approvedNotice"
                    : "registry.queue.rejectedNotice",
                  {
                    name: outcome.enterprise.name,
                  },
                )}{" "}
                <Link to={enterprisePath(outcome.enterprise.id)}>{t("registry.queue.openProfile")}</Link>
              </p>
            </Notice>
          ) : null}
          {queue.isPending ? (
            <Spinner />
          ) : queue.isError ? (
            <ErrorState
              error={queue.error}
              onRetry={() => void queue.refetch()}
              retrying={queue.isFetching}
            />
          ) : queue.data.length === 0 ? (
            <EmptyState title={t("registry.queue.emptyTitle")}>
              <p>{t("registry.queue.emptyText")}</p>
            </EmptyState>
          ) : (
            <ul className="queue-list" aria-label={t("registry.queue.listLabel")}>
              {queue.data.map((entry) => (
                <QueueEntry key={entry.id} entry={entry} onDecide={(decision) => open(entry, decision)} />
              ))}
            </ul>
          )}
        </>
      )}
      <DecisionDialog
        pending={pending}
        reason={reason}
        onReasonChange={setReason}
        busy={decide.isPending}
        error={decide.error}
        onConfirm={() => pending && decide.mutate(pending)}
        onCancel={() => setPending(null)}
      />
    </>
  );
}

function QueueEntry({ entry, onDecide }: { entry: TQueueEntry; onDecide: (decision: Decision) => void }) {
  const { t, i18n } = useTranslation();
  const chapters = useChapterNames();
  const label = useChapterLabel();
  const titleId = useId();
  const reader = useNameLanguage();
  const identifiers = (
    entry.side === "CN"
      ? [["uscc", entry.identifiers.uscc] as const]
      : [
          ["inn", entry.identifiers.inn] as const,
          [entry.identifiers.ogrn?.length === 15 ? "ogrnip" : "ogrn", entry.identifiers.ogrn] as const,
          ["kpp", entry.identifiers.kpp] as const,
        ]
  ).filter((pair): pair is readonly [(typeof pair)[0], string] => pair[1] !== null);
  return (
    <li className="queue-entry panel" aria-labelledby={titleId}>
      <div className="queue-entry__head">
        <h2 id={titleId} className="queue-entry__title">
          <Link to={enterprisePath(entry.id)} lang={nameLang(entry, reader)}>
            {entry.name}
          </Link>
        </h2>
        <EnterpriseBadges enterprise={entry} />
      </div>
      <dl className="details">
        {NAME_FIELDS.map(({ language, label, lang }) =>
          entry.names[language] ? (
            <div key={language}>
              <dt>{t(label)}</dt>
              <dd lang={lang}>{entry.names[language]}</dd>
            </div>
          ) : null,
        )}
        {identifiers.map(([scheme, value]) => (
          <div key={scheme}>
            <dt>{t(`registry.identifiers.${scheme}`)}</dt>
            <dd>
              <CopyableCode value={value} label={t(`registry.identifiers.${scheme}`)} />
            </dd>
          </div>
        ))}
        <div>
          <dt>{t("registry.profile.region")}</dt>
          <dd>
            {entry.region.name} <span className="enterprise__muted">{entry.region.code}</span>
          </dd>
        </div>
        <div>
          <dt>{t("registry.profile.chapters")}</dt>
          <dd className="queue-entry__chapters">
            {entry.hsChapters.length === 0
              ? t("common.notSet")
              : entry.hsChapters
                  .map((code) => {
                    const text = label(chapters.get(code) ?? { code, names: null });
                    return text.name ? `${text.code} ${text.name}` : text.code;
                  })
                  .join("; ")}
          </dd>
        </div>
        <div>
          <dt>{t("registry.queue.registeredAt")}</dt>
          <dd>{formatDateTime(entry.registeredAt, i18n.language)}</dd>
        </div>
        <div>
          <dt>{t("registry.queue.registeredBy")}</dt>
          <dd>{entry.registeredBy ?? t("registry.private.system")}</dd>
        </div>
      </dl>
      <div className="queue-entry__actions">
        <Button
          variant="primary"
          onClick={() => onDecide("approve")}
          aria-label={t("registry.queue.approveLabel", { name: entry.name })}
        >
          {t("registry.queue.approve")}
        </Button>
        <Button
          variant="danger"
          onClick={() => onDecide("reject")}
          aria-label={t("registry.queue.rejectLabel", { name: entry.name })}
        >
          {t("registry.queue.reject")}
        </Button>
      </div>
    </li>
  );
}

function DecisionDialog({
  pending,
  reason,
  onReasonChange,
  busy,
  error,
  onConfirm,
  onCancel,
}: {
  pending: Pending | null;
  reason: string;
  onReasonChange: (value: string) => void;
  busy: boolean;
  error: Error | null;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const reasonId = useId();
  const approve = pending?.decision === "approve";
  const name = pending?.entry.name ?? "";
  const reasonError = isApiError(error)
    ? error.errors.find((fieldError) => fieldError.path === "reason")
    : undefined;
  const otherError = error && !reasonError ? error : null;
  return (
    <ConfirmDialog
      open={pending !== null}
      title={t(approve ? "registry.queue.approveTitle" : "registry.queue.rejectTitle", { name })}
      confirmLabel={t(approve ? "registry.queue.approveConfirm" : "registry.queue.rejectConfirm")}
      confirmVariant={approve ? "primary" : "danger"}
      busy={busy}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      <p>
        {t(approve ? "registry.queue.approveText" : "registry.queue.rejectText", {
          side: pending ? t(`side.${pending.entry.side}`) : "",
        })}
      </p>
      <div className={reasonError ? "field field--invalid" : "field"}>
        <label className="field__label" htmlFor={reasonId}>
          {t("registry.queue.reason")}
          {approve ? <span className="field__optional"> ({t("common.optional")})</span> : null}
        </label>
        {reasonError ? (
          <p className="field__error" id={`${reasonId}-error`}>
            {reasonError.message}
          </p>
        ) : null}
        <textarea
          id={reasonId}
          className="input textarea"
          rows={3}
          maxLength={1000}
          value={reason}
          onChange={(event) => onReasonChange(event.target.value)}
          required={!approve}
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={reasonError ? `${reasonId}-error` : undefined}
        />
      </div>
      {otherError ? (
        <div role="alert" className="queue-dialog__error">
          <p className="notice__title">
            {isApiError(otherError) ? otherError.title : t("errors.unexpectedTitle")}
          </p>
          {isApiError(otherError) && otherError.detail ? <p>{otherError.detail}</p> : null}
        </div>
      ) : null}
    </ConfirmDialog>
  );
}
