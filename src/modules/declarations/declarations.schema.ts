import { z } from "zod";
import { ZAssessment } from "../tariffs/tariffs.schema.ts";
import {
  DOCUMENT_KINDS,
  FLOWS,
  INCOTERMS,
  LANES,
  QUANTITY_UNITS,
  SIDES,
  STATUSES,
  TRANSPORT_MODES,
  UNIFIED_TRADE_MODES,
} from "./declarations.codes.ts";

const ZDecimal = z
  .string()
  .trim()
  .regex(/^\d{1,15}(\.\d{1,6})?$/, "decimal");
const ZPositiveDecimal = ZDecimal.refine((s) => /[1-9]/.test(s), "validation.positive");
const ZCountry = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2}$/)
  .transform((s) => s.toUpperCase());
const ZCurrencyCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{3}$/)
  .transform((s) => s.toUpperCase());

export const ZSide = z.enum(SIDES);
export const ZFlow = z.enum(FLOWS);
export const ZLane = z.enum(LANES);
export const ZStatus = z.enum(STATUSES);
const ZText = z.object({ key: z.string(), text: z.string() });

export const ZDocumentRef = z.object({
  kind: z.enum(DOCUMENT_KINDS),
  number: z.string().trim().min(1).max(100),
  date: z.iso.date().optional(),
});

export const ZLineInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[\d .]{6,16}$/, "commodity code")
    .describe("National commodity code (CN 8/10 digits, TN VED 10 digits) or HS subheading (6 digits)"),
  description: z.string().trim().min(1).max(500),
  origin: ZCountry,
  quantity: z.object({ value: ZPositiveDecimal, unit: z.enum(QUANTITY_UNITS) }),
  netKg: ZPositiveDecimal,
  grossKg: ZPositiveDecimal,
  value: ZPositiveDecimal.describe("Invoice value of the line in the declaration's currency"),
  licenceNumber: z.string().trim().min(1).max(50).optional(),
});

export const ZDeclarationInput = z.object({
  declarantId: z
    .uuid()
    .optional()
    .describe("The declaring enterprise; optional when the caller is a member of exactly one"),
  flow: ZFlow,
  portId: z.string().trim().min(1).max(100),
  tradeMode: z.string().trim().min(2).max(10),
  transportMode: z.enum(TRANSPORT_MODES),
  conveyances: z.number().int().min(0).max(10_000).default(1).describe("Vehicles or wagons"),
  currency: ZCurrencyCode,
  incoterms: z.enum(INCOTERMS),
  shipmentRef: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .optional()
    .describe("Links one side's export declaration to the other side's import of the same goods"),
  date: z.iso.date().optional().describe("Declaration date (rates in force on it); default today"),
  counterparty: z.object({
    enterpriseId: z.uuid().optional(),
    name: z.string().trim().min(1).max(300).optional(),
    country: ZCountry.optional(),
  }),
  documents: z.array(ZDocumentRef).max(50).default([]),
  lines: z.array(ZLineInput).min(1).max(200),
  draft: z.boolean().default(false).describe("Save as a draft instead of submitting"),
});
export type TDeclarationInput = z.infer<typeof ZDeclarationInput>;

export const ZBulkRequest = z.object({ items: z.array(z.unknown()).min(1).max(100) });

const ZNames = z.object({ zh: z.string().nullable(), ru: z.string().nullable(), en: z.string().nullable() });

export const ZRiskFired = z.object({
  ruleId: z.string(),
  ruleKey: z.string(),
  name: z.string(),
  version: z.number().int(),
  lane: ZLane.nullable(),
  score: z.number().int().nullable(),
  text: z.string(),
});

export const ZRecognition = z.object({
  applied: z.boolean(),
  basis: z.enum(["aeo", "green_corridor"]).nullable(),
  from: ZLane.nullable(),
  to: ZLane.nullable(),
  inspection: z
    .object({
      id: z.string(),
      side: ZSide,
      portId: z.string(),
      at: z.string(),
      result: z.enum(["compliant", "findings"]),
      declarationNumber: z.string(),
    })
    .nullable(),
  text: z.string(),
});

