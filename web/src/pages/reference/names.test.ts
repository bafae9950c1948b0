import { describe, expect, it } from "vitest";
import { capitalize, formatPartialDate, otherNamesTitle, pickName } from "./names";

const heading4403 = {
  en: "Wood in the rough, whether or not stripped of bark or sapwood, or roughly squared",
  ru: "Лесоматериалы необработанные",
  zh: null,
};

describe("pickName", () => {
  it("takes the reader's language when the data has it", () => {
    expect(pickName(heading4403, "ru")).toEqual({
      text: "Лесоматериалы необработанные",
      language: "ru",
      fallback: false,
    });
  });

  it("falls back to English for Chinese readers and marks it", () => {
    expect(pickName(heading4403, "zh")).toMatchObject({ language: "en", fallback: true });
  });

  it("shows a TN VED line, which has Russian only, in Russian to everyone, capitalised", () => {
    const line = { en: null, ru: "прочие", zh: null };
    expect(pickName(line, "en")).toEqual({ text: "Прочие", language: "ru", fallback: true });
    expect(pickName(line, "zh")).toEqual({ text: "Прочие", language: "ru", fallback: true });
  });

  it("returns null when there is no name at all, and ignores blank ones", () => {
    expect(pickName({ en: null, ru: " ", zh: null }, "en")).toBeNull();
  });
});

describe("name helpers", () => {
  it("capitalises the first letter only, by the text's language", () => {
    expect(capitalize("live animals; animal products", "en")).toBe("Live animals; animal products");
    expect(capitalize("木及木制品", "zh")).toBe("木及木制品");
  });

  it("lists the other languages for the hover text, named in themselves", () => {
    expect(otherNamesTitle(heading4403, "ru")).toBe(`English: ${heading4403.en}`);
    expect(otherNamesTitle({ en: null, ru: null, zh: null }, null)).toBeUndefined();
  });

  it("formats full and partial dates without shifting them by time zone", () => {
    expect(formatPartialDate("2022-06-10", "ru-RU")).toBe("10 июня 2022 г.");
    expect(formatPartialDate("2016-12", "en")).toBe("December 2016");
    expect(formatPartialDate("2016", "zh-CN")).toBe("2016年");
    expect(formatPartialDate("about 2010", "en")).toBe("about 2010");
  });
});
