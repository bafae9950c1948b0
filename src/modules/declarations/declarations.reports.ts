import type { Executor } from "../../platform/db/db.ts";
import { type Locale, t } from "../../platform/i18n/i18n.ts";
import { Dec } from "../../platform/money.ts";
import type { Lane } from "./declarations.codes.ts";
import * as repo from "./declarations.repository.ts";

/** Ports' load per day and the mutual-recognition report, computed from the declarations of the reader's sides. */

const DAY = 86_400_000;

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/** Nearest-rank percentile of sorted values (p in 0..100). */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? null;
}

const minutesBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 60_000);

interface DayAcc {
  submitted: number;
  released: number;
  grossKg: InstanceType<typeof Dec>;
  vehicles: number;
  wagons: number;
  clearance: number[];
}

export async function portLoad(
  db: Executor,
  sides: readonly ("CN" | "RU")[],
  q: { from?: string | undefined; to?: string | undefined; port?: string | undefined },
  now: Date,
) {
  const to = q.to ?? now.toISOString().slice(0, 10);
  const from = q.from ?? addDays(to, -13);
  const end = `${addDays(to, 1)}T00:00:00.000Z`;
  const rows = await repo.declarationsForLoad(db, sides, `${from}T00:00:00.000Z`, end, q.port);
  const [queue, ports] = await Promise.all([
    repo.openQueue(db, sides),
    db
      .selectFrom("border_ports")
      .select(["id", "position", "capacity_vehicles", "capacity_wagons", "capacity_tonnes"])
      .execute(),
  ]);
  const groups = new Map<string, Map<string, DayAcc>>();
  const day = (key: string, date: string): DayAcc => {
    const g = groups.get(key) ?? new Map<string, DayAcc>();
    groups.set(key, g);
    const d = g.get(date) ?? {
      submitted: 0,
      released: 0,
      grossKg: new Dec(0),
      vehicles: 0,
      wagons: 0,
      clearance: [],
    };
    g.set(date, d);
    return d;
  };
  for (const r of rows) {
    const key = `${r.port_id}|${r.side}`;
    if (!r.submitted_at) continue;
    const d = day(key, r.submitted_at.slice(0, 10));
    d.submitted += 1;
    d.grossKg = d.grossKg.plus(r.total_gross_kg);
    if (r.transport_mode === "road") d.vehicles += Number(r.conveyances);
    if (r.transport_mode === "rail") d.wagons += Number(r.conveyances);
    if (r.released_at && r.released_at < end) {
      const rd = day(key, r.released_at.slice(0, 10));
      rd.released += 1;
      rd.clearance.push(minutesBetween(r.submitted_at, r.released_at));
    }
  }
  const queues = new Map<string, Record<Lane, number>>();
  for (const row of queue) {
    const key = `${row.port_id}|${row.side}`;
    const qq = queues.get(key) ?? { green: 0, blue: 0, yellow: 0, red: 0 };
    if (row.lane) qq[row.lane] += Number(row.n);
    queues.set(key, qq);
  }
  const keys = new Set([...groups.keys(), ...queues.keys()]);
  if (q.port) for (const s of sides) keys.add(`${q.port}|${s}`);
  const portById = new Map(ports.map((p) => [p.id, p]));
  const dates: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) dates.push(d);
  const out = [...keys]
    .filter((k) => !q.port || k.startsWith(`${q.port}|`))
    .map((key) => {
      const [portId = "", side = "CN"] = key.split("|");
      const p = portById.get(portId);
      const g = groups.get(key);
      return {
        portId,
        side: side as "CN" | "RU",
        position: Number(p?.position ?? 999),
        capacity: {
          vehicles: p?.capacity_vehicles ?? null,
          wagons: p?.capacity_wagons ?? null,
          tonnes: p?.capacity_tonnes ?? null,
        },
        queue: queues.get(key) ?? { green: 0, blue: 0, yellow: 0, red: 0 },
        days: dates.map((date) => {
          const d = g?.get(date);
          const sorted = [...(d?.clearance ?? [])].sort((a, b) => a - b);
          return {
            date,
            submitted: d?.submitted ?? 0,
            released: d?.released ?? 0,
            tonnes: (d?.grossKg ?? new Dec(0)).div(1000).toDecimalPlaces(3, Dec.ROUND_HALF_UP).toFixed(3),
            vehicles: d?.vehicles ?? 0,
            wagons: d?.wagons ?? 0,
            medianMinutes: percentile(sorted, 50),
            p90Minutes: percentile(sorted, 90),
          };
        }),
      };
    })
    .sort((a, b) => a.position - b.position || a.side.localeCompare(b.side))
    .map(({ position: _position, ...rest }) => rest);
  return { from, to, sides: [...sides], ports: out };
}

