import { describe, expect, it } from "vitest";
import { formatDecimal, formatMoney, formatMoneyShort, formatPercent } from "./money";

// Intl puts narrow no-break spaces and no-break spaces in; compare with plain spaces.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");

describe("money formatting from decimal strings", () => {
  it("groups the integer part in the reader's locale and keeps every digit", () => {
    expect(plain(formatDecimal("128374.00", "ru-RU"))).toBe("128 374,00");
    expect(formatDecimal("128374.00", "en")).toBe("128,374.00");
    expect(formatDecimal("128374.00", "zh-CN")).toBe("128,374.00");
    expect(formatDecimal("6.6112296883", "en")).toBe("6.6112296883");
    expect(formatDecimal("1000", "en")).toBe("1,000");
    expect(formatDecimal("12345678901234.99", "en")).toBe("12,345,678,901,234.99");
  });

  it("pads money to two decimals and names the currency by its code", () => {
    expect(plain(formatMoney("31066.5", "RUB", "ru-RU"))).toBe("31 066,50 RUB");
    expect(plain(formatMoney("10000", "CNY", "en"))).toBe("CNY 10,000.00");
    expect(plain(formatMoney("-5.25", "USD", "en"))).toBe("-USD 5.25");
  });

  it("shortens money to four significant digits in the reader's words, beyond any float's digits too", () => {
    expect(plain(formatMoneyShort("438773568183.62", "USD", "ru-RU"))).toBe("438,8 млрд USD");
    expect(plain(formatMoneyShort("438773568183.62", "USD", "zh-CN"))).toBe("USD 4388亿");
    expect(plain(formatMoneyShort("438773568183.62", "USD", "en"))).toBe("USD 438.8B");
    expect(plain(formatMoneyShort("999.5", "CNY", "en"))).toBe("CNY 999.5");
    expect(plain(formatMoneyShort("-1234567", "RUB", "en"))).toBe("-RUB 1.235M");
    expect(plain(formatMoneyShort("14999999999999999999.5", "USD", "en"))).toBe("USD 15,000,000T");
    expect(plain(formatMoneyShort("n/a", "USD", "en"))).toBe("n/a");
  });

  it("formats percentages and leaves unreadable text alone", () => {
    expect(plain(formatPercent("22", "ru-RU"))).toBe("22 %");
    expect(formatPercent("7.5", "en")).toBe("7.5%");
    expect(formatDecimal("n/a", "en")).toBe("n/a");
  });
});
