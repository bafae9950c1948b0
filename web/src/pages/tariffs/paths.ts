// Addresses of the tariff pages, shared by the pages, the navigation and the routes. They sit under the
// Declarations module, whose landing page links to them.
export const LANDED_COST_PATH = "/tariffs/landed-cost";
export const RATES_PATH = "/tariffs/rates";
