import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { repoRoot } from "../../platform/config.ts";
import { type DemoSeeder, prng } from "../../platform/seed.ts";
import { saveCaliber, ZCaliberMapping } from "./statistics.caliber.ts";
import { PLATFORM_SOURCE } from "./statistics.facts.ts";
import { rebuildPlatformFacts } from "./statistics.service.ts";
import { type Fact, type StatsStore, statsStoreFor } from "./stats.store.ts";

/** The demo's figures of the importing side's customs (sample; see seedPartnerFigures). */
export const PARTNER_SAMPLE = {
  id: "sample-partner-customs",
  source: "partner-customs-sample",
  caliber: "sample",
  fileName: "sample-partner-customs-imports (generated)",
} as const;

/**
 * Per chapter, how the importing side's figure differs from the exporter's in the demo beyond the
 * CIF/FOB margin: the team's illustration of the gaps mirror statistics meets (apparel and footwear
 * partly cleared under simplified channels, vehicles valued with their delivery, timber re-measured on
 * arrival), not measured figures.
 */
const CHAPTER_GAP: Readonly<Record<string, number>> = {
  "61": 0.7,
  "62": 0.7,
  "64": 0.65,
  "87": 1.1,
  "44": 0.9,
};

/**
 * The other half of the mirror in the demo: for every month's platform exports of one side to the
 * other (by HS subheading), the importing side's customs figure of the same goods, as a published
 * dataset labelled sample. It is the exporter's value with a CIF margin of 4–7 %, the illustrative
 * gaps above, weights within 2 %, and about one shipment in eight counted a month later (goods that
 * crossed at the month's end), never past the last month there is. Deterministic; a second call does
 * nothing. Returns the number of facts stored.
 */
export async function seedPartnerFigures(store: StatsStore): Promise<number> {
  const have = await store.all("select id from datasets where id = $1", [PARTNER_SAMPLE.id]);
  if (have.length > 0) return 0;
  const rows = await store.all<
    Pick<
      Fact,
      | "reporter"
      | "hs_section"
      | "hs_chapter"
      | "hs_heading"
      | "hs_subheading"
      | "trade_mode"
      | "transport_mode"
      | "quantity_unit"
    > & {
      month: string;
      partner: string;
      usd: bigint | null;
      cny: bigint | null;
      rub: bigint | null;
      grams: bigint | null;
      milli: bigint | null;
    }
  >(
    `select month, reporter, partner, hs_section, hs_chapter, hs_heading, hs_subheading, trade_mode,
       transport_mode, quantity_unit, sum(value_usd) as usd, sum(value_cny) as cny, sum(value_rub) as rub,
       sum(net_g) as grams, sum(quantity_milli) as milli
     from facts
     where source = $1 and flow = 'export' and month is not null
       and ((reporter = 'CN' and partner = 'RU') or (reporter = 'RU' and partner = 'CN'))
     group by all order by all`,
    [PLATFORM_SOURCE],
  );
  if (rows.length === 0) return 0;
  const last = rows.reduce((m, r) => (r.month > m ? r.month : m), "");
  const nextMonth = (month: string) => {
    const y = Number(month.slice(0, 4));
    const m = Number(month.slice(5, 7));
    return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
  };
  const rand = prng(20261122);
  // Exact: every amount is scaled by a whole number of thousandths.
  const scale = (v: bigint | null, permille: bigint) => (v === null ? null : (BigInt(v) * permille) / 1000n);
  const facts: Fact[] = rows.map((r, i) => {
    const gap = CHAPTER_GAP[r.hs_chapter ?? ""] ?? 1;
    const value = BigInt(Math.round((1.04 + rand() * 0.03) * gap * 1000));
    const weight = BigInt(Math.round((0.98 + rand() * 0.04) * 1000));
    const later = rand() < 0.125 && nextMonth(r.month) <= last;
    const month = later ? nextMonth(r.month) : r.month;
    const m = Number(month.slice(5, 7));
    const usd = scale(r.usd, value);
    return {
      fact_id: `${PARTNER_SAMPLE.id}:${i + 1}`,
      source: PARTNER_SAMPLE.source,
      caliber: PARTNER_SAMPLE.caliber,
      dataset_id: PARTNER_SAMPLE.id,
      event_id: null,
      published: true,
      month,
      year: Number(month.slice(0, 4)),
      quarter: Math.ceil(m / 3),
      reporter: r.partner,
      flow: "import",
      partner: r.reporter,
      port_id: null,
      region: null,
      hs_section: r.hs_section,
      hs_chapter: r.hs_chapter,
      hs_heading: r.hs_heading,
      hs_subheading: r.hs_subheading,
      trade_mode: r.trade_mode,
      transport_mode: r.transport_mode,
      value_usd: usd,
      value_cny: scale(r.cny, value),
      value_rub: scale(r.rub, value),
      net_g: scale(r.grams, weight),
      quantity_milli: r.milli === null ? null : BigInt(r.milli),
      quantity_unit: r.quantity_unit,
      records: 1,
      hs_level: r.hs_subheading ? 6 : r.hs_heading ? 4 : r.hs_chapter ? 2 : 0,
      orig_value: usd,
      orig_currency: "USD",
    };
  });
  await store.storeDataset(facts, {
    id: PARTNER_SAMPLE.id,
    source: PARTNER_SAMPLE.source,
    caliber: PARTNER_SAMPLE.caliber,
    fileHash: createHash("sha256").update(`amur demo ${PARTNER_SAMPLE.id} v1`).digest("hex"),
    fileName: PARTNER_SAMPLE.fileName,
    published: true,
    by: null,
  });
  return facts.length;
}

