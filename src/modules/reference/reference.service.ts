import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsvRecords } from "../../platform/csv.ts";
import type { HsNodesTable } from "../../platform/db/schema.ts";
import type { AppDeps } from "../../platform/deps.ts";
import { operationDeps } from "../../platform/deps.ts";
import { AppError } from "../../platform/errors.ts";
import { defineOperation, runOperation, SYSTEM_ACTOR } from "../../platform/operations.ts";
import { appendDocuments, replaceScope, searchScope } from "../../platform/search/search.ts";
import { replaceRegions } from "../registry/registry.repository.ts";
import { normalizeHsCode, validateChineseNationalCode } from "./hs.parse.ts";
import {
  DEFAULT_REFERENCE_DATA_DIR,
  REFERENCE_FILES,
  type ReferenceFile,
  readBorderPorts,
  readCountries,
  readCurrencies,
  readHsNodes,
  readUnLocode,
} from "./reference.parse.ts";
import { hsNames, portsToGeoJson, presentHsBrief, presentPort } from "./reference.presenter.ts";
import * as repo from "./reference.repository.ts";
import type { THsNode } from "./reference.schema.ts";

// Raise when the parsers or the table layout change, so unchanged files are loaded again.
const LOADER_VERSION = "2";

/** The datasets `amur reference load` manages, each with the files it is built from. */
export const DATASETS: { name: string; files: ReferenceFile[] }[] = [
  {
    name: "hs",
    files: [
      "hsSections",
      "hsNomenclature",
      "hsZh",
      "fcsSections",
      "fcsChapters",
      "fcsHeadings",
      "tnved2022",
      "tnved2017",
    ],
  },
  { name: "countries", files: ["countries"] },
  { name: "currencies", files: ["currencies"] },
  {
    name: "locations",
    files: ["unlocodeCN", "unlocodeRU", "unlocodeSubdivisions", "unlocodeFunctions", "unlocodeStatuses"],
  },
  { name: "ports", files: ["ports"] },
  { name: "regions", files: ["regions"] },
];

export interface LoadProgress {
  dataset: string;
  phase: "parse" | "write" | "skip" | "done";
  done: number;
  total: number;
}

export interface LoadReport {
  dataset: string;
  status: "loaded" | "unchanged";
  rows: number;
}

function datasetHash(files: readonly ReferenceFile[], dataDir: string): string {
  const h = createHash("sha256").update(`loader:${LOADER_VERSION}`);
  for (const f of files) h.update(`\0${f}\0`).update(readFileSync(join(dataDir, REFERENCE_FILES[f])));
  return h.digest("hex");
}

// People looking for "wood" want the chapter and headings before the hundreds of lines below them.
const HS_SEARCH_BOOST: Record<HsNodesTable["level"], number> = {
  section: 3,
  chapter: 3,
  heading: 2.5,
  subheading: 1.5,
  national: 1,
};

/** Text indexed for an HS node: its names in every language it has. */
function hsSearchTitle(row: Pick<HsNodesTable, "name_en" | "name_ru" | "name_zh">): string {
  return [row.name_en, row.name_ru, row.name_zh].filter(Boolean).join(" \n ");
}

const replaceDataset = defineOperation({
  name: "reference.replaceDataset",
  async run(
    ctx,
    input: {
      name: string;
      hash: string;
      write: (trx: typeof ctx.trx, progress: (n: number) => void) => Promise<number>;
      progress: (n: number) => void;
    },
  ) {
    const rows = await input.write(ctx.trx, input.progress);
    await repo.saveDataset(ctx.trx, {
      name: input.name,
      source_hash: input.hash,
      row_count: rows,
      loaded_at: ctx.now,
    });
    await ctx.audit({
      action: "reference.dataset_loaded",
      targetType: "reference_dataset",
      targetId: input.name,
      summary: { rows, sourceHash: input.hash.slice(0, 16) },
    });
    await ctx.emit({
      type: "reference.dataset_loaded",
      aggregateType: "reference_dataset",
      aggregateId: input.name,
      payload: { rows },
    });
    return rows;
  },
});

