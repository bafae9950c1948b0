import { operationDeps } from "../../platform/deps.ts";
import { AppError } from "../../platform/errors.ts";
import type { RouteModule } from "../../platform/http/app.ts";
import { runOperation } from "../../platform/operations.ts";
import { actorOf } from "../identity/identity.service.ts";
import { regionName } from "../registry/registry.presenter.ts";
import { listRegions } from "../registry/registry.repository.ts";
import { referencePolicies as policy } from "./reference.policy.ts";
import {
  presentCountry,
  presentCurrency,
  presentHsBrief,
  presentLocation,
  presentPort,
} from "./reference.presenter.ts";
import * as repo from "./reference.repository.ts";
import {
  ZBorderPort,
  ZBorderPortList,
  ZCountryList,
  ZCurrencyList,
  ZCurrencyQuery,
  ZDatasetList,
  ZGeoJson,
  ZHsCodeParams,
  ZHsNode,
  ZHsNodeQuery,
  ZHsSearchQuery,
  ZHsSearchResult,
  ZLocation,
  ZLocationPage,
  ZLocationQuery,
  ZLocodeParams,
  ZPortCapacityRequest,
  ZPortParams,
  ZRegionList,
  ZRegionQuery,
} from "./reference.schema.ts";
import * as reference from "./reference.service.ts";

const tags = ["reference"];

