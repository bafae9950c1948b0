// Addresses of the statistics pages, shared by the pages, the navigation and the routes.
export const STATISTICS_PATH = "/statistics";
export const MIRROR_PATH = "/statistics/mirror";
export const UNIT_VALUES_PATH = "/statistics/unit-values";
export const DATASETS_PATH = "/statistics/datasets";
export const CALIBERS_PATH = "/statistics/calibers";
export const caliberPath = (name: string) => `${CALIBERS_PATH}/${encodeURIComponent(name)}`;
