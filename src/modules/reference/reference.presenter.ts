import type {
  BorderPortsTable,
  CountriesTable,
  CurrenciesTable,
  HsNodesTable,
  LocationsTable,
} from "../../platform/db/schema.ts";
import type { BorderPortPair } from "./ports.parse.ts";
import type { TBorderPort, THsBrief } from "./reference.schema.ts";

/** Row → API shape mappers for reference data. */

export function hsNames(row: Pick<HsNodesTable, "name_en" | "name_ru" | "name_zh">) {
  return { en: row.name_en, ru: row.name_ru, zh: row.name_zh };
}

export function presentHsBrief(row: HsNodesTable): THsBrief {
  return { code: row.code, level: row.level, names: hsNames(row) };
}

export function presentCountry(row: CountriesTable) {
  return {
    alpha2: row.alpha2,
    alpha3: row.alpha3,
    numeric: row.numeric_code,
    names: { en: row.name_en, ru: row.name_ru, zh: row.name_zh },
    currencies: JSON.parse(row.currency_codes) as string[],
  };
}

export function presentCurrency(row: CurrenciesTable) {
  return {
    code: row.code,
    numeric: row.numeric_code,
    minorUnit: row.minor_unit === null ? null : Number(row.minor_unit),
    // ISO 4217 publishes English names only.
    names: { en: row.name_en, ru: null, zh: null },
    current: Number(row.is_current) === 1,
    withdrawn: row.withdrawn,
  };
}

export function presentLocation(row: LocationsTable) {
  return {
    locode: row.locode,
    country: row.country,
    name: row.name,
    nameAscii: row.name_ascii,
    subdivision: row.subdivision_iso,
    functionCode: row.function_code,
    functions: JSON.parse(row.functions) as string[],
    status: row.status,
    iata: row.iata,
    coordinates: row.lat === null || row.lon === null ? null : { lat: Number(row.lat), lon: Number(row.lon) },
    edition: row.edition,
  };
}

type Side = BorderPortPair["cn"];

function presentSide(side: Side) {
  return {
    names: side.name,
    region: side.region,
    locality: side.locality ?? null,
    confirmed: side.confirmed,
    locode: side.locode,
    coordinates: side.coordinates,
    checkpoints: side.checkpoints.map((c) => ({
      names: c.name,
      modes: c.modes,
      locode: c.locode,
      coordinates: c.coordinates,
      note: c.note,
    })),
  };
}

export function presentPort(row: BorderPortsTable): TBorderPort {
  const pair = JSON.parse(row.data) as BorderPortPair;
  return {
    id: pair.id,
    cn: presentSide(pair.cn),
    ru: pair.ru ? presentSide(pair.ru) : null,
    modes: pair.modes,
    status: pair.status,
    statusBasis: pair.statusBasis,
    statusNote: pair.statusNote,
    facts: pair.facts,
    capacity: {
      vehiclesPerDay: row.capacity_vehicles === null ? null : Number(row.capacity_vehicles),
      wagonsPerDay: row.capacity_wagons === null ? null : Number(row.capacity_wagons),
      tonnesPerDay: row.capacity_tonnes === null ? null : Number(row.capacity_tonnes),
      source: row.capacity_source,
      basis: row.capacity_source === "reference" ? pair.capacity.basis : "configured",
      note: pair.capacity.note,
      updatedAt: row.capacity_updated_at,
    },
    sources: pair.sources,
    unconfirmed: pair.unconfirmed,
  };
}

/** Ports as GeoJSON: one point per side that has coordinates, and the line between the two sides. */
export function portsToGeoJson(ports: readonly TBorderPort[]) {
  const features: {
    type: "Feature";
    geometry: { type: string; coordinates: unknown[] };
    properties: Record<string, unknown>;
  }[] = [];
  for (const p of ports) {
    for (const key of ["cn", "ru"] as const) {
      const side = p[key];
      if (!side?.coordinates) continue;
      features.push({
        type: "Feature",
        geometry: { type: "Point", coordinates: [side.coordinates.lon, side.coordinates.lat] },
        properties: {
          pairId: p.id,
          side: key === "cn" ? "CN" : "RU",
          names: side.names,
          region: side.region.code,
          locode: side.locode,
          coordinatesBasis: side.coordinates.basis,
          status: p.status,
          modes: p.modes,
        },
      });
    }
    if (p.cn.coordinates && p.ru?.coordinates) {
      features.push({
        type: "Feature",
        geometry: {
          type: "LineString",
          coordinates: [
            [p.cn.coordinates.lon, p.cn.coordinates.lat],
            [p.ru.coordinates.lon, p.ru.coordinates.lat],
          ],
        },
        properties: { pairId: p.id, kind: "crossing", status: p.status, modes: p.modes },
      });
    }
  }
  return { type: "FeatureCollection" as const, features };
}
