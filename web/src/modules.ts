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
const BUILT_MODULES: ReadonlySet<ModuleId> = new Set<ModuleId>(["enterprises", "reference"]);

export function isModuleBuilt(id: ModuleId): boolean {
  return BUILT_MODULES.has(id);
}
