import { describe, expect, it } from "vitest";
import { isLanguage, matchLanguage } from "./languages";

describe("matchLanguage", () => {
  it("maps browser language tags to the UI's three languages", () => {
    expect(matchLanguage("zh-Hans-CN")).toBe("zh-CN");
    expect(matchLanguage("zh-TW")).toBe("zh-CN");
    expect(matchLanguage("ru")).toBe("ru-RU");
    expect(matchLanguage("RU-ru")).toBe("ru-RU");
    expect(matchLanguage("en-GB")).toBe("en");
    expect(matchLanguage("de-DE")).toBeNull();
  });

  it("recognises only the exact codes as languages", () => {
    expect(isLanguage("ru-RU")).toBe(true);
    expect(isLanguage("ru")).toBe(false);
    expect(isLanguage(undefined)).toBe(false);
  });
});
