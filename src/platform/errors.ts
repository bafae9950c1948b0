/**
 * The one catalogue of error codes. Domain code throws `new AppError("CODE", params)`; the HTTP error
 * handler maps the code to its status and to localized title/detail (i18n keys `errors.CODE.*`).
 * Services never throw HTTP errors.
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  FX_FILE_INVALID: 400,
  STATS_FILE_INVALID: 400,
  FILE_ENCODING_UNKNOWN: 400,
  FILE_NOT_IN_ENCODING: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  FORBIDDEN_SIDE: 403,
  CSRF_FAILED: 403,
  SCOPE_MISSING: 403,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  HS_CODE_NOT_FOUND: 404,
  FX_RATE_NOT_FOUND: 404,
  EMAIL_TAKEN: 409,
  ENTERPRISE_EXISTS: 409,
  ENTERPRISE_NOT_PENDING: 409,
  DECLARATION_STATE: 409,
  QUOTA_POOL_STATE: 409,
  KB_STATE: 409,
  LICENCE_EXHAUSTED: 409,
  CONFLICT: 409,
  IDEMPOTENCY_KEY_REUSED: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  SHUTTING_DOWN: 503,
  STATS_BUSY: 503,
  STATS_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface FieldError {
  /** Dotted path of the field in the request, e.g. `lines.0.hsCode`; empty for the whole body. */
  path: string;
  code: string;
  /** Localized text; services leave it empty and give `key` (+ `params`) for the error handler. */
  message: string;
  key?: string;
  params?: Record<string, string | number>;
}

/** A field error raised by domain code, localized later from the message catalogue. */
export function fieldError(
  path: string,
  code: string,
  key: string,
  params: Record<string, string | number> = {},
): FieldError {
  return { path, code, message: "", key, params };
}

export type ErrorParams = Record<string, string | number>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: ErrorParams;
  readonly fieldErrors: FieldError[];

  constructor(code: ErrorCode, params: ErrorParams = {}, fieldErrors: FieldError[] = []) {
    super(`${code}${Object.keys(params).length ? ` ${JSON.stringify(params)}` : ""}`);
    this.name = "AppError";
    this.code = code;
    this.params = params;
    this.fieldErrors = fieldErrors;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
