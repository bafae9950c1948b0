import type { Executor } from "../../platform/db/db.ts";
import type { BorderPortsTable, RiskRulesTable, RiskSettingsTable } from "../../platform/db/schema.ts";
import { snapshotEvery } from "../../platform/db/snapshot.ts";
import * as repo from "./declarations.repository.ts";
import { DEFAULT_RISK_SETTINGS, type RiskRule, type RiskSettingsData } from "./risk.ts";

/**
 * In-memory copies of what every submission reads: ports, countries, current currencies, risk rules
 * and settings. Reference tables change only when reference data is loaded; they are re-read every
 * REFERENCE_TTL_MS. Risk rules and settings are dropped at once by this process's changes and
 * revalidated every second against the tables (changes by another process).
 */
const REFERENCE_TTL_MS = 10_000;
const RISK_REVALIDATE_MS = 1000;

interface ReferenceSnapshot {
  ports: Map<string, BorderPortsTable & { modes: string[]; hasRu: boolean }>;
  countries: Set<string>;
  currencies: Set<string>;
}

interface RiskSnapshot {
  generation: number;
  checkedAt: number;
  stamp: string;
  rules: RiskRule[];
  settings: Map<"CN" | "RU", { data: RiskSettingsData; row: RiskSettingsTable | null }>;
}

const risks = new WeakMap<object, RiskSnapshot>();
/** Raised by every change this process makes to rules or settings; older snapshots are then reloaded. */
let generation = 0;

export const referenceSnapshot = snapshotEvery(REFERENCE_TTL_MS, async (db): Promise<ReferenceSnapshot> => {
  const [ports, countries, currencies] = await Promise.all([
    db.selectFrom("border_ports").selectAll().execute(),
    db.selectFrom("countries").select("alpha2").execute(),
    db.selectFrom("currencies").select("code").where("is_current", "=", 1).execute(),
  ]);
  return {
    ports: new Map(
      ports.map((p) => {
        const data = JSON.parse(p.data) as { modes?: string[]; ru?: unknown };
        return [p.id, { ...p, modes: data.modes ?? [], hasRu: data.ru !== null && data.ru !== undefined }];
      }),
    ),
    countries: new Set(countries.map((c) => c.alpha2)),
    currencies: new Set(currencies.map((c) => c.code)),
  };
});

export function riskRuleOf(r: RiskRulesTable): RiskRule {
  return {
    id: r.id,
    ruleKey: r.rule_key,
    version: Number(r.version),
    side: r.side,
    name: r.name,
    conditions: JSON.parse(r.conditions) as RiskRule["conditions"],
    lane: r.lane,
    score: r.score === null ? null : Number(r.score),
    active: Number(r.active) === 1,
  };
}

export function settingsOf(row: RiskSettingsTable | undefined | null): RiskSettingsData {
  return row ? (JSON.parse(row.data) as RiskSettingsData) : DEFAULT_RISK_SETTINGS;
}

export async function riskSnapshot(db: Executor, now = Date.now()): Promise<RiskSnapshot> {
  let s = risks.get(db);
  if (s && s.generation === generation && now - s.checkedAt < RISK_REVALIDATE_MS) return s;
  const stamp = await repo.riskStamp(db);
  if (!s || s.stamp !== stamp || s.generation !== generation) {
    const [rules, settings] = await Promise.all([repo.currentRiskRules(db), repo.currentSettings(db)]);
    const bySide = new Map<"CN" | "RU", { data: RiskSettingsData; row: RiskSettingsTable | null }>();
    for (const side of ["CN", "RU"] as const) {
      const row = settings.find((r) => r.side === side) ?? null;
      bySide.set(side, { data: settingsOf(row), row });
    }
    s = { generation, checkedAt: now, stamp, rules: rules.map(riskRuleOf), settings: bySide };
    risks.set(db, s);
  } else {
    s.checkedAt = now;
  }
  return s;
}

export function invalidateRiskCache(): void {
  generation += 1;
}
