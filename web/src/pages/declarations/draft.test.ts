import { describe, expect, it } from "vitest";
import type { TDeclaration } from "./contracts";
import {
  buildRequest,
  type DeclarationDraft,
  defaultDocuments,
  draftFromDeclaration,
  emptyDraft,
  emptyLine,
  followTransport,
  formPath,
  previewIssues,
  rowOf,
} from "./draft";

function filledDraft(): DeclarationDraft {
  const draft = emptyDraft({ id: "2f62c74c-4880-471a-95b5-48ef3cbbbccb", side: "CN" }, "2026-03-10");
  return {
    ...draft,
    portId: "heihe-blagoveshchensk",
    tradeMode: "4019",
    shipmentRef: " HH-2026-118 ",
    counterpartyId: "f23fc553-2a66-44a0-9315-0e6fb6ce7412",
    counterpartyLabel: "Amur Timber LLC",
    documents: draft.documents.map((document, index) => ({ ...document, number: `N-${index}` })),
    lines: [
      {
        ...emptyLine("CN"),
        code: "0808.10 0000",
        description: " Apples ",
        quantity: "20 000",
        netKg: "20 000",
        grossKg: "21 500,5",
        value: "118000,50",
      },
    ],
  };
}

describe("declaration form → request", () => {
  it("starts a Chinese declarant on an export by road with invoice, contract and CMR", () => {
    const draft = emptyDraft({ id: "x", side: "CN" }, "2026-03-10");
    expect(draft).toMatchObject({
      flow: "export",
      transportMode: "road",
      currency: "CNY",
      date: "2026-03-10",
    });
    expect(draft.documents.map((document) => document.kind)).toEqual(["invoice", "contract", "cmr"]);
    expect(draft.lines[0]?.origin).toBe("CN");
    expect(emptyDraft({ id: "y", side: "RU" }).counterpartyCountry).toBe("CN");
    expect(defaultDocuments("air").map((document) => document.kind)).toEqual(["invoice", "contract"]);
  });

  it("sends typed amounts and codes as exact decimal strings, never as numbers", () => {
    const { body } = buildRequest(filledDraft(), "submit");
    expect(body).toMatchObject({
      declarantId: "2f62c74c-4880-471a-95b5-48ef3cbbbccb",
      portId: "heihe-blagoveshchensk",
      tradeMode: "4019",
      conveyances: 1,
      shipmentRef: "HH-2026-118",
      date: "2026-03-10",
      counterparty: { enterpriseId: "f23fc553-2a66-44a0-9315-0e6fb6ce7412" },
      draft: false,
    });
    expect(body.lines).toEqual([
      {
        code: "0808100000",
        description: "Apples",
        origin: "CN",
        quantity: { value: "20000", unit: "kg" },
        netKg: "20000",
        grossKg: "21500.5",
        value: "118000.50",
      },
    ]);
    expect(body.documents).toEqual([
      { kind: "invoice", number: "N-0" },
      { kind: "contract", number: "N-1" },
      { kind: "cmr", number: "N-2" },
    ]);
    expect(buildRequest(filledDraft(), "save").body.draft).toBe(true);
  });

  it("names an unregistered counterparty by name and country, and leaves out what is empty", () => {
    const draft = {
      ...filledDraft(),
      counterpartyKind: "other" as const,
      counterpartyName: " ООО «База» ",
      counterpartyCountry: "ru",
    };
    expect(buildRequest(draft, "submit").body.counterparty).toEqual({ name: "ООО «База»", country: "RU" });
    const nobody = { ...filledDraft(), counterpartyId: "" };
    expect(buildRequest(nobody, "submit").body.counterparty).toEqual({});
    const bare = { ...filledDraft(), shipmentRef: "  ", date: "" };
    const { body } = buildRequest(bare, "submit");
    expect("shipmentRef" in body).toBe(false);
    expect("date" in body).toBe(false);
  });

  it("passes a conveyance count that is not a whole number through, for the server to name", () => {
    expect(buildRequest({ ...filledDraft(), conveyances: "2" }, "submit").body.conveyances).toBe(2);
    expect(buildRequest({ ...filledDraft(), conveyances: "two" }, "submit").body.conveyances).toBe("two");
  });

  it("numbers what it sends and remembers which row each item came from", () => {
    const base = filledDraft();
    const first = base.lines[0];
    if (!first) throw new Error("no line");
    const draft: DeclarationDraft = {
      ...base,
      documents: [{ ...base.documents[0]!, number: "" }, ...base.documents.slice(1)],
      lines: [{ ...emptyLine("CN") }, first, { ...emptyLine("CN"), code: "4407" }],
    };
    // A submission leaves out blank lines (while there are others) and documents without a number.
    const submit = buildRequest(draft, "submit");
    expect(submit.rows).toEqual({ lines: [1, 2], documents: [1, 2] });
    expect(submit.body.lines.map((line) => line.code)).toEqual(["0808100000", "4407"]);
    // The preview needs a code, nothing more.
    const preview = buildRequest({ ...draft, lines: [first, { ...emptyLine("CN"), value: "5" }] }, "preview");
    expect(preview.rows.lines).toEqual([0]);
    // The only line is sent even when blank, so the server says what it lacks.
    expect(buildRequest({ ...draft, lines: [emptyLine("CN")] }, "submit").rows.lines).toEqual([0]);
  });

  it("maps the server's error paths to the form's rows", () => {
    const rows = { lines: [1, 2], documents: [1, 2] };
    expect(formPath("lines.0.code", rows)).toBe("lines.1.code");
    expect(formPath("lines.1.quantity.value", rows)).toBe("lines.2.quantity.value");
    expect(formPath("documents.0", rows)).toBe("documents.1");
    expect(formPath("documents", rows)).toBe("documents");
    expect(formPath("lines.7.code", rows)).toBe("lines.7.code");
    expect(formPath("portId", rows)).toBe("portId");
    expect(rowOf("lines.2.netKg", "lines")).toBe(2);
    expect(rowOf("lines", "lines")).toBeNull();
    expect(rowOf("documents.1.number", "lines")).toBeNull();
  });

  it("gives the preview's problems one line per field, at the form's rows", () => {
    const issues = previewIssues({ lines: [3], documents: [] }, [
      { path: "lines.0.netKg", code: "invalid_format", message: "Wrong format." },
      { path: "lines.0.netKg", code: "custom", message: "Invalid." },
      { path: "portId", code: "required", message: "Required." },
    ]);
    expect(issues.map((issue) => [issue.path, issue.message])).toEqual([
      ["lines.3.netKg", "Wrong format."],
      ["portId", "Required."],
    ]);
    expect(previewIssues(null, [{ path: "portId", code: "required", message: "Required." }])).toEqual([]);
  });

  it("swaps an untouched consignment note when the transport changes, and keeps a filled-in one", () => {
    const documents = defaultDocuments("road");
    expect(followTransport(documents, "road", "rail").map((document) => document.kind)).toEqual([
      "invoice",
      "contract",
      "smgs",
    ]);
    expect(followTransport(documents, "road", "air").map((document) => document.kind)).toEqual([
      "invoice",
      "contract",
    ]);
    const filled = documents.map((document) =>
      document.kind === "cmr" ? { ...document, number: "CMR 1" } : document,
    );
    expect(followTransport(filled, "road", "rail").map((document) => document.kind)).toEqual([
      "invoice",
      "contract",
      "cmr",
      "smgs",
    ]);
    expect(followTransport(defaultDocuments("air"), "air", "road").at(-1)?.kind).toBe("cmr");
  });
});

