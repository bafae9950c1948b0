import { useTranslation } from "react-i18next";
import { Badge, EmptyState, LinkButton, PageHeader } from "../components";
import { ModuleIcon } from "../layout/icons";
import type { ModuleId } from "../modules";

/**
 * The page of a module that is not built yet. It says what the module will do and, honestly, that
 * there is nothing here so far: no placeholder figures that could be mistaken for data.
 */
export function ModulePage({ module }: { module: ModuleId }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader
        eyebrow={<Badge tone="warning">{t("common.underConstruction")}</Badge>}
        title={t(`modules.${module}.title`)}
        description={<p>{t(`modules.${module}.description`)}</p>}
      />
      <EmptyState
        title={t("modules.constructionTitle")}
        icon={<ModuleIcon module={module} />}
        action={<LinkButton to="/">{t("modules.backHome")}</LinkButton>}
      >
        <p>{t("modules.constructionText")}</p>
      </EmptyState>
    </>
  );
}
