import type { z } from "zod/mini";
import {
  type TApiKey,
  type TBorderPort,
  type TCreatedApiKey,
  type TDirectoryPage,
  type TEnterprise,
  type TEnterprisePrivate,
  type TEnterpriseRegistration,
  type TEnterpriseUpdate,
  type TExchangeRate,
  type THsNode,
  type THsSearchHit,
  type TIdentifierCheck,
  type TIdentifierScheme,
  type TLandedCost,
  type TLandedCostRequest,
  type TMe,
  type TMonthlyRate,
  type TQueueEntry,
  type TRegion,
  type TRegistered,
  type TSide,
  type TTrustHistory,
  ZApiKeyList,
  ZBorderPortList,
  ZCreatedApiKey,
  ZDirectoryPage,
  ZEnterprise,
  ZEnterprisePrivate,
  ZExchangeRate,
  ZHsNode,
  ZHsSearchResult,
  ZIdentifierCheck,
  ZLandedCost,
  ZMe,
  ZMonthlyRate,
  ZProblem,
  ZQueuePage,
  ZRegionList,
  ZRegistered,
  ZSession,
  ZTrustHistory,
} from "./contracts";
import i18n, { currentLanguage, type Language } from "./i18n";

const API_BASE = "/api/v1";

export interface FieldError {
  /** Dotted path of the field in the request body (`email`, `lines.0.hsCode`); empty for the whole body. */
  path: string;
  code: string;
  message: string;
}

/**
 * An RFC 9457 problem from the server, or a client-side stand-in for one (status 0) when the server
 * could not be reached or answered something unreadable. Title, detail and messages arrive already in
 * the request's language, so they are shown as given.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string | null;
  readonly errors: readonly FieldError[];
  readonly requestId: string | null;

  constructor(init: {
    status: number;
    code: string;
    title: string;
    detail?: string | null;
    errors?: readonly FieldError[];
    requestId?: string | null;
  }) {
    super(`${init.status} ${init.code}: ${init.title}`);
    this.name = "ApiError";
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.detail = init.detail ?? null;
    this.errors = init.errors ?? [];
    this.requestId = init.requestId ?? null;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

// The CSRF token of the current session; the server hands it out with the login and /me answers and
// requires it on every cookie-authenticated mutation.
let csrfToken: string | null = null;

function rememberSession(me: TMe): TMe {
  csrfToken = me.csrfToken;
  return me;
}

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

interface SendOptions {
  method?: Method;
  body?: unknown;
  signal?: AbortSignal | undefined;
  /** Extra request headers, e.g. an `Idempotency-Key` that makes a retried submission safe. */
  headers?: Record<string, string>;
}

function unreadableAnswer(status: number, requestId: string | null): ApiError {
  return new ApiError({
    status,
    code: "UNREADABLE_RESPONSE",
    title: i18n.t("errors.unexpectedTitle"),
    detail: i18n.t("errors.unexpectedDetail"),
    requestId,
  });
}

/** The stand-in problem for a server that could not be reached. */
function networkError(): ApiError {
  return new ApiError({
    status: 0,
    code: "NETWORK_ERROR",
    title: i18n.t("errors.networkTitle"),
    detail: i18n.t("errors.networkDetail"),
  });
}

function normalizePath(path: string | readonly (string | number)[] | undefined): string {
  if (path === undefined) return "";
  if (typeof path !== "string") return path.join(".");
  // Accept JSON Pointers (`/lines/0/hsCode`) as well as dotted paths.
  return path.startsWith("/") ? path.slice(1).split("/").join(".") : path;
}

async function problemFrom(response: Response): Promise<ApiError> {
  const requestId = response.headers.get("x-request-id");
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // A proxy's HTML error page or an empty body: fall through to the generic message below.
  }
  return problemOf(response.status, body, requestId);
}

/** The ApiError of an error answer whose body has been read (`null` when it was not JSON). */
function problemOf(status: number, body: unknown, requestId: string | null): ApiError {
  const parsed = ZProblem.safeParse(body);
  if (!parsed.success || parsed.data.title === undefined) {
    const fallback = unreadableAnswer(status, requestId);
    return new ApiError({
      status,
      code: parsed.success ? (parsed.data.code ?? `HTTP_${status}`) : `HTTP_${status}`,
      title: fallback.title,
      detail: fallback.detail,
      requestId,
    });
  }
  const problem = parsed.data;
  return new ApiError({
    status,
    code: problem.code ?? `HTTP_${status}`,
    title: problem.title ?? "",
    detail: problem.detail ?? null,
    errors: (problem.errors ?? []).map((e) => ({
      path: normalizePath(e.path),
      code: e.code ?? "invalid",
      message: e.message ?? "",
    })),
    requestId: problem.requestId ?? requestId,
  });
}

