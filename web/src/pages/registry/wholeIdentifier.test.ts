import { describe, expect, it } from "vitest";
import { wholeIdentifier } from "./wholeIdentifier";

describe("wholeIdentifier", () => {
  it("names the scheme of a whole identifier, as typed", () => {
    expect(wholeIdentifier("91230100ma1b2c3d4e")).toEqual({ scheme: "uscc", value: "91230100MA1B2C3D4E" });
    expect(wholeIdentifier("2801 994041")).toEqual({ scheme: "inn", value: "2801994041" });
    expect(wholeIdentifier("280199404123")).toEqual({ scheme: "inn", value: "280199404123" });
    expect(wholeIdentifier("1122-800-099404")).toEqual({ scheme: "ogrn", value: "1122800099404" });
    expect(wholeIdentifier("312280000012345")).toEqual({ scheme: "ogrnip", value: "312280000012345" });
  });

  it("leaves names and beginnings of identifiers alone", () => {
    expect(wholeIdentifier("2801")).toBeNull();
    expect(wholeIdentifier("28019940")).toBeNull();
    expect(wholeIdentifier("Heihe Longjiang Fruit")).toBeNull();
    expect(wholeIdentifier("黑河果蔬")).toBeNull();
    expect(wholeIdentifier("ABCDEFGHIJKLMNOPQR")).toBeNull();
  });
});
