// Amounts arrive as exact decimal strings ("128374.00", "12.8374"). They are shown in the reader's
// locale without ever becoming floating-point numbers: Intl formats a template number once, and its
// parts (currency, separators, spaces) are filled with the string's own digits.

interface Decimal {
  negative: boolean;
  integer: string;
  fraction: string;
}

function parseDecimal(value: string): Decimal | null {
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match) return null;
  return { negative: match[1] === "-", integer: match[2] ?? "0", fraction: match[3] ?? "" };
}

function fillTemplate(
  value: string,
  locale: string,
  options: Intl.NumberFormatOptions,
  template: number,
  minFraction: number,
): string {
  const decimal = parseDecimal(value);
  if (!decimal) return value;
  const fraction = decimal.fraction.padEnd(minFraction, "0");
  const parts = new Intl.NumberFormat(locale, { ...options, minimumFractionDigits: 1 }).formatToParts(
    decimal.negative ? -template : template,
  );
  const group = parts.find((part) => part.type === "group")?.value ?? ",";
  const integer = decimal.integer.replace(/^0+(?=\d)/, "").replace(/\B(?=(\d{3})+(?!\d))/g, group);
  let integerWritten = false;
  return parts
    .map((part) => {
      switch (part.type) {
        case "integer":
          if (integerWritten) return "";
          integerWritten = true;
          return integer;
        case "group":
          return "";
        case "decimal":
          return fraction === "" ? "" : part.value;
        case "fraction":
          return fraction;
        default:
          return part.value;
      }
    })
    .join("");
}

/** "128374.00" → "128 374,00" (ru), "128,374.00" (zh, en); the string's digits are kept exactly. */
export function formatDecimal(value: string, locale: string, minFraction = 0): string {
  return fillTemplate(value, locale, {}, 1234.5, minFraction);
}

/** "31066.5" RUB → "31 066,50 RUB" (ru) or "RUB 31,066.50" (en): the ISO code, never an ambiguous ¥. */
export function formatMoney(value: string, currency: string, locale: string): string {
  return fillTemplate(value, locale, { style: "currency", currency, currencyDisplay: "code" }, 1234.5, 2);
}

/**
 * "438773568183.62" USD → "USD 4388亿" (zh), "438,8 млрд USD" (ru), "USD 438.8B" (en): four significant
 * digits, for a chart's label or a headline figure whose exact amount stands in a table or a tooltip.
 * Intl rounds the decimal string itself, so no floating-point copy of the amount is made.
 */
export function formatMoneyShort(value: string, currency: string, locale: string): string {
  if (!parseDecimal(value)) return value;
  return new Intl.NumberFormat(locale, {
    notation: "compact",
    maximumSignificantDigits: 4,
    style: "currency",
    currency,
    currencyDisplay: "code",
  }).format(value.trim() as Intl.StringNumericLiteral);
}

/** A rate in percent as the server states it ("22", "7.5") → "22 %" (ru) or "22%". */
export function formatPercent(value: string, locale: string): string {
  return fillTemplate(value, locale, { style: "percent" }, 12.345, 0);
}

/**
 * A display copy of an amount as a number, for chart bars only: the figures shown as text always come
 * from the string itself.
 */
export function chartNumber(value: string): number {
  const number = Number(value);
  return Number.isFinite(number) ? number : 0;
}
