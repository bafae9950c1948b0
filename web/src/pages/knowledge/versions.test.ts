import { describe, expect, it } from "vitest";
import type { TDiffLine } from "./contracts";
import { diffStats, firstVersionText, foldDiff, initialLanguage, orderVersions } from "./versions";

const zhRu = [{ lang: "zh" as const }, { lang: "ru" as const }];

describe("the language a document opens in", () => {
  it("prefers the address, then the reader's language, then the original", () => {
    expect(initialLanguage(zhRu, "ru", "zh", "zh")).toBe("ru");
    expect(initialLanguage(zhRu, null, "ru", "zh")).toBe("ru");
    expect(initialLanguage(zhRu, "en", "en", "zh")).toBe("zh");
    expect(initialLanguage([{ lang: "ru" }], "xx", "zh", "ru")).toBe("ru");
    expect(initialLanguage([], null, "zh", "ru")).toBeNull();
  });

  it("puts the original's tab first, then Chinese, Russian, English", () => {
    const versions = [{ lang: "en" as const }, { lang: "zh" as const }, { lang: "ru" as const }];
    expect(orderVersions(versions, "ru").map((v) => v.lang)).toEqual(["ru", "zh", "en"]);
    expect(orderVersions(versions, "en").map((v) => v.lang)).toEqual(["en", "zh", "ru"]);
  });
});

function same(n: number, prefix = "line"): TDiffLine[] {
  return Array.from({ length: n }, (_, i) => ({ op: "same" as const, text: `${prefix} ${i + 1}` }));
}

describe("foldDiff", () => {
  it("folds long unchanged runs to two lines of context around each change", () => {
    const diff: TDiffLine[] = [
      ...same(6),
      { op: "removed", text: "Запрещён вывоз хвойных пород." },
      { op: "added", text: "Запрещён вывоз хвойных и ценных лиственных пород." },
      ...same(5, "tail"),
    ];
    expect(foldDiff(diff)).toEqual([
      { op: "skip", count: 4 },
      { op: "same", text: "line 5" },
      { op: "same", text: "line 6" },
      { op: "removed", text: "Запрещён вывоз хвойных пород." },
      { op: "added", text: "Запрещён вывоз хвойных и ценных лиственных пород." },
      { op: "same", text: "tail 1" },
      { op: "same", text: "tail 2" },
      { op: "skip", count: 3 },
    ]);
  });

  it("shows a diff without any change whole, and counts what changed", () => {
    expect(foldDiff(same(3))).toEqual(same(3));
    expect(
      diffStats([
        { op: "added", text: "a" },
        { op: "added", text: "b" },
        { op: "removed", text: "c" },
      ]),
    ).toEqual({
      added: 2,
      removed: 1,
    });
  });

  it("shows the first version as its text, without the empty line it 'removed'", () => {
    expect(
      firstVersionText([
        { op: "removed", text: "" },
        { op: "added", text: "**Сводка команды.**" },
        { op: "added", text: "" },
      ]),
    ).toEqual(["**Сводка команды.**", ""]);
  });
});
