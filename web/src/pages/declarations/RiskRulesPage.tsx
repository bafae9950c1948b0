import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { searchEnterprises } from "../../api";
import {
  Badge,
  Button,
  Checkbox,
  type Column,
  DataTable,
  EmptyState,
  ErrorState,
  Form,
  LinkButton,
  Notice,
  PageHeader,
  Select,
  Spinner,
  TextField,
} from "../../components";
import type { TSide } from "../../contracts";
import { formatDateTime } from "../../format";
import { currentLanguage } from "../../i18n";
import { useMe } from "../../session";
import { useNameLanguage } from "../reference/LocalName";
import { useBorderPorts } from "../reference/queries";
import { officerSides } from "./access";
import { createRiskRule, reviseRiskRule } from "./api";
import { LaneBadge, portLabel, usePortNames } from "./badges";
import { FLOWS, LANES, type TRiskRule } from "./contracts";
import { LANE_QUEUE_PATH, RISK_SETTINGS_PATH } from "./paths";
import { declarationKeys, useRiskRules } from "./queries";
import { emptyRuleDraft, type RuleDraft, ruleDraftFromRule, toRuleInput } from "./riskForms";
import "./declarations.css";

type Editing = { mode: "new" } | { mode: "revise"; rule: TRiskRule };

/** The risk rules of the officer's side: what each looks at and what it does, with every earlier version. */
export function RiskRulesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const sides = officerSides(me.data);
  const [chosenSide, setSide] = useState<TSide | null>(null);
  const side = chosenSide ?? sides[0] ?? null;
  const [history, setHistory] = useState(false);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [saved, setSaved] = useState<TRiskRule | null>(null);
  const rules = useRiskRules(side ?? undefined, history, side !== null);

  return (
    <>
      <PageHeader
        eyebrow={<Link to={LANE_QUEUE_PATH}>{t("declarations.queue.title")}</Link>}
        title={t("declarations.rules.title")}
        description={<p>{t("declarations.rules.intro")}</p>}
        actions={
          side ? (
            <>
              <LinkButton to={RISK_SETTINGS_PATH}>{t("declarations.settings.title")}</LinkButton>
              <Button
                onClick={() => {
                  setSaved(null);
                  setEditing({ mode: "new" });
                }}
              >
                {t("declarations.rules.new")}
              </Button>
            </>
          ) : null
        }
      />
      {side === null ? (
        <EmptyState title={t("declarations.queue.notOfficerTitle")}>
          <p>{t("declarations.queue.notOfficerText")}</p>
        </EmptyState>
      ) : (
        <>
          {saved ? (
            <Notice tone="success">
              <p>{t("declarations.rules.saved", { name: saved.name, n: saved.version })}</p>
            </Notice>
          ) : null}
          {editing ? (
            <RuleEditor
              key={editing.mode === "new" ? "new" : editing.rule.id}
              side={side}
              editing={editing}
              onClose={() => setEditing(null)}
              onSaved={(rule) => {
                setSaved(rule);
                setEditing(null);
              }}
            />
          ) : null}
          <div className="rules-toolbar">
            {sides.length > 1 ? (
              <Select
                label={t("declarations.rules.side")}
                options={sides.map((option) => ({ value: option, label: t(`side.${option}`) }))}
                value={side}
                onChange={(event) => setSide(event.target.value === "RU" ? "RU" : "CN")}
              />
            ) : null}
            <Checkbox label={t("declarations.rules.showHistory")} checked={history} onChange={setHistory} />
          </div>
          {rules.isPending ? (
            <Spinner />
          ) : rules.isError ? (
            <ErrorState
              error={rules.error}
              onRetry={() => void rules.refetch()}
              retrying={rules.isFetching}
            />
          ) : (
            <RulesTable
              rules={rules.data}
              history={history}
              onRevise={(rule) => {
                setSaved(null);
                setEditing({ mode: "revise", rule });
              }}
            />
          )}
        </>
      )}
    </>
  );
}

