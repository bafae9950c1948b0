// The statistics pages, loaded together in one chunk on the first visit to any of them (see App.tsx).
export { CalibersPage } from "./CalibersPage";
export { DatasetsPage } from "./DatasetsPage";
export { MirrorPage } from "./MirrorPage";
export { StatisticsPage } from "./StatisticsPage";
export { UnitValuesPage } from "./UnitValuesPage";
