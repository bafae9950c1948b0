import { describe, expect, it } from "vitest";
import * as server from "../../../../src/modules/knowledge/knowledge.schema";
import { DOC_LANGS, KB_SIDES, KINDS, RELATION_KINDS, STATUSES } from "./contracts";

// The browser bundle repeats the server's code lists (its schema is built with full zod); they must agree.
describe("knowledge contracts", () => {
  it("use the server's code lists", () => {
    expect(KINDS).toEqual(server.KINDS);
    expect(KB_SIDES).toEqual(server.KB_SIDES);
    expect(DOC_LANGS).toEqual(server.LANGS);
    expect(RELATION_KINDS).toEqual(server.RELATION_KINDS);
    expect(STATUSES).toEqual(server.STATUSES);
  });
});
