/**
 * Code lists of the declarations module: trade modes per side, transport modes, Incoterms, document
 * kinds, lanes and statuses. Each trade mode maps to the unified trade mode the statistics use.
 */

export const SIDES = ["CN", "RU"] as const;
export const FLOWS = ["export", "import"] as const;

export const UNIFIED_TRADE_MODES = [
  "general",
  "small_border",
  "border_residents",
  "processing",
  "ecommerce",
  "other",
] as const;
export type UnifiedTradeMode = (typeof UNIFIED_TRADE_MODES)[number];

export interface TradeMode {
  code: string;
  side: "CN" | "RU";
  flows: readonly ("export" | "import")[];
  unified: UnifiedTradeMode;
  /** Where the code comes from: the GACC table, the EAEU classifier, or this platform. */
  source: "gacc" | "eaeu" | "platform";
}

const BOTH = ["export", "import"] as const;

/**
 * China: GACC supervision-mode codes (监管方式) from DOMAIN-SOURCES §2. Border residents' mutual trade
 * has no confirmed GACC code, so it gets a platform code that cannot be mistaken for one.
 * Russia: customs procedures of the EAEU Customs Code (Art. 127) by their two-digit classifier codes:
 * 10 export, 21 processing outside the customs territory, 31 re-export, 40 release for domestic
 * consumption, 51 processing on the customs territory, 53 temporary import, 60 re-import.
 */
export const TRADE_MODES: readonly TradeMode[] = [
  { code: "0110", side: "CN", flows: BOTH, unified: "general", source: "gacc" },
  { code: "0130", side: "CN", flows: BOTH, unified: "other", source: "gacc" },
  { code: "4019", side: "CN", flows: BOTH, unified: "small_border", source: "gacc" },
  { code: "0214", side: "CN", flows: BOTH, unified: "processing", source: "gacc" },
  { code: "0615", side: "CN", flows: BOTH, unified: "processing", source: "gacc" },
  { code: "0715", side: "CN", flows: BOTH, unified: "processing", source: "gacc" },
  { code: "1210", side: "CN", flows: BOTH, unified: "ecommerce", source: "gacc" },
  { code: "9610", side: "CN", flows: BOTH, unified: "ecommerce", source: "gacc" },
  { code: "9710", side: "CN", flows: ["export"], unified: "ecommerce", source: "gacc" },
  { code: "9810", side: "CN", flows: ["export"], unified: "ecommerce", source: "gacc" },
  { code: "AMUR-BRT", side: "CN", flows: ["import"], unified: "border_residents", source: "platform" },
  { code: "10", side: "RU", flows: ["export"], unified: "general", source: "eaeu" },
  { code: "21", side: "RU", flows: ["export"], unified: "processing", source: "eaeu" },
  { code: "31", side: "RU", flows: ["export"], unified: "other", source: "eaeu" },
  { code: "40", side: "RU", flows: ["import"], unified: "general", source: "eaeu" },
  { code: "51", side: "RU", flows: ["import"], unified: "processing", source: "eaeu" },
  { code: "53", side: "RU", flows: ["import"], unified: "other", source: "eaeu" },
  { code: "60", side: "RU", flows: ["import"], unified: "other", source: "eaeu" },
];

export function findTradeMode(side: "CN" | "RU", code: string): TradeMode | undefined {
  return TRADE_MODES.find((m) => m.side === side && m.code === code);
}

/** Transport at the border; "vehicles" counts trucks, "wagons" rail wagons, against the port's capacity. */
export const TRANSPORT_MODES = ["road", "rail", "river", "pipeline", "air", "post"] as const;
export type TransportMode = (typeof TRANSPORT_MODES)[number];

/** Incoterms 2020. */
export const INCOTERMS = [
  "EXW",
  "FCA",
  "CPT",
  "CIP",
  "DAP",
  "DPU",
  "DDP",
  "FAS",
  "FOB",
  "CFR",
  "CIF",
] as const;

export const DOCUMENT_KINDS = [
  "invoice",
  "contract",
  "cmr",
  "smgs",
  "certificate_of_origin",
  "phytosanitary",
  "veterinary",
  "conformity",
  "licence",
  "packing_list",
  "other",
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** The consignment note a transport mode needs at submission (CMR for road, SMGS for rail). */
export const TRANSPORT_DOCUMENT: Partial<Record<TransportMode, DocumentKind>> = {
  road: "cmr",
  rail: "smgs",
};

export const QUANTITY_UNITS = ["kg", "t", "m3", "l", "pcs", "pair"] as const;

/** Lanes by severity: green release, blue release with post-clearance audit, yellow documents, red inspection. */
export const LANES = ["green", "blue", "yellow", "red"] as const;
export type Lane = (typeof LANES)[number];
export const laneRank = (lane: Lane): number => LANES.indexOf(lane);

export const STATUSES = [
  "draft",
  "submitted",
  "lane_assigned",
  "document_check",
  "inspection",
  "assessed",
  "held",
  "released",
  "rejected",
  "cancelled",
] as const;
export type DeclarationStatus = (typeof STATUSES)[number];

export const FINAL_STATUSES: ReadonlySet<DeclarationStatus> = new Set(["released", "rejected", "cancelled"]);
