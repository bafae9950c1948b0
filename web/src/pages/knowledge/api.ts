import { request, requestNoContent } from "../../api";
import {
  type TApplies,
  type TDirection,
  type TDocLang,
  type TDocStatus,
  type TDocument,
  type TDocumentInput,
  type TDocumentList,
  type TKbSide,
  type TKind,
  type TNotificationList,
  type TSearchResult,
  type TSubscription,
  type TSubscriptionInput,
  type TTerm,
  type TTermInput,
  type TVersionHistory,
  ZApplies,
  ZDocument,
  ZDocumentList,
  ZNotificationList,
  ZSearchResult,
  ZSubscription,
  ZSubscriptionList,
  ZTerm,
  ZTermList,
  ZUnread,
  ZVersionHistory,
} from "./contracts";
import { type SearchFilter, searchQuery } from "./search";

// The knowledge base API under /kb. Every answer is checked against its contract; problems arrive as
// ApiError in the reader's language (the server also words "found through the term bank", the reasons
// of "what applies to me" and the notifications in it).

const id = (value: string) => encodeURIComponent(value);

export async function searchKnowledge(filter: SearchFilter, signal?: AbortSignal): Promise<TSearchResult> {
  return request(`/kb/search?${searchQuery(filter)}`, ZSearchResult, { signal });
}

export interface DocumentListFilter {
  status?: TDocStatus;
  side?: TKbSide;
  kind?: TKind;
  limit?: number;
  offset?: number;
}

/** Newest first; drafts and documents in review are listed for editors only. */
export async function listDocuments(
  filter: DocumentListFilter,
  signal?: AbortSignal,
): Promise<TDocumentList> {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value !== undefined) query.set(key, String(value));
  return request(`/kb/documents?${query}`, ZDocumentList, { signal });
}

export async function fetchDocument(documentId: string, signal?: AbortSignal): Promise<TDocument> {
  return request(`/kb/documents/${id(documentId)}`, ZDocument, { signal });
}

export async function fetchVersionHistory(
  documentId: string,
  lang: TDocLang,
  signal?: AbortSignal,
): Promise<TVersionHistory> {
  return request(`/kb/documents/${id(documentId)}/versions?lang=${lang}`, ZVersionHistory, { signal });
}

export interface AppliesQuery {
  hs: string;
  direction: TDirection;
  port?: string;
  date?: string;
}

export async function fetchApplies(q: AppliesQuery, signal?: AbortSignal): Promise<TApplies> {
  const query = new URLSearchParams({ hs: q.hs, direction: q.direction });
  if (q.port) query.set("port", q.port);
  if (q.date) query.set("date", q.date);
  return request(`/kb/applies?${query}`, ZApplies, { signal });
}

// ---------- Editors ----------

export async function createDocument(body: TDocumentInput): Promise<TDocument> {
  return request("/kb/documents", ZDocument, { method: "POST", body });
}

/** Changed languages get a new version; a change to a published document is an amendment. */
export async function updateDocument(documentId: string, body: TDocumentInput): Promise<TDocument> {
  return request(`/kb/documents/${id(documentId)}`, ZDocument, { method: "PUT", body });
}

export type WorkflowAction = "submit" | "return" | "publish" | "repeal";

export async function changeDocumentStatus(
  documentId: string,
  action: WorkflowAction,
  repealedOn?: string,
): Promise<TDocument> {
  return request(`/kb/documents/${id(documentId)}/${action}`, ZDocument, {
    method: "POST",
    body: repealedOn ? { repealedOn } : {},
  });
}

export async function listTerms(signal?: AbortSignal): Promise<TTerm[]> {
  return (await request("/kb/terms", ZTermList, { signal })).items;
}

export async function createTerm(body: TTermInput): Promise<TTerm> {
  return request("/kb/terms", ZTerm, { method: "POST", body });
}

export async function updateTerm(termId: string, body: TTermInput): Promise<TTerm> {
  return request(`/kb/terms/${id(termId)}`, ZTerm, { method: "PUT", body });
}

// ---------- Subscriptions and notifications ----------

export async function listSubscriptions(signal?: AbortSignal): Promise<TSubscription[]> {
  return (await request("/kb/subscriptions", ZSubscriptionList, { signal })).items;
}

/** The answer carries the webhook's signing secret, once. */
export async function createSubscription(body: TSubscriptionInput): Promise<TSubscription> {
  return request("/kb/subscriptions", ZSubscription, { method: "POST", body });
}

export async function deleteSubscription(subscriptionId: string): Promise<void> {
  await requestNoContent(`/kb/subscriptions/${id(subscriptionId)}`, { method: "DELETE" });
}

export async function listNotifications(signal?: AbortSignal): Promise<TNotificationList> {
  return request("/kb/notifications", ZNotificationList, { signal });
}

/** Only the unread count (for the navigation's badge). */
export async function unreadCount(signal?: AbortSignal): Promise<number> {
  return (await request("/kb/notifications/unread", ZUnread, { signal })).unread;
}

export async function markNotificationsRead(which: { ids: number[] } | { all: true }): Promise<number> {
  return (await request("/kb/notifications/read", ZUnread, { method: "POST", body: which })).unread;
}
