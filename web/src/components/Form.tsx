import {
  type ComponentPropsWithoutRef,
  createContext,
  type FormEvent,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { useTranslation } from "react-i18next";
import { type FieldError, isApiError } from "../api";

interface FormContextValue {
  /** The server's message for a field, unless the user has edited the field since. */
  errorFor(name: string): string | undefined;
  /** Fields announce their name and element id, so the summary can tell field errors from the rest. */
  register(name: string, id: string): () => void;
}

const FormContext = createContext<FormContextValue | null>(null);

/** Lets a field find the error the server reported for it in the surrounding Form, if any. */
export function useFormField(name: string | undefined, id: string): string | undefined {
  const form = useContext(FormContext);
  const register = form?.register;
  useEffect(() => (register && name ? register(name, id) : undefined), [register, name, id]);
  return form && name ? form.errorFor(name) : undefined;
}

const NO_FIELD_ERRORS: readonly FieldError[] = [];

/** `scopes.1` belongs to the field `scopes`: errors about one item of a list show at the list. */
function belongsTo(path: string, field: string): boolean {
  return path === field || path.startsWith(`${field}.`);
}

export interface FormProps extends Omit<ComponentPropsWithoutRef<"form">, "onSubmit"> {
  /** Receives the form's values; submissions are ignored while `busy`. */
  onSubmit: (data: FormData) => void;
  /** The last submission's error, typically a mutation's `error`; an ApiError's field errors go to fields. */
  error?: unknown;
  busy?: boolean;
}

interface SummaryItem {
  key: string;
  message: string;
  fieldId?: string;
}

/**
 * A form that shows a server problem where it belongs: each `errors[].path` next to the field of that
 * name, and everything else — errors for unknown fields, or a problem without field errors such as
 * wrong credentials — in a summary at the top, which takes focus so it is read out at once.
 */
export function Form({ onSubmit, error, busy = false, children, className, ...rest }: FormProps) {
  const { t } = useTranslation();
  const [fields, setFields] = useState<ReadonlyMap<string, string>>(new Map());
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
  const summaryRef = useRef<HTMLDivElement>(null);

  // Edits only hide the error of the field edited, and only until the next answer from the server.
  useEffect(() => {
    setEdited(new Set());
    if (error) summaryRef.current?.focus();
  }, [error]);

  // Stable for the form's lifetime, so fields register once rather than after every render.
  const register = useCallback((name: string, id: string) => {
    setFields((previous) => (previous.get(name) === id ? previous : new Map(previous).set(name, id)));
    return () =>
      setFields((previous) => {
        const next = new Map(previous);
        next.delete(name);
        return next;
      });
  }, []);

  const fieldErrors = isApiError(error) ? error.errors : NO_FIELD_ERRORS;

  const errorFor = useCallback(
    (name: string) =>
      edited.has(name)
        ? undefined
        : fieldErrors.find((fieldError) => belongsTo(fieldError.path, name))?.message,
    [fieldErrors, edited],
  );

  const context = useMemo<FormContextValue>(() => ({ errorFor, register }), [errorFor, register]);

  let summaryTitle: string | null = null;
  let summaryDetail: string | null = null;
  const items: SummaryItem[] = [];
  if (error) {
    if (isApiError(error) && fieldErrors.length > 0) {
      summaryTitle = t("form.summaryTitle");
      fieldErrors.forEach((fieldError, index) => {
        if ([...edited].some((name) => belongsTo(fieldError.path, name))) return;
        const fieldId = [...fields].find(([name]) => belongsTo(fieldError.path, name))?.[1];
        items.push({
          key: `${fieldError.path}-${index}`,
          message: fieldError.message,
          ...(fieldId ? { fieldId } : {}),
        });
      });
    } else if (isApiError(error)) {
      summaryTitle = error.title;
      summaryDetail = error.detail;
    } else {
      summaryTitle = t("errors.unexpectedTitle");
      summaryDetail = t("errors.unexpectedDetail");
    }
  }
  const showSummary =
    summaryTitle !== null && (items.length > 0 || summaryDetail !== null || fieldErrors.length === 0);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    onSubmit(new FormData(event.currentTarget));
  };

  const handleInput = (event: FormEvent<HTMLFormElement>) => {
    const target = event.target;
    if (
      (target instanceof HTMLInputElement ||
        target instanceof HTMLSelectElement ||
        target instanceof HTMLTextAreaElement) &&
      target.name &&
      fieldErrors.some((fieldError) => belongsTo(fieldError.path, target.name))
    ) {
      setEdited((previous) => new Set(previous).add(target.name));
    }
  };

  return (
    <FormContext value={context}>
      <form
        {...rest}
        className={["form", className ?? ""].filter(Boolean).join(" ")}
        noValidate
        aria-busy={busy || undefined}
        onSubmit={handleSubmit}
        onInput={handleInput}
      >
        {showSummary ? (
          <div className="form-summary" role="alert" tabIndex={-1} ref={summaryRef}>
            <p className="form-summary__title">{summaryTitle}</p>
            {summaryDetail ? <p className="form-summary__detail">{summaryDetail}</p> : null}
            {items.length > 0 ? (
              <ul className="form-summary__list">
                {items.map((item) => (
                  <li key={item.key}>
                    {item.fieldId ? <a href={`#${item.fieldId}`}>{item.message}</a> : item.message}
                  </li>
                ))}
              </ul>
            ) : null}
            {isApiError(error) && error.requestId && error.status >= 500 ? (
              <p className="form-summary__meta">{t("errors.requestId", { id: error.requestId })}</p>
            ) : null}
          </div>
        ) : null}
        {children}
      </form>
    </FormContext>
  );
}
