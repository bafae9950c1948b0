import { useTranslation } from "react-i18next";
import { isLanguage } from "../../languages";
import { formatPartialDate } from "../reference/names";
import { formatDecimal, formatMoney, formatMoneyShort, formatPercent } from "./money";

/** Formatting helpers bound to the reader's language, re-rendered on every language switch. */
export function useFormatters() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const currencyNames = new Intl.DisplayNames(language, { type: "currency" });
  const regionNames = new Intl.DisplayNames(language, { type: "region" });
  return {
    language,
    money: (value: string, currency: string) => formatMoney(value, currency, language),
    /** Four significant digits ("438,8 млрд USD"), for labels whose exact figure is shown elsewhere. */
    moneyShort: (value: string, currency: string) => formatMoneyShort(value, currency, language),
    decimal: (value: string, minFraction = 0) => formatDecimal(value, language, minFraction),
    percent: (value: string) => formatPercent(value, language),
    date: (value: string) => (isLanguage(language) ? formatPartialDate(value, language) : value),
    currencyName: (code: string) => currencyNames.of(code) ?? code,
    countryName: (code: string) => regionNames.of(code) ?? code,
    /** A rate's source by name ("Bank of Russia"), or its code when this client does not know it. */
    source: (code: string) =>
      code === "sample" || code === "cbr" || code === "cfets" ? t(`tariffs.sources.${code}`) : code,
  };
}

export type Formatters = ReturnType<typeof useFormatters>;
