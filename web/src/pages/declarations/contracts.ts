import { z } from "zod/mini";
import {
  DOCUMENT_KINDS,
  FLOWS,
  INCOTERMS,
  LANES,
  QUANTITY_UNITS,
  STATUSES,
  TRANSPORT_MODES,
} from "../../../../src/modules/declarations/declarations.codes";
import { ZAssessment, ZNames, ZSide } from "../../contracts";

// Response shapes of the declarations API (src/modules/declarations/declarations.schema.ts) as the pages
// rely on them. The code lists themselves are shared with the server: they are plain constants. Codes the
// pages only show (document kinds, timeline actions, trade modes) are kept as strings, so a code added
// on the server is shown by its code instead of breaking the page.

export { TRANSPORT_DOCUMENT } from "../../../../src/modules/declarations/declarations.codes";
export { DOCUMENT_KINDS, FLOWS, INCOTERMS, LANES, QUANTITY_UNITS, STATUSES, TRANSPORT_MODES };

export const ZFlow = z.enum(FLOWS);
export type TFlow = z.infer<typeof ZFlow>;
export const ZLane = z.enum(LANES);
export type TLane = z.infer<typeof ZLane>;
export const ZStatus = z.enum(STATUSES);
export type TStatus = z.infer<typeof ZStatus>;
export type TTransportMode = (typeof TRANSPORT_MODES)[number];
export type TDocumentKind = (typeof DOCUMENT_KINDS)[number];
export type TIncoterm = (typeof INCOTERMS)[number];
export type TUnit = (typeof QUANTITY_UNITS)[number];

const ZFieldError = z.object({ path: z.string(), code: z.string(), message: z.string() });

export const ZRecognition = z.object({
  applied: z.boolean(),
  basis: z.nullable(z.string()),
  from: z.nullable(ZLane),
  to: z.nullable(ZLane),
  inspection: z.nullable(
    z.object({
      id: z.string(),
      side: ZSide,
      portId: z.string(),
      at: z.string(),
      result: z.string(),
      declarationNumber: z.string(),
    }),
  ),
  text: z.string(),
});
export type TRecognition = z.infer<typeof ZRecognition>;

export const ZRisk = z.object({
  score: z.number(),
  ruleLane: ZLane,
  lane: ZLane,
  fired: z.array(
    z.object({
      ruleId: z.string(),
      ruleKey: z.string(),
      name: z.string(),
      version: z.number(),
      lane: z.nullable(ZLane),
      score: z.nullable(z.number()),
      text: z.string(),
    }),
  ),
  random: z.object({
    selected: z.boolean(),
    lane: z.nullable(ZLane),
    draw: z.string(),
    text: z.string(),
  }),
  recognition: ZRecognition,
  summary: z.string(),
});
export type TRisk = z.infer<typeof ZRisk>;

const ZDocumentRef = z.object({ kind: z.string(), number: z.string(), date: z.optional(z.string()) });

const ZTotals = z.object({
  value: z.string(),
  currency: z.string(),
  netKg: z.string(),
  grossKg: z.string(),
  nationalCurrency: z.string(),
  duty: z.nullable(z.string()),
  vat: z.nullable(z.string()),
  taxes: z.nullable(z.string()),
});
export type TDeclarationTotals = z.infer<typeof ZTotals>;