/**
 * Loads every reference dataset whose source files changed since the last load (all of them on a new
 * database). Each dataset is replaced in one transaction with its audit entry, so a failed load
 * leaves the previous data in place. Capacities that officers configured on ports survive reloads.
 */
export async function loadReferenceData(
  deps: AppDeps,
  options: {
    dataDir?: string;
    force?: boolean;
    only?: readonly string[];
    onProgress?: (p: LoadProgress) => void;
  } = {},
): Promise<LoadReport[]> {
  const dataDir = options.dataDir ?? DEFAULT_REFERENCE_DATA_DIR;
  const progress = options.onProgress ?? (() => {});
  const { db, dialect } = deps.db;
  const reports: LoadReport[] = [];

  for (const dataset of DATASETS.filter((d) => !options.only || options.only.includes(d.name))) {
    const hash = datasetHash(dataset.files, dataDir);
    const previous = await repo.findDataset(db, dataset.name);
    if (!options.force && previous?.source_hash === hash) {
      progress({ dataset: dataset.name, phase: "skip", done: 1, total: 1 });
      reports.push({ dataset: dataset.name, status: "unchanged", rows: Number(previous.row_count) });
      continue;
    }
    progress({ dataset: dataset.name, phase: "parse", done: 0, total: 1 });
    let write: (trx: Parameters<typeof repo.clearTable>[0], tick: (n: number) => void) => Promise<number>;
    let total: number;
    switch (dataset.name) {
      case "hs": {
        const nodes = readHsNodes(dataDir);
        const rows: HsNodesTable[] = nodes.map((n, i) => ({
          code: n.code,
          level: n.level,
          parent_code: n.parentCode,
          section_code: n.sectionCode,
          name_en: n.names.en,
          name_ru: n.names.ru,
          name_zh: n.names.zh,
          zh_source: n.zhSource ?? null,
          ru_source: n.ruSource ?? null,
          valid_from: n.validFrom ?? null,
          valid_to: n.validTo ?? null,
          scheme: n.scheme ?? "HS",
          ru_truncated: n.ruTruncated ? 1 : 0,
          position: i,
        }));
        total = rows.length * 2;
        write = async (trx, tick) => {
          await repo.clearTable(trx, "hs_nodes");
          await repo.insertRows(trx, "hs_nodes", rows, tick);
          const docs = rows.map((r) => ({
            ref: r.code,
            title: hsSearchTitle(r),
            boost: HS_SEARCH_BOOST[r.level],
          }));
          for (let i = 0; i < docs.length; i += 2000) {
            const slice = docs.slice(i, i + 2000);
            if (i === 0) await replaceScope(trx, dialect, "hs", slice);
            else await appendDocuments(trx, dialect, "hs", slice);
            tick(slice.length);
          }
          return rows.length;
        };
        break;
      }
      case "countries": {
        const rows = readCountries(dataDir).map((c) => ({
          alpha2: c.alpha2,
          alpha3: c.alpha3,
          numeric_code: c.numeric,
          name_en: c.names.en,
          name_ru: c.names.ru,
          name_zh: c.names.zh,
          currency_codes: JSON.stringify(c.currencyCodes),
        }));
        total = rows.length;
        write = async (trx, tick) => {
          await repo.clearTable(trx, "countries");
          await repo.insertRows(trx, "countries", rows, tick);
          return rows.length;
        };
        break;
      }
      case "currencies": {
        const rows = readCurrencies(dataDir).map((c) => ({
          code: c.code,
          numeric_code: c.numeric,
          minor_unit: c.minorUnit,
          name_en: c.names.en,
          is_current: c.current ? 1 : 0,
          withdrawn: c.withdrawn,
          entities: JSON.stringify(c.entities),
        }));
        total = rows.length;
        write = async (trx, tick) => {
          await repo.clearTable(trx, "currencies");
          await repo.insertRows(trx, "currencies", rows, tick);
          return rows.length;
        };
        break;
      }
      case "locations": {
        const rows = readUnLocode(dataDir).locations.map((l) => ({
          locode: l.locode,
          country: l.country,
          name: l.name,
          name_ascii: l.nameWithoutDiacritics,
          subdivision_iso: l.subdivisionIso,
          function_code: l.functionCode,
          functions: JSON.stringify(l.functions),
          status: l.status,
          iata: l.iata,
          lat: l.coordinates?.lat ?? null,
          lon: l.coordinates?.lon ?? null,
          coordinates_raw: l.coordinatesRaw,
          edition: l.edition,
        }));
        total = rows.length;
        write = async (trx, tick) => {
          await repo.clearTable(trx, "locations");
          await repo.insertRows(trx, "locations", rows, tick);
          return rows.length;
        };
        break;
      }
      case "ports": {
        const pairs = readBorderPorts(dataDir);
        total = pairs.length;
        write = async (trx, tick) => {
          const configured = new Map(
            (await repo.listPorts(trx))
              .filter((p) => p.capacity_source === "configured")
              .map((p) => [p.id, p]),
          );
          await repo.clearTable(trx, "border_ports");
          const rows = pairs.map((p, i) => {
            const kept = configured.get(p.id);
            return {
              id: p.id,
              position: i,
              cn_region: p.cn.region.code,
              ru_region: p.ru?.region.code ?? null,
              status: p.status,
              data: JSON.stringify(p),
              capacity_vehicles: kept ? kept.capacity_vehicles : p.capacity.vehiclesPerDay,
              capacity_wagons: kept ? kept.capacity_wagons : p.capacity.wagonsPerDay,
              capacity_tonnes: kept
                ? kept.capacity_tonnes
                : p.capacity.tonnesPerDay === null
                  ? null
                  : Math.round(p.capacity.tonnesPerDay),
              capacity_source: kept ? ("configured" as const) : ("reference" as const),
              capacity_updated_at: kept?.capacity_updated_at ?? null,
            };
          });
          await repo.insertRows(trx, "border_ports", rows, tick);
          return rows.length;
        };
        break;
      }
      case "regions": {
        const rows = [...parseCsvRecords(readFileSync(join(dataDir, REFERENCE_FILES.regions), "utf8"))].map(
          (r) => ({
            code: r.code ?? "",
            country: r.country ?? "",
            kind: r.kind ?? "",
            name_local: r.name_local ?? "",
            name_zh: r.name_zh || null,
            name_ru: r.name_ru || null,
            name_en: r.name_en || null,
          }),
        );
        total = rows.length;
        write = async (trx, tick) => {
          await replaceRegions(trx, rows);
          tick(rows.length);
          return rows.length;
        };
        break;
      }
      default:
        throw new Error(`unknown dataset ${dataset.name}`);
    }
    let done = 0;
    progress({ dataset: dataset.name, phase: "write", done, total });
    const rows = await runOperation(
      operationDeps(deps),
      replaceDataset,
      {
        name: dataset.name,
        hash,
        write,
        progress: (n) => {
          done += n;
          progress({ dataset: dataset.name, phase: "write", done, total });
        },
      },
      { actor: SYSTEM_ACTOR },
    );
    progress({ dataset: dataset.name, phase: "done", done: total, total });
    reports.push({ dataset: dataset.name, status: "loaded", rows });
  }
  return reports;
}

