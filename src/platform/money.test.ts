import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { convert, Dec, fromMinor, roundToMinor, toMinor } from "./money.ts";

describe("money", () => {
  it("rounds half-up to the minor unit and back", () => {
    expect(toMinor("1234.565", "CNY")).toBe(123457n);
    expect(toMinor("-0.005", "RUB")).toBe(-1n);
    expect(toMinor("10.4", "JPY")).toBe(10n);
    expect(fromMinor(123450n, "CNY")).toBe("1234.50");
    expect(roundToMinor("0.125", "USD")).toBe("0.13");
  });

  it("never goes through binary floats: 0.1 + 0.2 is 0.3", () => {
    expect(new Dec("0.1").plus("0.2").toString()).toBe("0.3");
    expect(roundToMinor(convert("1000000000000.01", "11.7136"), "RUB")).toBe("11713600000000.12");
  });

  it("A→B→A stays within one minor unit of A when B's minor unit is worth no more (rate ≥ 1), within 0.5/rate + 0.5 otherwise", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 13n }),
        fc.integer({ min: 1, max: 2_000_000 }),
        (minor, rateMilli) => {
          const rate = new Dec(rateMilli).div(10_000).toString();
          const amount = fromMinor(minor, "CNY");
          const there = roundToMinor(convert(amount, rate), "RUB");
          const back = roundToMinor(new Dec(there).div(rate), "CNY");
          const diff = toMinor(back, "CNY") - minor;
          // Rounding at B loses at most half a B minor unit (0.5/rate of A's), rounding back half of A's.
          const bound = BigInt(new Dec(0.5).div(rate).plus(0.5).ceil().toFixed(0));
          if (new Dec(rate).gte(1)) expect(bound).toBe(1n);
          expect(diff < 0n ? -diff : diff).toBeLessThanOrEqual(bound);
        },
      ),
    );
  });
});
