import { describe, expect, it } from "vitest";
import { changeFilter, filterFromParams, filterQuery, paramsFromFilter } from "./filters";

describe("declaration list filters in the address", () => {
  it("reads a linked filter and writes back the same link", () => {
    const params = new URLSearchParams(
      "status=released&lane=red&flow=export&port=heihe-blagoveshchensk&q=HH-1&offset=50",
    );
    const filter = filterFromParams(params);
    expect(filter).toEqual({
      status: "released",
      lane: "red",
      flow: "export",
      port: "heihe-blagoveshchensk",
      q: "HH-1",
      offset: 50,
    });
    expect(new URLSearchParams(paramsFromFilter(filter)).toString()).toBe(params.toString());
  });

  it("ignores unknown values", () => {
    expect(filterFromParams(new URLSearchParams("status=lost&lane=purple&port=<x>&offset=-5"))).toEqual({});
  });

  it("starts again at the first page when a filter changes, and drops emptied filters", () => {
    const filter = { status: "held" as const, offset: 100 };
    expect(changeFilter(filter, { lane: "red" })).toEqual({ status: "held", lane: "red" });
    expect(changeFilter(filter, { offset: 150 })).toEqual({ status: "held", offset: 150 });
    expect(changeFilter(filter, { status: undefined })).toEqual({});
  });

  it("builds the API query without empty members", () => {
    expect(filterQuery({ lane: "red", q: "", limit: 50 })).toBe("?lane=red&limit=50");
    expect(filterQuery({})).toBe("");
  });
});
