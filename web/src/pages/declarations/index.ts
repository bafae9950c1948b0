// The declarations pages, loaded together in one chunk on the first visit to any of them (see App.tsx).
// The module's landing page is not here: it is small and part of the main bundle.
export { EditDeclarationPage, NewDeclarationPage } from "./DeclarationFormPage";
export { DeclarationPage } from "./DeclarationPage";
export { LaneQueuePage } from "./LaneQueuePage";
export { MyDeclarationsPage } from "./MyDeclarationsPage";
export { PortDashboardPage } from "./PortDashboardPage";
export { RiskRulesPage } from "./RiskRulesPage";
export { RiskSettingsPage } from "./RiskSettingsPage";
