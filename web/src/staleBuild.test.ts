import { describe, expect, it } from "vitest";
import { isStaleBuildError } from "./staleBuild";

describe("isStaleBuildError", () => {
  it("recognises the browsers' failures to load a page's code", () => {
    for (const message of [
      "Failed to fetch dynamically imported module: http://localhost:8080/assets/QuotasPage-abc.js",
      "error loading dynamically imported module: http://localhost:8080/assets/x.js",
      "Importing a module script failed.",
      "Unable to preload CSS for /assets/x.css",
    ])
      expect(isStaleBuildError(new TypeError(message)), message).toBe(true);
  });

  it("leaves other errors alone", () => {
    expect(isStaleBuildError(new TypeError("Cannot read properties of undefined (reading 'map')"))).toBe(
      false,
    );
    expect(isStaleBuildError("Failed to fetch dynamically imported module")).toBe(false);
    expect(isStaleBuildError(null)).toBe(false);
  });
});
