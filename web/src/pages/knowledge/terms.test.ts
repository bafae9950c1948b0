import { describe, expect, it } from "vitest";
import type { TTerm } from "./contracts";
import { subscriptionInput } from "./subscription";
import { filterTerms } from "./terms";

describe("subscriptions and the term bank", () => {
  it("sends an HS code in digits and leaves out an empty webhook", () => {
    expect(subscriptionInput({ kind: "hs", value: " 44.03 ", webhookUrl: " ", email: false })).toEqual({
      kind: "hs",
      value: "4403",
      email: false,
    });
    expect(
      subscriptionInput({
        kind: "port",
        value: "heihe-blagoveshchensk",
        webhookUrl: "https://x.example/h",
        email: true,
      }),
    ).toEqual({
      kind: "port",
      value: "heihe-blagoveshchensk",
      webhookUrl: "https://x.example/h",
      email: true,
    });
  });

  it("filters terms in any language, ignoring case, width and ё", () => {
    const terms: TTerm[] = [
      { id: "1", zh: "原木", ru: "необработанные лесоматериалы", en: "roundwood", note: null, updatedAt: "" },
      { id: "2", zh: "出口禁令", ru: "запрет вывоза", en: "export ban", note: "ЗАПРЁТ", updatedAt: "" },
    ];
    expect(filterTerms(terms, "Roundwood").map((t) => t.id)).toEqual(["1"]);
    expect(filterTerms(terms, "禁令").map((t) => t.id)).toEqual(["2"]);
    expect(filterTerms(terms, "ＥＸＰＯＲＴ").map((t) => t.id)).toEqual(["2"]);
    expect(filterTerms(terms, "запрет").map((t) => t.id)).toEqual(["2"]);
    expect(filterTerms(terms, " ").length).toBe(2);
  });
});
