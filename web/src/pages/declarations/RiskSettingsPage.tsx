import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import {
  Button,
  EmptyState,
  ErrorState,
  Form,
  Notice,
  PageHeader,
  Select,
  Spinner,
  TextField,
} from "../../components";
import type { TSide } from "../../contracts";
import { formatDateTime } from "../../format";
import { useMe } from "../../session";
import { useNameLanguage } from "../reference/LocalName";
import { useBorderPorts } from "../reference/queries";
import { officerSides } from "./access";
import { saveRiskSettings } from "./api";
import { portLabel } from "./badges";
import type { TRiskSettings } from "./contracts";
import { newRowKey } from "./draft";
import { RISK_RULES_PATH } from "./paths";
import { declarationKeys, useRiskSettings } from "./queries";
import { type SettingsDraft, settingsDraftFrom, toSettingsInput } from "./riskForms";
import "./declarations.css";

/** How strict the lanes are for one side: random selection, score thresholds and the green corridor. */
export function RiskSettingsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const sides = officerSides(me.data);
  const [chosenSide, setSide] = useState<TSide | null>(null);
  const side = chosenSide ?? sides[0] ?? null;
  const settings = useRiskSettings(side);
  // Kept here: saving makes a new version, which remounts the form with it.
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  return (
    <>
      <PageHeader
        eyebrow={<Link to={RISK_RULES_PATH}>{t("declarations.rules.title")}</Link>}
        title={t("declarations.settings.title")}
        description={<p>{t("declarations.settings.intro")}</p>}
      />
      {side === null ? (
        <EmptyState title={t("declarations.queue.notOfficerTitle")}>
          <p>{t("declarations.queue.notOfficerText")}</p>
        </EmptyState>
      ) : (
        <>
          {sides.length > 1 ? (
            <Select
              label={t("declarations.rules.side")}
              options={sides.map((option) => ({ value: option, label: t(`side.${option}`) }))}
              value={side}
              onChange={(event) => setSide(event.target.value === "RU" ? "RU" : "CN")}
            />
          ) : null}
          {savedVersion !== null ? (
            <Notice tone="success">
              <p>{t("declarations.settings.saved", { n: savedVersion })}</p>
            </Notice>
          ) : null}
          {settings.isPending ? (
            <Spinner />
          ) : settings.isError ? (
            <ErrorState
              error={settings.error}
              onRetry={() => void settings.refetch()}
              retrying={settings.isFetching}
            />
          ) : (
            <SettingsForm
              key={`${side}-${settings.data.version}`}
              side={side}
              settings={settings.data}
              onSaved={setSavedVersion}
            />
          )}
        </>
      )}
    </>
  );
}

