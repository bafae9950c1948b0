// Addresses of the declarations pages, shared by the pages, the navigation and the routes.
export const DECLARATIONS_PATH = "/declarations";
export const NEW_DECLARATION_PATH = "/declarations/new";
export const MY_DECLARATIONS_PATH = "/declarations/mine";
export const LANE_QUEUE_PATH = "/customs/queue";
export const RISK_RULES_PATH = "/customs/risk-rules";
export const RISK_SETTINGS_PATH = "/customs/risk-settings";
export const PORT_DASHBOARD_PATH = "/customs/ports";

export function declarationPath(id: string): string {
  return `${DECLARATIONS_PATH}/${encodeURIComponent(id)}`;
}

export function editDeclarationPath(id: string): string {
  return `${declarationPath(id)}/edit`;
}

/** The customs' view of a declaration: the same page with the lane decision and the officer's actions. */
export function customsDeclarationPath(id: string): string {
  return `/customs/declarations/${encodeURIComponent(id)}`;
}
