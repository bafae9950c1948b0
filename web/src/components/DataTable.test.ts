import { describe, expect, it } from "vitest";
import { sortRows } from "./DataTable";

interface Row {
  name: string;
  value: number | null;
}

const rows: Row[] = [
  { name: "item 10", value: 3 },
  { name: "item 2", value: null },
  { name: "Item 1", value: 10 },
  { name: "item 3", value: 3 },
];

describe("sortRows", () => {
  it("sorts numbers numerically and keeps missing values last in both directions", () => {
    expect(sortRows(rows, (r) => r.value, "ascending", "en").map((r) => r.value)).toEqual([3, 3, 10, null]);
    expect(sortRows(rows, (r) => r.value, "descending", "en").map((r) => r.value)).toEqual([10, 3, 3, null]);
  });

  it("is stable, so equal values keep their order", () => {
    expect(sortRows(rows, (r) => r.value, "descending", "en").map((r) => r.name)).toEqual([
      "Item 1",
      "item 10",
      "item 3",
      "item 2",
    ]);
  });

  it("compares text the way the reader's language does, digits by value and case aside", () => {
    expect(sortRows(rows, (r) => r.name, "ascending", "en").map((r) => r.name)).toEqual([
      "Item 1",
      "item 2",
      "item 3",
      "item 10",
    ]);
  });

  it("orders Russian words by the Cyrillic alphabet", () => {
    const words = [{ w: "ёлка" }, { w: "яблоко" }, { w: "арбуз" }, { w: "еда" }];
    expect(sortRows(words, (r) => r.w, "ascending", "ru-RU").map((r) => r.w)).toEqual([
      "арбуз",
      "еда",
      "ёлка",
      "яблоко",
    ]);
  });

  it("does not change the rows it was given", () => {
    const before = rows.map((r) => r.name);
    sortRows(rows, (r) => r.name, "descending", "en");
    expect(rows.map((r) => r.name)).toEqual(before);
  });
});
