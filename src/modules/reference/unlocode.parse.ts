/**
 * UN/LOCODE rows for China and Russia (data/reference/unlocode/), with function classifiers decoded and
 * coordinates converted to decimal degrees. Russia comes from edition 2024-2, China from 2018-1 (the
 * newest edition available for each).
 */
import { parseCsvRecords } from "../../platform/csv.ts";

export const UNLOCODE_FUNCTIONS = {
  "0": "not_official",
  "1": "port",
  "2": "rail",
  "3": "road",
  "4": "airport",
  "5": "postal_exchange",
  "6": "multimodal",
  "7": "fixed_transport",
  "8": "inland_port",
  A: "special_economic_zone",
  B: "border_crossing",
} as const;
export type UnLocodeFunction = (typeof UNLOCODE_FUNCTIONS)[keyof typeof UNLOCODE_FUNCTIONS];

export interface Coordinates {
  lat: number;
  lon: number;
}

export interface UnLocodeLocation {
  /** Country + location, e.g. "CNHEK". */
  locode: string;
  country: string;
  location: string;
  name: string;
  nameWithoutDiacritics: string;
  /** Subdivision as printed in the edition: ISO 3166-2 suffix ("AMU") or, for CN in 2018-1, GB/T 2260 digits ("23"). */
  subdivision: string | null;
  /** ISO 3166-2 code, e.g. "CN-HL", "RU-AMU"; null when the row has none. */
  subdivisionIso: string | null;
  /** The 8-character classifier as printed, e.g. "1-----7-". */
  functionCode: string;
  functions: UnLocodeFunction[];
  status: string | null;
  /** YYMM of the last change, as printed. */
  date: string | null;
  iata: string | null;
  coordinates: Coordinates | null;
  /** The printed coordinates, kept when they could not be converted (e.g. minutes ≥ 60). */
  coordinatesRaw: string | null;
  remarks: string | null;
  /** Change indicator of the edition ("+", "#", "|", ...), null when unchanged. */
  change: string | null;
  edition: string;
}

const LOCODE_COORDINATES = /^(\d{2})(\d{2})([NS])\s+(\d{3})(\d{2})([EW])$/;

/**
 * Converts UN/LOCODE coordinates "DDMMN DDDMME" (degrees and minutes) to decimal degrees, rounded to
 * 6 places: "5014N 12729E" → { lat: 50.233333, lon: 127.483333 }. Returns null for an empty value and
 * for anything malformed or out of range (minutes ≥ 60, latitude > 90, longitude > 180), which the
 * published files do contain.
 */
export function parseLocodeCoordinates(value: string): Coordinates | null {
  const m = LOCODE_COORDINATES.exec(value.trim());
  if (!m) return null;
  const [, latDeg, latMin, ns, lonDeg, lonMin, ew] = m;
  const lat = toDegrees(Number(latDeg), Number(latMin), 90);
  const lon = toDegrees(Number(lonDeg), Number(lonMin), 180);
  if (lat === null || lon === null) return null;
  return { lat: ns === "S" ? -lat : lat, lon: ew === "W" ? -lon : lon };
}

function toDegrees(degrees: number, minutes: number, max: number): number | null {
  if (minutes >= 60) return null;
  const value = degrees + minutes / 60;
  if (value > max) return null;
  return Math.round(value * 1e6) / 1e6;
}

const FUNCTION_BY_CHARACTER = new Map<string, UnLocodeFunction>(Object.entries(UNLOCODE_FUNCTIONS));

/** Decodes a function classifier such as "1-----7-" → ["port", "fixed_transport"]. Unknown characters throw. */
export function decodeLocodeFunctions(code: string): UnLocodeFunction[] {
  const out: UnLocodeFunction[] = [];
  for (const ch of code) {
    if (ch === "-" || ch === " ") continue;
    const fn = FUNCTION_BY_CHARACTER.get(ch);
    if (fn === undefined) throw new Error(`unknown UN/LOCODE function ${JSON.stringify(ch)} in ${code}`);
    if (!out.includes(fn)) out.push(fn);
  }
  return out;
}

/**
 * China's subdivisions in UN/LOCODE 2018-1 are GB/T 2260 province codes, the numeric ISO 3166-2:CN codes
 * that ISO replaced with letters in 2017; later editions and subdivision-codes-CN-RU.csv use the letters.
 */
export const CN_GB2260_TO_ISO: Readonly<Record<string, string>> = {
  "11": "BJ",
  "12": "TJ",
  "13": "HE",
  "14": "SX",
  "15": "NM",
  "21": "LN",
  "22": "JL",
  "23": "HL",
  "31": "SH",
  "32": "JS",
  "33": "ZJ",
  "34": "AH",
  "35": "FJ",
  "36": "JX",
  "37": "SD",
  "41": "HA",
  "42": "HB",
  "43": "HN",
  "44": "GD",
  "45": "GX",
  "46": "HI",
  "50": "CQ",
  "51": "SC",
  "52": "GZ",
  "53": "YN",
  "54": "XZ",
  "61": "SN",
  "62": "GS",
  "63": "QH",
  "64": "NX",
  "65": "XJ",
  "71": "TW",
  "91": "HK",
  "92": "MO",
};