/** What a rule looks at, in words: "Export · HS 0808… · origin KZ, MN". */
function useConditionsText() {
  const { t } = useTranslation();
  const portName = usePortNames();
  return (rule: TRiskRule): string[] => {
    const c = rule.conditions;
    const parts: string[] = [];
    if (c.flow) parts.push(t(`declarations.flow.${c.flow}`));
    if (c.hsPrefix) parts.push(t("declarations.rules.conditions.hsPrefix", { prefix: c.hsPrefix }));
    if (c.origins && c.origins.length > 0)
      parts.push(t("declarations.rules.conditions.origins", { list: c.origins.join(", ") }));
    if (c.portId)
      parts.push(t("declarations.rules.conditions.port", { port: portName(c.portId, rule.side) }));
    if (c.declarantId) parts.push(t("declarations.rules.conditions.declarant"));
    const { min, max } = c.valuePerKg ?? {};
    if (min && max) parts.push(t("declarations.rules.conditions.valuePerKg", { min, max }));
    else if (min) parts.push(t("declarations.rules.conditions.valueBelow", { min }));
    else if (max) parts.push(t("declarations.rules.conditions.valueAbove", { max }));
    if (c.trustBelow !== undefined)
      parts.push(t("declarations.rules.conditions.trustBelow", { n: c.trustBelow }));
    if (parts.length === 0) parts.push(t("declarations.rules.conditions.all"));
    return parts;
  };
}

function RulesTable({
  rules,
  history,
  onRevise,
}: {
  rules: readonly TRiskRule[];
  history: boolean;
  onRevise: (rule: TRiskRule) => void;
}) {
  const { t, i18n } = useTranslation();
  const conditions = useConditionsText();
  // Versions of one rule together, the newest first.
  const rows = [...rules].sort((a, b) => a.ruleKey.localeCompare(b.ruleKey) || b.version - a.version);
  const columns: Column<TRiskRule>[] = [
    {
      id: "name",
      header: t("declarations.rules.name"),
      rowHeader: true,
      cell: (rule) => (
        <div className={rule.supersededAt ? "rule-name rule-name--old" : "rule-name"}>
          <strong>{rule.name}</strong>
          {rule.description ? <span className="decl-muted">{rule.description}</span> : null}
        </div>
      ),
    },
    {
      id: "conditions",
      header: t("declarations.rules.conditionsTitle"),
      cell: (rule) => (
        <ul className="rule-conditions">
          {conditions(rule).map((text) => (
            <li key={text}>{text}</li>
          ))}
        </ul>
      ),
    },
    {
      id: "effect",
      header: t("declarations.rules.effect"),
      cell: (rule) => (
        <span className="rule-effect">
          {rule.lane ? <LaneBadge lane={rule.lane} /> : null}
          {rule.score !== null ? (
            <Badge>
              {t("declarations.risk.points", { n: rule.score > 0 ? `+${rule.score}` : rule.score })}
            </Badge>
          ) : null}
        </span>
      ),
    },
    {
      id: "version",
      header: t("declarations.rules.versionTitle"),
      cell: (rule) => (
        <span>
          {t("declarations.rules.version", { n: rule.version })}
          <br />
          <span className="decl-muted">
            {formatDateTime(rule.createdAt, i18n.language)}
            {rule.createdBy ? ` · ${rule.createdBy}` : ""}
          </span>
        </span>
      ),
    },
    {
      id: "state",
      header: t("declarations.rules.state"),
      cell: (rule) =>
        rule.supersededAt ? (
          <Badge>
            {t("declarations.rules.superseded", { date: formatDateTime(rule.supersededAt, i18n.language) })}
          </Badge>
        ) : rule.active ? (
          <Badge tone="success">{t("declarations.rules.active")}</Badge>
        ) : (
          <Badge tone="warning">{t("declarations.rules.inactive")}</Badge>
        ),
    },
    {
      id: "actions",
      header: <span className="visually-hidden">{t("declarations.rules.actions")}</span>,
      cell: (rule) =>
        rule.supersededAt ? null : (
          <Button
            variant="secondary"
            size="sm"
            onClick={() => onRevise(rule)}
            aria-label={t("declarations.rules.reviseLabel", { name: rule.name })}
          >
            {t("declarations.rules.revise")}
          </Button>
        ),
    },
  ];
  return (
    <DataTable
      caption={t(history ? "declarations.rules.tableHistory" : "declarations.rules.table")}
      columns={columns}
      rows={rows}
      rowKey={(rule) => rule.id}
      pageSizes={[25, 50]}
      empty={
        <EmptyState title={t("declarations.rules.emptyTitle")}>
          <p>{t("declarations.rules.emptyText")}</p>
        </EmptyState>
      }
    />
  );
}