/** An HS or national code with its path and children; Chinese national codes are checked by structure. */
export async function getHsNode(deps: AppDeps, rawCode: string, scheme?: "EAEU" | "CN"): Promise<THsNode> {
  const db = deps.db.db;
  const code = normalizeHsCode(rawCode);
  const row = scheme === "CN" ? undefined : await repo.findHsNode(db, code);
  if (row) {
    const path: HsNodesTable[] = [];
    let parent = row.parent_code;
    while (parent) {
      const p = await repo.findHsNode(db, parent);
      if (!p) break;
      path.unshift(p);
      parent = p.parent_code;
    }
    if (row.section_code && path[0]?.level !== "section") {
      const section = await repo.findHsNode(db, row.section_code);
      if (section && section.code !== row.code) path.unshift(section);
    }
    const children = await repo.listHsChildren(db, row.code);
    return {
      code: row.code,
      level: row.level,
      scheme: row.level === "national" ? "EAEU" : "HS",
      names: hsNames(row),
      nameSources: { ru: row.ru_source, zh: row.zh_source },
      sectionCode: row.section_code,
      validFrom: row.valid_from,
      validTo: row.valid_to,
      note: null,
      path: path.map(presentHsBrief),
      children: children.map(presentHsBrief),
    };
  }
  if (scheme !== "EAEU" && /^\d{8}(\d{2})?$/.test(code)) {
    const hs6 = await repo.findHsNode(db, code.slice(0, 6));
    const check = validateChineseNationalCode(code, () => hs6?.level === "subheading");
    if (check.valid && hs6) {
      const parentPath = await getHsNode(deps, hs6.code);
      return {
        code,
        level: "national",
        scheme: "CN",
        names: { en: null, ru: null, zh: null },
        nameSources: { ru: null, zh: null },
        sectionCode: hs6.section_code,
        validFrom: null,
        validTo: null,
        note: "cn-structure-only",
        path: [...parentPath.path, presentHsBrief(hs6)],
        children: [],
      };
    }
  }
  throw new AppError("HS_CODE_NOT_FOUND", { code: rawCode });
}

