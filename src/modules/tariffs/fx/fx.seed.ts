import { operationDeps } from "../../../platform/deps.ts";
import { Dec } from "../../../platform/money.ts";
import { runOperation, SYSTEM_ACTOR } from "../../../platform/operations.ts";
import type { DemoSeeder } from "../../../platform/seed.ts";
import { countRates } from "./fx.repository.ts";
import { importRates } from "./fx.service.ts";

/**
 * Illustrative daily rates (source "sample", flagged sample everywhere they show) so that the demo can
 * convert and assess before anyone imports the Bank of Russia's or CFETS's official files. The series
 * are smooth curves around plausible levels, not history.
 */
const SERIES: { base: string; level: number; swing: number; period: number }[] = [
  { base: "CNY", level: 12.2, swing: 1.1, period: 61 },
  { base: "USD", level: 88, swing: 7.5, period: 73 },
  { base: "EUR", level: 96, swing: 8, period: 83 },
];

/** The curves are anchored to a fixed day, so extending the range never changes a date's rate. */
const EPOCH = Date.parse("2025-01-01T00:00:00Z");

export function sampleRates(from: string, to: string) {
  const rates: { date: string; base: string; quote: string; rate: string }[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end; t += 86_400_000) {
    const day = Math.round((t - EPOCH) / 86_400_000);
    const d = new Date(t);
    const weekday = d.getUTCDay();
    if (weekday === 0 || weekday === 1) continue; // the Bank of Russia publishes Tuesday to Saturday
    const date = d.toISOString().slice(0, 10);
    for (const s of SERIES) {
      const value = s.level + s.swing * Math.sin((2 * Math.PI * day) / s.period);
      // The curve is only a shape; the stored rate is an exact 4-decimal string like the CBR's.
      rates.push({ date, base: s.base, quote: "RUB", rate: new Dec(value.toFixed(4)).toFixed(4) });
    }
  }
  return rates;
}

export const fxDemoSeeder: DemoSeeder = {
  name: "fx",
  async run(deps) {
    if (Number((await countRates(deps.db.db)).n) > 0) return { created: 0 };
    // Two years back from the demo's start (the statistics history) to the end of next year.
    const year = deps.clock.now().getUTCFullYear();
    const rates = sampleRates(`${Math.min(2024, year - 2)}-01-01`, `${Math.max(2026, year + 1)}-12-31`);
    await runOperation(
      operationDeps(deps),
      importRates,
      { source: "sample", publishedOn: null, rates, sample: true },
      { actor: SYSTEM_ACTOR },
    );
    return { created: rates.length };
  },
};