function monthsBack(now: Date, n: number): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - n, 1));
  return d.toISOString().slice(0, 7);
}

function nextMonth(month: string): string {
  const [y = 0, m = 1] = month.split("-").map(Number);
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 7);
}

/**
 * Per port and month: declarations whose lane recognition lowered, inspections (red → yellow) and
 * document checks (yellow → green) avoided, and clearance time saved: for each recognized and
 * released declaration, the median clearance time at the same port of declarations that stayed in
 * its original lane, less its own clearance time (no baseline: not counted).
 */
export async function recognitionReport(
  db: Executor,
  sides: readonly ("CN" | "RU")[],
  q: { from?: string | undefined; to?: string | undefined },
  locale: Locale,
  now: Date,
) {
  const to = q.to ?? now.toISOString().slice(0, 7);
  const from = q.from ?? monthsBack(now, 11);
  const rows = await repo.declarationsForLoad(
    db,
    sides,
    `${from}-01T00:00:00.000Z`,
    `${nextMonth(to)}-01T00:00:00.000Z`,
  );
  const baseline = new Map<string, number[]>();
  for (const r of rows) {
    if (r.recognition_basis || !r.lane || !r.released_at || !r.submitted_at) continue;
    const key = `${r.port_id}|${r.side}|${r.lane}`;
    baseline.set(key, [...(baseline.get(key) ?? []), minutesBetween(r.submitted_at, r.released_at)]);
  }
  const medians = new Map(
    [...baseline].map(([k, v]) => [
      k,
      percentile(
        [...v].sort((a, b) => a - b),
        50,
      ),
    ]),
  );
  const groups = new Map<
    string,
    { recognized: number; inspectionsAvoided: number; documentChecksAvoided: number; saved: number | null }
  >();
  for (const r of rows) {
    if (!r.recognition_basis || !r.submitted_at) continue;
    const key = `${r.port_id}|${r.side}|${r.submitted_at.slice(0, 7)}`;
    const g = groups.get(key) ?? {
      recognized: 0,
      inspectionsAvoided: 0,
      documentChecksAvoided: 0,
      saved: null,
    };
    g.recognized += 1;
    if (r.recognized_from === "red") g.inspectionsAvoided += 1;
    if (r.recognized_from === "yellow") g.documentChecksAvoided += 1;
    const base = medians.get(`${r.port_id}|${r.side}|${r.recognized_from}`);
    if (r.released_at && base !== undefined && base !== null) {
      g.saved = (g.saved ?? 0) + Math.max(0, base - minutesBetween(r.submitted_at, r.released_at));
    }
    groups.set(key, g);
  }
  const items = [...groups]
    .map(([key, g]) => {
      const [portId = "", side = "CN", month = ""] = key.split("|");
      return {
        portId,
        side: side as "CN" | "RU",
        month,
        recognized: g.recognized,
        inspectionsAvoided: g.inspectionsAvoided,
        documentChecksAvoided: g.documentChecksAvoided,
        minutesSaved: g.saved,
      };
    })
    .sort((a, b) => b.month.localeCompare(a.month) || a.portId.localeCompare(b.portId));
  return { items, method: t(locale, "declarations.report.method") };
}
