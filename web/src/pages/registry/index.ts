// The registry's pages, loaded together in one chunk on the first visit to any of them (see App.tsx).
export { DirectoryPage } from "./DirectoryPage";
export { EditPage } from "./EditPage";
export { EnterprisePage } from "./EnterprisePage";
export { QueuePage } from "./QueuePage";
export { RegisterPage } from "./RegisterPage";
