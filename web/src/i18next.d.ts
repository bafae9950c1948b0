import "i18next";
import type en from "./locales/en.json";

// English is the reference catalogue: every `t("…")` key is checked against it at compile time, and a
// separate test keeps the other catalogues' key sets identical to it.
declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: typeof en };
    returnNull: false;
  }
}
