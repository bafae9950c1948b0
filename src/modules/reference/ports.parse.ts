/**
 * China–Russia border crossing pairs (data/reference/ports/ports.json, compiled by the Amur team from
 * DOMAIN-SOURCES §4 with a source on every fact). Validated with zod so a typo in the hand-written file
 * fails the load instead of reaching the database.
 */
import { z } from "zod";

export const PORT_MODES = ["road", "rail", "river", "bridge", "pipeline"] as const;
export const PORT_STATUSES = ["open", "temporarily_closed", "unknown"] as const;

const ZNames3 = z.object({ zh: z.string().min(1), ru: z.string().min(1), en: z.string().min(1) }).strict();
const ZLocality = z.object({ zh: z.string().nullable(), ru: z.string().nullable(), en: z.string() }).strict();
const ZLocode = z.string().regex(/^(CN|RU)[A-Z2-9]{3}$/);
const ZCoordinates = z
  .object({
    lat: z.number().min(-90).max(90),
    lon: z.number().min(-180).max(180),
    basis: z.enum(["unlocode", "approximate"]),
  })
  .strict();
const ZMode = z.enum(PORT_MODES);
const ZSourceList = z.array(z.string().min(1));

const ZCheckpoint = z
  .object({
    name: ZNames3,
    modes: z.array(ZMode),
    locode: ZLocode.nullable(),
    coordinates: ZCoordinates.nullable(),
    note: z.string(),
  })
  .strict();

const ZSide = z
  .object({
    name: ZNames3,
    region: z.string().regex(/^(CN|RU)-[A-Z]{2,3}$/),
    locality: ZLocality.optional(),
    confirmed: z.boolean(),
    locode: ZLocode.nullable(),
    locodeMatch: z.enum(["name+subdivision", "name"]).nullable(),
    coordinates: ZCoordinates.nullable(),
    checkpoints: z.array(ZCheckpoint),
  })
  .strict()
  .refine((s) => (s.locode === null) === (s.locodeMatch === null), "locode and locodeMatch go together");

const ZIsoPartialDate = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/);

const ZFact = z
  .object({
    kind: z.enum([
      "opened",
      "approved",
      "reopened",
      "closed",
      "built",
      "first_train",
      "postponed",
      "capacity",
      "note",
    ]),
    date: ZIsoPartialDate.nullable(),
    text: z.string().min(1),
    sources: ZSourceList.min(1),
    confidence: z.enum(["confirmed", "weak"]),
  })
  .strict();

const ZCapacity = z
  .object({
    vehiclesPerDay: z.number().int().positive().nullable(),
    trucksPerDay: z.number().int().positive().optional(),
    busesPerDay: z.number().int().positive().optional(),
    wagonsPerDay: z.number().int().positive().nullable(),
    tonnesPerDay: z.number().positive().nullable(),
    tonnesPerYear: z.number().positive().optional(),
    basis: z.enum(["design", "reported"]).nullable(),
    note: z.string().nullable(),
    sources: ZSourceList,
  })
  .strict();

const ZPair = z
  .object({
    id: z.string().regex(/^[a-z]+(-[a-z]+)*$/),
    cn: ZSide,
    ru: ZSide.nullable(),
    modes: z.array(ZMode),
    modesNote: z.string().optional(),
    status: z.enum(PORT_STATUSES),
    statusBasis: z.enum(["reported", "assumed", "unknown"]),
    statusNote: z.string(),
    facts: z.array(ZFact),
    capacity: ZCapacity,
    sources: ZSourceList.min(1),
    unconfirmed: z.array(z.string()),
    sample: z.boolean(),
  })
  .strict();

export const ZPortsFile = z
  .object({
    title: z.string(),
    compiledBy: z.string(),
    compiledFrom: z.string(),
    asOf: z.string(),
    conventions: z.record(z.string(), z.string()),
    regions: z.record(z.string(), ZNames3),
    pairs: z.array(ZPair).min(1),
  })
  .strict();
export type TPortsFile = z.infer<typeof ZPortsFile>;

export type PortMode = (typeof PORT_MODES)[number];
export type PortStatus = (typeof PORT_STATUSES)[number];
type FilePair = TPortsFile["pairs"][number];
type FileSide = NonNullable<FilePair["ru"]>;

export interface Region {
  code: string;
  names: { zh: string; ru: string; en: string };
}

export type BorderPortSide = Omit<FileSide, "region"> & { region: Region };

/** A crossing pair with its regions resolved to names in three languages. */
export type BorderPortPair = Omit<FilePair, "cn" | "ru"> & { cn: BorderPortSide; ru: BorderPortSide | null };

/** Parses and checks ports.json: schema, unique ids, known regions, and each side's country. */
export function parsePorts(text: string): BorderPortPair[] {
  const file = ZPortsFile.parse(JSON.parse(text));
  const region = (code: string, country: "CN" | "RU", pairId: string): Region => {
    const names = file.regions[code];
    if (!names || !code.startsWith(`${country}-`)) {
      throw new Error(`ports.json: pair ${pairId} has region ${code}, not a known ${country} region`);
    }
    return { code, names };
  };
  const side = (s: FileSide, country: "CN" | "RU", pairId: string): BorderPortSide => {
    if (s.locode !== null && !s.locode.startsWith(country)) {
      throw new Error(`ports.json: pair ${pairId} ${country} side has LOCODE ${s.locode}`);
    }
    return { ...s, region: region(s.region, country, pairId) };
  };
  const ids = new Set<string>();
  return file.pairs.map((p) => {
    if (ids.has(p.id)) throw new Error(`ports.json: duplicate pair id ${p.id}`);
    ids.add(p.id);
    return { ...p, cn: side(p.cn, "CN", p.id), ru: p.ru === null ? null : side(p.ru, "RU", p.id) };
  });
}
