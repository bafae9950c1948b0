import { useTranslation } from "react-i18next";
import { EmptyState, LinkButton, PageHeader } from "../components";

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t("notFound.title")} />
      <EmptyState
        title={t("notFound.text")}
        headingLevel={2}
        action={
          <LinkButton to="/" variant="primary">
            {t("notFound.home")}
          </LinkButton>
        }
      />
    </>
  );
}
