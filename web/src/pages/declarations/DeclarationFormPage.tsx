import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useId, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { ApiError, isApiError } from "../../api";
import {
  Button,
  EmptyState,
  ErrorState,
  Form,
  LinkButton,
  PageHeader,
  RadioGroup,
  Select,
  Spinner,
  TextField,
} from "../../components";
import type { TSide } from "../../contracts";
import { useMe } from "../../session";
import { useNameLanguage } from "../reference/LocalName";
import { useBorderPorts } from "../reference/queries";
import { CURRENCIES } from "../tariffs/calculatorInput";
import { useFormatters } from "../tariffs/labels";
import { type DeclarantOption, declarantOptions } from "./access";
import { createDeclaration, updateDraft } from "./api";
import { portLabel } from "./badges";
import { FLOWS, INCOTERMS, type TDeclaration, type TFlow, TRANSPORT_MODES } from "./contracts";
import { DutyPreview, type PreviewState } from "./DutyPreview";
import {
  type BuiltRequest,
  buildRequest,
  type DeclarationDraft,
  draftFromDeclaration,
  emptyDraft,
  followTransport,
  formPath,
  type RowMap,
} from "./draft";
import { useDebouncedValue } from "./hooks";
import { LinesEditor } from "./LinesEditor";
import { CounterpartyFields, DocumentsEditor } from "./PartiesFields";
import { DECLARATIONS_PATH, declarationPath, MY_DECLARATIONS_PATH } from "./paths";
import { declarationKeys, useCodeLists, useDeclaration, usePreview } from "./queries";
import "./declarations.css";

const PREVIEW_DELAY_MS = 600;

/** What the detail page is told after the form saved or submitted a declaration. */
export interface SavedState {
  saved: "draft" | "submitted";
}

export function NewDeclarationPage() {
  const { t } = useTranslation();
  const me = useMe();
  const declarants = declarantOptions(me.data);
  return (
    <>
      <PageHeader
        eyebrow={<Link to={DECLARATIONS_PATH}>{t("modules.declarations.title")}</Link>}
        title={t("declarations.form.newTitle")}
        description={<p>{t("declarations.form.intro")}</p>}
      />
      {declarants.length === 0 ? (
        <NotDeclarant />
      ) : (
        <DeclarationForm declarants={declarants} initial={emptyDraft(declarants[0] ?? null)} draftId={null} />
      )}
    </>
  );
}

export function EditDeclarationPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const me = useMe();
  const declarants = declarantOptions(me.data);
  const declaration = useDeclaration(id, "declarant");
  return (
    <>
      <PageHeader
        eyebrow={
          <Link to={declarationPath(id)}>{declaration.data?.number ?? t("declarations.detail.title")}</Link>
        }
        title={t("declarations.form.editTitle")}
        description={<p>{t("declarations.form.intro")}</p>}
      />
      {declarants.length === 0 ? (
        <NotDeclarant />
      ) : declaration.isPending ? (
        <Spinner />
      ) : declaration.isError ? (
        <ErrorState error={declaration.error} onRetry={() => void declaration.refetch()} />
      ) : declaration.data.status !== "draft" ? (
        <EmptyState
          title={t("declarations.form.notDraftTitle")}
          action={
            <LinkButton to={declarationPath(id)}>{t("declarations.form.backToDeclaration")}</LinkButton>
          }
        >
          <p>{t("declarations.form.notDraftText")}</p>
        </EmptyState>
      ) : (
        <EditForm declarants={declarants} declaration={declaration.data} />
      )}
    </>
  );
}

function EditForm({ declarants, declaration }: { declarants: DeclarantOption[]; declaration: TDeclaration }) {
  // The draft is read once: later refetches must not overwrite what is being typed.
  const [initial] = useState(() => draftFromDeclaration(declaration));
  return <DeclarationForm declarants={declarants} initial={initial} draftId={declaration.id} />;
}

function NotDeclarant() {
  const { t } = useTranslation();
  return (
    <EmptyState title={t("declarations.form.notDeclarantTitle")}>
      <p>{t("declarations.form.notDeclarantText")}</p>
    </EmptyState>
  );
}

