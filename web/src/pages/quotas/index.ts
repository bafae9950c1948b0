// The quotas pages, loaded together in one chunk on the first visit to any of them (see App.tsx).
export { ApplyPage } from "./ApplyPage";
export { LicencePage } from "./LicencePage";
export { MyApplicationsPage } from "./MyApplicationsPage";
export { MyLicencesPage } from "./MyLicencesPage";
export { PoolApplicationsPage } from "./PoolApplicationsPage";
export { EditPoolPage, NewPoolPage } from "./PoolFormPage";
export { PoolPage } from "./PoolPage";
export { QuotasPage } from "./QuotasPage";
export { VerifyPage } from "./VerifyPage";
