import { describe, expect, it } from "vitest";
import type { TMe } from "../../contracts";
import { editableSides, editorScope, isEditor, mayEdit } from "./access";
import { workflowActions } from "./workflow";

function me(memberships: TMe["memberships"]): TMe {
  return { user: { id: "u", email: "u@x", displayName: "U", locale: "ru-RU" }, memberships, csrfToken: "t" };
}
const editorRU = me([
  { organization: { id: "fcs", name: "FCS", kind: "authority", side: "RU" }, roles: ["editor"] },
]);
const platformEditor = me([
  { organization: { id: "amur", name: "Amur", kind: "platform", side: null }, roles: ["editor"] },
]);
const trader = me([
  {
    organization: { id: "e", name: "Amur Timber", kind: "enterprise", side: "RU" },
    roles: ["enterprise_member"],
  },
]);

describe("knowledge access", () => {
  it("lets editors edit their side's and bilateral documents", () => {
    expect(editorScope(editorRU)).toEqual({ everywhere: false, sides: ["RU"] });
    expect(mayEdit(editorRU, "RU")).toBe(true);
    expect(mayEdit(editorRU, "bilateral")).toBe(true);
    expect(mayEdit(editorRU, "CN")).toBe(false);
    expect(editableSides(editorRU)).toEqual(["RU", "bilateral"]);
    expect(editableSides(platformEditor)).toEqual(["CN", "RU", "bilateral"]);
    expect(isEditor(trader)).toBe(false);
    expect(isEditor(null)).toBe(false);
  });

  it("offers the workflow's next steps only", () => {
    expect(workflowActions("draft")).toEqual(["submit", "publish"]);
    expect(workflowActions("review")).toEqual(["publish", "return"]);
    expect(workflowActions("published")).toEqual(["repeal"]);
    expect(workflowActions("repealed")).toEqual([]);
  });
});
