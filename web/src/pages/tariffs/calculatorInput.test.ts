import { describe, expect, it } from "vitest";
import {
  inputFromParams,
  localToday,
  normalizeDecimal,
  normalizeHsCode,
  paramsFromInput,
  requestFromInput,
} from "./calculatorInput";

describe("calculator input in the address", () => {
  it("reads a shared link and turns it back into the same link", () => {
    const params = new URLSearchParams(
      "dir=RU_TO_CN&hs=0808&amount=9000&cur=CNY&date=2026-03-10&resident=1&used=500",
    );
    const input = inputFromParams(params, "2026-01-01");
    expect(input).toMatchObject({ direction: "RU_TO_CN", hsCode: "0808", resident: true, usedToday: "500" });
    expect(new URLSearchParams(paramsFromInput(input)).toString()).toBe(
      "dir=RU_TO_CN&hs=0808&amount=9000&cur=CNY&date=2026-03-10&resident=1&used=500",
    );
    expect(requestFromInput(input)).toEqual({
      direction: "RU_TO_CN",
      hsCode: "0808",
      date: "2026-03-10",
      value: { amount: "9000", currency: "CNY" },
      preference: "border_resident",
      residentUsedTodayCny: "500",
    });
  });

  it("falls back to defaults for missing or unknown values and computes nothing without code and value", () => {
    const input = inputFromParams(
      new URLSearchParams("dir=XX&cur=JPY&unit=barrel&date=10.03.2026"),
      "2026-05-01",
    );
    expect(input).toMatchObject({ direction: "CN_TO_RU", currency: "CNY", unit: "", date: "2026-05-01" });
    expect(requestFromInput(input)).toBeNull();
  });

  it("sends the border-resident preference only into China", () => {
    const input = inputFromParams(
      new URLSearchParams("dir=CN_TO_RU&hs=4011&amount=1&resident=1&qty=200&unit=pcs"),
      "2026-03-10",
    );
    const request = requestFromInput(input);
    expect(request?.preference).toBeUndefined();
    expect(request?.quantity).toEqual({ value: "200", unit: "pcs" });
    expect(paramsFromInput(input).resident).toBeUndefined();
  });

  it("normalizes typed amounts and codes", () => {
    expect(normalizeDecimal("10 000,50")).toBe("10000.50");
    expect(normalizeDecimal("10,000.50")).toBe("10000.50");
    expect(normalizeDecimal(" 9000 ")).toBe("9000");
    expect(normalizeDecimal("abc")).toBe("abc");
    expect(normalizeHsCode("4011.10 00")).toBe("40111000");
    expect(normalizeHsCode("44x")).toBe("44x");
    expect(localToday(new Date(2026, 2, 9, 23, 30))).toBe("2026-03-09");
  });
});
