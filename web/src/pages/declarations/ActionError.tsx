import { useTranslation } from "react-i18next";
import { isApiError } from "../../api";

/** A problem from the server inside a dialog: its title, detail and field messages, in the reader's language. */
export function ActionError({
  error,
  shownAtFields = [],
}: {
  error: unknown;
  shownAtFields?: readonly string[];
}) {
  const { t } = useTranslation();
  if (!error) return null;
  const problem = isApiError(error) ? error : null;
  const messages = (problem?.errors ?? []).filter((fieldError) => !shownAtFields.includes(fieldError.path));
  if (problem && problem.errors.length > 0 && messages.length === 0) return null;
  return (
    <div role="alert" className="decl-dialog__error">
      <p className="notice__title">{problem ? problem.title : t("errors.unexpectedTitle")}</p>
      {problem?.detail ? <p>{problem.detail}</p> : null}
      {messages.length > 0 ? (
        <ul>
          {messages.map((fieldError) => (
            <li key={`${fieldError.path}-${fieldError.message}`}>{fieldError.message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
