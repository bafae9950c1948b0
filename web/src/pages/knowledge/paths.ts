// Addresses of the knowledge base's pages, shared by the pages, the navigation and the routes.
export const KNOWLEDGE_PATH = "/knowledge";
export const APPLIES_PATH = "/knowledge/applies";
export const TERMS_PATH = "/knowledge/terms";
export const SUBSCRIPTIONS_PATH = "/knowledge/subscriptions";
export const NOTIFICATIONS_PATH = "/knowledge/notifications";
export const EDITOR_DESK_PATH = "/knowledge/editor";
export const NEW_DOCUMENT_PATH = "/knowledge/editor/new";

/** A document, opened at one language's tab when `lang` is given. */
export function documentPath(id: string, lang?: string): string {
  const path = `${KNOWLEDGE_PATH}/documents/${encodeURIComponent(id)}`;
  return lang ? `${path}?lang=${lang}` : path;
}

export function editDocumentPath(id: string): string {
  return `${KNOWLEDGE_PATH}/documents/${encodeURIComponent(id)}/edit`;
}

/** "What applies to me" for a code, already filled in. */
export function appliesPath(hs: string): string {
  return `${APPLIES_PATH}?hs=${encodeURIComponent(hs)}`;
}
