// Addresses of the Reference module's pages, shared by the pages, the navigation and the routes.
export const REFERENCE_PATH = "/reference";
export const HS_BROWSER_PATH = "/reference/hs";
export const PORT_MAP_PATH = "/reference/ports";
