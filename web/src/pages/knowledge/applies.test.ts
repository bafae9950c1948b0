import { describe, expect, it } from "vitest";
import { defaultDirection, formFromParams, isAppliesCode, paramsFromForm, specificFirst } from "./applies";
import type { TReasonedDoc } from "./contracts";

function reasoned(id: string, reason: string): TReasonedDoc {
  return {
    id,
    kind: "law",
    side: "RU",
    number: null,
    status: "published",
    titles: { zh: null, ru: id, en: null },
    originalLang: "ru",
    effectiveOn: null,
    repealedOn: null,
    reason,
  };
}

describe("what applies to me", () => {
  it("reads its question from the address with a direction by default", () => {
    expect(formFromParams(new URLSearchParams("hs=4407.10&port=heihe-blagoveshchensk"), "RU_TO_CN")).toEqual({
      hs: "440710",
      direction: "RU_TO_CN",
      port: "heihe-blagoveshchensk",
      date: "",
    });
    expect(formFromParams(new URLSearchParams("direction=CN_TO_RU&date=bad"), "RU_TO_CN")).toMatchObject({
      direction: "CN_TO_RU",
      date: "",
    });
    expect(paramsFromForm({ hs: "4407 10", direction: "CN_TO_RU", port: "", date: "2026-03-01" })).toEqual({
      hs: "440710",
      direction: "CN_TO_RU",
      date: "2026-03-01",
    });
    expect(isAppliesCode("440")).toBe(false);
    expect(isAppliesCode("4407")).toBe(true);
    expect(defaultDirection("ru-RU")).toBe("RU_TO_CN");
    expect(defaultDirection("zh-CN")).toBe("CN_TO_RU");
  });

  it("puts documents naming the code or the port before those for all goods", () => {
    const docs = [
      reasoned("cmr", "относится ко всем товарам"),
      reasoned("ban", "относится к ТН ВЭД 4403"),
      reasoned("bridge", "concerns the port heihe-blagoveshchensk"),
    ];
    const { specific, general } = specificFirst(docs, "heihe-blagoveshchensk");
    expect(specific.map((d) => d.id)).toEqual(["ban", "bridge"]);
    expect(general.map((d) => d.id)).toEqual(["cmr"]);
  });
});