export const ZRisk = z.object({
  score: z.number().int(),
  ruleLane: ZLane,
  lane: ZLane,
  fired: z.array(ZRiskFired),
  random: z.object({ selected: z.boolean(), lane: ZLane.nullable(), draw: z.string(), text: z.string() }),
  recognition: ZRecognition,
  summary: z.string(),
});

export const ZTimelineEntry = z.object({
  at: z.string(),
  action: z.string(),
  status: ZStatus,
  actor: z.string().nullable(),
  reason: z.string().nullable(),
  text: z.string(),
});

export const ZInspection = z.object({
  id: z.string(),
  side: ZSide,
  result: z.enum(["compliant", "findings"]),
  findings: z.string().nullable(),
  at: z.string(),
  officer: z.string().nullable(),
});

export const ZDeclarationLine = z.object({
  lineNo: z.number().int(),
  code: z.string(),
  hsCode: z.string().describe("The HS subheading (6 digits) of the code"),
  description: z.string(),
  origin: z.string(),
  quantity: z.object({ value: z.string(), unit: z.string() }),
  netKg: z.string(),
  grossKg: z.string(),
  value: z.string(),
  licenceNumber: z.string().nullable(),
  duty: z.string().nullable(),
  vat: z.string().nullable(),
});

export const ZDeclaration = z
  .object({
    id: z.string(),
    number: z.string(),
    side: ZSide,
    flow: ZFlow,
    status: ZStatus,
    lane: ZLane.nullable(),
    declarant: z.object({ id: z.string(), names: ZNames, aeoLevel: z.string().nullable() }),
    counterparty: z.object({
      enterpriseId: z.string().nullable(),
      name: z.string(),
      country: z.string().nullable(),
      verified: z.boolean(),
      names: ZNames.nullable().describe("A registered counterparty's names in three languages"),
    }),
    portId: z.string(),
    tradeMode: z.object({ code: z.string(), unified: z.enum(UNIFIED_TRADE_MODES), text: z.string() }),
    transportMode: z.enum(TRANSPORT_MODES),
    conveyances: z.number().int(),
    currency: z.string(),
    incoterms: z.string(),
    shipmentRef: z.string().nullable(),
    date: z.string(),
    documents: z.array(ZDocumentRef),
    lines: z.array(ZDeclarationLine),
    totals: z.object({
      value: z.string(),
      currency: z.string(),
      netKg: z.string(),
      grossKg: z.string(),
      nationalCurrency: z.string(),
      duty: z.string().nullable(),
      vat: z.string().nullable(),
      taxes: z.string().nullable(),
    }),
    assessment: z.array(ZAssessment).describe("Each line's assessment, explained in the reader's language"),
    recognition: ZRecognition.nullable(),
    risk: ZRisk.nullable().describe("The lane decision and why; customs officers only"),
    inspections: z.array(ZInspection),
    timeline: z.array(ZTimelineEntry),
    createdAt: z.string(),
    submittedAt: z.string().nullable(),
    releasedAt: z.string().nullable(),
    sample: z.boolean(),
  })
  .meta({ id: "Declaration" });

export const ZDeclarationSummary = z.object({
  id: z.string(),
  number: z.string(),
  side: ZSide,
  flow: ZFlow,
  status: ZStatus,
  lane: ZLane.nullable(),
  declarant: z.object({ id: z.string(), names: ZNames }),
  counterpartyName: z.string(),
  counterpartyNames: ZNames.nullable(),
  portId: z.string(),
  date: z.string(),
  value: z.string(),
  currency: z.string(),
  lineCount: z.number().int(),
  submittedAt: z.string().nullable(),
  updatedAt: z.string(),
});

