import { describe, expect, it } from "vitest";
import type { TDocBrief, TRelation } from "./contracts";
import { documentLanguages, groupRelations, isWebAddress, relationLabel } from "./relations";

function doc(
  id: string,
  titles: Partial<TDocBrief["titles"]> = {},
  originalLang: TDocBrief["originalLang"] = "zh",
): TDocBrief {
  return {
    id,
    kind: "law",
    side: "CN",
    number: null,
    status: "published",
    titles: { zh: null, ru: null, en: null, ...titles },
    originalLang,
    effectiveOn: null,
    repealedOn: null,
  };
}

describe("relations of a document", () => {
  it("reads each relation from the document on the page", () => {
    expect(relationLabel({ kind: "amends", direction: "outgoing" })).toBe("amends");
    expect(relationLabel({ kind: "amends", direction: "incoming" })).toBe("amendedBy");
    expect(relationLabel({ kind: "implements", direction: "incoming" })).toBe("implementedBy");
    expect(relationLabel({ kind: "counterpart_of", direction: "incoming" })).toBe("counterpart");
  });

  it("lists a counterpart once when both documents name each other, apart from the others", () => {
    const ru303 = doc("ru-303fz");
    const relations: TRelation[] = [
      { kind: "counterpart_of", direction: "outgoing", document: ru303 },
      { kind: "counterpart_of", direction: "incoming", document: ru303 },
      { kind: "references", direction: "outgoing", document: doc("a") },
      { kind: "amends", direction: "incoming", document: doc("b") },
      { kind: "references", direction: "outgoing", document: doc("c") },
    ];
    const { counterparts, groups } = groupRelations(relations);
    expect(counterparts.map((d) => d.id)).toEqual(["ru-303fz"]);
    // What changed this document comes first.
    expect(groups.map((g) => [g.label, g.documents.map((d) => d.id)])).toEqual([
      ["amendedBy", ["b"]],
      ["references", ["a", "c"]],
    ]);
  });

  it("names the languages a document has, the original first", () => {
    expect(documentLanguages(doc("x", { en: "CMR", zh: "公约", ru: "КДПГ" }, "en"))).toEqual([
      "en",
      "zh",
      "ru",
    ]);
    expect(documentLanguages(doc("x", { ru: "Запрет вывоза", en: " " }, "ru"))).toEqual(["ru"]);
  });

  it("links only web addresses", () => {
    expect(isWebAddress("https://tehkom-av.com/en/russia-introduces-export-ban-on-roundwood/")).toBe(true);
    expect(isWebAddress("javascript:alert(1)")).toBe(false);
    expect(isWebAddress("data:text/html,hi")).toBe(false);
  });
});