export interface UnLocodeParseResult {
  locations: UnLocodeLocation[];
  /** Rows skipped: the country header, "=" alias rows, and repeated LOCODEs (the first row is kept). */
  skipped: { reason: "header" | "alias" | "duplicate"; row: Record<string, string> }[];
  /** Rows whose coordinates were printed but could not be converted. */
  badCoordinates: number;
}

/**
 * Parses one UN/LOCODE CSV (UNECE column order with the added header
 * Change,Country,Location,Name,NameWoDiacritics,Subdivision,Function,Status,Date,IATA,Coordinates,Remarks).
 * `knownSubdivisions` (ISO codes like "RU-AMU") limits subdivisionIso to codes that exist.
 */
export function parseUnLocode(
  text: string,
  edition: string,
  knownSubdivisions?: ReadonlySet<string>,
): UnLocodeParseResult {
  const locations: UnLocodeLocation[] = [];
  const skipped: UnLocodeParseResult["skipped"] = [];
  const seen = new Set<string>();
  let badCoordinates = 0;
  for (const r of parseCsvRecords(text)) {
    const location = (r.Location ?? "").trim();
    const change = (r.Change ?? "").trim();
    if (location === "") {
      skipped.push({ reason: change === "=" ? "alias" : "header", row: r });
      continue;
    }
    const country = (r.Country ?? "").trim();
    const locode = `${country}${location}`;
    if (seen.has(locode)) {
      skipped.push({ reason: "duplicate", row: r });
      continue;
    }
    seen.add(locode);
    const subdivision = blankToNull(r.Subdivision);
    const coordinatesRaw = blankToNull(r.Coordinates);
    const coordinates = coordinatesRaw === null ? null : parseLocodeCoordinates(coordinatesRaw);
    if (coordinatesRaw !== null && coordinates === null) badCoordinates++;
    const functionCode = (r.Function ?? "").trim();
    locations.push({
      locode,
      country,
      location,
      name: (r.Name ?? "").trim(),
      nameWithoutDiacritics: (r.NameWoDiacritics ?? "").trim(),
      subdivision,
      subdivisionIso: subdivisionIso(country, subdivision, knownSubdivisions),
      functionCode,
      functions: decodeLocodeFunctions(functionCode),
      status: blankToNull(r.Status),
      date: blankToNull(r.Date),
      iata: blankToNull(r.IATA),
      coordinates,
      coordinatesRaw: coordinates === null ? coordinatesRaw : null,
      remarks: blankToNull(r.Remarks),
      change: change === "" ? null : change,
      edition,
    });
  }
  return { locations, skipped, badCoordinates };
}

function subdivisionIso(
  country: string,
  subdivision: string | null,
  known: ReadonlySet<string> | undefined,
): string | null {
  if (subdivision === null) return null;
  const suffix =
    country === "CN" && /^\d{2}$/.test(subdivision) ? CN_GB2260_TO_ISO[subdivision] : subdivision;
  if (suffix === undefined) return null;
  const iso = `${country}-${suffix}`;
  return known === undefined || known.has(iso) ? iso : null;
}

function blankToNull(value: string | undefined): string | null {
  const trimmed = (value ?? "").trim();
  return trimmed === "" ? null : trimmed;
}

export interface Subdivision {
  /** ISO 3166-2, e.g. "RU-AMU". */
  code: string;
  country: string;
  name: string;
  type: string;
}

/** subdivision-codes-CN-RU.csv: SUCountry,SUCode,SUName,SUType */
export function parseSubdivisions(text: string): Subdivision[] {
  const out: Subdivision[] = [];
  for (const r of parseCsvRecords(text)) {
    const country = (r.SUCountry ?? "").trim();
    const code = (r.SUCode ?? "").trim();
    if (country === "" || code === "") continue;
    out.push({
      code: `${country}-${code}`,
      country,
      name: (r.SUName ?? "").trim(),
      type: (r.SUType ?? "").trim(),
    });
  }
  return out;
}

export interface CodeDescription {
  code: string;
  description: string;
}

/** function-classifiers.csv (FunctionCode,FunctionDescription) or status-indicators.csv (STStatus,STDescription). */
export function parseCodeDescriptions(text: string): CodeDescription[] {
  const out: CodeDescription[] = [];
  for (const fields of parseCsvRecords(text)) {
    const values = Object.values(fields);
    const code = (values[0] ?? "").trim();
    if (code !== "") out.push({ code, description: (values[1] ?? "").trim() });
  }
  return out;
}
