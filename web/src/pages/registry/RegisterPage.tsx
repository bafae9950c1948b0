import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { registerEnterprise } from "../../api";
import { Button, Checkbox, Form, PageHeader, RadioGroup, TextField } from "../../components";
import type { TAeoLevel, TEnterpriseRegistration, TRegistered, TSide } from "../../contracts";
import { meQueryKey, useMe } from "../../session";
import { defaultSide } from "./access";
import { IdentifierField } from "./IdentifierField";
import { AddressField, ContactsSection, FormSection, NameFields, TradeSection } from "./ProfileFields";
import { ENTERPRISES_PATH, enterprisePath } from "./paths";
import { registryKeys } from "./queries";
import { RegionField } from "./regions";
import {
  emptyDraft,
  isIndividualInn,
  nativeNameKey,
  type RegistrationDraft,
  toRegistration,
} from "./registration";
import "./registry.css";

/** What the profile page is told after a registration, to greet the registrant. */
export interface RegisteredState {
  registered: true;
  warnings: TRegistered["warnings"];
}

export function RegisterPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<RegistrationDraft>(() =>
    emptyDraft(defaultSide(me.data, i18n.language)),
  );
  const set = <K extends keyof RegistrationDraft>(key: K, value: RegistrationDraft[K]) =>
    setDraft((previous) => ({ ...previous, [key]: value }));
  // The parts the profile editor shares (ProfileFields.tsx) send patches.
  const update = (patch: Partial<RegistrationDraft>) => setDraft((previous) => ({ ...previous, ...patch }));

  const register = useMutation({
    mutationFn: (body: TEnterpriseRegistration) => registerEnterprise(body),
    onSuccess: async (result) => {
      // The registrant is now a member of the new enterprise; the directory has one more entry.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: meQueryKey }),
        queryClient.invalidateQueries({ queryKey: registryKeys.directory }),
      ]);
      const state: RegisteredState = { registered: true, warnings: result.warnings };
      await navigate(enterprisePath(result.enterprise.id), { state });
    },
  });

  const switchSide = (side: TSide) => {
    // Keep what was typed for the other side, so switching back and forth loses nothing.
    set("side", side);
    if (draft.region !== "" && !draft.region.startsWith(`${side}-`) && draft.region !== "other")
      set("region", "");
  };

  const individual = draft.side === "RU" && isIndividualInn(draft.inn);
  const nativeKey = nativeNameKey(draft.side);

  return (
    <div className="registry-form-page">
      <PageHeader
        eyebrow={<Link to={ENTERPRISES_PATH}>{t("registry.directory.title")}</Link>}
        title={t("registry.register.title")}
        description={<p>{t("registry.register.intro")}</p>}
      />
      <Form
        onSubmit={() => register.mutate(toRegistration(draft))}
        error={register.error}
        busy={register.isPending}
        aria-label={t("registry.register.title")}
        className="registry-form"
      >
        <FormSection title={t("registry.form.sideSection")}>
          <RadioGroup<TSide>
            legend={t("registry.form.side")}
            name="side"
            hint={t("registry.form.sideHint")}
            inline
            options={[
              { value: "CN", label: t("registry.form.sideCN") },
              { value: "RU", label: t("registry.form.sideRU") },
            ]}
            value={draft.side}
            onChange={switchSide}
          />
        </FormSection>

        <FormSection title={t("registry.form.identifiersSection")}>
          {draft.side === "CN" ? (
            <IdentifierField
              key="uscc"
              name="identifiers.uscc"
              scheme="uscc"
              label={t("registry.identifiers.uscc")}
              hint={t("registry.form.usccHint")}
              value={draft.uscc}
              onChange={(value) => set("uscc", value)}
            />
          ) : (
            <>
              <IdentifierField
                key="inn"
                name="identifiers.inn"
                scheme="inn"
                label={t("registry.identifiers.inn")}
                hint={t("registry.form.innHint")}
                value={draft.inn}
                onChange={(value) => set("inn", value)}
              />
              <IdentifierField
                // A new field for the other scheme: the check of an OGRN says nothing about an OGRNIP.
                key={individual ? "ogrnip" : "ogrn"}
                name="identifiers.ogrn"
                scheme={individual ? "ogrnip" : "ogrn"}
                label={t(individual ? "registry.identifiers.ogrnip" : "registry.identifiers.ogrn")}
                hint={t(individual ? "registry.form.ogrnipHint" : "registry.form.ogrnHint")}
                value={draft.ogrn}
                onChange={(value) => set("ogrn", value)}
              />
              {individual ? (
                <p className="field__hint">{t("registry.form.kppNotForIndividual")}</p>
              ) : (
                <IdentifierField
                  key="kpp"
                  name="identifiers.kpp"
                  scheme="kpp"
                  label={t("registry.identifiers.kpp")}
                  hint={t("registry.form.kppHint")}
                  value={draft.kpp}
                  onChange={(value) => set("kpp", value)}
                />
              )}
            </>
          )}
        </FormSection>

        <FormSection title={t("registry.form.namesSection")}>
          <p className="field__hint">{t("registry.form.namesHint")}</p>
          <NameFields
            draft={draft}
            onChange={update}
            native={nativeKey}
            legalFormHint={t(
              draft.side === "CN" ? "registry.form.legalFormHintCN" : "registry.form.legalFormHintRU",
            )}
          />
        </FormSection>

        <FormSection title={t("registry.form.locationSection")}>
          <RegionField
            side={draft.side}
            value={draft.region}
            onChange={(value) => set("region", value)}
            otherCode={draft.regionOther}
            onOtherCodeChange={(value) => set("regionOther", value)}
          />
          <AddressField draft={draft} onChange={update} />
        </FormSection>

        <TradeSection draft={draft} onChange={update}>
          <Checkbox
            name="borderTrade"
            label={t("registry.flags.borderTrade")}
            hint={t("registry.form.borderTradeHint")}
            checked={draft.borderTrade}
            onChange={(checked) => set("borderTrade", checked)}
          />
        </TradeSection>

        <FormSection title={t("registry.form.aeoSection")}>
          <RadioGroup<TAeoLevel | "none">
            legend={t("registry.form.aeoLevel")}
            name="aeo.level"
            hint={t("registry.form.aeoHint")}
            options={[
              { value: "none", label: t("registry.aeo.none") },
              { value: "general", label: t("registry.aeo.general") },
              { value: "advanced", label: t("registry.aeo.advanced") },
            ]}
            value={draft.aeoLevel}
            onChange={(value) => set("aeoLevel", value)}
          />
          {draft.aeoLevel === "none" ? null : (
            <TextField
              name="aeo.since"
              type="date"
              label={t("registry.form.aeoSince")}
              optional
              value={draft.aeoSince}
              onChange={(event) => set("aeoSince", event.target.value)}
              className="input--date"
            />
          )}
        </FormSection>

        <ContactsSection draft={draft} onChange={update} />

        <div className="form__actions">
          <Button type="submit" loading={register.isPending} loadingLabel={t("registry.register.submitting")}>
            {t("registry.register.submit")}
          </Button>
          <p className="field__hint">{t("registry.register.afterSubmit")}</p>
        </div>
      </Form>
    </div>
  );
}
