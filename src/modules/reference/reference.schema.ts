import { z } from "zod";

export const ZNames = z
  .object({ en: z.string().nullable(), ru: z.string().nullable(), zh: z.string().nullable() })
  .describe("Names by language; a language the data lacks is null, never an empty string")
  .meta({ id: "Names" });

export const ZHsLevel = z.enum(["section", "chapter", "heading", "subheading", "national"]);

export const ZHsBrief = z
  .object({ code: z.string(), level: ZHsLevel, names: ZNames })
  .meta({ id: "HsBrief" });
export type THsBrief = z.infer<typeof ZHsBrief>;

export const ZHsNode = z
  .object({
    code: z.string(),
    level: ZHsLevel,
    scheme: z
      .enum(["HS", "EAEU", "CN"])
      .describe("HS 2022 levels, an EAEU TN VED line, or a Chinese national code"),
    names: ZNames,
    nameSources: z.object({
      ru: z.string().nullable(),
      zh: z.string().nullable().describe("`amur-team-translation` marks the team's own Chinese names"),
    }),
    sectionCode: z.string().nullable(),
    validFrom: z.string().nullable(),
    validTo: z.string().nullable(),
    note: z.string().nullable(),
    path: z.array(ZHsBrief).describe("From the section down to the parent"),
    children: z.array(ZHsBrief),
  })
  .meta({ id: "HsNode" });
export type THsNode = z.infer<typeof ZHsNode>;

export const ZHsCodeParams = z.object({ code: z.string().min(1).max(20) });
export const ZHsNodeQuery = z.object({ scheme: z.enum(["EAEU", "CN"]).optional() });
export const ZHsSearchQuery = z.object({
  q: z.string().trim().max(200).optional(),
  level: z
    .enum(["section", "chapter"])
    .optional()
    .describe("Without q: list all sections (default) or all chapters"),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const ZHsSearchResult = z
  .object({ items: z.array(ZHsBrief.extend({ path: z.array(z.string()) })) })
  .meta({ id: "HsSearchResult" });

export const ZCountry = z
  .object({
    alpha2: z.string(),
    alpha3: z.string(),
    numeric: z.string(),
    names: ZNames,
    currencies: z.array(z.string()),
  })
  .meta({ id: "Country" });
export const ZCountryList = z.object({ items: z.array(ZCountry) });

export const ZCurrency = z
  .object({
    code: z.string(),
    numeric: z.string().nullable(),
    minorUnit: z
      .number()
      .int()
      .nullable()
      .describe("Digits after the decimal point; null where ISO gives none"),
    names: ZNames,
    current: z.boolean(),
    withdrawn: z.string().nullable(),
  })
  .meta({ id: "Currency" });
export const ZCurrencyList = z.object({ items: z.array(ZCurrency) });
export const ZCurrencyQuery = z.object({ all: z.enum(["true", "false"]).default("false") });

export const ZLocation = z
  .object({
    locode: z.string(),
    country: z.string(),
    name: z.string(),
    nameAscii: z.string(),
    subdivision: z.string().nullable(),
    functionCode: z.string(),
    functions: z.array(z.string()),
    status: z.string().nullable(),
    iata: z.string().nullable(),
    coordinates: z.object({ lat: z.number(), lon: z.number() }).nullable(),
    edition: z.string(),
  })
  .meta({ id: "Location" });
export const ZLocationQuery = z.object({
  country: z.enum(["CN", "RU"]).optional(),
  q: z.string().trim().max(100).optional(),
  function: z
    .string()
    .regex(/^[a-z_]{2,40}$/)
    .optional()
    .describe("UN/LOCODE function, e.g. rail, road, border_crossing"),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(20).optional(),
});
export const ZLocationPage = z.object({ items: z.array(ZLocation), nextCursor: z.string().nullable() });
export const ZLocodeParams = z.object({ locode: z.string().regex(/^[A-Za-z]{2}[A-Za-z2-9]{3}$/) });

const ZPortNames = z.object({ zh: z.string(), ru: z.string(), en: z.string() });
const ZPortSide = z.object({
  names: ZPortNames,
  region: z.object({ code: z.string(), names: ZPortNames }),
  locality: z.object({ zh: z.string().nullable(), ru: z.string().nullable(), en: z.string() }).nullable(),
  confirmed: z.boolean(),
  locode: z.string().nullable(),
  coordinates: z
    .object({ lat: z.number(), lon: z.number(), basis: z.enum(["unlocode", "approximate"]) })
    .nullable(),
  checkpoints: z.array(
    z.object({
      names: ZPortNames,
      modes: z.array(z.string()),
      locode: z.string().nullable(),
      coordinates: z.object({ lat: z.number(), lon: z.number(), basis: z.string() }).nullable(),
      note: z.string(),
    }),
  ),
});
export const ZBorderPort = z
  .object({
    id: z.string(),
    cn: ZPortSide,
    ru: ZPortSide.nullable().describe("null where the Russian counterpart is not known"),
    modes: z.array(z.enum(["road", "rail", "river", "bridge", "pipeline"])),
    status: z.enum(["open", "temporarily_closed", "unknown"]),
    statusBasis: z.string(),
    statusNote: z.string(),
    facts: z.array(
      z.object({
        kind: z.string(),
        date: z.string().nullable(),
        text: z.string(),
        sources: z.array(z.string()),
        confidence: z.string(),
      }),
    ),
    capacity: z.object({
      vehiclesPerDay: z.number().int().nullable(),
      wagonsPerDay: z.number().int().nullable(),
      tonnesPerDay: z.number().int().nullable(),
      source: z.enum(["reference", "configured"]),
      basis: z.string().nullable(),
      note: z.string().nullable(),
      updatedAt: z.string().nullable(),
    }),
    sources: z.array(z.string()),
    unconfirmed: z.array(z.string()),
  })
  .meta({ id: "BorderPort" });
export type TBorderPort = z.infer<typeof ZBorderPort>;
export const ZBorderPortList = z.object({ items: z.array(ZBorderPort) });
export const ZPortParams = z.object({ id: z.string().max(100) });
export const ZPortCapacityRequest = z
  .object({
    vehiclesPerDay: z.number().int().min(0).max(1_000_000).nullable(),
    wagonsPerDay: z.number().int().min(0).max(1_000_000).nullable(),
    tonnesPerDay: z.number().int().min(0).max(100_000_000).nullable(),
  })
  .strict();

export const ZGeoJson = z
  .object({
    type: z.literal("FeatureCollection"),
    features: z.array(
      z.object({
        type: z.literal("Feature"),
        geometry: z.object({ type: z.string(), coordinates: z.array(z.unknown()) }),
        properties: z.record(z.string(), z.unknown()),
      }),
    ),
  })
  .meta({ id: "GeoJsonFeatureCollection" });

export const ZDatasetList = z.object({
  items: z.array(
    z.object({ name: z.string(), rows: z.number().int(), loadedAt: z.string(), sourceHash: z.string() }),
  ),
  counts: z.record(z.string(), z.number().int()),
});

export const ZRegionQuery = z.object({ country: z.enum(["CN", "RU"]).optional() });
export const ZRegionList = z.object({
  items: z.array(
    z.object({
      code: z.string(),
      country: z.string(),
      kind: z.string(),
      name: z.string().describe("In the reader's language"),
      names: ZNames,
      nameLocal: z.string().describe("The romanized local name UN/LOCODE lists"),
    }),
  ),
});
