import { describe, expect, it } from "vitest";
import { safeNext } from "./safeNext";

describe("safeNext", () => {
  it("keeps same-site paths with their query", () => {
    expect(safeNext("/account")).toBe("/account");
    expect(safeNext("/statistics?hs=44")).toBe("/statistics?hs=44");
  });

  it("refuses anything that could leave the site or loop back to the login page", () => {
    for (const next of [
      null,
      "",
      "account",
      "//evil.example",
      "/\\evil.example",
      "https://evil.example",
      "/login",
      "/login?next=/",
    ]) {
      expect(safeNext(next)).toBe("/");
    }
  });
});