export const ZDeclaration = z.object({
  id: z.string(),
  number: z.string(),
  side: ZSide,
  flow: ZFlow,
  status: ZStatus,
  lane: z.nullable(ZLane),
  declarant: z.object({ id: z.string(), names: ZNames, aeoLevel: z.nullable(z.string()) }),
  counterparty: z.object({
    enterpriseId: z.nullable(z.string()),
    name: z.string(),
    country: z.nullable(z.string()),
    verified: z.boolean(),
    names: z.optional(z.nullable(ZNames)),
  }),
  portId: z.string(),
  tradeMode: z.object({ code: z.string(), unified: z.string(), text: z.string() }),
  transportMode: z.string(),
  conveyances: z.number(),
  currency: z.string(),
  incoterms: z.string(),
  shipmentRef: z.nullable(z.string()),
  date: z.string(),
  documents: z.array(ZDocumentRef),
  lines: z.array(
    z.object({
      lineNo: z.number(),
      code: z.string(),
      hsCode: z.string(),
      description: z.string(),
      origin: z.string(),
      quantity: z.object({ value: z.string(), unit: z.string() }),
      netKg: z.string(),
      grossKg: z.string(),
      value: z.string(),
      licenceNumber: z.nullable(z.string()),
      duty: z.nullable(z.string()),
      vat: z.nullable(z.string()),
    }),
  ),
  totals: ZTotals,
  assessment: z.array(ZAssessment),
  recognition: z.nullable(ZRecognition),
  risk: z.nullable(ZRisk),
  inspections: z.array(
    z.object({
      id: z.string(),
      side: ZSide,
      result: z.string(),
      findings: z.nullable(z.string()),
      at: z.string(),
      officer: z.nullable(z.string()),
    }),
  ),
  timeline: z.array(
    z.object({
      at: z.string(),
      action: z.string(),
      status: ZStatus,
      actor: z.nullable(z.string()),
      reason: z.nullable(z.string()),
      text: z.string(),
    }),
  ),
  createdAt: z.string(),
  submittedAt: z.nullable(z.string()),
  releasedAt: z.nullable(z.string()),
  sample: z.boolean(),
});
export type TDeclaration = z.infer<typeof ZDeclaration>;
export type TDeclarationLine = TDeclaration["lines"][number];

export const ZDeclarationSummary = z.object({
  id: z.string(),
  number: z.string(),
  side: ZSide,
  flow: ZFlow,
  status: ZStatus,
  lane: z.nullable(ZLane),
  declarant: z.object({ id: z.string(), names: ZNames }),
  counterpartyName: z.string(),
  counterpartyNames: z.optional(z.nullable(ZNames)),
  portId: z.string(),
  date: z.string(),
  value: z.string(),
  currency: z.string(),
  lineCount: z.number(),
  submittedAt: z.nullable(z.string()),
  updatedAt: z.string(),
});
export type TDeclarationSummary = z.infer<typeof ZDeclarationSummary>;

export const ZDeclarationList = z.object({ items: z.array(ZDeclarationSummary), total: z.number() });
export type TDeclarationList = z.infer<typeof ZDeclarationList>;

export const ZPreview = z.object({
  side: ZSide,
  assessment: z.array(ZAssessment),
  /** The request line each assessment belongs to (a half-filled form has lines not assessed). */
  lineIndexes: z.optional(z.array(z.number())),
  totals: ZTotals,
  errors: z.array(ZFieldError),
});
export type TPreview = z.infer<typeof ZPreview>;

export const ZCodeLists = z.object({
  tradeModes: z.array(
    z.object({
      code: z.string(),
      side: ZSide,
      flows: z.array(z.string()),
      unified: z.string(),
      source: z.string(),
      text: z.string(),
    }),
  ),
  transportModes: z.array(z.string()),
  incoterms: z.array(z.string()),
  documentKinds: z.array(z.string()),
  units: z.array(z.string()),
});
export type TCodeLists = z.infer<typeof ZCodeLists>;
export type TTradeMode = TCodeLists["tradeModes"][number];

const ZRiskConditions = z.object({
  flow: z.optional(ZFlow),
  hsPrefix: z.optional(z.string()),
  origins: z.optional(z.array(z.string())),
  declarantId: z.optional(z.string()),
  portId: z.optional(z.string()),
  valuePerKg: z.optional(z.object({ min: z.optional(z.string()), max: z.optional(z.string()) })),
  trustBelow: z.optional(z.number()),
  unitValueBand: z.optional(z.boolean()),
});
export type TRiskConditions = z.infer<typeof ZRiskConditions>;

export const ZRiskRule = z.object({
  id: z.string(),
  ruleKey: z.string(),
  version: z.number(),
  side: ZSide,
  name: z.string(),
  description: z.nullable(z.string()),
  conditions: ZRiskConditions,
  lane: z.nullable(ZLane),
  score: z.nullable(z.number()),
  active: z.boolean(),
  createdAt: z.string(),
  createdBy: z.nullable(z.string()),
  supersededAt: z.nullable(z.string()),
});
export type TRiskRule = z.infer<typeof ZRiskRule>;
export const ZRiskRuleList = z.object({ items: z.array(ZRiskRule) });