async function send(
  path: string,
  { method = "GET", body, signal, headers: extra }: SendOptions = {},
): Promise<Response> {
  const headers = new Headers({ ...extra, Accept: "application/json", "Accept-Language": currentLanguage() });
  if (body !== undefined) headers.set("Content-Type", "application/json");
  if (method !== "GET" && csrfToken) headers.set("X-CSRF-Token", csrfToken);
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, {
      method,
      headers,
      credentials: "same-origin",
      body: body === undefined ? null : JSON.stringify(body),
      signal: signal ?? null,
    });
  } catch (error) {
    // Let cancellations by TanStack Query propagate unchanged; it recognises its own AbortError.
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw networkError();
  }
  if (!response.ok) throw await problemFrom(response);
  return response;
}

/** Sends a request and checks the answer against `schema`; modules build their clients on it. */
export async function request<S extends z.ZodMiniType>(
  path: string,
  schema: S,
  options?: SendOptions,
): Promise<z.output<S>> {
  const response = await send(path, options);
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw unreadableAnswer(response.status, response.headers.get("x-request-id"));
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    // The server's answer does not match the contract: say so in the console for whoever debugs it.
    console.error(`Unexpected answer from ${path}`, parsed.error.issues);
    throw unreadableAnswer(response.status, response.headers.get("x-request-id"));
  }
  return parsed.data;
}

export interface UploadOptions {
  method?: "POST" | "PUT";
  body: unknown;
  signal?: AbortSignal;
  /** Bytes of the request sent so far, and of the whole when the browser knows it. */
  onUploadProgress?: (sent: { loaded: number; total: number | null }) => void;
  /** The request has been sent whole; the server is working on it. */
  onUploaded?: () => void;
}

/**
 * Like `request`, but through XMLHttpRequest, which — unlike fetch — reports how much of a large body
 * has been sent, for a progress bar. Problems arrive as ApiError, as with `request`.
 */
export function requestWithUploadProgress<S extends z.ZodMiniType>(
  path: string,
  schema: S,
  { method = "POST", body, signal, onUploadProgress, onUploaded }: UploadOptions,
): Promise<z.output<S>> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new DOMException("The upload was cancelled", "AbortError"));
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open(method, `${API_BASE}${path}`);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.setRequestHeader("Accept-Language", currentLanguage());
    xhr.setRequestHeader("Content-Type", "application/json");
    if (csrfToken) xhr.setRequestHeader("X-CSRF-Token", csrfToken);
    // Upload listeners must be in place before send, or the browser reports no progress.
    xhr.upload.addEventListener("progress", (event) =>
      onUploadProgress?.({ loaded: event.loaded, total: event.lengthComputable ? event.total : null }),
    );
    xhr.upload.addEventListener("load", () => onUploaded?.());
    xhr.addEventListener("load", () => {
      const requestId = xhr.getResponseHeader("x-request-id");
      let answer: unknown = null;
      let readable = true;
      try {
        answer = JSON.parse(xhr.responseText);
      } catch {
        readable = false;
      }
      if (xhr.status < 200 || xhr.status >= 300) {
        reject(problemOf(xhr.status, answer, requestId));
        return;
      }
      const parsed = readable ? schema.safeParse(answer) : null;
      if (!parsed?.success) {
        if (parsed) console.error(`Unexpected answer from ${path}`, parsed.error.issues);
        reject(unreadableAnswer(xhr.status, requestId));
        return;
      }
      resolve(parsed.data);
    });
    xhr.addEventListener("error", () => reject(networkError()));
    xhr.addEventListener("abort", () => reject(new DOMException("The upload was cancelled", "AbortError")));
    signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(JSON.stringify(body));
  });
}

/** Sends a request whose answer has no body (204), e.g. a DELETE; problems arrive as ApiError. */
export async function requestNoContent(path: string, options: SendOptions): Promise<void> {
  await send(path, options);
}

/** The signed-in user, or null when nobody is signed in (GET /session: a visitor is not an error). */
export async function fetchMe(signal?: AbortSignal): Promise<TMe | null> {
  const { me } = await request("/session", ZSession, { signal });
  if (me) return rememberSession(me);
  csrfToken = null;
  return null;
}

export async function signIn(credentials: { email: string; password: string }): Promise<TMe> {
  return rememberSession(await request("/auth/login", ZMe, { method: "POST", body: credentials }));
}

export async function signOut(): Promise<void> {
  await requestNoContent("/auth/logout", { method: "POST" });
  csrfToken = null;
}

export async function updateMe(patch: { displayName?: string; locale?: Language }): Promise<TMe> {
  return rememberSession(await request("/me", ZMe, { method: "PATCH", body: patch }));
}

export async function listApiKeys(signal?: AbortSignal): Promise<TApiKey[]> {
  return (await request("/api-keys", ZApiKeyList, { signal })).items;
}

export async function createApiKey(input: { name: string; scopes?: string[] }): Promise<TCreatedApiKey> {
  return request("/api-keys", ZCreatedApiKey, { method: "POST", body: input });
}

export async function revokeApiKey(id: string): Promise<void> {
  await requestNoContent(`/api-keys/${encodeURIComponent(id)}`, { method: "DELETE" });
}