function RuleEditor({
  side,
  editing,
  onClose,
  onSaved,
}: {
  side: TSide;
  editing: Editing;
  onClose: () => void;
  onSaved: (rule: TRiskRule) => void;
}) {
  const { t } = useTranslation();
  const reader = useNameLanguage();
  const queryClient = useQueryClient();
  const ports = useBorderPorts();
  const [draft, setDraft] = useState<RuleDraft>(() =>
    editing.mode === "revise" ? ruleDraftFromRule(editing.rule) : emptyRuleDraft(side),
  );
  const set = (patch: Partial<RuleDraft>) => setDraft((previous) => ({ ...previous, ...patch }));
  const enterprises = useQuery({
    queryKey: ["registry", "directory", "rule-declarants", draft.side, currentLanguage()],
    queryFn: ({ signal }) => searchEnterprises({ side: draft.side }, null, signal, 50),
  });
  const save = useMutation({
    mutationFn: (input: RuleDraft) =>
      editing.mode === "revise"
        ? reviseRiskRule(editing.rule.id, toRuleInput(input))
        : createRiskRule(toRuleInput(input)),
    onSuccess: async (rule) => {
      await queryClient.invalidateQueries({ queryKey: declarationKeys.rules });
      onSaved(rule);
    },
  });
  const any = { value: "", label: t("declarations.filters.any") };
  const title =
    editing.mode === "revise"
      ? t("declarations.rules.reviseTitle", { name: editing.rule.name, n: editing.rule.version + 1 })
      : t("declarations.rules.new");
  return (
    <section className="panel section rule-editor" aria-labelledby="rule-editor-title">
      <h2 id="rule-editor-title" className="panel__title">
        {title}
      </h2>
      {editing.mode === "revise" ? <p className="field__hint">{t("declarations.rules.reviseHint")}</p> : null}
      <Form onSubmit={() => save.mutate(draft)} error={save.error} busy={save.isPending} aria-label={title}>
        <div className="decl-pair decl-pair--wide">
          <TextField
            name="name"
            label={t("declarations.rules.name")}
            value={draft.name}
            maxLength={200}
            onChange={(event) => set({ name: event.target.value })}
          />
          <TextField
            name="description"
            label={t("declarations.rules.description")}
            optional
            value={draft.description}
            maxLength={1000}
            onChange={(event) => set({ description: event.target.value })}
          />
        </div>
        <fieldset className="fieldset rule-editor__group">
          <legend className="field__label">{t("declarations.rules.conditionsTitle")}</legend>
          <p className="field__hint">{t("declarations.rules.conditionsHint")}</p>
          <div className="decl-triple">
            <Select
              name="conditions.flow"
              label={t("declarations.form.flow")}
              optional
              options={[
                any,
                ...FLOWS.map((flow) => ({ value: flow, label: t(`declarations.flow.${flow}`) })),
              ]}
              value={draft.flow}
              onChange={(event) => set({ flow: FLOWS.find((flow) => flow === event.target.value) ?? "" })}
            />
            <TextField
              name="conditions.hsPrefix"
              label={t("declarations.rules.hsPrefix")}
              hint={t("declarations.rules.hsPrefixHint")}
              optional
              inputMode="numeric"
              className="input--code"
              value={draft.hsPrefix}
              onChange={(event) => set({ hsPrefix: event.target.value })}
            />
            <TextField
              name="conditions.origins"
              label={t("declarations.rules.origins")}
              hint={t("declarations.rules.originsHint")}
              optional
              value={draft.origins}
              onChange={(event) => set({ origins: event.target.value })}
            />
          </div>
          <div className="decl-pair decl-pair--wide">
            <Select
              name="conditions.portId"
              label={t("declarations.form.port")}
              optional
              options={[
                any,
                ...(ports.data ?? [])
                  .filter((port) => draft.side === "CN" || port.ru !== null)
                  .map((port) => ({ value: port.id, label: portLabel(port, draft.side, reader) })),
              ]}
              value={draft.portId}
              onChange={(event) => set({ portId: event.target.value })}
            />
            <Select
              name="conditions.declarantId"
              label={t("declarations.form.declarant")}
              optional
              options={[
                any,
                ...(enterprises.data?.items ?? []).map((enterprise) => ({
                  value: enterprise.id,
                  label: enterprise.name,
                })),
              ]}
              value={draft.declarantId}
              onChange={(event) => set({ declarantId: event.target.value })}
            />
          </div>
          <div className="decl-triple">
            <TextField
              name="conditions.valuePerKg.min"
              label={t("declarations.rules.valueMin")}
              optional
              inputMode="decimal"
              className="input--number"
              value={draft.valueMin}
              onChange={(event) => set({ valueMin: event.target.value })}
            />
            <TextField
              name="conditions.valuePerKg.max"
              label={t("declarations.rules.valueMax")}
              optional
              inputMode="decimal"
              className="input--number"
              value={draft.valueMax}
              onChange={(event) => set({ valueMax: event.target.value })}
            />
            <TextField
              name="conditions.trustBelow"
              label={t("declarations.rules.trustBelow")}
              optional
              inputMode="numeric"
              className="input--number"
              value={draft.trustBelow}
              onChange={(event) => set({ trustBelow: event.target.value })}
            />
          </div>
          <p className="field__hint">{t("declarations.rules.valueHint")}</p>
          <Checkbox
            id="rule-unit-value-band"
            name="conditions.unitValueBand"
            label={t("declarations.rules.unitValueBand")}
            hint={t("declarations.rules.unitValueBandHint")}
            checked={draft.unitValueBand}
            onChange={(unitValueBand) => set({ unitValueBand })}
          />
        </fieldset>
        <fieldset className="fieldset rule-editor__group">
          <legend className="field__label">{t("declarations.rules.effect")}</legend>
          <p className="field__hint">{t("declarations.rules.effectHint")}</p>
          <div className="decl-pair">
            <Select
              name="lane"
              label={t("declarations.rules.lane")}
              optional
              options={[
                { value: "", label: t("declarations.rules.noLane") },
                ...LANES.map((lane) => ({ value: lane, label: t(`declarations.lane.${lane}`) })),
              ]}
              value={draft.lane}
              onChange={(event) => set({ lane: LANES.find((lane) => lane === event.target.value) ?? "" })}
            />
            <TextField
              name="score"
              label={t("declarations.rules.score")}
              hint={t("declarations.rules.scoreHint")}
              optional
              inputMode="numeric"
              className="input--number"
              value={draft.score}
              onChange={(event) => set({ score: event.target.value })}
            />
          </div>
          <Checkbox
            id="rule-active"
            name="active"
            label={t("declarations.rules.active")}
            checked={draft.active}
            onChange={(active) => set({ active })}
          />
        </fieldset>
        <div className="form__actions">
          <Button type="submit" loading={save.isPending} loadingLabel={t("declarations.form.saving")}>
            {editing.mode === "revise" ? t("declarations.rules.saveVersion") : t("declarations.rules.create")}
          </Button>
          <Button variant="secondary" onClick={onClose}>
            {t("common.cancel")}
          </Button>
        </div>
      </Form>
    </section>
  );
}
