import { hasRole, PUBLIC, requireRole } from "../../platform/auth/policy.ts";
import { AppError } from "../../platform/errors.ts";
import type { RouteModule } from "../../platform/http/app.ts";
import { t } from "../../platform/i18n/i18n.ts";
import { unitValueBands } from "./statistics.bands.ts";
import { importCaliberFile, saveCaliber, ZCaliberMapping } from "./statistics.caliber.ts";
import { importComtrade, localizeIssues } from "./statistics.comtrade.ts";
import { mirror, runQuery, toCsv, toXlsx } from "./statistics.query.ts";
import {
  ZCaliberList,
  ZCaliberParams,
  ZCheck,
  ZComtradeImport,
  ZDatasetList,
  ZDatasetParams,
  ZImportReport,
  ZMirror,
  ZMirrorQuery,
  ZQuery,
  ZQueryFormat,
  ZQueryResult,
  ZUnitValueQuery,
  ZUnitValues,
} from "./statistics.schema.ts";
import { checkFacts } from "./statistics.service.ts";
import { StatsStore, statsStoreFor } from "./stats.store.ts";

const tags = ["statistics"];
const STATISTICIAN = requireRole("statistician");

export const statisticsRoutes: RouteModule = (app, deps) => {
  const store = () => statsStoreFor(deps.db.db, deps.config);
  const isStatistician = (auth: Parameters<typeof hasRole>[0] | null) =>
    auth !== null && hasRole(auth, "statistician");

  app.route({
    method: "POST",
    url: "/api/v1/statistics/query",
    config: { policy: PUBLIC },
    schema: {
      tags,
      summary:
        "Query the facts: dimensions, measures, filters, period range, currency, top-N, shares, year-on-year growth; ?format=csv. Unpublished sources only for statisticians; ?format=xlsx for a spreadsheet",
      querystring: ZQueryFormat,
      body: ZQuery,
      response: { 200: ZQueryResult },
    },
    // The answer is made whole by runQuery (columns, rows of strings and nulls, currency, notes) and
    // is written as it is: checking its hundreds of cells against the schema again cost more than
    // writing them. The tests hold every answer to ZQueryResult, strictly (statistics.test.ts).
    serializerCompiler: () => (data) => JSON.stringify(data),
    handler: async (request, reply) => {
      const r = await runQuery(store(), request.body, isStatistician(request.auth));
      const notes = [t(request.locale, "statistics.note.rates", { currency: r.currency })];
      if (request.query.format === "xlsx") {
        reply
          .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
          .header("content-disposition", 'attachment; filename="amur-statistics.xlsx"');
        return toXlsx(r, request.body.dimensions) as never;
      }
      if (request.query.format === "csv") {
        reply
          .header("content-type", "text/csv; charset=utf-8")
          .header("content-disposition", 'attachment; filename="amur-statistics.csv"');
        return toCsv(r) as never;
      }
      return { ...r, notes };
    },
  });

  app.route({
    method: "GET",
    url: "/api/v1/statistics/mirror",
    config: { policy: PUBLIC },
    schema: {
      tags,
      summary:
        "Mirror report: one side's exports to the other against the other's imports from it, with CIF/FOB adjustment and flags",
      querystring: ZMirrorQuery,
      response: { 200: ZMirror },
    },
    handler: async (request) => {
      const q = request.query;
      const r = await mirror(
        store(),
        { ...q, importer: q.exporter === "CN" ? "RU" : "CN" },
        isStatistician(request.auth),
      );
      return {
        ...r,
        method: t(request.locale, "statistics.mirror_method", {
          cif: q.cifFobPct,
          threshold: q.thresholdPct,
        }),
      };
    },
  });

  app.route({
    method: "GET",
    url: "/api/v1/statistics/unit-values",
    config: { policy: PUBLIC },
    schema: {
      tags,
      summary:
        "Unit-value bands: per HS6, flow and year, the median and interquartile range of USD per net kg",
      querystring: ZUnitValueQuery,
      response: { 200: ZUnitValues },
    },
    handler: async (request) => ({
      unit: "USD/kg",
      method: t(request.locale, "statistics.bands_method"),
      items: await unitValueBands(store(), {
        ...request.query,
        includeUnpublished: isStatistician(request.auth),
      }),
    }),
  });

  app.route({
    method: "POST",
    url: "/api/v1/statistics/imports/comtrade",
    config: { policy: STATISTICIAN },
    bodyLimit: 64 * 1024 * 1024,
    schema: {
      tags,
      summary:
        "Import a UN Comtrade API v1 export (CSV or JSON) as facts; the same file again is a no-op, a file with bad rows imports nothing",
      body: ZComtradeImport,
      response: { 200: ZImportReport },
    },
    handler: async (request) => {
      const r = await importComtrade(deps.db.db, store(), request.body.content, {
        fileName: request.body.fileName ?? null,
        published: request.body.published,
        by: request.auth?.user.email ?? null,
      });
      return localizeIssues(r, request.locale);
    },
  });

  app.route({
    method: "PUT",
    url: "/api/v1/statistics/calibers/:name",
    config: { policy: STATISTICIAN },
    schema: {
      tags,
      summary:
        "Save a caliber: how one source's table maps to the unified dimensions (columns, labels, scale)",
      params: ZCaliberParams,
      body: ZCaliberMapping,
      response: { 200: ZCaliberList.shape.items.element },
    },
    handler: async (request) => {
      await saveCaliber(store(), request.params.name, request.body, request.auth?.user.email ?? null);
      return { name: request.params.name, mapping: request.body };
    },
  });

  app.route({
    method: "GET",
    url: "/api/v1/statistics/calibers",
    config: { policy: STATISTICIAN },
    schema: { tags, summary: "Saved calibers", response: { 200: ZCaliberList } },
    handler: async () => {
      const rows = await store().all<{ name: string; mapping: string }>(
        "select name, mapping from calibers order by name",
      );
      return {
        items: rows.map((r) => ({ name: r.name, mapping: ZCaliberMapping.parse(JSON.parse(r.mapping)) })),
      };
    },
  });

  app.route({
    method: "GET",
    url: "/api/v1/statistics/calibers/:name",
    config: { policy: STATISTICIAN },
    schema: {
      tags,
      summary: "One saved caliber",
      params: ZCaliberParams,
      response: { 200: ZCaliberList.shape.items.element },
    },
    handler: async (request) => {
      const rows = await store().all<{ name: string; mapping: string }>(
        "select name, mapping from calibers where name = ?",
        [request.params.name],
      );
      const row = rows[0];
      if (!row) throw new AppError("NOT_FOUND", { resource: "caliber", id: request.params.name });
      return { name: row.name, mapping: ZCaliberMapping.parse(JSON.parse(row.mapping)) };
    },
  });

  app.route({
    method: "POST",
    url: "/api/v1/statistics/imports/caliber/:name",
    config: { policy: STATISTICIAN },
    bodyLimit: 64 * 1024 * 1024,
    schema: {
      tags,
      summary:
        "Import a source's CSV through its caliber; rows that map nowhere are reported and the file is refused whole",
      params: ZCaliberParams,
      body: ZComtradeImport,
      response: { 200: ZImportReport },
    },
    handler: async (request) =>
      localizeIssues(
        await importCaliberFile(deps.db.db, store(), request.body.content, {
          caliber: request.params.name,
          fileName: request.body.fileName ?? null,
          published: request.body.published,
          by: request.auth?.user.email ?? null,
        }),
        request.locale,
      ),
  });

  app.route({
    method: "GET",
    url: "/api/v1/statistics/datasets",
    config: { policy: STATISTICIAN },
    schema: { tags, summary: "Imported datasets", response: { 200: ZDatasetList } },
    handler: async () => {
      const rows = await store().all<{
        id: string;
        source: string;
        caliber: string;
        file_name: string;
        rows: bigint;
        published: boolean;
        imported_at: string;
      }>("select * from datasets order by imported_at desc");
      return {
        items: rows.map((r) => ({
          id: r.id,
          source: r.source,
          caliber: r.caliber,
          fileName: r.file_name,
          rows: Number(r.rows),
          published: r.published,
          importedAt: r.imported_at,
        })),
      };
    },
  });

  app.route({
    method: "POST",
    url: "/api/v1/statistics/datasets/:id/publish",
    config: { policy: STATISTICIAN },
    schema: {
      tags,
      summary: "Publish an imported dataset: its facts become public",
      params: ZDatasetParams,
      response: { 200: ZDatasetList },
    },
    handler: async (request) => {
      const found = await store().all("select id from datasets where id = $1", [request.params.id]);
      if (found.length === 0) throw new AppError("NOT_FOUND", { resource: "dataset", id: request.params.id });
      await store().transaction(async (c) => {
        await c.run("update datasets set published = true where id = $1", [request.params.id]);
        await StatsStore.changeFacts(c, "publish", { dataset_id: request.params.id });
      });
      request.log.info({ dataset: request.params.id, by: request.auth?.user.email }, "dataset published");
      const rows = await store().all<{
        id: string;
        source: string;
        caliber: string;
        file_name: string;
        rows: bigint;
        published: boolean;
        imported_at: string;
      }>("select * from datasets where id = $1", [request.params.id]);
      return {
        items: rows.map((r) => ({
          id: r.id,
          source: r.source,
          caliber: r.caliber,
          fileName: r.file_name,
          rows: Number(r.rows),
          published: r.published,
          importedAt: r.imported_at,
        })),
      };
    },
  });

  app.route({
    method: "GET",
    url: "/api/v1/statistics/check",
    config: { policy: STATISTICIAN },
    schema: {
      tags,
      summary: "Prove the facts match their sources: counts and sums to the minor unit",
      response: { 200: ZCheck },
    },
    handler: async (request) => {
      const r = await checkFacts(deps.db.db, store());
      return {
        ok: r.ok,
        lines: r.lines.map((l) => ({
          ...l,
          what: t(request.locale, `statistics.check.${l.check}`, l.params),
        })),
      };
    },
  });
};
