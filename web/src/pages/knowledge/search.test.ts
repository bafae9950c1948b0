import { describe, expect, it } from "vitest";
import {
  activeFilters,
  filterFromParams,
  isHsPrefix,
  isIsoDate,
  mergeSnippet,
  normalizeHs,
  paramsFromFilter,
  searchQuery,
} from "./search";

describe("knowledge search in the address", () => {
  it("reads a search and its filters back from the query string", () => {
    const params = new URLSearchParams(
      "q=%20原木%20出口禁令%20&side=RU&kind=regulation&status=published&hs=4403.21&port=heihe-blagoveshchensk&topic=timber&inForce=2026-03-01",
    );
    expect(filterFromParams(params)).toEqual({
      q: "原木 出口禁令",
      side: "RU",
      kind: "regulation",
      status: "published",
      hs: "440321",
      port: "heihe-blagoveshchensk",
      topic: "timber",
      inForce: "2026-03-01",
    });
  });

  it("drops values the server would refuse instead of sending them", () => {
    const params = new URLSearchParams("q=x&side=KZ&kind=memo&hs=4&port=Heihe!&topic=T&inForce=2026-02-31x");
    expect(filterFromParams(params)).toEqual({ q: "x" });
  });

  it("round-trips through the address, leaving out what is empty", () => {
    const filter = { q: "запрет вывоза", side: "RU" as const, hs: "4403" };
    const params = paramsFromFilter(filter);
    expect(params).toEqual({ q: "запрет вывоза", side: "RU", hs: "4403" });
    expect(filterFromParams(new URLSearchParams(params))).toEqual(filter);
  });

  it("asks the API with a limit and counts the filters besides the words", () => {
    expect(searchQuery({ q: "原木", side: "RU" }, 5)).toBe("q=%E5%8E%9F%E6%9C%A8&side=RU&limit=5");
    expect(activeFilters({ q: "原木" })).toBe(0);
    expect(activeFilters({ q: "原木", side: "RU", inForce: "2026-01-01" })).toBe(2);
  });

  it("normalizes HS codes and checks dates", () => {
    expect(normalizeHs("4403.21 10")).toBe("44032110");
    expect(isHsPrefix("44")).toBe(true);
    expect(isHsPrefix("4")).toBe(false);
    expect(isHsPrefix("44a")).toBe(false);
    expect(isIsoDate("2026-03-01")).toBe(true);
    expect(isIsoDate("01.03.2026")).toBe(false);
  });
});

describe("mergeSnippet", () => {
  it("joins neighbouring parts of the same kind and drops empty ones", () => {
    expect(
      mergeSnippet([
        { text: "…С 1 января ", hit: false },
        { text: "", hit: true },
        { text: "запре", hit: true },
        { text: "щён", hit: true },
        { text: " ", hit: false },
        { text: "вывоз", hit: true },
        { text: " из России", hit: false },
        { text: "…", hit: false },
      ]),
    ).toEqual([
      { text: "…С 1 января ", hit: false },
      { text: "запрещён", hit: true },
      { text: " ", hit: false },
      { text: "вывоз", hit: true },
      { text: " из России…", hit: false },
    ]);
  });

  it("keeps markup as text: the snippet is never read as HTML", () => {
    const parts = [{ text: "<img src=x onerror=alert(1)>", hit: true }];
    expect(mergeSnippet(parts)).toEqual(parts);
  });
});
