/** The platform's modules, in the order the navigation and the home page show them. */
export const MODULES = [
  "knowledge",
  "enterprises",
  "declarations",
  "quotas",
  "statistics",
  "reference",
] as const;
export type ModuleId = (typeof MODULES)[number];

export function modulePath(id: ModuleId): string {
  return `/${id}`;
}

// Modules with pages of their own; the others show the "under construction" page.
const BUILT_MODULES: ReadonlySet<ModuleId> = new Set<ModuleId>([
  "knowledge",
  "enterprises",
  "declarations",
  "quotas",
  "statistics",
  "reference",
]);

// Built modules whose main feature is still missing.
const PARTLY_BUILT_MODULES: ReadonlySet<ModuleId> = new Set<ModuleId>([]);

export function isModuleBuilt(id: ModuleId): boolean {
  return BUILT_MODULES.has(id);
}

export type ModuleStatus = "available" | "partlyAvailable" | "underConstruction";

/** What the home page's module card says about a module. */
export function moduleStatus(id: ModuleId): ModuleStatus {
  if (!BUILT_MODULES.has(id)) return "underConstruction";
  return PARTLY_BUILT_MODULES.has(id) ? "partlyAvailable" : "available";
}
