import { describe, expect, it } from "vitest";
import { emptyDraft, isIndividualInn, toRegistration } from "./registration";

describe("isIndividualInn", () => {
  it("tells a 12-digit INN from a 10-digit one, ignoring what the server ignores", () => {
    expect(isIndividualInn("500100732259")).toBe(true);
    expect(isIndividualInn("5001 0073 2259")).toBe(true);
    expect(isIndividualInn("５００１００７３２２５９")).toBe(true);
    expect(isIndividualInn("7707083893")).toBe(false);
    expect(isIndividualInn("")).toBe(false);
  });
});

describe("toRegistration", () => {
  it("sends a Chinese enterprise's USCC only, trimmed, and leaves empty fields out", () => {
    const body = toRegistration({
      ...emptyDraft("CN"),
      uscc: " 91231100E2E000015U ",
      inn: "7707083893",
      nameZh: " 黑河测试贸易有限公司 ",
      region: "CN-HL",
      hsChapters: ["08", "07", "08"],
    });
    expect(body).toEqual({
      side: "CN",
      identifiers: { uscc: "91231100E2E000015U" },
      names: { zh: "黑河测试贸易有限公司" },
      region: "CN-HL",
      contacts: {},
      hsChapters: ["07", "08"],
      borderTrade: false,
      aeo: { level: null },
      crossBorderEcommerce: false,
    });
  });

  it("leaves the KPP out for a sole proprietor and keeps it for an organization", () => {
    const base = { ...emptyDraft("RU"), ogrn: "304500116000157", kpp: "500101001", region: "RU-AMU" };
    expect(toRegistration({ ...base, inn: "500100732259" }).identifiers).toEqual({
      inn: "500100732259",
      ogrn: "304500116000157",
    });
    expect(toRegistration({ ...base, inn: "7707083893" }).identifiers).toEqual({
      inn: "7707083893",
      ogrn: "304500116000157",
      kpp: "500101001",
    });
  });

  it("takes a typed region code, AEO with its date, contacts and flags", () => {
    const body = toRegistration({
      ...emptyDraft("RU"),
      region: "other",
      regionOther: " ru-irk ",
      aeoLevel: "advanced",
      aeoSince: "2023-05-01",
      email: "info@example.ru",
      borderTrade: true,
      crossBorderEcommerce: true,
    });
    expect(body.region).toBe("RU-IRK");
    expect(body.aeo).toEqual({ level: "advanced", since: "2023-05-01" });
    expect(body.contacts).toEqual({ email: "info@example.ru" });
    expect(body.borderTrade).toBe(true);
    expect(body.crossBorderEcommerce).toBe(true);
  });

  it("leaves the region out until one is chosen or typed", () => {
    expect(toRegistration(emptyDraft("CN"))).not.toHaveProperty("region");
    expect(toRegistration({ ...emptyDraft("RU"), region: "other", regionOther: " " })).not.toHaveProperty(
      "region",
    );
  });

  it("drops the AEO date when the enterprise is not an AEO", () => {
    expect(toRegistration({ ...emptyDraft("CN"), aeoSince: "2023-05-01" }).aeo).toEqual({ level: null });
  });
});
