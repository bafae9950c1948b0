import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { updateEnterprise } from "../../api";
import {
  Button,
  EmptyState,
  ErrorState,
  Form,
  LinkButton,
  PageHeader,
  Spinner,
  TextField,
} from "../../components";
import type { TEnterprise, TEnterprisePrivate, TEnterpriseUpdate } from "../../contracts";
import { useMe } from "../../session";
import { isMemberOf } from "./access";
import { ChapterPicker } from "./chapters";
import { enterprisePath } from "./paths";
import { draftOf, type ProfileDraft, profilePatch } from "./profileEdit";
import { registryKeys, useEnterprise, useEnterprisePrivate } from "./queries";
import { Flag, FormSection } from "./RegisterPage";
import "./registry.css";

/** Members change their enterprise's names, address, contacts and activity; identifiers stay as verified. */
export function EditPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const me = useMe();
  const member = isMemberOf(me.data, id);
  const enterprise = useEnterprise(id);
  const details = useEnterprisePrivate(id, member);

  if (enterprise.isPending || (member && details.isPending)) return <Spinner />;
  if (enterprise.isError) {
    return <ErrorState error={enterprise.error} onRetry={() => void enterprise.refetch()} />;
  }
  if (!member) {
    return (
      <>
        <PageHeader
          eyebrow={<Link to={enterprisePath(id)}>{enterprise.data.name}</Link>}
          title={t("registry.edit.title")}
        />
        <EmptyState
          title={t("registry.edit.notMemberTitle")}
          action={<LinkButton to={enterprisePath(id)}>{t("registry.edit.back")}</LinkButton>}
        >
          <p>{t("registry.edit.notMemberText")}</p>
        </EmptyState>
      </>
    );
  }
  return <EditForm enterprise={enterprise.data} details={details.data} />;
}

function EditForm({
  enterprise,
  details,
}: {
  enterprise: TEnterprise;
  details: TEnterprisePrivate | undefined;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [initial] = useState(() => draftOf(enterprise, details));
  const [draft, setDraft] = useState(initial);
  const set = <K extends keyof ProfileDraft>(key: K, value: ProfileDraft[K]) =>
    setDraft((previous) => ({ ...previous, [key]: value }));
  const save = useMutation({
    mutationFn: (patch: TEnterpriseUpdate) => updateEnterprise(enterprise.id, patch),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: registryKeys.enterprise(enterprise.id) }),
        queryClient.invalidateQueries({ queryKey: registryKeys.private(enterprise.id) }),
        queryClient.invalidateQueries({ queryKey: registryKeys.trust(enterprise.id) }),
        queryClient.invalidateQueries({ queryKey: registryKeys.directory }),
      ]);
      await navigate(enterprisePath(enterprise.id));
    },
  });
  const patch = profilePatch(initial, draft);
  const nothingChanged = Object.keys(patch).length === 0;
  const native = enterprise.side === "CN" ? "nameZh" : "nameRu";
  const nameKeys =
    native === "nameZh"
      ? (["nameZh", "nameRu", "nameEn"] as const)
      : (["nameRu", "nameZh", "nameEn"] as const);

  return (
    <div className="registry-form-page">
      <PageHeader
        eyebrow={<Link to={enterprisePath(enterprise.id)}>{enterprise.name}</Link>}
        title={t("registry.edit.title")}
        description={<p>{t("registry.edit.intro")}</p>}
      />
      <Form
        onSubmit={() => (nothingChanged ? void navigate(enterprisePath(enterprise.id)) : save.mutate(patch))}
        error={save.error}
        busy={save.isPending}
        aria-label={t("registry.edit.title")}
        className="registry-form"
      >
        <FormSection title={t("registry.form.namesSection")}>
          {nameKeys.map((key) => (
            <TextField
              key={key}
              name={`names.${key === "nameZh" ? "zh" : key === "nameRu" ? "ru" : "en"}`}
              label={t(`registry.form.${key}`)}
              optional={key !== native}
              value={draft[key]}
              onChange={(event) => set(key, event.target.value)}
              maxLength={300}
            />
          ))}
          <TextField
            name="legalForm"
            label={t("registry.form.legalForm")}
            optional
            value={draft.legalForm}
            onChange={(event) => set("legalForm", event.target.value)}
            maxLength={100}
          />
          <TextField
            name="address"
            label={t("registry.form.address")}
            optional
            value={draft.address}
            onChange={(event) => set("address", event.target.value)}
            maxLength={500}
          />
        </FormSection>
        <FormSection title={t("registry.form.tradeSection")}>
          <ChapterPicker value={draft.hsChapters} onChange={(value) => set("hsChapters", value)} />
          <Flag
            name="crossBorderEcommerce"
            label={t("registry.flags.crossBorderEcommerce")}
            hint={t("registry.form.crossBorderEcommerceHint")}
            checked={draft.crossBorderEcommerce}
            onChange={(checked) => set("crossBorderEcommerce", checked)}
          />
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
          />
        </FormSection>
        <p className="field__hint">{t("registry.edit.notEditable")}</p>
        <div className="form__actions">
          <Button type="submit" loading={save.isPending} loadingLabel={t("registry.edit.saving")}>
            {t("registry.edit.save")}
          </Button>
          <LinkButton to={enterprisePath(enterprise.id)}>{t("common.cancel")}</LinkButton>
        </div>
      </Form>
    </div>
  );
}
