/**
 * Reads the shipped reference data (data/reference/) into typed records, with no database: the HS / TN
 * VED tree, countries, currencies, UN/LOCODE locations for CN and RU, and China–Russia border ports.
 * Each `read*` function takes the data directory; the parsers they use take file text and live in the
 * files re-exported below.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../../platform/config.ts";
import { type Country, type Currency, parseCountries, parseCurrencies } from "./countries.parse.ts";
import { buildHsNodes, type HsNode, parseHsRows, parseHsSections, parseHsZh } from "./hs.parse.ts";
import { type BorderPortPair, parsePorts } from "./ports.parse.ts";
import {
  deriveRussianNames,
  parseFcsChapters,
  parseFcsHeadings,
  parseFcsSections,
  parseTnved2017Flat,
  parseTnved2022List,
} from "./tnved.parse.ts";
import {
  type CodeDescription,
  parseCodeDescriptions,
  parseSubdivisions,
  parseUnLocode,
  type Subdivision,
  type UnLocodeLocation,
} from "./unlocode.parse.ts";

export * from "./countries.parse.ts";
export * from "./hs.parse.ts";
export * from "./ports.parse.ts";
export * from "./tnved.parse.ts";
export * from "./unlocode.parse.ts";

/** data/reference/ of the repository (the same from src/ and from the compiled dist/). */
export const DEFAULT_REFERENCE_DATA_DIR = join(repoRoot, "data/reference");

/** The files read, relative to the data directory; also what a loader may hash to skip unchanged data. */
export const REFERENCE_FILES = {
  hsSections: "hs/sections.csv",
  hsNomenclature: "hs/harmonized-system.csv",
  hsZh: "hs-zh/hs-zh.csv",
  fcsSections: "tnved/fts-TNVED1.utf8.txt",
  fcsChapters: "tnved/fts-TNVED2.utf8.txt",
  fcsHeadings: "tnved/fts-TNVED3.utf8.txt",
  tnved2022: "tnved/tnved-eaeu-2022-subheadings.csv",
  tnved2017: "tnved/tnved-eaeu-2017-flat.csv",
  countries: "iso3166/country-codes.csv",
  currencies: "iso4217/codes-all.csv",
  unlocodeCN: "unlocode/unlocode-2018-1-CN.csv",
  unlocodeRU: "unlocode/unlocode-2024-2-RU.csv",
  unlocodeSubdivisions: "unlocode/subdivision-codes-CN-RU.csv",
  unlocodeFunctions: "unlocode/function-classifiers.csv",
  unlocodeStatuses: "unlocode/status-indicators.csv",
  ports: "ports/ports.json",
  regions: "regions/regions.csv",
} as const;
export type ReferenceFile = keyof typeof REFERENCE_FILES;

/** The UN/LOCODE edition read for each country: the newest one shipped. */
export const UNLOCODE_EDITIONS = { CN: "2018-1", RU: "2024-2" } as const;

export function readReferenceFile(file: ReferenceFile, dataDir = DEFAULT_REFERENCE_DATA_DIR): string {
  return readFileSync(join(dataDir, REFERENCE_FILES[file]), "utf8");
}

/** HS sections → chapters → headings → subheadings → EAEU national lines, parents first. */
export function readHsNodes(dataDir = DEFAULT_REFERENCE_DATA_DIR): HsNode[] {
  const read = (file: ReferenceFile): string => readReferenceFile(file, dataDir);
  const ru = deriveRussianNames({
    sections: parseFcsSections(read("fcsSections")),
    chapters: parseFcsChapters(read("fcsChapters")),
    headings: parseFcsHeadings(read("fcsHeadings")),
    list2022: parseTnved2022List(read("tnved2022")),
    flat2017: parseTnved2017Flat(read("tnved2017")),
  });
  return buildHsNodes({
    sections: parseHsSections(read("hsSections")),
    rows: parseHsRows(read("hsNomenclature")),
    zh: parseHsZh(read("hsZh")),
    ru,
  });
}

export function readCountries(dataDir = DEFAULT_REFERENCE_DATA_DIR): Country[] {
  return parseCountries(readReferenceFile("countries", dataDir));
}

export function readCurrencies(dataDir = DEFAULT_REFERENCE_DATA_DIR): Currency[] {
  return parseCurrencies(readReferenceFile("currencies", dataDir));
}

export interface UnLocodeData {
  locations: UnLocodeLocation[];
  subdivisions: Subdivision[];
  functions: CodeDescription[];
  statuses: CodeDescription[];
  /** Rows left out: country headers, "=" aliases, repeated LOCODEs. */
  skippedRows: number;
  /** Locations whose printed coordinates could not be converted (kept with coordinates null). */
  badCoordinates: number;
}

/** UN/LOCODE locations for CN (edition 2018-1) and RU (edition 2024-2). */
export function readUnLocode(dataDir = DEFAULT_REFERENCE_DATA_DIR): UnLocodeData {
  const subdivisions = parseSubdivisions(readReferenceFile("unlocodeSubdivisions", dataDir));
  const known = new Set(subdivisions.map((s) => s.code));
  const cn = parseUnLocode(readReferenceFile("unlocodeCN", dataDir), UNLOCODE_EDITIONS.CN, known);
  const ru = parseUnLocode(readReferenceFile("unlocodeRU", dataDir), UNLOCODE_EDITIONS.RU, known);
  return {
    locations: [...cn.locations, ...ru.locations],
    subdivisions,
    functions: parseCodeDescriptions(readReferenceFile("unlocodeFunctions", dataDir)),
    statuses: parseCodeDescriptions(readReferenceFile("unlocodeStatuses", dataDir)),
    skippedRows: cn.skipped.length + ru.skipped.length,
    badCoordinates: cn.badCoordinates + ru.badCoordinates,
  };
}

export function readBorderPorts(dataDir = DEFAULT_REFERENCE_DATA_DIR): BorderPortPair[] {
  return parsePorts(readReferenceFile("ports", dataDir));
}

export interface ReferenceData {
  hs: HsNode[];
  countries: Country[];
  currencies: Currency[];
  unlocode: UnLocodeData;
  ports: BorderPortPair[];
}

/** Everything at once, e.g. for `amur reference load`. */
export function readReferenceData(dataDir = DEFAULT_REFERENCE_DATA_DIR): ReferenceData {
  return {
    hs: readHsNodes(dataDir),
    countries: readCountries(dataDir),
    currencies: readCurrencies(dataDir),
    unlocode: readUnLocode(dataDir),
    ports: readBorderPorts(dataDir),
  };
}
