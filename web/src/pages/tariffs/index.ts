// The tariff pages, loaded together in one chunk on the first visit to either of them (see App.tsx).
export { LandedCostPage } from "./LandedCostPage";
export { RatesPage } from "./RatesPage";
