import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useLocation, useParams } from "react-router";
import {
  Badge,
  Button,
  type Column,
  ConfirmDialog,
  DataTable,
  LinkButton,
  Notice,
  PageHeader,
  PageLoadState,
} from "../../components";
import { formatDateTime } from "../../format";
import { useMe } from "../../session";
import { LocalName } from "../reference/LocalName";
import { enterprisePath } from "../registry/paths";
import { useFormatters } from "../tariffs/labels";
import { ActionError } from "./ActionError";
import { LineAssessment, TotalsList } from "./Assessment";
import { isDeclarant, isOfficer } from "./access";
import { cancelDeclaration, submitDraft } from "./api";
import { LaneBadge, PortName, StatusBadge } from "./badges";
import { LANES, type TDeclaration, type TDeclarationLine, type TLane } from "./contracts";
import type { SavedState } from "./DeclarationFormPage";
import { declarantActions, officerActions } from "./lifecycle";
import { OfficerActions } from "./OfficerActions";
import { customsDeclarationPath, editDeclarationPath, LANE_QUEUE_PATH, MY_DECLARATIONS_PATH } from "./paths";
import { declarationKeys, useDeclaration } from "./queries";
import { RecognitionNotice, RiskExplanation } from "./RiskExplanation";
import "./declarations.css";

function isLane(value: string): value is TLane {
  return LANES.some((lane) => lane === value);
}

function isSavedState(state: unknown): state is SavedState {
  return typeof state === "object" && state !== null && "saved" in state;
}

/**
 * One declaration: its header, lines, duties explained, documents and history. Customs officers see it
 * at /customs/declarations/:id with the lane decision explained and their actions; the declarant sees
 * their own at /declarations/:id.
 */
export function DeclarationPage({ view }: { view: "declarant" | "customs" }) {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const me = useMe();
  const location = useLocation();
  // An officer who follows a declarant's link lands on the customs view of the same declaration.
  const redirect = view === "declarant" && isOfficer(me.data) && !isDeclarant(me.data);
  const declaration = useDeclaration(id, view);
  const [outcome, setOutcome] = useState<string | null>(null);
  if (redirect) return <Navigate to={customsDeclarationPath(id)} replace />;
  const back =
    view === "customs" ? (
      <Link to={LANE_QUEUE_PATH}>{t("declarations.queue.title")}</Link>
    ) : (
      <Link to={MY_DECLARATIONS_PATH}>{t("declarations.mine.title")}</Link>
    );
  if (declaration.isPending || declaration.isError)
    return <PageLoadState eyebrow={back} title={t("declarations.detail.title")} query={declaration} />;
  const d = declaration.data;
  const saved = isSavedState(location.state) ? location.state.saved : null;
  return (
    <>
      <PageHeader
        eyebrow={back}
        title={t("declarations.detail.heading", { number: d.number })}
        description={
          <ul className="badge-list decl-header__badges" aria-label={t("declarations.detail.state")}>
            <li>
              <StatusBadge status={d.status} />
            </li>
            <li>
              <LaneBadge lane={d.lane} />
            </li>
            <li>
              <Badge>{t(`declarations.flow.${d.flow}`)}</Badge>
            </li>
            {d.sample ? (
              <li>
                <Badge>{t("registry.sample")}</Badge>
              </li>
            ) : null}
          </ul>
        }
        actions={view === "declarant" ? <DeclarantActions declaration={d} /> : null}
      />
      {saved && d.status !== "released" ? (
        <Notice tone="success">
          <p>{t(saved === "draft" ? "declarations.detail.savedDraft" : "declarations.detail.submitted")}</p>
        </Notice>
      ) : null}
      {outcome ? (
        <Notice tone="success">
          <p>{outcome}</p>
        </Notice>
      ) : null}
      {d.recognition?.applied && view === "declarant" ? (
        <RecognitionNotice recognition={d.recognition} />
      ) : null}
      {view === "customs" ? (
        <div className="decl-customs">
          {d.risk ? (
            <RiskExplanation risk={d.risk} />
          ) : (
            <Notice tone="info">
              <p>{t("declarations.risk.notYet")}</p>
            </Notice>
          )}
          <OfficerActions
            declaration={d}
            actions={officerActions(d.status)}
            onDone={(text) => setOutcome(text)}
          />
        </div>
      ) : null}
      <Overview declaration={d} />
      <Lines declaration={d} />
      <Duties declaration={d} />
      <div className="decl-columns">
        <Documents declaration={d} />
        <Inspections declaration={d} />
      </div>
      <Timeline declaration={d} />
    </>
  );
}

