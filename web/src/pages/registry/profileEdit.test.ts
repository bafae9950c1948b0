import { describe, expect, it } from "vitest";
import { type ProfileDraft, profilePatch } from "./profileEdit";

const before: ProfileDraft = {
  nameZh: "黑河测试贸易有限公司",
  nameRu: "",
  nameEn: "",
  legalForm: "有限责任公司",
  address: "",
  email: "a@example.cn",
  phone: "",
  website: "",
  hsChapters: ["08"],
  crossBorderEcommerce: false,
};

describe("profilePatch", () => {
  it("is empty when nothing changed", () => {
    expect(profilePatch(before, { ...before, hsChapters: ["08"] })).toEqual({});
  });

  it("sends only what changed, trimmed", () => {
    expect(
      profilePatch(before, {
        ...before,
        nameEn: " Heihe Test Trading Co. ",
        phone: "+86 456 000 0000",
        hsChapters: ["08", "07"],
        crossBorderEcommerce: true,
      }),
    ).toEqual({
      names: { en: "Heihe Test Trading Co." },
      contacts: { phone: "+86 456 000 0000" },
      hsChapters: ["07", "08"],
      crossBorderEcommerce: true,
    });
  });

  it("leaves out a field emptied, which the API cannot clear", () => {
    expect(profilePatch(before, { ...before, email: "", legalForm: "  " })).toEqual({});
  });
});