function SettingsForm({
  side,
  settings,
  onSaved,
}: {
  side: TSide;
  settings: TRiskSettings;
  onSaved: (version: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const reader = useNameLanguage();
  const ports = useBorderPorts();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<SettingsDraft>(() => settingsDraftFrom(settings));
  const set = (patch: Partial<SettingsDraft>) => setDraft((previous) => ({ ...previous, ...patch }));
  const save = useMutation({
    mutationFn: (input: SettingsDraft) => saveRiskSettings(side, toSettingsInput(input)),
    onSuccess: async (saved) => {
      onSaved(saved.version);
      await queryClient.invalidateQueries({ queryKey: declarationKeys.settings(side) });
    },
  });
  const portOptions = [
    { value: "", label: t("declarations.settings.allPorts") },
    ...(ports.data ?? [])
      .filter((port) => side === "CN" || port.ru !== null)
      .map((port) => ({ value: port.id, label: portLabel(port, side, reader) })),
  ];
  const updateRow = (index: number, patch: Partial<SettingsDraft["corridor"][number]>) =>
    set({ corridor: draft.corridor.map((row, i) => (i === index ? { ...row, ...patch } : row)) });
  return (
    <Form
      onSubmit={() => save.mutate(draft)}
      error={save.error}
      busy={save.isPending}
      aria-label={t("declarations.settings.title")}
      className="settings-form"
    >
      <p className="decl-muted">
        {t("declarations.settings.version", {
          n: settings.version,
          side: t(`side.${side}`),
          at: formatDateTime(settings.updatedAt, i18n.language),
        })}
        {settings.updatedBy ? ` · ${settings.updatedBy}` : ""}
      </p>
      <section className="panel" aria-labelledby="settings-random-title">
        <h2 id="settings-random-title" className="panel__title">
          {t("declarations.settings.randomTitle")}
        </h2>
        <p className="field__hint">{t("declarations.settings.randomHint")}</p>
        <div className="decl-pair">
          <TextField
            name="randomRates.red"
            label={t("declarations.settings.randomRed")}
            inputMode="decimal"
            className="input--number"
            value={draft.randomRed}
            onChange={(event) => set({ randomRed: event.target.value })}
          />
          <TextField
            name="randomRates.yellow"
            label={t("declarations.settings.randomYellow")}
            inputMode="decimal"
            className="input--number"
            value={draft.randomYellow}
            onChange={(event) => set({ randomYellow: event.target.value })}
          />
        </div>
      </section>
      <section className="panel" aria-labelledby="settings-thresholds-title">
        <h2 id="settings-thresholds-title" className="panel__title">
          {t("declarations.settings.thresholdsTitle")}
        </h2>
        <p className="field__hint">{t("declarations.settings.thresholdsHint")}</p>
        <div className="decl-pair">
          <TextField
            name="scoreThresholds.yellow"
            label={t("declarations.settings.thresholdYellow")}
            inputMode="numeric"
            className="input--number"
            value={draft.thresholdYellow}
            onChange={(event) => set({ thresholdYellow: event.target.value })}
          />
          <TextField
            name="scoreThresholds.red"
            label={t("declarations.settings.thresholdRed")}
            inputMode="numeric"
            className="input--number"
            value={draft.thresholdRed}
            onChange={(event) => set({ thresholdRed: event.target.value })}
          />
        </div>
      </section>
      <section className="panel" aria-labelledby="settings-corridor-title">
        <h2 id="settings-corridor-title" className="panel__title">
          {t("declarations.settings.corridorTitle")}
        </h2>
        <p className="field__hint">{t("declarations.settings.corridorHint")}</p>
        {draft.corridor.length === 0 ? (
          <p className="decl-muted">{t("declarations.settings.corridorEmpty")}</p>
        ) : null}
        <ol className="corridor-list">
          {draft.corridor.map((row, index) => {
            const title = t("declarations.settings.corridorRow", { n: index + 1 });
            return (
              <li key={row.key}>
                <fieldset className="corridor-row" aria-label={title}>
                  <legend className="visually-hidden">{title}</legend>
                  <TextField
                    name={`greenCorridor.${index}.hsPrefix`}
                    label={t("declarations.rules.hsPrefix")}
                    inputMode="numeric"
                    className="input--code"
                    value={row.hsPrefix}
                    onChange={(event) => updateRow(index, { hsPrefix: event.target.value })}
                  />
                  <Select
                    name={`greenCorridor.${index}.portId`}
                    label={t("declarations.form.port")}
                    optional
                    options={portOptions}
                    value={row.portId}
                    onChange={(event) => updateRow(index, { portId: event.target.value })}
                  />
                  <TextField
                    name={`greenCorridor.${index}.note`}
                    label={t("declarations.settings.note")}
                    optional
                    maxLength={500}
                    value={row.note}
                    onChange={(event) => updateRow(index, { note: event.target.value })}
                  />
                  <Button
                    variant="ghost"
                    size="sm"
                    className="decl-document__remove"
                    onClick={() => set({ corridor: draft.corridor.filter((_, i) => i !== index) })}
                  >
                    {t("declarations.settings.removeRow", { n: index + 1 })}
                  </Button>
                </fieldset>
              </li>
            );
          })}
        </ol>
        <Button
          variant="secondary"
          onClick={() =>
            set({ corridor: [...draft.corridor, { key: newRowKey(), hsPrefix: "", portId: "", note: "" }] })
          }
        >
          {t("declarations.settings.addRow")}
        </Button>
      </section>
      <div className="form__actions">
        <Button type="submit" loading={save.isPending} loadingLabel={t("declarations.form.saving")}>
          {t("declarations.settings.save")}
        </Button>
      </div>
    </Form>
  );
}