/** The 21 HS sections when `q` is empty; otherwise code-prefix or full-text matches in all three languages. */
export async function searchHs(q: string, signal?: AbortSignal, limit = 20): Promise<THsSearchHit[]> {
  const query = new URLSearchParams({ limit: String(limit) });
  if (q !== "") query.set("q", q);
  return (await request(`/hs?${query}`, ZHsSearchResult, { signal })).items;
}

/** One HS, TN VED EAEU or Chinese national code with its path and children; 404 when unknown. */
export async function fetchHsNode(code: string, signal?: AbortSignal): Promise<THsNode> {
  return request(`/hs/${encodeURIComponent(code)}`, ZHsNode, { signal });
}

export async function listBorderPorts(signal?: AbortSignal): Promise<TBorderPort[]> {
  return (await request("/ports", ZBorderPortList, { signal })).items;
}

// ---------- Enterprise registry ----------

/** Checks one identifier; the messages name the character or check digit that failed, in the reader's language. */
export async function validateIdentifier(
  scheme: TIdentifierScheme,
  value: string,
  signal?: AbortSignal,
): Promise<TIdentifierCheck> {
  const query = new URLSearchParams({ scheme, value });
  return request(`/identifiers/validate?${query}`, ZIdentifierCheck, { signal });
}

export interface DirectoryFilter {
  /** Words of a name in any language, or an identifier. */
  q?: string;
  side?: TSide;
  region?: string;
  hsChapter?: string;
  verifiedOnly?: boolean;
}

export async function searchEnterprises(
  filter: DirectoryFilter,
  cursor: string | null,
  signal?: AbortSignal,
  limit = 20,
): Promise<TDirectoryPage> {
  const query = new URLSearchParams({ limit: String(limit) });
  if (filter.q) query.set("q", filter.q);
  if (filter.side) query.set("side", filter.side);
  if (filter.region) query.set("region", filter.region);
  if (filter.hsChapter) query.set("hsChapter", filter.hsChapter);
  if (filter.verifiedOnly) query.set("verified", "true");
  if (cursor) query.set("cursor", cursor);
  return request(`/enterprises?${query}`, ZDirectoryPage, { signal });
}

export async function fetchEnterprise(id: string, signal?: AbortSignal): Promise<TEnterprise> {
  return request(`/enterprises/${encodeURIComponent(id)}`, ZEnterprise, { signal });
}

export async function fetchEnterpriseTrust(id: string, signal?: AbortSignal): Promise<TTrustHistory> {
  return request(`/enterprises/${encodeURIComponent(id)}/trust`, ZTrustHistory, { signal });
}

/** Contacts and decisions: members of the enterprise and customs officers of its side; 404 for others. */
export async function fetchEnterprisePrivate(id: string, signal?: AbortSignal): Promise<TEnterprisePrivate> {
  return request(`/enterprises/${encodeURIComponent(id)}/private`, ZEnterprisePrivate, { signal });
}

export async function registerEnterprise(input: TEnterpriseRegistration): Promise<TRegistered> {
  return request("/enterprises", ZRegistered, { method: "POST", body: input });
}

export async function updateEnterprise(id: string, patch: TEnterpriseUpdate): Promise<TEnterprise> {
  return request(`/enterprises/${encodeURIComponent(id)}`, ZEnterprise, { method: "PATCH", body: patch });
}

export async function listVerificationQueue(signal?: AbortSignal): Promise<TQueueEntry[]> {
  return (await request("/verification-queue?status=pending", ZQueuePage, { signal })).items;
}

export async function decideVerification(
  id: string,
  decision: { decision: "approve" | "reject"; reason?: string },
): Promise<TEnterprise> {
  return request(`/enterprises/${encodeURIComponent(id)}/verification`, ZEnterprise, {
    method: "POST",
    body: decision,
  });
}

/** Chinese provinces and Russian federal subjects (ISO 3166-2), named in the reader's language. */
export async function listRegions(signal?: AbortSignal): Promise<TRegion[]> {
  return (await request("/regions", ZRegionList, { signal })).items;
}

// ---------- Tariffs and exchange rates ----------

/** Export-side and import-side duties and taxes of one shipment, every amount explained in the reader's language. */
export async function calculateLandedCost(
  input: TLandedCostRequest,
  signal?: AbortSignal,
): Promise<TLandedCost> {
  return request("/tariffs/landed-cost", ZLandedCost, { method: "POST", body: input, signal });
}

/** The official rate in force on a date (the last one published on or before it), direct or crossed. */
export async function fetchExchangeRate(
  pair: { base: string; quote: string; date: string },
  signal?: AbortSignal,
): Promise<TExchangeRate> {
  return request(`/fx/rates?${new URLSearchParams(pair)}`, ZExchangeRate, { signal });
}

/** The average of the official daily rates published in a month (`YYYY-MM`). */
export async function fetchMonthlyRate(
  pair: { base: string; quote: string; month: string },
  signal?: AbortSignal,
): Promise<TMonthlyRate> {
  return request(`/fx/monthly?${new URLSearchParams(pair)}`, ZMonthlyRate, { signal });
}
