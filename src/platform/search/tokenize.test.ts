import { describe, expect, it } from "vitest";
import { indexTokens, parseQuery } from "./tokenize.ts";

describe("search tokens", () => {
  it("stems Russian and English, drops stopwords, folds ё and case", () => {
    expect(indexTokens("Лесоматериалы необработанные")).toEqual(["лесоматериал", "необработа"]);
    expect(indexTokens("Wood in the rough, of Tyres")).toEqual(["wood", "rough", "tyre"]);
    expect(indexTokens("Ёлки ЁЖ")).toEqual(indexTokens("елки еж"));
  });

  it("indexes Chinese words and their characters", () => {
    const tokens = indexTokens("木及木制品；木炭");
    expect(tokens).toContain("木炭");
    expect(tokens).toContain("制品");
    expect(tokens).toContain("炭");
    expect(tokens).toContain("木");
  });

  it("keeps digits and codes", () => {
    expect(indexTokens("HS 4403, 财关税〔2008〕90号")).toEqual(
      expect.arrayContaining(["hs", "4403", "2008", "90"]),
    );
  });

  it("parses a query into clauses: Chinese words or all their characters, other words as prefixes", () => {
    const q = parseQuery("木材 лесоматериалы");
    expect(q.clauses).toEqual([
      {
        alternatives: [
          { tokens: ["木材"], prefix: false },
          { tokens: ["木", "材"], prefix: false },
        ],
      },
      { alternatives: [{ tokens: ["лесоматериал"], prefix: true }] },
    ]);
    expect(parseQuery("the of и").clauses).toEqual([]);
  });
});
