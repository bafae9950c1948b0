import { afterAll, describe, expect, it } from "vitest";
import { mirror } from "./statistics.query.ts";
import { PARTNER_SAMPLE, SAMPLE_CALIBER, seedPartnerFigures, seedSampleCaliber } from "./statistics.seed.ts";
import { type Fact, StatsStore } from "./stats.store.ts";

// The demo's other half of the mirror: the importing side's figures made from the platform's exports.

const CHAPTERS = ["27", "44", "84", "64"] as const;

function exportFact(n: number, reporter: "CN" | "RU", month: string, chapter: string, usd: bigint): Fact {
  const sub = `${chapter}0110`;
  return {
    fact_id: `decl:test-${n}:1`,
    source: "platform",
    caliber: "platform",
    dataset_id: null,
    event_id: `ev-${n}`,
    published: true,
    month,
    year: Number(month.slice(0, 4)),
    quarter: Math.ceil(Number(month.slice(5, 7)) / 3),
    reporter,
    flow: "export",
    partner: reporter === "CN" ? "RU" : "CN",
    port_id: "heihe-blagoveshchensk",
    region: reporter === "CN" ? "CN-HL" : "RU-AMU",
    hs_section: "V",
    hs_chapter: chapter,
    hs_heading: sub.slice(0, 4),
    hs_subheading: sub,
    trade_mode: "general",
    transport_mode: "road",
    value_usd: usd,
    value_cny: usd * 7n,
    value_rub: usd * 90n,
    net_g: 1_000_000n + BigInt(n),
    quantity_milli: 5_000n,
    quantity_unit: "kg",
    records: 1,
    hs_level: 6,
    orig_value: usd * 7n,
    orig_currency: "CNY",
  };
}

describe("the demo's partner-side figures", () => {
  const store = new StatsStore(":memory:");
  afterAll(() => store.close());
  const months = ["2025-10", "2025-11", "2025-12", "2026-01"];
  const given: Fact[] = [];
  let n = 0;
  for (const month of months)
    for (const reporter of ["CN", "RU"] as const)
      for (const chapter of CHAPTERS) given.push(exportFact(n++, reporter, month, chapter, 1_000_000_00n));

  it("mirror every month's exports as the other side's imports, exactly once", async () => {
    await store.transaction((c) => StatsStore.appendFacts(c, given));
    const stored = await seedPartnerFigures(store);
    expect(stored).toBe(given.length);
    expect(await seedPartnerFigures(store)).toBe(0);

    const facts = await store.all<Fact>("select * from facts where dataset_id = $1", [PARTNER_SAMPLE.id]);
    expect(facts).toHaveLength(given.length);
    const [dataset] = await store.all<{ rows: bigint; published: boolean }>(
      "select rows, published from datasets where id = $1",
      [PARTNER_SAMPLE.id],
    );
    expect(Number(dataset?.rows)).toBe(given.length);
    expect(dataset?.published).toBe(true);
    for (const f of facts) {
      expect(f.flow).toBe("import");
      expect(f.source).toBe(PARTNER_SAMPLE.source);
      expect([f.reporter, f.partner].sort()).toEqual(["CN", "RU"]);
      // Never a month after the last one the platform has.
      expect(months).toContain(f.month);
    }
    // Per side and chapter the totals keep the stated margins: CIF 4–7 %, times the chapter's gap.
    const totals = await store.all<{ reporter: string; chapter: string; usd: bigint }>(
      "select reporter, hs_chapter as chapter, sum(value_usd) as usd from facts where dataset_id = $1 group by 1, 2",
      [PARTNER_SAMPLE.id],
    );
    expect(totals).toHaveLength(2 * CHAPTERS.length);
    for (const t of totals) {
      const exported = 1_000_000_00 * months.length;
      const gap = t.chapter === "44" ? 0.9 : t.chapter === "64" ? 0.65 : 1;
      const ratio = Number(t.usd) / exported;
      expect(ratio, `${t.reporter} ${t.chapter}`).toBeGreaterThanOrEqual(1.04 * gap - 0.001);
      expect(ratio, `${t.reporter} ${t.chapter}`).toBeLessThanOrEqual(1.07 * gap + 0.001);
    }
  });

  it("give the mirror report both sides of every year", async () => {
    const report = (exporter: "CN" | "RU", period: { from?: string; to?: string } = {}) =>
      mirror(
        store,
        {
          exporter,
          importer: exporter === "CN" ? "RU" : "CN",
          level: "chapter",
          by: "year",
          ...period,
          cifFobPct: "5",
          thresholdPct: "10",
          top: 3,
        },
        false,
      );
    for (const exporter of ["CN", "RU"] as const) {
      const all = await report(exporter);
      expect(all.rows.length).toBeGreaterThan(0);
      for (const row of all.rows) {
        expect(row.exportsReported, `${exporter} ${row.period} ${row.hs}`).not.toBeNull();
        expect(row.importsReportedCif, `${exporter} ${row.period} ${row.hs}`).not.toBeNull();
      }
      // Footwear's illustrated gap is flagged in every year of a period range.
      const whole = await report(exporter, { from: "2025", to: "2026" });
      const footwear = whole.rows.filter((r) => r.hs === "64");
      expect(footwear.every((r) => r.flagged)).toBe(true);
    }
  });
});

describe("the demo's sample caliber", () => {
  const store = new StatsStore(":memory:");
  afterAll(() => store.close());

  it("is saved once, from the sample file, ready for the sample province table", async () => {
    expect(await seedSampleCaliber(store)).toBe(1);
    expect(await seedSampleCaliber(store)).toBe(0);
    const rows = await store.all<{ name: string; mapping: string }>("select name, mapping from calibers");
    expect(rows.map((r) => r.name)).toEqual([SAMPLE_CALIBER.name]);
    const mapping = JSON.parse(rows[0]?.mapping ?? "{}");
    expect(mapping).toMatchObject({
      source: "hlj-sample",
      reporter: "CN",
      valueScale: "10000",
      fillDown: ["period", "flow"],
    });
    expect(mapping.values.tradeMode).toMatchObject({ 旅游购物: "tourism_shopping" });
  });
});
