import { z } from "zod";
import { PUBLIC, requireRole } from "../../../platform/auth/policy.ts";
import { operationDeps } from "../../../platform/deps.ts";
import { AppError } from "../../../platform/errors.ts";
import type { RouteModule } from "../../../platform/http/app.ts";
import { runOperation } from "../../../platform/operations.ts";
import { actorOf } from "../../identity/identity.service.ts";
import { invalidateTariffCache } from "../tariffs.cache.ts";
import { ratesFromFile } from "./fx.import.ts";
import { FX_SOURCES } from "./fx.parse.ts";
import { ZMonthlyQuery, ZMonthlyRate, ZRate, ZRateQuery } from "./fx.schema.ts";
import { importRates, monthlyAverage, rateInForce } from "./fx.service.ts";

const tags = ["exchange rates"];

export const fxRoutes: RouteModule = (app, deps) => {
  // Rate files arrive as they were downloaded: XML in its declared encoding, or CSV.
  for (const type of ["application/xml", "text/xml", "text/csv", "application/octet-stream"]) {
    if (!app.hasContentTypeParser(type)) {
      app.addContentTypeParser(type, { parseAs: "buffer", bodyLimit: 20 * 1024 * 1024 }, (_req, body, done) =>
        done(null, body),
      );
    }
  }

  app.route({
    method: "POST",
    url: "/api/v1/fx/rates/import",
    config: { policy: requireRole("statistician", "platform_admin") },
    schema: {
      tags,
      summary:
        "Import a Bank of Russia XML_daily / XML_dynamic file or a CFETS CSV (raw body); a malformed file imports nothing",
      querystring: z.object({
        format: z.enum(FX_SOURCES),
        currency: z
          .string()
          .regex(/^[A-Za-z]{3}$/)
          .optional(),
      }),
      response: {
        200: z.object({
          imported: z.number().int(),
          from: z.string().nullable(),
          to: z.string().nullable(),
          source: z.string(),
        }),
      },
    },
    handler: async (request) => {
      if (!request.auth) throw new AppError("UNAUTHENTICATED");
      if (!Buffer.isBuffer(request.body)) throw new AppError("UNSUPPORTED_MEDIA_TYPE");
      const parsed = ratesFromFile(
        request.query.format,
        request.body,
        request.locale,
        request.query.currency ? { charCode: request.query.currency.toUpperCase() } : {},
      );
      const result = await runOperation(operationDeps(deps), importRates, parsed, {
        actor: actorOf(request.auth),
        requestId: request.id,
      });
      invalidateTariffCache(deps.db.db);
      return { ...result, source: parsed.source };
    },
  });

  app.route({
    method: "GET",
    url: "/api/v1/fx/rates",
    config: { policy: PUBLIC },
    schema: {
      tags,
      summary:
        "Official rate in force on a date (last published on or before it), direct or crossed through RUB/CNY/USD",
      querystring: ZRateQuery,
      response: { 200: ZRate },
    },
    handler: async (request) =>
      rateInForce(deps.db.db, request.query.base, request.query.quote, request.query.date),
  });

  app.route({
    method: "GET",
    url: "/api/v1/fx/monthly",
    config: { policy: PUBLIC },
    schema: {
      tags,
      summary: "Statistical rate of a month: the average of the official daily rates published in it",
      querystring: ZMonthlyQuery,
      response: { 200: ZMonthlyRate },
    },
    handler: async (request) =>
      monthlyAverage(deps.db.db, request.query.base, request.query.quote, request.query.month),
  });
};
