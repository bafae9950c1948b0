import { randomUUID } from "node:crypto";
import type { Executor } from "../../platform/db/db.ts";
import type { DeclarationsTable } from "../../platform/db/schema.ts";
import type { AppDeps } from "../../platform/deps.ts";
import { operationDeps } from "../../platform/deps.ts";
import { runOperation, SYSTEM_ACTOR } from "../../platform/operations.ts";
import { loadReferenceData } from "../reference/reference.service.ts";
import * as registryRepo from "../registry/registry.repository.ts";
import { checkIdentifiers } from "../registry/registry.requirements.ts";
import { sampleRegistration } from "../registry/registry.seed.ts";
import { newEnterpriseRow } from "../registry/registry.service.ts";
import type { TDeclarationInput } from "./declarations.schema.ts";
import { declarationNumber, prepareDeclaration, saveDeclaration } from "./declarations.service.ts";

/**
 * Made-up declarations for the route matrix, tests and benchmarks: an enterprise row for an existing
 * organization, a valid declaration body per side and flow, and a declaration row in a given status.
 */

let serial = 0;

/** Makes the organization an enterprise of the registry (verified unless told otherwise). */
export async function ensureEnterprise(
  db: Executor,
  organizationId: string,
  side: "CN" | "RU",
  opts: { verified?: boolean; aeo?: "general" | "advanced" | null } = {},
): Promise<void> {
  if (await registryRepo.findEnterprise(db, organizationId)) return;
  serial += 1;
  const n = (process.pid % 1000) * 10_000 + (serial % 10_000) + Math.floor(Math.random() * 1000) * 10_000_000;
  const input = sampleRegistration(side, n);
  input.aeo = { level: opts.aeo ?? null };
  const ids = checkIdentifiers(side, input.identifiers);
  const at = new Date().toISOString();
  const row = newEnterpriseRow({
    id: organizationId,
    input,
    ids,
    chapters: [],
    registeredBy: null,
    at,
    sample: true,
  });
  if (opts.verified !== false) Object.assign(row, { status: "verified", verified_at: at });
  await registryRepo.insertEnterprise(db, row, []);
}

/** The reference data a submission checks against (HS, countries, currencies, ports); loads once per database. */
export async function ensureDeclarationReference(deps: AppDeps): Promise<void> {
  await loadReferenceData(deps, { only: ["hs", "countries", "currencies", "ports"] });
}

/** A valid body: apples through Heihe–Blagoveshchensk by road, in the side's currency. */
export function sampleDeclarationInput(
  side: "CN" | "RU",
  flow: "export" | "import",
  overrides: Partial<TDeclarationInput> = {},
  lineCount = 1,
): TDeclarationInput {
  const lines = Array.from({ length: lineCount }, (_, i) => ({
    code: side === "CN" ? "0808100000" : "0808108001",
    description: `Fresh apples, lot ${i + 1}`,
    origin: flow === "export" ? side : side === "CN" ? "RU" : "CN",
    quantity: { value: "20000", unit: "kg" as const },
    netKg: "20000",
    grossKg: "21500",
    value: side === "CN" ? "96000.00" : "1200000.00",
  }));
  return {
    flow,
    portId: "heihe-blagoveshchensk",
    tradeMode: side === "CN" ? "0110" : flow === "export" ? "10" : "40",
    transportMode: "road",
    conveyances: 1,
    currency: side === "CN" ? "CNY" : "RUB",
    incoterms: "FCA",
    counterparty: {
      name: side === "CN" ? "ООО «Образец»" : "示例贸易公司",
      country: side === "CN" ? "RU" : "CN",
    },
    documents: [
      { kind: "invoice", number: "INV-1" },
      { kind: "contract", number: "C-1" },
      { kind: "cmr", number: "CMR-1" },
    ],
    lines,
    draft: false,
    ...overrides,
  };
}

/** A declaration row in the given status, written directly (no validation); for access tests. */
export async function insertFixtureDeclaration(
  db: Executor,
  declarantId: string,
  side: "CN" | "RU",
  status: DeclarationsTable["status"] = "draft",
): Promise<string> {
  const id = randomUUID();
  const at = new Date().toISOString();
  await db
    .insertInto("declarations")
    .values({
      id,
      number: declarationNumber(side, at.slice(0, 10)),
      side,
      flow: "export",
      status,
      lane: status === "draft" ? null : "yellow",
      declarant_id: declarantId,
      counterparty_id: null,
      counterparty_name: "Fixture counterparty",
      counterparty_country: side === "CN" ? "RU" : "CN",
      port_id: "heihe-blagoveshchensk",
      trade_mode: side === "CN" ? "0110" : "10",
      unified_mode: "general",
      transport_mode: "road",
      conveyances: 1,
      currency: side === "CN" ? "CNY" : "RUB",
      incoterms: "FCA",
      shipment_ref: null,
      decl_date: at.slice(0, 10),
      documents: "[]",
      total_value: "1",
      total_net_kg: "1",
      total_gross_kg: "1",
      line_count: 1,
      national_currency: side === "CN" ? "CNY" : "RUB",
      duty_total: null,
      vat_total: null,
      assessment: "[]",
      risk: null,
      recognition_basis: null,
      recognized_from: null,
      created_by: null,
      created_at: at,
      submitted_at: status === "draft" ? null : at,
      released_at: null,
      closed_at: null,
      updated_at: at,
      is_sample: 1,
    })
    .execute();
  await db
    .insertInto("declaration_lines")
    .values({
      declaration_id: id,
      line_no: 1,
      code: "0808100000",
      hs6: "080810",
      description: "Fixture line",
      origin: side,
      quantity: "1",
      unit: "kg",
      net_kg: "1",
      gross_kg: "1",
      value: "1",
      licence_number: null,
      duty: null,
      vat: null,
    })
    .execute();
  return id;
}

/** An enterprise of the side with an organization of its own, for fixtures that need a declarant. */
export async function fixtureDeclarant(deps: AppDeps, side: "CN" | "RU"): Promise<string> {
  const id = randomUUID();
  const at = new Date().toISOString();
  await deps.db.db
    .insertInto("organizations")
    .values({
      id,
      kind: "enterprise",
      side,
      name: `fixture-${id}`,
      name_zh: null,
      name_ru: null,
      name_en: null,
      created_at: at,
      is_sample: 1,
    })
    .execute();
  await ensureEnterprise(deps.db.db, id, side);
  return id;
}

/** A complete, valid draft of the organization (made a verified CN enterprise), ready to submit. */
export async function insertValidDraft(deps: AppDeps, organizationId: string): Promise<string> {
  await ensureDeclarationReference(deps);
  await ensureEnterprise(deps.db.db, organizationId, "CN");
  const now = deps.clock.now().toISOString();
  const prepared = await prepareDeclaration(
    deps.db.db,
    { ...sampleDeclarationInput("CN", "export"), draft: true },
    {
      declarantId: organizationId,
      userId: null,
      now,
      submit: false,
    },
  );
  const saved = await runOperation(
    operationDeps(deps),
    saveDeclaration,
    { prepared, risk: null },
    { actor: SYSTEM_ACTOR },
  );
  return saved.id;
}
