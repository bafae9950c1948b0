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
