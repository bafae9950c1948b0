import { useTranslation } from "react-i18next";
import { isApiError } from "../api";
import { Button } from "./Button";
import { Heading, type HeadingLevel } from "./Heading";

export interface ErrorStateProps {
  error: unknown;
  /** Offers "Try again" when given, e.g. a query's `refetch`. */
  onRetry?: () => void;
  retrying?: boolean;
  headingLevel?: HeadingLevel;
}

/** Shows why something failed — in the server's own words when it sent a problem — and a way out. */
export function ErrorState({ error, onRetry, retrying = false, headingLevel = 2 }: ErrorStateProps) {
  const { t } = useTranslation();
  const title = isApiError(error) ? error.title : t("errors.unexpectedTitle");
  const detail = isApiError(error) ? error.detail : t("errors.unexpectedDetail");
  const requestId = isApiError(error) ? error.requestId : null;
  return (
    <div className="state state--error" role="alert">
      <div className="state__icon" aria-hidden="true">
        <svg
          viewBox="0 0 48 48"
          width="48"
          height="48"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          aria-hidden="true"
        >
          <path d="M24 6 44 40H4Z" strokeLinejoin="round" />
          <path d="M24 19v10M24 34v1" strokeLinecap="round" />
        </svg>
      </div>
      <Heading level={headingLevel} className="state__title">
        {title}
      </Heading>
      {detail ? <p className="state__text">{detail}</p> : null}
      {requestId ? <p className="state__meta">{t("errors.requestId", { id: requestId })}</p> : null}
      {onRetry ? (
        <div className="state__action">
          <Button variant="secondary" onClick={onRetry} loading={retrying}>
            {t("common.retry")}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