export const ZDeclarationList = z.object({
  items: z.array(ZDeclarationSummary),
  total: z.number().int(),
});

export const ZDeclarationListQuery = z.object({
  status: ZStatus.optional(),
  open: z
    .enum(["true", "false"])
    .optional()
    .describe("true: only declarations with customs now (submitted; not released, rejected or cancelled)"),
  lane: ZLane.optional(),
  flow: ZFlow.optional(),
  port: z.string().max(100).optional(),
  side: ZSide.optional(),
  q: z.string().trim().max(100).optional().describe("Declaration number or shipment reference"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

export const ZIdParams = z.object({ id: z.string().max(100) });
export const ZReasonBody = z.object({ reason: z.string().trim().min(1).max(1000) });
export const ZOptionalReasonBody = z.object({ reason: z.string().trim().min(1).max(1000).optional() });
export const ZDocumentCheckBody = z.object({
  outcome: z.enum(["ok", "discrepancy"]),
  note: z.string().trim().min(1).max(1000).optional(),
});
export const ZInspectionBody = z
  .object({
    result: z.enum(["compliant", "findings"]),
    findings: z.string().trim().min(1).max(2000).optional(),
  })
  .refine((b) => b.result === "compliant" || b.findings !== undefined, {
    message: "declarations.field.findings_required",
    path: ["findings"],
  });

export const ZBulkResult = z.object({
  results: z.array(
    z.object({
      index: z.number().int(),
      ok: z.boolean(),
      declaration: z
        .object({ id: z.string(), number: z.string(), status: ZStatus, lane: ZLane.nullable() })
        .optional(),
      error: z
        .object({
          code: z.string(),
          title: z.string(),
          detail: z.string().optional(),
          errors: z.array(z.object({ path: z.string(), code: z.string(), message: z.string() })).optional(),
        })
        .optional(),
    }),
  ),
  accepted: z.number().int(),
  failed: z.number().int(),
});

export const ZRiskConditions = z.object({
  flow: ZFlow.optional(),
  hsPrefix: z
    .string()
    .regex(/^\d{2,10}$/)
    .optional(),
  origins: z.array(ZCountry).max(50).optional(),
  declarantId: z.uuid().optional(),
  portId: z.string().max(100).optional(),
  valuePerKg: z
    .object({ min: ZDecimal.optional(), max: ZDecimal.optional() })
    .optional()
    .describe("Band of declared value per net kg, in USD; fires when a line falls outside it"),
  trustBelow: z.number().int().min(0).max(100).optional(),
  unitValueBand: z
    .boolean()
    .optional()
    .describe(
      "Fires when a line's USD per kg is outside the unit-value band of its HS6 (statistics: Q1 − 1.5 IQR … Q3 + 1.5 IQR)",
    ),
});

export const ZRiskRuleInput = z
  .object({
    side: ZSide,
    name: z.string().trim().min(1).max(200),
    description: z.string().trim().max(1000).optional(),
    conditions: ZRiskConditions,
    lane: ZLane.nullable().default(null),
    score: z.number().int().min(-100).max(100).nullable().default(null),
    active: z.boolean().default(true),
  })
  .refine((r) => r.lane !== null || r.score !== null, {
    message: "declarations.field.lane_or_score",
    path: ["lane"],
  });
export type TRiskRuleInput = z.infer<typeof ZRiskRuleInput>;

/** Conditions as stored (no input transforms: responses are only encoded). */
const ZRiskConditionsOut = z.object({
  flow: ZFlow.optional(),
  hsPrefix: z.string().optional(),
  origins: z.array(z.string()).optional(),
  declarantId: z.string().optional(),
  portId: z.string().optional(),
  valuePerKg: z.object({ min: z.string().optional(), max: z.string().optional() }).optional(),
  trustBelow: z.number().int().optional(),
  unitValueBand: z.boolean().optional(),
});

export const ZRiskRule = z
  .object({
    id: z.string(),
    ruleKey: z.string(),
    version: z.number().int(),
    side: ZSide,
    name: z.string(),
    description: z.string().nullable(),
    conditions: ZRiskConditionsOut,
    lane: ZLane.nullable(),
    score: z.number().int().nullable(),
    active: z.boolean(),
    createdAt: z.string(),
    createdBy: z.string().nullable(),
    supersededAt: z.string().nullable(),
  })
  .meta({ id: "RiskRule" });
export const ZRiskRuleList = z.object({ items: z.array(ZRiskRule) });
export const ZRiskRuleQuery = z.object({
  side: ZSide.optional(),
  history: z.enum(["true", "false"]).default("false"),
});

export const ZRiskSettingsInput = z.object({
  randomRates: z.object({
    red: ZDecimal.describe("Minimum share of declarations sent to the red lane at random, percent"),
    yellow: ZDecimal.describe(
      "Minimum share of green/blue-lane declarations sent to yellow at random, percent",
    ),
  }),
  scoreThresholds: z.object({ yellow: z.number().int().min(1), red: z.number().int().min(1) }),
  greenCorridor: z
    .array(
      z.object({
        hsPrefix: z.string().regex(/^\d{2,10}$/),
        portId: z.string().max(100).nullable().default(null),
        note: z.string().max(500).nullable().default(null),
      }),
    )
    .max(500),
});
export const ZRiskSettings = ZRiskSettingsInput.extend({
  side: ZSide,
  version: z.number().int(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
}).meta({ id: "RiskSettings" });
export const ZSideParams = z.object({ side: ZSide });

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
        vehicles: z.number().nullable(),
        wagons: z.number().nullable(),
        tonnes: z.number().nullable(),
      }),
      queue: ZQueue,
      days: z.array(
        z.object({
          date: z.string(),
          submitted: z.number().int(),
          released: z.number().int(),
          tonnes: z.string(),
          vehicles: z.number().int(),
          wagons: z.number().int(),
          medianMinutes: z.number().nullable(),
          p90Minutes: z.number().nullable(),
        }),
      ),
    }),
  ),
});
export const ZPortLoadQuery = z.object({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  port: z.string().max(100).optional(),
});