function DeclarantActions({ declaration }: { declaration: TDeclaration }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState<"submit" | "cancel" | "withdraw" | null>(null);
  const act = useMutation({
    mutationFn: (action: "submit" | "cancel" | "withdraw") =>
      action === "submit" ? submitDraft(declaration.id) : cancelDeclaration(declaration.id),
    onSuccess: async () => {
      setConfirming(null);
      await queryClient.invalidateQueries({ queryKey: declarationKeys.all });
    },
  });
  const actions = declarantActions(declaration.status);
  if (actions.length === 0) return null;
  const dialog = confirming ? DIALOG[confirming] : null;
  return (
    <>
      {actions.includes("edit") ? (
        <LinkButton to={editDeclarationPath(declaration.id)}>{t("declarations.detail.edit")}</LinkButton>
      ) : null}
      {actions.includes("submit") ? (
        <Button onClick={() => setConfirming("submit")}>{t("declarations.form.submit")}</Button>
      ) : null}
      {actions.includes("cancel") ? (
        <Button variant="danger" onClick={() => setConfirming("cancel")}>
          {t("declarations.detail.cancelDraft")}
        </Button>
      ) : null}
      {actions.includes("withdraw") ? (
        <Button variant="danger" onClick={() => setConfirming("withdraw")}>
          {t("declarations.detail.withdraw")}
        </Button>
      ) : null}
      <ConfirmDialog
        open={dialog !== null}
        title={dialog ? t(dialog.title) : ""}
        confirmLabel={dialog ? t(dialog.confirm) : ""}
        confirmVariant={confirming === "submit" ? "primary" : "danger"}
        busy={act.isPending}
        onConfirm={() => confirming && act.mutate(confirming)}
        onCancel={() => {
          act.reset();
          setConfirming(null);
        }}
      >
        {dialog ? <p>{t(dialog.text)}</p> : null}
        <ActionError error={act.error} />
      </ConfirmDialog>
    </>
  );
}

const DIALOG = {
  submit: {
    title: "declarations.detail.submitTitle",
    text: "declarations.detail.submitText",
    confirm: "declarations.form.submit",
  },
  cancel: {
    title: "declarations.detail.cancelTitle",
    text: "declarations.detail.cancelText",
    confirm: "declarations.detail.cancelDraft",
  },
  withdraw: {
    title: "declarations.detail.withdrawTitle",
    text: "declarations.detail.withdrawText",
    confirm: "declarations.detail.withdraw",
  },
} as const;