describe("a saved draft back in the form", () => {
  it("fills the form from the declaration and offers the usual documents it lacks", () => {
    const declaration = {
      id: "d1",
      number: "RU-261122-X",
      side: "RU",
      flow: "export",
      status: "draft",
      lane: null,
      declarant: { id: "e1", names: { zh: null, ru: "ООО «Амурский лес»", en: null }, aeoLevel: null },
      counterparty: { enterpriseId: null, name: "Heihe Wood", country: "CN", verified: false },
      portId: "heihe-blagoveshchensk",
      tradeMode: { code: "10", unified: "general", text: "10 Экспорт" },
      transportMode: "rail",
      conveyances: 3,
      currency: "RUB",
      incoterms: "DAP",
      shipmentRef: null,
      date: "2026-03-10",
      documents: [{ kind: "invoice", number: "INV-1" }],
      lines: [
        {
          lineNo: 1,
          code: "4407961009",
          hsCode: "440796",
          description: "Birch boards",
          origin: "RU",
          quantity: { value: "40", unit: "m3" },
          netKg: "26000",
          grossKg: "26500",
          value: "1200000",
          licenceNumber: null,
          duty: null,
          vat: null,
        },
      ],
    } as unknown as TDeclaration;
    const draft = draftFromDeclaration(declaration);
    expect(draft).toMatchObject({
      declarantId: "e1",
      tradeMode: "10",
      transportMode: "rail",
      conveyances: "3",
      incoterms: "DAP",
      counterpartyKind: "other",
      counterpartyName: "Heihe Wood",
      counterpartyCountry: "CN",
    });
    expect(draft.documents.map((document) => [document.kind, document.number])).toEqual([
      ["invoice", "INV-1"],
      ["contract", ""],
      ["smgs", ""],
    ]);
    expect(draft.lines[0]).toMatchObject({
      code: "4407961009",
      quantity: "40",
      unit: "m3",
      value: "1200000",
    });
    // Saved again as it is, it is the same request.
    expect(buildRequest(draft, "save").body.lines[0]).toEqual({
      code: "4407961009",
      description: "Birch boards",
      origin: "RU",
      quantity: { value: "40", unit: "m3" },
      netKg: "26000",
      grossKg: "26500",
      value: "1200000",
    });
  });
});
