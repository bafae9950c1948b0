import type { Side } from "../../platform/auth/policy.ts";
import type { EnterprisesTable } from "../../platform/db/schema.ts";
import { snapshotEvery } from "../../platform/db/snapshot.ts";
import type { AppDeps } from "../../platform/deps.ts";
import type { Locale } from "../../platform/i18n/i18n.ts";
import { searchScope } from "../../platform/search/search.ts";
import { presentEnterprise } from "./registry.presenter.ts";
import * as repo from "./registry.repository.ts";
import type { TEnterprise } from "./registry.schema.ts";
import { ENTERPRISE_SEARCH_SCOPE } from "./registry.service.ts";

/** Reading the registry: enterprises in the API shape, and the public directory search. */

// Regions are reference data, replaced only when reference data is loaded; every presented
// enterprise needs its region's names, so the table is kept in memory and re-read every 10 s.
const regionsByCode = snapshotEvery(
  10_000,
  async (db) => new Map((await repo.listRegions(db)).map((r) => [r.code, r])),
);

export async function presentMany(
  deps: AppDeps,
  rows: readonly EnterprisesTable[],
  locale: Locale,
): Promise<TEnterprise[]> {
  const db = deps.db.db;
  const regions = await regionsByCode(db);
  const trust = new Map(
    (
      await repo.findTrustProfiles(
        db,
        rows.map((r) => r.id),
      )
    ).map((p) => [p.enterprise_id, p]),
  );
  return rows.map((r) => presentEnterprise(r, locale, regions.get(r.region), trust.get(r.id)));
}

export async function presentOne(deps: AppDeps, row: EnterprisesTable, locale: Locale): Promise<TEnterprise> {
  const [one] = await presentMany(deps, [row], locale);
  if (!one) throw new Error("presentMany lost a row");
  return one;
}

/**
 * What in a query may be an identifier or its beginning: 4 to 18 digits and Latin letters with at least
 * one digit, once spaces and hyphens are gone, in capitals (USCCs are stored so; INN and OGRN are digits).
 */
export function identifierQuery(q: string): string | null {
  const v = q.replace(/[\s-]/g, "").toUpperCase();
  return /^[0-9A-Z]{4,18}$/.test(v) && /\d/.test(v) ? v : null;
}

/**
 * The public directory: full-text search over names in every language, identifiers (USCC, INN,
 * OGRN/OGRNIP, whole or their beginning) through their own indexes, with filters.
 */
export async function searchDirectory(
  deps: AppDeps,
  query: {
    q?: string | undefined;
    side?: Side | undefined;
    region?: string | undefined;
    hsChapter?: string | undefined;
    verified?: "true" | "false" | undefined;
    limit: number;
    cursor?: string | undefined;
  },
  locale: Locale,
) {
  const db = deps.db.db;
  const offset = Math.max(0, Number(query.cursor ?? 0) || 0);
  const filter = {
    side: query.side,
    region: query.region,
    hsChapter: query.hsChapter,
    verifiedOnly: query.verified === "true",
  };
  let rows: EnterprisesTable[];
  if (query.q) {
    // Rank by relevance, then apply the filters to the ranked candidates. Without filters only the
    // requested page of hits is needed.
    const filtered = Boolean(filter.side || filter.region || filter.hsChapter || filter.verifiedOnly);
    const wanted = filtered ? 200 : offset + query.limit + 1;
    // An identifier names one enterprise: its matches come first. The words are searched as well,
    // since a number may be part of a name.
    const asIdentifier = identifierQuery(query.q);
    const byIdentifier = asIdentifier ? await repo.idsByIdentifier(db, asIdentifier, wanted) : [];
    const hits = await searchScope(db, deps.db.dialect, ENTERPRISE_SEARCH_SCOPE, query.q, wanted);
    let ids = [...new Set([...byIdentifier, ...hits.map((h) => h.ref)])];
    if (filtered) {
      const pass = await repo.filterDirectoryIds(db, ids, filter);
      ids = ids.filter((id) => pass.has(id));
    }
    const pageIds = ids.slice(offset, offset + query.limit + 1);
    const byId = new Map((await repo.findEnterprisesByIds(db, pageIds)).map((r) => [r.id, r]));
    rows = pageIds
      .map((id) => byId.get(id))
      .filter((r): r is EnterprisesTable => r !== undefined && r.status !== "rejected");
  } else {
    rows = await repo.listDirectory(db, filter, query.limit + 1, offset);
  }
  const page = rows.slice(0, query.limit);
  return {
    items: await presentMany(deps, page, locale),
    nextCursor: rows.length > query.limit ? String(offset + query.limit) : null,
  };
}
