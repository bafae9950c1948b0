import { describe, expect, it } from "vitest";
import type { TDocument } from "./contracts";
import { draftFromDocument, emptyDraft, inputFromDraft, parseList, versionPath } from "./draft";

const ban: TDocument = {
  id: "d396",
  kind: "regulation",
  side: "RU",
  number: "Постановление № 396",
  status: "published",
  titles: { zh: null, ru: "Запрет вывоза необработанных лесоматериалов", en: null },
  originalLang: "ru",
  effectiveOn: "2022-01-01",
  repealedOn: null,
  issuingBody: "Правительство Российской Федерации",
  issuedOn: null,
  hsPrefixes: ["4403"],
  ports: [],
  regions: [],
  topics: ["export", "prohibitions", "timber", "roundwood_legacy"],
  sourceUrl: "https://example.org/396",
  versions: [
    {
      lang: "ru",
      version: 1,
      title: "Запрет вывоза необработанных лесоматериалов",
      body: "**Сводка команды.** С 1 января 2022 г. запрещён вывоз.",
      html: "<p>…</p>",
      translation: "original",
      isSummary: true,
      createdAt: "2026-01-01T00:00:00Z",
      createdBy: "seed",
    },
  ],
  relations: [
    { kind: "references", direction: "outgoing", document: brief("d2021") },
    { kind: "amends", direction: "incoming", document: brief("d-later") },
  ],
  updatedAt: "2026-01-01T00:00:00Z",
  publishedAt: "2026-01-01T00:00:00Z",
};

function brief(id: string) {
  return {
    id,
    kind: "regulation" as const,
    side: "RU" as const,
    number: null,
    status: "published" as const,
    titles: { zh: null, ru: "x", en: null },
    originalLang: "ru" as const,
    effectiveOn: null,
    repealedOn: null,
  };
}

describe("the editor's draft", () => {
  it("splits lists on commas of any script, spaces and semicolons", () => {
    expect(parseList("4403, 4407.10；44、 4403", { digits: true })).toEqual(["4403", "440710", "44"]);
    expect(parseList(" cn-hl ,RU-AMU ")).toEqual(["cn-hl", "RU-AMU"]);
    expect(parseList("")).toEqual([]);
  });

  it("starts a new document in its side's language", () => {
    const draft = emptyDraft("RU");
    expect(draft.originalLang).toBe("ru");
    expect(draft.versions.ru.included).toBe(true);
    expect(draft.versions.zh.included).toBe(false);
  });

  it("fills the form from a document and sends back the same document", () => {
    const draft = draftFromDocument(ban);
    expect(draft.topics).toEqual(["export", "prohibitions", "timber"]);
    expect(draft.otherTopics).toBe("roundwood_legacy");
    expect(draft.versions.ru).toMatchObject({ included: true, saved: true, isSummary: true });
    // Only the relations the document declares itself; incoming ones belong to the other document.
    expect(draft.relations).toEqual([{ kind: "references", targetId: "d2021" }]);
    expect(inputFromDraft(draft)).toEqual({
      kind: "regulation",
      side: "RU",
      issuingBody: "Правительство Российской Федерации",
      number: "Постановление № 396",
      effectiveOn: "2022-01-01",
      originalLang: "ru",
      hsPrefixes: ["4403"],
      ports: [],
      regions: [],
      topics: ["export", "prohibitions", "timber", "roundwood_legacy"],
      sourceUrl: "https://example.org/396",
      versions: [
        {
          lang: "ru",
          title: "Запрет вывоза необработанных лесоматериалов",
          body: "**Сводка команды.** С 1 января 2022 г. запрещён вывоз.",
          translation: "original",
          isSummary: true,
        },
      ],
      relations: [{ kind: "references", targetId: "d2021" }],
    });
  });

  it("marks the original's text as the original and the others as translations, leaving out empty members", () => {
    const draft = emptyDraft("CN");
    draft.issuingBody = " 海关总署 ";
    draft.regions = "cn-hl";
    draft.versions.zh = { ...draft.versions.zh, title: " 标题 ", body: "正文", translation: "official" };
    draft.versions.en = { ...draft.versions.en, included: true, title: "Title", body: "Text", note: "  " };
    draft.relations = [{ kind: "counterpart_of", targetId: "" }];
    const input = inputFromDraft(draft);
    expect(input.issuingBody).toBe("海关总署");
    expect(input.regions).toEqual(["CN-HL"]);
    expect(input.versions).toEqual([
      { lang: "zh", title: "标题", body: "正文", translation: "original", isSummary: false },
      { lang: "en", title: "Title", body: "Text", translation: "unofficial", isSummary: false },
    ]);
    expect(input.relations).toEqual([]);
    expect("number" in input).toBe(false);
    // The server reports a version's errors by its place among the versions sent.
    expect(versionPath(draft, "en", "title")).toBe("versions.1.title");
  });
});
