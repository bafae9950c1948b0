import { type ReactNode, useId } from "react";
import { useTranslation } from "react-i18next";
import { Checkbox, TextField } from "../../components";
import { ChapterPicker } from "./chapters";
import type { ProfileDraft } from "./profileEdit";

// The parts of an enterprise's profile that the registration and the profile editor both ask for, so
// the two forms keep the same fields, request paths and input hints.

interface ProfileFieldsProps {
  /** The registration's draft has more fields than these; the parts here show and change only these. */
  draft: ProfileDraft;
  onChange: (patch: Partial<ProfileDraft>) => void;
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

/** The names in the three languages, the native one first and required, then the legal form. */
export function NameFields({
  draft,
  onChange,
  native,
  legalFormHint,
}: ProfileFieldsProps & { native: "nameZh" | "nameRu"; legalFormHint?: string }) {
  const { t } = useTranslation();
  // The native name first: it is the one the side's customs will compare with the licence.
  const order =
    native === "nameZh"
      ? (["nameZh", "nameRu", "nameEn"] as const)
      : (["nameRu", "nameZh", "nameEn"] as const);
  return (
    <>
      {order.map((key) => (
        <TextField
          key={key}
          name={NAME_PATHS[key]}
          label={t(`registry.form.${key}`)}
          lang={NAME_LANGS[key]}
          optional={key !== native}
          value={draft[key]}
          onChange={(event) => onChange({ [key]: event.target.value })}
          maxLength={300}
          autoComplete={key === native ? "organization" : "off"}
        />
      ))}
      <TextField
        name="legalForm"
        label={t("registry.form.legalForm")}
        hint={legalFormHint}
        optional
        value={draft.legalForm}
        onChange={(event) => onChange({ legalForm: event.target.value })}
        maxLength={100}
      />
    </>
  );
}

export function AddressField({ draft, onChange }: ProfileFieldsProps) {
  const { t } = useTranslation();
  return (
    <TextField
      name="address"
      label={t("registry.form.address")}
      optional
      value={draft.address}
      onChange={(event) => onChange({ address: event.target.value })}
      maxLength={500}
      autoComplete="street-address"
    />
  );
}

/**
 * The HS chapters traded and the cross-border e-commerce flag; `children` are further flags, shown
 * between the two (the registration asks about border trade there).
 */
export function TradeSection({ draft, onChange, children }: ProfileFieldsProps & { children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <FormSection title={t("registry.form.tradeSection")}>
      <ChapterPicker value={draft.hsChapters} onChange={(hsChapters) => onChange({ hsChapters })} />
      {children}
      <Checkbox
        name="crossBorderEcommerce"
        label={t("registry.flags.crossBorderEcommerce")}
        hint={t("registry.form.crossBorderEcommerceHint")}
        checked={draft.crossBorderEcommerce}
        onChange={(crossBorderEcommerce) => onChange({ crossBorderEcommerce })}
      />
    </FormSection>
  );
}

// Each contact's input type, autofill hint and on-screen keyboard; addresses are not spell-checked.
const CONTACTS = [
  { key: "email", type: "email", autoComplete: "email", inputMode: "email", spellCheck: false },
  { key: "phone", type: "tel", autoComplete: "tel" },
  { key: "website", type: "url", autoComplete: "url", spellCheck: false },
] as const;

/** E-mail, phone and website; the section's intro says who sees them. */
export function ContactsSection({ draft, onChange }: ProfileFieldsProps) {
  const { t } = useTranslation();
  return (
    <FormSection title={t("registry.form.contactsSection")} intro={t("registry.form.contactsHint")}>
      {CONTACTS.map(({ key, ...input }) => (
        <TextField
          key={key}
          name={`contacts.${key}`}
          {...input}
          label={t(`registry.form.${key}`)}
          optional
          value={draft[key]}
          onChange={(event) => onChange({ [key]: event.target.value })}
        />
      ))}
    </FormSection>
  );
}
