import { describe, expect, it } from "vitest";
import { declarationIdOf, licencePath, normalizeLicenceNumber, verifyPath } from "./paths";

describe("licence numbers and addresses", () => {
  it("reads licence numbers the way people type them", () => {
    expect(normalizeLicenceNumber(" cn-l2026-mat2gegm ")).toBe("CN-L2026-MAT2GEGM");
    expect(normalizeLicenceNumber("RU-L2026 M2503ZGF")).toBe("RU-L2026M2503ZGF");
  });

  it("builds the licence and verification addresses", () => {
    expect(licencePath("CN-L2026-MAT2GEGM")).toBe("/quotas/licences/CN-L2026-MAT2GEGM");
    expect(verifyPath("CN-L2026-MAT2GEGM")).toBe("/quotas/verify?number=CN-L2026-MAT2GEGM");
    expect(verifyPath()).toBe("/quotas/verify");
  });

  it("finds the declaration behind a platform movement, and nothing behind a customs system's reference", () => {
    expect(declarationIdOf("declaration:7530266a-2d92-4aea-bf6d-ca66f630b6df:1")).toBe(
      "7530266a-2d92-4aea-bf6d-ca66f630b6df",
    );
    expect(declarationIdOf("FCS-10702070-2026-000123/1")).toBeNull();
  });
});
