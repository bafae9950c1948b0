import { describe, expect, it } from "vitest";
import type { TMe } from "../../contracts";
import { defaultSide, isMemberOf, maySeePrivate, nameLang, officerSides } from "./access";

function me(memberships: TMe["memberships"]): TMe {
  return { user: { id: "u", email: "u@x", displayName: "U", locale: "zh-CN" }, memberships, csrfToken: "t" };
}

const officerCN = me([
  {
    organization: { id: "harbin", name: "Harbin Customs", kind: "authority", side: "CN" },
    roles: ["customs_officer"],
  },
]);
const traderCN = me([
  {
    organization: { id: "e1", name: "Heihe Fruit", kind: "enterprise", side: "CN" },
    roles: ["enterprise_member"],
  },
]);

describe("registry access", () => {
  it("knows the sides a customs officer verifies", () => {
    expect(officerSides(officerCN)).toEqual(["CN"]);
    expect(officerSides(traderCN)).toEqual([]);
    expect(officerSides(null)).toEqual([]);
  });

  it("lets members and the side's officers see the private part, no one else", () => {
    expect(isMemberOf(traderCN, "e1")).toBe(true);
    expect(isMemberOf(traderCN, "e2")).toBe(false);
    expect(maySeePrivate(traderCN, { id: "e1", side: "CN" })).toBe(true);
    expect(maySeePrivate(traderCN, { id: "e2", side: "CN" })).toBe(false);
    expect(maySeePrivate(officerCN, { id: "e2", side: "CN" })).toBe(true);
    expect(maySeePrivate(officerCN, { id: "e3", side: "RU" })).toBe(false);
    expect(maySeePrivate(undefined, { id: "e1", side: "CN" })).toBe(false);
  });

  it("starts a registration on the side of the user's enterprise, else of the UI language", () => {
    expect(defaultSide(traderCN, "ru-RU")).toBe("CN");
    expect(defaultSide(officerCN, "ru-RU")).toBe("RU");
    expect(defaultSide(null, "zh-CN")).toBe("CN");
    expect(defaultSide(null, "en")).toBe("CN");
  });

  it("marks the language of a name shown in another language than the reader's", () => {
    const names = { zh: "黑河测试贸易有限公司", ru: null, en: "Heihe Test Trading Co." };
    expect(nameLang({ name: names.zh, names }, "ru")).toBe("zh-CN");
    expect(nameLang({ name: names.zh, names }, "zh")).toBeUndefined();
    expect(nameLang({ name: names.en, names }, "en")).toBeUndefined();
  });
});
