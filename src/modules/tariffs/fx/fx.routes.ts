import { PUBLIC } from "../../../platform/auth/policy.ts";
import type { RouteModule } from "../../../platform/http/app.ts";
import { ZMonthlyQuery, ZMonthlyRate, ZRate, ZRateQuery } from "./fx.schema.ts";
import { monthlyAverage, rateInForce } from "./fx.service.ts";

const tags = ["exchange rates"];

export const fxRoutes: RouteModule = (app, deps) => {
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
