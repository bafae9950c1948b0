import { describe, expect, it } from "vitest";
import {
  compareDecimals,
  formatScaled,
  maxDecimal,
  minDecimal,
  parseDecimal,
  percentOf,
  subtractDecimals,
  sumDecimals,
  trimZeros,
} from "./decimal";

describe("decimal strings", () => {
  it("parses the API's decimals and refuses anything else", () => {
    expect(parseDecimal("12.50")).toEqual({ units: 1250n, scale: 2 });
    expect(parseDecimal("-0.005")).toEqual({ units: -5n, scale: 3 });
    expect(parseDecimal("1e3")).toBeNull();
    expect(parseDecimal("")).toBeNull();
    expect(parseDecimal(null)).toBeNull();
    expect(formatScaled(-5n, 3)).toBe("-0.005");
    expect(formatScaled(42n, 0)).toBe("42");
  });

  it("sums exactly where floating point would not", () => {
    expect(sumDecimals(["0.1", "0.2"])).toBe("0.3");
    expect(0.1 + 0.2).not.toBe(0.3);
    // Twelve months of about USD 19 bn with cents: beyond what a double holds to the cent.
    expect(sumDecimals(["9007199254740993.01", "1.01"])).toBe("9007199254740994.02");
    expect(sumDecimals(["1500.5", null, "x", "0"])).toBe("1500.5");
    expect(sumDecimals([])).toBe("0");
  });

  it("subtracts and compares", () => {
    expect(subtractDecimals("20000", "1500.5")).toBe("18499.5");
    expect(subtractDecimals("1.005", "2")).toBe("-0.995");
    expect(subtractDecimals("a", "2")).toBeNull();
    expect(compareDecimals("10.0", "10")).toBe(0);
    expect(compareDecimals("9.999", "10")).toBe(-1);
    expect(compareDecimals("-1", "-2")).toBe(1);
    expect(minDecimal("8000", "1500.5")).toBe("1500.5");
    expect(maxDecimal("8000", "1500.5")).toBe("8000");
  });

  it("gives percentages rounded half away from zero", () => {
    expect(percentOf("1500.5", "20000")).toBe("7.5");
    expect(percentOf("1", "3", 2)).toBe("33.33");
    expect(percentOf("2", "3", 0)).toBe("67");
    expect(percentOf("1", "8", 1)).toBe("12.5");
    expect(percentOf("1", "16", 1)).toBe("6.3");
    expect(percentOf("-1", "16", 1)).toBe("-6.3");
    expect(percentOf("5", "0")).toBeNull();
  });

  it("drops trailing zeros of the fraction only", () => {
    expect(trimZeros("8000.0")).toBe("8000");
    expect(trimZeros("46796.810")).toBe("46796.81");
    expect(trimZeros("100")).toBe("100");
    expect(trimZeros("-0.500")).toBe("-0.5");
  });
});
