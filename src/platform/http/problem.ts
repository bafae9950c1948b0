import type { z } from "zod";
import { AppError, type ErrorCode, type FieldError } from "../errors.ts";
import { hasMessage, type Locale, t, tCount } from "../i18n/i18n.ts";

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  errors: FieldError[];
  requestId: string;
  instance?: string;
}

/**
 * A parameter written `@i18n:some.key` is itself a message key, shown in the reader's language; that
 * message may use the error's other parameters (`{ reason: "@i18n:csv.too_many_fields", fields: 9 }`).
 */
export const I18N_PARAM = "@i18n:";

function localizeParams(params: Record<string, string | number>, locale: Locale) {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params)) {
    if (typeof v !== "string") out[k] = v;
    else if (v.startsWith(I18N_PARAM)) out[k] = t(locale, v.slice(I18N_PARAM.length), params);
    // What was not found ("declaration", "quota_pool"): its name in the reader's language.
    else if (k === "resource" && hasMessage(locale, `resources.${v}`)) out[k] = t(locale, `resources.${v}`);
    else out[k] = v;
  }
  return out;
}

export function problemOf(error: AppError, locale: Locale, requestId: string, instance?: string): Problem {
  const params = localizeParams({ ...error.params, requestId }, locale);
  return {
    type: `urn:amur:problem:${error.code.toLowerCase()}`,
    title: t(locale, `errors.${error.code}.title`, params),
    status: error.status,
    detail: t(locale, `errors.${error.code}.detail`, params),
    code: error.code,
    errors: error.fieldErrors.map((f) =>
      f.key
        ? { path: f.path, code: f.code, message: t(locale, f.key, localizeParams(f.params ?? {}, locale)) }
        : { path: f.path, code: f.code, message: f.message },
    ),
    requestId,
    ...(instance ? { instance } : {}),
  };
}

type Issue = z.core.$ZodIssue;

function sizeKind(origin: string): "string" | "array" | "number" {
  if (origin === "string") return "string";
  return origin === "array" || origin === "set" ? "array" : "number";
}

/** Zod issue → localized field error. Messages come from our catalogue, never from zod's English. */
export function fieldErrorOf(issue: Issue, locale: Locale, prefix: string[] = []): FieldError {
  const path = [...prefix, ...issue.path.map(String)].join(".");
  const message = (key: string, params: Record<string, string | number> = {}) =>
    t(locale, `validation.${key}`, params);
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined
        ? { path, code: "required", message: message("required") }
        : { path, code: "invalid_type", message: message("invalid_type", { expected: issue.expected }) };
    case "too_small": {
      const kind = sizeKind(issue.origin);
      const minimum = Number(issue.minimum);
      // An empty text where one character is the minimum is a missing value, and says so.
      if (kind === "string" && minimum === 1) return { path, code: "required", message: message("required") };
      return {
        path,
        code: "too_small",
        message: tCount(locale, `validation.too_small_${kind}`, minimum, { minimum }),
      };
    }
    case "too_big": {
      const kind = sizeKind(issue.origin);
      const maximum = Number(issue.maximum);
      return {
        path,
        code: "too_big",
        message: tCount(locale, `validation.too_big_${kind}`, maximum, { maximum }),
      };
    }
    case "invalid_format":
      if (issue.format === "email") return { path, code: "invalid_email", message: message("invalid_email") };
      // A pattern says nothing to a reader; the field's own hint explains the expected form.
      if (issue.format === "regex")
        return { path, code: "invalid_format", message: message("invalid_pattern") };
      return { path, code: "invalid_format", message: message("invalid_format", { format: issue.format }) };
    case "invalid_value":
      return {
        path,
        code: "invalid_value",
        message: message("invalid_value", { values: issue.values.map(String).join(", ") }),
      };
    case "unrecognized_keys":
      return {
        path,
        code: "unrecognized_keys",
        message: message("unrecognized_keys", { keys: issue.keys.join(", ") }),
      };
    case "custom":
      // Refinements name a catalogue key as their message ("validation.positive", "quotas.field.…").
      if (/^[a-z]+(\.[a-z_]+)+$/.test(issue.message ?? ""))
        return { path, code: issue.message.split(".").at(-1) ?? "custom", message: t(locale, issue.message) };
      return { path, code: issue.code, message: message("invalid") };
    default:
      return { path, code: issue.code, message: message("invalid") };
  }
}

/** Thrown by the request validator; carries zod issues to the error handler, which localizes them. */
export class RequestValidationError extends Error {
  readonly issues: Issue[];
  readonly part: string;
  constructor(issues: Issue[], part: string) {
    super(`request ${part} failed validation`);
    this.issues = issues;
    this.part = part;
  }
}

export function validationAppError(issues: Issue[], locale: Locale): AppError {
  // One message per field: the first check that failed says what is wrong (an empty amount is
  // "required", not also "not positive").
  const seen = new Set<string>();
  const errors = issues
    .map((i) => fieldErrorOf(i, locale))
    .filter((e) => {
      if (seen.has(e.path)) return false;
      seen.add(e.path);
      return true;
    });
  return new AppError("VALIDATION_FAILED", {}, errors);
}