/**
 * After the demo declarations: their facts are computed at once (a rebuild) instead of one outbox
 * delivery per release, and the outbox is told the statistics handler has nothing left to do for those
 * releases, so a new server answers at once instead of working through two years of events.
 */
/** The sample province table's caliber (data/samples/statistics), saved in the demo as this name. */
export const SAMPLE_CALIBER = {
  name: "hlj-monthly",
  file: path.join(repoRoot, "data/samples/statistics/hlj-monthly.caliber.json"),
} as const;

/**
 * Saves the sample caliber, so that a statistician can import the sample province table through it
 * at once (journey 6). Not when a caliber of that name exists, nor where the samples are not installed.
 */
export async function seedSampleCaliber(store: StatsStore): Promise<number> {
  if (!fs.existsSync(SAMPLE_CALIBER.file)) return 0;
  const have = await store.all("select name from calibers where name = $1", [SAMPLE_CALIBER.name]);
  if (have.length > 0) return 0;
  const mapping = ZCaliberMapping.parse(JSON.parse(fs.readFileSync(SAMPLE_CALIBER.file, "utf8")));
  await saveCaliber(store, SAMPLE_CALIBER.name, mapping, "demo");
  return 1;
}

export const statisticsDemoSeeder: DemoSeeder = {
  name: "statistics",
  async run(deps) {
    const store = statsStoreFor(deps.db.db, deps.config);
    const calibers = await seedSampleCaliber(store);
    const have = await store.all<{ n: bigint }>("select count(*) as n from facts where source = 'platform'");
    if (Number(have[0]?.n ?? 0) > 0) return { created: calibers + (await seedPartnerFigures(store)) };
    const pending = await deps.db.db
      .selectFrom("outbox")
      .select("event_id")
      .where("type", "=", "declaration.released")
      .where("status", "=", "pending")
      .execute();
    const r = await rebuildPlatformFacts(deps.db.db, store);
    const at = deps.clock.now().toISOString();
    for (let i = 0; i < pending.length; i += 500) {
      const part = pending.slice(i, i + 500);
      await deps.db.db
        .insertInto("outbox_deliveries")
        .values(part.map((e) => ({ event_id: e.event_id, handler: "statistics-facts", delivered_at: at })))
        .onConflict((oc) => oc.doNothing())
        .execute();
      await store.exclusive(async (c) => {
        for (const e of part)
          await c.run("insert or ignore into processed_events values ($1, $2)", [e.event_id, at]);
      });
    }
    return { created: calibers + r.facts + (await seedPartnerFigures(store)) };
  },
};