export const referenceRoutes: RouteModule = (app, deps) => {
  app.route({
    method: "GET",
    url: "/api/v1/hs",
    config: { policy: policy.read },
    schema: {
      tags,
      summary:
        "Search the HS / TN VED nomenclature by code prefix or by words in Chinese, Russian or English",
      querystring: ZHsSearchQuery,
      response: { 200: ZHsSearchResult },
    },
    handler: async (request) => {
      const q = request.query.q ?? "";
      if (q === "") {
        // No query: the 21 sections (the top of the tree), or all chapters.
        return {
          items: (await repo.listHsLevel(deps.db.db, request.query.level ?? "section")).map((r) => ({
            ...presentHsBrief(r),
            path: [],
          })),
        };
      }
      return { items: await reference.searchHs(deps, q, request.query.limit) };
    },
  });

  app.route({
    method: "GET",
    url: "/api/v1/hs/:code",
    config: { policy: policy.read },
    schema: {
      tags,
      summary: "One section, chapter, heading, subheading or national line, with its path and children",
      params: ZHsCodeParams,
      querystring: ZHsNodeQuery,
      response: { 200: ZHsNode },
    },
    handler: async (request) => reference.getHsNode(deps, request.params.code, request.query.scheme),
  });

  app.route({
    method: "GET",
    url: "/api/v1/countries",
    config: { policy: policy.read },
    schema: {
      tags,
      summary: "ISO 3166 countries with Chinese and Russian names",
      response: { 200: ZCountryList },
    },
    handler: async () => ({ items: (await repo.listCountries(deps.db.db)).map(presentCountry) }),
  });

  app.route({
    method: "GET",
    url: "/api/v1/regions",
    config: { policy: policy.read },
    schema: {
      tags,
      summary: "Chinese provinces and Russian federal subjects (ISO 3166-2) with names in three languages",
      querystring: ZRegionQuery,
      response: { 200: ZRegionList },
    },
    handler: async (request) => ({
      items: (await listRegions(deps.db.db, request.query.country)).map((r) => ({
        code: r.code,
        country: r.country,
        kind: r.kind,
        name: regionName(r, r.code, request.locale),
        names: { zh: r.name_zh, ru: r.name_ru, en: r.name_en },
        nameLocal: r.name_local,
      })),
    }),
  });

  app.route({
    method: "GET",
    url: "/api/v1/currencies",
    config: { policy: policy.read },
    schema: {
      tags,
      summary: "ISO 4217 currencies with minor units (current ones unless all=true)",
      querystring: ZCurrencyQuery,
      response: { 200: ZCurrencyList },
    },
    handler: async (request) => ({
      items: (await repo.listCurrencies(deps.db.db, request.query.all === "true")).map(presentCurrency),
    }),
  });

  app.route({
    method: "GET",
    url: "/api/v1/locations",
    config: { policy: policy.read },
    schema: {
      tags,
      summary: "UN/LOCODE locations in China and Russia",
      querystring: ZLocationQuery,
      response: { 200: ZLocationPage },
    },
    handler: async (request) => {
      const { limit, cursor, country, q } = request.query;
      const rows = await repo.listLocations(
        deps.db.db,
        { country, q, fn: request.query.function, after: cursor ?? null },
        limit,
      );
      const page = rows.slice(0, limit);
      return {
        items: page.map(presentLocation),
        nextCursor: rows.length > limit ? (page.at(-1)?.locode ?? null) : null,
      };
    },
  });

  app.route({
    method: "GET",
    url: "/api/v1/locations/:locode",
    config: { policy: policy.read },
    schema: { tags, summary: "One UN/LOCODE location", params: ZLocodeParams, response: { 200: ZLocation } },
    handler: async (request) => {
      const row = await repo.findLocation(deps.db.db, request.params.locode.toUpperCase());
      if (!row) throw new AppError("NOT_FOUND", { resource: "location", id: request.params.locode });
      return presentLocation(row);
    },
  });

  app.route({
    method: "GET",
    url: "/api/v1/ports",
    config: { policy: policy.read },
    schema: { tags, summary: "China–Russia border crossing pairs", response: { 200: ZBorderPortList } },
    handler: async () => ({ items: await reference.listPortsPresented(deps) }),
  });

  app.route({
    method: "GET",
    url: "/api/v1/ports.geojson",
    config: { policy: policy.read },
    schema: {
      tags,
      summary: "Border ports as GeoJSON (points per side, a line per crossing)",
      response: { 200: ZGeoJson },
    },
    handler: async (_request, reply) => {
      reply.type("application/geo+json; charset=utf-8");
      return reference.portsGeoJson(deps);
    },
  });

  app.route({
    method: "GET",
    url: "/api/v1/ports/:id",
    config: { policy: policy.read },
    schema: { tags, summary: "One crossing pair", params: ZPortParams, response: { 200: ZBorderPort } },
    handler: async (request) => {
      const row = await repo.findPort(deps.db.db, request.params.id);
      if (!row) throw new AppError("NOT_FOUND", { resource: "port", id: request.params.id });
      return presentPort(row);
    },
  });

  app.route({
    method: "PUT",
    url: "/api/v1/ports/:id/capacity",
    config: { policy: policy.configurePorts },
    schema: {
      tags,
      summary: "Configure a crossing's daily capacity (vehicles, wagons, tonnes); audited",
      params: ZPortParams,
      body: ZPortCapacityRequest,
      response: { 200: ZBorderPort },
    },
    handler: async (request) => {
      if (!request.auth) throw new AppError("UNAUTHENTICATED");
      return runOperation(
        operationDeps(deps),
        reference.configurePortCapacity,
        { id: request.params.id, ...request.body },
        { actor: actorOf(request.auth), requestId: request.id },
      );
    },
  });

  app.route({
    method: "GET",
    url: "/api/v1/reference/datasets",
    config: { policy: policy.read },
    schema: {
      tags,
      summary: "Loaded reference datasets and HS counts by level",
      response: { 200: ZDatasetList },
    },
    handler: async () => {
      const datasets = await repo.listDatasets(deps.db.db);
      const counts = await repo.countHsByLevel(deps.db.db);
      return {
        items: datasets.map((d) => ({
          name: d.name,
          rows: Number(d.row_count),
          loadedAt: d.loaded_at,
          sourceHash: d.source_hash,
        })),
        counts: Object.fromEntries(counts.map((c) => [c.level, Number(c.n)])),
      };
    },
  });
};