function Overview({ declaration: d }: { declaration: TDeclaration }) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  return (
    <section className="panel section decl-overview" aria-labelledby="decl-overview-title">
      <h2 id="decl-overview-title" className="panel__title">
        {t("declarations.detail.overview")}
      </h2>
      <dl className="details decl-details">
        <div>
          <dt>{t("declarations.form.declarant")}</dt>
          <dd>
            <Link to={enterprisePath(d.declarant.id)}>
              <LocalName names={d.declarant.names} />
            </Link>
            {d.declarant.aeoLevel ? (
              <>
                {" "}
                <Badge tone="info">{t("declarations.detail.aeo")}</Badge>
              </>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>
            {t(
              d.flow === "export"
                ? "declarations.form.consigneeSection"
                : "declarations.form.consignorSection",
            )}
          </dt>
          <dd>
            {d.counterparty.enterpriseId ? (
              <Link to={enterprisePath(d.counterparty.enterpriseId)}>
                {d.counterparty.names ? <LocalName names={d.counterparty.names} /> : d.counterparty.name}
              </Link>
            ) : (
              d.counterparty.name
            )}
            {d.counterparty.country ? ` (${format.countryName(d.counterparty.country)})` : null}
            {d.counterparty.verified ? (
              <>
                {" "}
                <Badge tone="success">{t("registry.status.verified")}</Badge>
              </>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>{t("declarations.form.port")}</dt>
          <dd>
            <PortName portId={d.portId} side={d.side} />{" "}
            <span className="decl-muted">({t(`side.${d.side}`)})</span>
          </dd>
        </div>
        <div>
          <dt>{t("declarations.form.tradeMode")}</dt>
          <dd>
            {/* The server's text names the code too ("0110 一般贸易"). */}
            {d.tradeMode.text}
          </dd>
        </div>
        <div>
          <dt>{t("declarations.form.transportMode")}</dt>
          <dd>
            {t(`declarations.transport.${d.transportMode}`, { defaultValue: d.transportMode })} ·{" "}
            {t("declarations.detail.conveyances", { n: d.conveyances })}
          </dd>
        </div>
        <div>
          <dt>{t("declarations.form.incoterms")}</dt>
          <dd>
            {d.incoterms} · {d.currency}
          </dd>
        </div>
        <div>
          <dt>{t("declarations.form.date")}</dt>
          <dd>{format.date(d.date.slice(0, 10))}</dd>
        </div>
        {d.shipmentRef ? (
          <div>
            <dt>{t("declarations.form.shipmentRef")}</dt>
            <dd>
              <code>{d.shipmentRef}</code>
            </dd>
          </div>
        ) : null}
        {d.submittedAt ? (
          <div>
            <dt>{t("declarations.detail.submittedAt")}</dt>
            <dd>{formatDateTime(d.submittedAt, i18n.language)}</dd>
          </div>
        ) : null}
        {d.releasedAt ? (
          <div>
            <dt>{t("declarations.detail.releasedAt")}</dt>
            <dd>{formatDateTime(d.releasedAt, i18n.language)}</dd>
          </div>
        ) : null}
      </dl>
    </section>
  );
}

function Lines({ declaration: d }: { declaration: TDeclaration }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const national = (value: string | null) =>
    value === null ? t("common.notSet") : format.money(value, d.totals.nationalCurrency);
  const columns: Column<TDeclarationLine>[] = [
    { id: "no", header: "#", rowHeader: true, cell: (line) => line.lineNo },
    {
      id: "code",
      header: t("declarations.form.code"),
      cell: (line) => <code className="hs-code">{line.code}</code>,
    },
    { id: "description", header: t("declarations.form.description"), cell: (line) => line.description },
    { id: "origin", header: t("declarations.form.origin"), cell: (line) => format.countryName(line.origin) },
    {
      id: "quantity",
      header: t("declarations.form.quantity"),
      align: "end",
      cell: (line) => (
        <span className="num">
          {format.decimal(line.quantity.value)}{" "}
          {t(`tariffs.calculator.units.${line.quantity.unit}`, { defaultValue: line.quantity.unit })}
        </span>
      ),
    },
    {
      id: "weights",
      header: t("declarations.totals.weights"),
      align: "end",
      cell: (line) => (
        <span className="num">
          {t("declarations.totals.weightsValue", {
            net: format.decimal(line.netKg),
            gross: format.decimal(line.grossKg),
          })}
        </span>
      ),
    },
    {
      id: "value",
      header: t("declarations.form.lineValue"),
      align: "end",
      cell: (line) => <span className="num">{format.money(line.value, d.currency)}</span>,
    },
    { id: "duty", header: t("declarations.totals.duty"), align: "end", cell: (line) => national(line.duty) },
    { id: "vat", header: t("declarations.totals.vat"), align: "end", cell: (line) => national(line.vat) },
  ];
  return (
    <section className="section" aria-labelledby="decl-lines-title">
      <h2 id="decl-lines-title" className="section__title">
        {t("declarations.form.linesSection")}
      </h2>
      <DataTable
        caption={t("declarations.form.linesSection")}
        captionHidden
        columns={columns}
        rows={d.lines}
        rowKey={(line) => String(line.lineNo)}
      />
    </section>
  );
}

function Duties({ declaration: d }: { declaration: TDeclaration }) {
  const { t } = useTranslation();
  return (
    <section className="section decl-duties" aria-labelledby="decl-duties-title">
      <h2 id="decl-duties-title" className="section__title">
        {t("declarations.detail.duties")}
      </h2>
      <div className="decl-duties__grid">
        <div className="panel">
          <h3 className="panel__title">{t("declarations.totals.title")}</h3>
          <TotalsList totals={d.totals} />
        </div>
        <div className="decl-duties__lines">
          {d.assessment.map((assessment, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: an assessment's position is its line number.
            <div className="panel" key={index}>
              <LineAssessment
                assessment={assessment}
                title={t("declarations.preview.lineTitle", {
                  n: index + 1,
                  code: d.lines[index]?.code ?? assessment.hsCode,
                })}
              />
            </div>
          ))}
        </div>
      </div>
    </section>
  );
}

function Documents({ declaration: d }: { declaration: TDeclaration }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <section className="panel section" aria-labelledby="decl-documents-title">
      <h2 id="decl-documents-title" className="panel__title">
        {t("declarations.form.documentsSection")}
      </h2>
      {d.documents.length === 0 ? (
        <p className="decl-muted">{t("declarations.detail.noDocuments")}</p>
      ) : (
        <ul className="decl-doc-list">
          {d.documents.map((document) => (
            <li key={`${document.kind}-${document.number}`}>
              <span className="decl-doc-list__kind">
                {t(`declarations.documentKind.${document.kind}`, { defaultValue: document.kind })}
              </span>{" "}
              <code>{document.number}</code>
              {document.date ? <span className="decl-muted"> · {format.date(document.date)}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Inspections({ declaration: d }: { declaration: TDeclaration }) {
  const { t, i18n } = useTranslation();
  if (d.inspections.length === 0) return null;
  return (
    <section className="panel section" aria-labelledby="decl-inspections-title">
      <h2 id="decl-inspections-title" className="panel__title">
        {t("declarations.detail.inspections")}
      </h2>
      <ul className="decl-doc-list">
        {d.inspections.map((inspection) => (
          <li key={inspection.id}>
            <Badge tone={inspection.result === "compliant" ? "success" : "danger"}>
              {t(
                `declarations.inspectionResult.${inspection.result === "compliant" ? "compliant" : "findings"}`,
              )}
            </Badge>{" "}
            {t("declarations.detail.inspectedBy", {
              side: t(`side.${inspection.side}`),
              at: formatDateTime(inspection.at, i18n.language),
            })}
            {inspection.findings ? <p>{inspection.findings}</p> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Timeline({ declaration: d }: { declaration: TDeclaration }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="section" aria-labelledby="decl-timeline-title">
      <h2 id="decl-timeline-title" className="section__title">
        {t("declarations.detail.timeline")}
      </h2>
      <ol className="decl-timeline">
        {d.timeline.map((entry, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the history only grows at its end; two steps can share a time.
          <li key={index} className="decl-timeline__entry">
            <time className="decl-timeline__time" dateTime={entry.at}>
              {formatDateTime(entry.at, i18n.language)}
            </time>
            <div className="decl-timeline__body">
              <p className="decl-timeline__text">
                {entry.text} <StatusBadge status={entry.status} />
              </p>
              {entry.reason ? (
                <p className="decl-timeline__reason">
                  {/* A lane assignment gives the lane as its reason: shown as the lane, in words. */}
                  {isLane(entry.reason) ? <LaneBadge lane={entry.reason} /> : entry.reason}
                </p>
              ) : null}
              {entry.actor ? <p className="decl-muted">{entry.actor}</p> : null}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
