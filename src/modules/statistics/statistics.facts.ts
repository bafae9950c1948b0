import type { TConfig } from "../../platform/config.ts";
import type { Executor } from "../../platform/db/db.ts";
import type { DeclarationLinesTable, DeclarationsTable } from "../../platform/db/schema.ts";
import { isAppError } from "../../platform/errors.ts";
import { Dec } from "../../platform/money.ts";
import type { DomainEvent, EventHandler } from "../../platform/outbox/outbox.ts";
import { monthlyAverage } from "../tariffs/fx/fx.service.ts";
import { type Fact, StatsStore, statsStoreFor } from "./stats.store.ts";

/**
 * Platform facts: one per line of a released declaration, dated by the month of release, valued in
 * USD, CNY and RUB at the monthly average official rates of that month (null where no rate is known),
 * with the original amount kept for the check. Fed by the outbox (`declaration.released`), once per
 * event; `amur stats rebuild` recomputes them all.
 */

export const PLATFORM_SOURCE = "platform";

/** Monthly average rates, remembered for a run (rebuilds convert thousands of lines per month). */
export class MonthlyRates {
  #cache = new Map<string, Promise<string | null>>();
  readonly #db: Executor;

  constructor(db: Executor) {
    this.#db = db;
  }

  rate(base: string, quote: string, month: string): Promise<string | null> {
    if (base === quote) return Promise.resolve("1");
    const key = `${base}|${quote}|${month}`;
    let r = this.#cache.get(key);
    if (!r) {
      r = monthlyAverage(this.#db, base, quote, month).then(
        (m) => m.rate,
        (e) => {
          if (isAppError(e) && e.code === "FX_RATE_NOT_FOUND") return null;
          throw e;
        },
      );
      this.#cache.set(key, r);
    }
    return r;
  }

  /** Amount (decimal string) in `base` → minor units of `quote`, half-up; null without a rate. */
  async convert(amount: string, base: string, quote: string, month: string): Promise<bigint | null> {
    const rate = await this.rate(base, quote, month);
    if (rate === null) return null;
    return BigInt(new Dec(amount).mul(rate).mul(100).toDecimalPlaces(0, Dec.ROUND_HALF_UP).toFixed(0));
  }
}

let sectionsCache: WeakMap<object, Promise<Map<string, string>>> = new WeakMap();

/** HS chapter → section (Roman numeral), from the reference data. */
export function chapterSections(db: Executor): Promise<Map<string, string>> {
  let m = sectionsCache.get(db);
  if (!m) {
    m = db
      .selectFrom("hs_nodes")
      .select(["code", "section_code"])
      .where("level", "=", "chapter")
      .execute()
      .then((rows) => new Map(rows.map((r) => [r.code, r.section_code ?? ""])));
    sectionsCache.set(db, m);
  }
  return m;
}

export function resetSectionCache(): void {
  sectionsCache = new WeakMap();
}

const toMinorBig = (amount: string, places: number) =>
  BigInt(
    new Dec(amount)
      .mul(10 ** places)
      .toDecimalPlaces(0, Dec.ROUND_HALF_UP)
      .toFixed(0),
  );

export async function factsOfDeclaration(
  db: Executor,
  d: DeclarationsTable,
  lines: readonly DeclarationLinesTable[],
  rates: MonthlyRates,
  eventId: string | null,
): Promise<Fact[]> {
  if (d.status !== "released" || !d.released_at) return [];
  const month = d.released_at.slice(0, 7);
  const year = Number(month.slice(0, 4));
  const sections = await chapterSections(db);
  const declarant = await db
    .selectFrom("enterprises")
    .select("region")
    .where("id", "=", d.declarant_id)
    .executeTakeFirst();
  const out: Fact[] = [];
  for (const l of lines) {
    const chapter = l.hs6.slice(0, 2);
    out.push({
      fact_id: `decl:${d.id}:${l.line_no}`,
      source: PLATFORM_SOURCE,
      caliber: PLATFORM_SOURCE,
      dataset_id: null,
      event_id: eventId,
      published: true,
      month,
      year,
      quarter: Math.ceil(Number(month.slice(5, 7)) / 3),
      reporter: d.side,
      flow: d.flow,
      partner: d.counterparty_country,
      port_id: d.port_id,
      region: declarant?.region ?? null,
      hs_section: sections.get(chapter) || null,
      hs_chapter: chapter,
      hs_heading: l.hs6.slice(0, 4),
      hs_subheading: l.hs6,
      trade_mode: d.unified_mode,
      transport_mode: d.transport_mode,
      value_usd: await rates.convert(l.value, d.currency, "USD", month),
      value_cny: await rates.convert(l.value, d.currency, "CNY", month),
      value_rub: await rates.convert(l.value, d.currency, "RUB", month),
      net_g: toMinorBig(l.net_kg, 3),
      quantity_milli: toMinorBig(l.quantity, 3),
      quantity_unit: l.unit,
      records: 1,
      hs_level: 6,
      orig_value: toMinorBig(l.value, 2),
      orig_currency: d.currency,
    });
  }
  return out;
}

async function recordDeclaration(
  db: Executor,
  store: StatsStore,
  declarationId: string,
  eventId: string,
): Promise<void> {
  const seen = await store.all("select 1 from processed_events where event_id = $1", [eventId]);
  if (seen.length > 0) return;
  const d = await db
    .selectFrom("declarations")
    .selectAll()
    .where("id", "=", declarationId)
    .executeTakeFirst();
  if (!d) return;
  const lines = await db
    .selectFrom("declaration_lines")
    .selectAll()
    .where("declaration_id", "=", d.id)
    .orderBy("line_no")
    .execute();
  const facts = await factsOfDeclaration(db, d, lines, new MonthlyRates(db), eventId);
  await store.transaction(async (c) => {
    await StatsStore.changeFacts(c, "delete", { idPart: `decl:${d.id}:` });
    await StatsStore.appendFacts(c, facts);
    await c.run("insert into processed_events values ($1, $2)", [eventId, new Date().toISOString()]);
  });
}

export function statisticsProjection(config: Pick<TConfig, "statsPath" | "statsThreads">): EventHandler {
  return {
    name: "statistics-facts",
    types: ["declaration.released"],
    handle: (event: DomainEvent, db) =>
      recordDeclaration(db, statsStoreFor(db, config), event.aggregateId ?? "", event.eventId),
  };
}