export const ZRecognitionReport = z.object({
  items: z.array(
    z.object({
      portId: z.string(),
      side: ZSide,
      month: z.string(),
      recognized: z.number().int(),
      inspectionsAvoided: z.number().int(),
      documentChecksAvoided: z.number().int(),
      minutesSaved: z.number().nullable(),
    }),
  ),
  method: z.string(),
});
export const ZRecognitionQuery = z.object({
  from: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .optional(),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .optional(),
});

export const ZPreviewBody = z
  .record(z.string(), z.unknown())
  .describe(
    "A declaration as far as it is filled in (the body of POST /api/v1/declarations); incomplete parts are reported, complete lines assessed",
  );

export const ZPreview = z.object({
  side: ZSide,
  assessment: z.array(ZAssessment),
  lineIndexes: z.array(z.number().int()).describe("The index in lines[] of each assessment"),
  totals: ZDeclaration.shape.totals,
  errors: z.array(z.object({ path: z.string(), code: z.string(), message: z.string() })),
});

export const ZCodeLists = z.object({
  tradeModes: z.array(
    z.object({
      code: z.string(),
      side: ZSide,
      flows: z.array(ZFlow),
      unified: z.enum(UNIFIED_TRADE_MODES),
      source: z.enum(["gacc", "eaeu", "platform"]),
      text: z.string(),
    }),
  ),
  transportModes: z.array(z.enum(TRANSPORT_MODES)),
  incoterms: z.array(z.string()),
  documentKinds: z.array(z.enum(DOCUMENT_KINDS)),
  units: z.array(z.enum(QUANTITY_UNITS)),
});
export { ZText };
