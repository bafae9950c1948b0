import { describe, expect, it } from "vitest";
import { csvField, toCsv } from "./csv";

describe("CSV", () => {
  it("quotes only what needs quoting and keeps the exact strings", () => {
    expect(csvField("228105000000.00")).toBe("228105000000.00");
    expect(csvField('ООО «Даурский уголь», "DC"')).toBe('"ООО «Даурский уголь», ""DC"""');
    expect(csvField(null)).toBe("");
    expect(csvField(7)).toBe("7");
  });

  it("writes a UTF-8 byte-order mark and CRLF lines", () => {
    expect(
      toCsv(
        ["period", "ratio"],
        [
          ["2025", "1.0500"],
          ["2026", null],
        ],
      ),
    ).toBe("\ufeffperiod,ratio\r\n2025,1.0500\r\n2026,\r\n");
  });
});
