// The knowledge base's pages, loaded together in one chunk on the first visit to any of them (see App.tsx).
export { AppliesPage } from "./AppliesPage";
export { EditDocumentPage, NewDocumentPage } from "./DocumentFormPage";
export { DocumentPage } from "./DocumentPage";
export { EditorDeskPage } from "./EditorDeskPage";
export { NotificationsPage } from "./NotificationsPage";
export { SearchPage } from "./SearchPage";
export { SubscriptionsPage } from "./SubscriptionsPage";
export { TermBankPage } from "./TermBankPage";
