import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { updateEnterprise } from "../../api";
import { Button, EmptyState, ErrorState, Form, LinkButton, PageHeader, Spinner } from "../../components";
import type { TEnterprise, TEnterprisePrivate, TEnterpriseUpdate } from "../../contracts";
import { useMe } from "../../session";
import { isMemberOf } from "./access";
import { AddressField, ContactsSection, FormSection, NameFields, TradeSection } from "./ProfileFields";
import { enterprisePath } from "./paths";
import { draftOf, type ProfileDraft, profilePatch } from "./profileEdit";
import { registryKeys, useEnterprise, useEnterprisePrivate } from "./queries";
import { nativeNameKey } from "./registration";
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
  const update = (patch: Partial<ProfileDraft>) => setDraft((previous) => ({ ...previous, ...patch }));
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
          <NameFields draft={draft} onChange={update} native={nativeNameKey(enterprise.side)} />
          <AddressField draft={draft} onChange={update} />
        </FormSection>
        <TradeSection draft={draft} onChange={update} />
        <ContactsSection draft={draft} onChange={update} />
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