const ZGreenCorridorEntry = z.object({
  hsPrefix: z.string(),
  portId: z.nullable(z.string()),
  note: z.nullable(z.string()),
});

export const ZRiskSettings = z.object({
  side: ZSide,
  version: z.number(),
  updatedAt: z.string(),
  updatedBy: z.nullable(z.string()),
  randomRates: z.object({ red: z.string(), yellow: z.string() }),
  scoreThresholds: z.object({ yellow: z.number(), red: z.number() }),
  greenCorridor: z.array(ZGreenCorridorEntry),
});
export type TRiskSettings = z.infer<typeof ZRiskSettings>;

const ZQueue = z.object({ green: z.number(), blue: z.number(), yellow: z.number(), red: z.number() });

export const ZPortLoad = z.object({
  from: z.string(),
  to: z.string(),
  sides: z.array(ZSide),
  ports: z.array(
    z.object({
      portId: z.string(),
      side: ZSide,
      capacity: z.object({
        vehicles: z.nullable(z.number()),
        wagons: z.nullable(z.number()),
        tonnes: z.nullable(z.number()),
      }),
      queue: ZQueue,
      days: z.array(
        z.object({
          date: z.string(),
          submitted: z.number(),
          released: z.number(),
          tonnes: z.string(),
          vehicles: z.number(),
          wagons: z.number(),
          medianMinutes: z.nullable(z.number()),
          p90Minutes: z.nullable(z.number()),
        }),
      ),
    }),
  ),
});
export type TPortLoad = z.infer<typeof ZPortLoad>;
export type TPortLoadEntry = TPortLoad["ports"][number];
export type TPortDay = TPortLoadEntry["days"][number];

export const ZRecognitionReport = z.object({
  items: z.array(
    z.object({
      portId: z.string(),
      side: ZSide,
      month: z.string(),
      recognized: z.number(),
      inspectionsAvoided: z.number(),
      documentChecksAvoided: z.number(),
      minutesSaved: z.nullable(z.number()),
    }),
  ),
  method: z.string(),
});
export type TRecognitionReport = z.infer<typeof ZRecognitionReport>;
export type TRecognitionRow = TRecognitionReport["items"][number];

// ---------- Request bodies (ZDeclarationInput, ZRiskRuleInput, ZRiskSettingsInput on the server) ----------

export interface TLineInput {
  code: string;
  description: string;
  origin: string;
  quantity: { value: string; unit: TUnit };
  netKg: string;
  grossKg: string;
  value: string;
  licenceNumber?: string;
}

export interface TDeclarationInput {
  declarantId?: string;
  flow: TFlow;
  portId: string;
  tradeMode: string;
  transportMode: TTransportMode;
  /** A whole number; what the reader typed when it is not one, so the server's message lands at the field. */
  conveyances: number | string;
  currency: string;
  incoterms: TIncoterm;
  shipmentRef?: string;
  date?: string;
  counterparty: { enterpriseId?: string; name?: string; country?: string };
  documents: { kind: TDocumentKind; number: string; date?: string }[];
  lines: TLineInput[];
  draft: boolean;
}

// Whole numbers typed into a form go out as numbers, or as typed when they are not whole numbers (see
// riskForms.ts), so the server's message lands at the field.
type TypedInteger = number | string;

export interface TRiskRuleInput {
  side: "CN" | "RU";
  name: string;
  description?: string;
  conditions: Omit<TRiskConditions, "trustBelow"> & { trustBelow?: TypedInteger };
  lane: TLane | null;
  score: TypedInteger | null;
  active: boolean;
}

export interface TRiskSettingsInput {
  randomRates: { red: string; yellow: string };
  scoreThresholds: { yellow: TypedInteger; red: TypedInteger };
  greenCorridor: { hsPrefix: string; portId: string | null; note: string | null }[];
}