/** Code prefixes for digits, full-text search in all three languages for words. */
export async function searchHs(deps: AppDeps, q: string, limit: number) {
  const db = deps.db.db;
  const code = normalizeHsCode(q);
  let rows: HsNodesTable[];
  if (/^\d{2,10}$/.test(code)) {
    rows = await repo.findHsByCodePrefix(db, code, limit);
  } else {
    const hits = await searchScope(db, deps.db.dialect, "hs", q, limit);
    const byCode = new Map(
      (
        await repo.findHsNodes(
          db,
          hits.map((h) => h.ref),
        )
      ).map((r) => [r.code, r]),
    );
    rows = hits.map((h) => byCode.get(h.ref)).filter((r): r is HsNodesTable => r !== undefined);
  }
  return rows.map((r) => ({ ...presentHsBrief(r), path: ancestry(r) }));
}

/** Codes of the ancestors, derived from the code itself (sections come from the row). */
function ancestry(row: HsNodesTable): string[] {
  const out: string[] = [];
  if (row.section_code && row.level !== "section") out.push(row.section_code);
  for (const len of [2, 4, 6])
    if (row.code.length > len && /^\d+$/.test(row.code)) out.push(row.code.slice(0, len));
  return out;
}

export async function listPortsPresented(deps: AppDeps) {
  return (await repo.listPorts(deps.db.db)).map(presentPort);
}

export async function portsGeoJson(deps: AppDeps) {
  return portsToGeoJson(await listPortsPresented(deps));
}

export const configurePortCapacity = defineOperation({
  name: "reference.configurePortCapacity",
  async run(
    ctx,
    input: {
      id: string;
      vehiclesPerDay: number | null;
      wagonsPerDay: number | null;
      tonnesPerDay: number | null;
    },
  ) {
    const before = await repo.findPort(ctx.trx, input.id);
    if (!before) throw new AppError("NOT_FOUND", { resource: "port", id: input.id });
    await repo.updatePortCapacity(ctx.trx, input.id, {
      capacity_vehicles: input.vehiclesPerDay,
      capacity_wagons: input.wagonsPerDay,
      capacity_tonnes: input.tonnesPerDay,
      capacity_source: "configured",
      capacity_updated_at: ctx.now,
    });
    await ctx.audit({
      action: "port.capacity_configured",
      targetType: "port",
      targetId: input.id,
      summary: {
        from: {
          vehicles: before.capacity_vehicles,
          wagons: before.capacity_wagons,
          tonnes: before.capacity_tonnes,
        },
        to: { vehicles: input.vehiclesPerDay, wagons: input.wagonsPerDay, tonnes: input.tonnesPerDay },
      },
    });
    await ctx.emit({
      type: "port.capacity_configured",
      aggregateType: "port",
      aggregateId: input.id,
      payload: { ...input },
    });
    const after = await repo.findPort(ctx.trx, input.id);
    if (!after) throw new AppError("NOT_FOUND", { resource: "port", id: input.id });
    return presentPort(after);
  },
});