type Purpose = "save" | "submit";

interface Attempt {
  purpose: Purpose;
  rows: RowMap;
  /** The form as it was sent: an error about a whole list stays until that list is changed. */
  draft: DeclarationDraft;
}

/** The server's field errors moved to the form's rows, so each lands at the field it is about. */
function errorAtRows(error: unknown, rows: RowMap | undefined): unknown {
  if (!rows || !isApiError(error) || error.errors.length === 0) return error;
  return new ApiError({
    status: error.status,
    code: error.code,
    title: error.title,
    detail: error.detail,
    requestId: error.requestId,
    errors: error.errors.map((fieldError) => ({ ...fieldError, path: formPath(fieldError.path, rows) })),
  });
}

function exactError(error: unknown, path: string): string | undefined {
  return isApiError(error) ? error.errors.find((fieldError) => fieldError.path === path)?.message : undefined;
}

function DeclarationForm({
  declarants,
  initial,
  draftId,
}: {
  declarants: DeclarantOption[];
  initial: DeclarationDraft;
  /** The saved draft being edited, or null for a new declaration. */
  draftId: string | null;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const reader = useNameLanguage();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const codes = useCodeLists();
  const ports = useBorderPorts();
  const [draft, setDraft] = useState<DeclarationDraft>(initial);
  const set = (patch: Partial<DeclarationDraft>) => setDraft((previous) => ({ ...previous, ...patch }));
  const declarant = declarants.find((option) => option.id === draft.declarantId) ?? declarants[0];
  const side: TSide = declarant?.side ?? "CN";
  const otherSide: TSide = side === "CN" ? "RU" : "CN";

  // ---- The live preview: the form as it stands, a moment after the last keystroke. ----
  const previewRequest = useMemo(() => {
    const built = buildRequest(draft, "preview");
    return built.body.lines.length === 0 ? null : built;
  }, [draft]);
  // The request and the rows it came from travel together, as one string the debounce can compare.
  const previewJson = previewRequest ? JSON.stringify(previewRequest) : null;
  const debouncedJson = useDebouncedValue(previewJson, PREVIEW_DELAY_MS);
  const debouncedRequest = useMemo<BuiltRequest | null>(
    () => (debouncedJson === null ? null : (JSON.parse(debouncedJson) as BuiltRequest)),
    [debouncedJson],
  );
  const preview = usePreview(debouncedRequest?.body ?? null);
  const previewState: PreviewState = {
    rows: debouncedRequest?.rows ?? null,
    data: preview.data,
    error: preview.error,
    fetching: preview.isFetching || previewJson !== debouncedJson,
    stale: preview.isPlaceholderData,
  };

  // ---- Saving and submitting ----
  const attempt = useRef<Attempt | null>(null);
  const idempotency = useRef<{ body: string; key: string } | null>(null);
  const save = useMutation({
    mutationFn: async ({
      purpose,
      built,
      sent,
    }: {
      purpose: Purpose;
      built: BuiltRequest;
      sent: DeclarationDraft;
    }) => {
      attempt.current = { purpose, rows: built.rows, draft: sent };
      // One key per submission: sending the same form again (after a lost answer) reuses it, so the
      // server acts once; any change to the form makes it a new submission.
      const json = JSON.stringify(built.body);
      if (idempotency.current?.body !== json) idempotency.current = { body: json, key: crypto.randomUUID() };
      return draftId
        ? updateDraft(draftId, built.body, idempotency.current.key)
        : createDeclaration(built.body, idempotency.current.key);
    },
    onSuccess: async (declaration, { purpose }) => {
      await queryClient.invalidateQueries({ queryKey: declarationKeys.all });
      const state: SavedState = { saved: purpose === "submit" ? "submitted" : "draft" };
      await navigate(declarationPath(declaration.id), { state });
    },
  });
  const submit = (purpose: Purpose) =>
    save.mutate({ purpose, built: buildRequest(draft, purpose), sent: draft });
  const error = errorAtRows(save.error, attempt.current?.rows);
  const sent = attempt.current?.draft;
  // Errors about a whole part of the form (no document of a kind, no counterparty) have no field of
  // their own to be edited away: they stay until that part changes.
  const unchanged = (part: (d: DeclarationDraft) => unknown) =>
    sent !== undefined && part(sent) === part(draft);
  const counterpartyError = unchanged(
    (d) => `${d.counterpartyKind}|${d.counterpartyId}|${d.counterpartyName}`,
  )
    ? (exactError(error, "counterparty") ??
      (draft.counterpartyKind === "registered" ? exactError(error, "counterparty.name") : undefined))
    : undefined;

  const tradeModes = (codes.data?.tradeModes ?? []).filter(
    (mode) => mode.side === side && mode.flows.includes(draft.flow),
  );
  const portOptions = (ports.data ?? [])
    .filter((port) => (side === "CN" ? true : port.ru !== null))
    .map((port) => ({ value: port.id, label: portLabel(port, side, reader) }))
    .sort((a, b) => a.label.localeCompare(b.label, format.language));
  const choose = { value: "", label: t("declarations.form.choose") };

  return (
    <div className="decl-form-layout">
      <Form
        onSubmit={() => submit("submit")}
        error={error}
        busy={save.isPending}
        aria-label={t(draftId ? "declarations.form.editTitle" : "declarations.form.newTitle")}
        className="decl-form"
      >
        <FormSection title={t("declarations.form.shipmentSection")}>
          {declarants.length > 1 ? (
            <Select
              name="declarantId"
              label={t("declarations.form.declarant")}
              options={declarants.map((option) => ({ value: option.id, label: option.name }))}
              value={draft.declarantId}
              onChange={(event) => {
                const next = declarants.find((option) => option.id === event.target.value);
                if (next && next.side !== side) set({ ...emptyDraft(next), lines: draft.lines });
                else set({ declarantId: event.target.value });
              }}
            />
          ) : (
            <p className="decl-declarant">
              <span className="decl-muted">{t("declarations.form.declarant")}: </span>
              {declarant?.name} ({t(`side.${side}`)})
            </p>
          )}
          <RadioGroup<TFlow>
            legend={t("declarations.form.flow")}
            name="flow"
            inline
            options={FLOWS.map((flow) => ({ value: flow, label: t(`declarations.flow.${flow}`) }))}
            value={draft.flow}
            onChange={(flow) => {
              const keep =
                tradeModes.length === 0 ||
                codes.data?.tradeModes.some(
                  (mode) => mode.code === draft.tradeMode && mode.side === side && mode.flows.includes(flow),
                );
              set({ flow, ...(keep ? {} : { tradeMode: "" }) });
            }}
          />
          <div className="decl-pair decl-pair--wide">
            <Select
              name="portId"
              label={t("declarations.form.port")}
              hint={t("declarations.form.portHint", { side: t(`side.${side}`) })}
              options={[choose, ...portOptions]}
              value={draft.portId}
              onChange={(event) => set({ portId: event.target.value })}
            />
            <Select
              name="tradeMode"
              label={t("declarations.form.tradeMode")}
              hint={t(
                side === "CN" ? "declarations.form.tradeModeHintCN" : "declarations.form.tradeModeHintRU",
              )}
              options={[choose, ...tradeModes.map((mode) => ({ value: mode.code, label: mode.text }))]}
              value={draft.tradeMode}
              onChange={(event) => set({ tradeMode: event.target.value })}
            />
          </div>
          <div className="decl-pair">
            <Select
              name="transportMode"
              label={t("declarations.form.transportMode")}
              options={TRANSPORT_MODES.map((mode) => ({
                value: mode,
                label: t(`declarations.transport.${mode}`),
              }))}
              value={draft.transportMode}
              onChange={(event) => {
                const mode = TRANSPORT_MODES.find((candidate) => candidate === event.target.value);
                if (mode)
                  set({
                    transportMode: mode,
                    documents: followTransport(draft.documents, draft.transportMode, mode),
                  });
              }}
            />
            <TextField
              name="conveyances"
              label={t("declarations.form.conveyances")}
              hint={t("declarations.form.conveyancesHint")}
              inputMode="numeric"
              autoComplete="off"
              className="input--number"
              value={draft.conveyances}
              onChange={(event) => set({ conveyances: event.target.value })}
            />
          </div>
          <div className="decl-triple">
            <Select
              name="currency"
              label={t("declarations.form.currency")}
              options={CURRENCIES.map((code) => ({
                value: code,
                label: `${code} — ${format.currencyName(code)}`,
              }))}
              value={draft.currency}
              onChange={(event) => set({ currency: event.target.value })}
            />
            <Select
              name="incoterms"
              label={t("declarations.form.incoterms")}
              options={INCOTERMS.map((term) => ({ value: term, label: term }))}
              value={draft.incoterms}
              onChange={(event) =>
                set({ incoterms: INCOTERMS.find((term) => term === event.target.value) ?? "FCA" })
              }
            />
            <TextField
              name="date"
              type="date"
              label={t("declarations.form.date")}
              hint={t("declarations.form.dateHint")}
              value={draft.date}
              onChange={(event) => set({ date: event.target.value })}
              className="input--date"
            />
          </div>
          <TextField
            name="shipmentRef"
            label={t("declarations.form.shipmentRef")}
            hint={t("declarations.form.shipmentRefHint")}
            optional
            maxLength={64}
            autoComplete="off"
            value={draft.shipmentRef}
            onChange={(event) => set({ shipmentRef: event.target.value })}
          />
        </FormSection>

        <FormSection
          title={t(
            draft.flow === "export"
              ? "declarations.form.consigneeSection"
              : "declarations.form.consignorSection",
          )}
        >
          <CounterpartyFields
            otherSide={otherSide}
            value={{
              kind: draft.counterpartyKind,
              id: draft.counterpartyId,
              label: draft.counterpartyLabel,
              name: draft.counterpartyName,
              country: draft.counterpartyCountry,
            }}
            onChange={(patch) =>
              set({
                ...(patch.kind !== undefined ? { counterpartyKind: patch.kind } : {}),
                ...(patch.id !== undefined ? { counterpartyId: patch.id } : {}),
                ...(patch.label !== undefined ? { counterpartyLabel: patch.label } : {}),
                ...(patch.name !== undefined ? { counterpartyName: patch.name } : {}),
                ...(patch.country !== undefined ? { counterpartyCountry: patch.country } : {}),
              })
            }
          />
          {counterpartyError ? <p className="field__error">{counterpartyError}</p> : null}
        </FormSection>

        <FormSection title={t("declarations.form.documentsSection")}>
          <DocumentsEditor
            transportMode={draft.transportMode}
            documents={draft.documents}
            onChange={(documents) => set({ documents })}
            listError={unchanged((d) => d.documents) ? exactError(error, "documents") : undefined}
          />
        </FormSection>

        <FormSection title={t("declarations.form.linesSection")}>
          <LinesEditor
            side={side}
            lines={draft.lines}
            onChange={(lines) => set({ lines })}
            listError={unchanged((d) => d.lines) ? exactError(error, "lines") : undefined}
          />
        </FormSection>

        <div className="form__actions decl-form__actions">
          <Button
            type="submit"
            loading={save.isPending && save.variables?.purpose === "submit"}
            loadingLabel={t("declarations.form.submitting")}
          >
            {t("declarations.form.submit")}
          </Button>
          <Button
            variant="secondary"
            onClick={() => submit("save")}
            loading={save.isPending && save.variables?.purpose === "save"}
            loadingLabel={t("declarations.form.saving")}
          >
            {t("declarations.form.saveDraft")}
          </Button>
          <Link to={draftId ? declarationPath(draftId) : MY_DECLARATIONS_PATH}>{t("common.cancel")}</Link>
        </div>
        <p className="field__hint">{t("declarations.form.afterSubmit")}</p>
      </Form>
      <aside className="decl-form-layout__preview">
        <DutyPreview state={previewState} lineCodes={draft.lines.map((line) => line.code.trim())} />
      </aside>
    </div>
  );
}

function FormSection({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="panel decl-form__section" aria-labelledby={id}>
      <h2 id={id} className="panel__title">
        {title}
      </h2>
      <div className="decl-form__fields">{children}</div>
    </section>
  );
}
