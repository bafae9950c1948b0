// Addresses of the tariff pages, shared by the pages, the navigation and the routes. They sit under the
// Declarations module, whose landing page links to them while declarations themselves are being built.
export const DECLARATIONS_PATH = "/declarations";
export const LANDED_COST_PATH = "/tariffs/landed-cost";
export const RATES_PATH = "/tariffs/rates";
