import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { registerEnterprise } from "../../api";
import { Button, Form, PageHeader, RadioGroup, TextField } from "../../components";
import type { TAeoLevel, TEnterpriseRegistration, TRegistered, TSide } from "../../contracts";
import { meQueryKey, useMe } from "../../session";
import { defaultSide } from "./access";
import { ChapterPicker } from "./chapters";
import { IdentifierField } from "./IdentifierField";
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
          {/* The native name first: it is the one the side's customs will compare with the licence. */}
          {(nativeKey === "nameZh"
            ? (["nameZh", "nameRu", "nameEn"] as const)
            : (["nameRu", "nameZh", "nameEn"] as const)
          ).map((key) => (
            <TextField
              key={key}
              name={NAME_PATHS[key]}
              label={t(`registry.form.${key}`)}
              lang={NAME_LANGS[key]}
              optional={key !== nativeKey}
              value={draft[key]}
              onChange={(event) => set(key, event.target.value)}
              maxLength={300}
              autoComplete={key === nativeKey ? "organization" : "off"}
            />
          ))}
          <TextField
            name="legalForm"
            label={t("registry.form.legalForm")}
            hint={t(draft.side === "CN" ? "registry.form.legalFormHintCN" : "registry.form.legalFormHintRU")}
            optional
            value={draft.legalForm}
            onChange={(event) => set("legalForm", event.target.value)}
            maxLength={100}
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
          <TextField
            name="address"
            label={t("registry.form.address")}
            optional
            value={draft.address}
            onChange={(event) => set("address", event.target.value)}
            maxLength={500}
            autoComplete="street-address"
          />
        </FormSection>

        <FormSection title={t("registry.form.tradeSection")}>
          <ChapterPicker value={draft.hsChapters} onChange={(value) => set("hsChapters", value)} />
          <Flag
            name="borderTrade"
            label={t("registry.flags.borderTrade")}
            hint={t("registry.form.borderTradeHint")}
            checked={draft.borderTrade}
            onChange={(checked) => set("borderTrade", checked)}
          />
          <Flag
            name="crossBorderEcommerce"
            label={t("registry.flags.crossBorderEcommerce")}
            hint={t("registry.form.crossBorderEcommerceHint")}
            checked={draft.crossBorderEcommerce}
            onChange={(checked) => set("crossBorderEcommerce", checked)}
          />
        </FormSection>

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

        <FormSection title={t("registry.form.contactsSection")} intro={t("registry.form.contactsHint")}>
          <TextField
            name="contacts.email"
            type="email"
            label={t("registry.form.email")}
            optional
            value={draft.email}
            onChange={(event) => set("email", event.target.value)}
            autoComplete="email"
            inputMode="email"
            spellCheck={false}
          />
          <TextField
            name="contacts.phone"
            type="tel"
            label={t("registry.form.phone")}
            optional
            value={draft.phone}
            onChange={(event) => set("phone", event.target.value)}
            autoComplete="tel"
          />
          <TextField
            name="contacts.website"
            type="url"
            label={t("registry.form.website")}
            optional
            value={draft.website}
            onChange={(event) => set("website", event.target.value)}
            autoComplete="url"
            spellCheck={false}
          />
        </FormSection>

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

const NAME_PATHS = { nameZh: "names.zh", nameRu: "names.ru", nameEn: "names.en" } as const;
const NAME_LANGS = { nameZh: "zh-CN", nameRu: "ru-RU", nameEn: "en" } as const;

export function FormSection({
  title,
  intro,
  children,
}: {
  title: string;
  intro?: string;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <section className="panel registry-form__section" aria-labelledby={id}>
      <h2 id={id} className="panel__title">
        {title}
      </h2>
      {intro ? <p className="field__hint">{intro}</p> : null}
      <div className="registry-form__fields">{children}</div>
    </section>
  );
}

export function Flag({
  name,
  label,
  hint,
  checked,
  onChange,
}: {
  name: string;
  label: string;
  hint?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const id = `flag-${useId().replace(/:/g, "")}`;
  return (
    <div className="checkbox">
      <input
        type="checkbox"
        id={id}
        name={name}
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
      <label htmlFor={id}>
        <span className="checkbox__label">{label}</span>
        {hint ? (
          <span className="checkbox__hint" id={`${id}-hint`}>
            {hint}
          </span>
        ) : null}
      </label>
    </div>
  );
}
