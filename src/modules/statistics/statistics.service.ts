import type { Executor } from "../../platform/db/db.ts";
import { t } from "../../platform/i18n/i18n.ts";
import { factsOfDeclaration, MonthlyRates, PLATFORM_SOURCE } from "./statistics.facts.ts";
import { type Fact, StatsStore } from "./stats.store.ts";

/** `amur stats rebuild` and `amur stats check`: platform facts recomputed from, and proved against, declarations. */

export async function rebuildPlatformFacts(
  db: Executor,
  store: StatsStore,
  onProgress?: (done: number, total: number) => void,
): Promise<{ declarations: number; facts: number }> {
  const ids = await db
    .selectFrom("declarations")
    .select("id")
    .where("status", "=", "released")
    .orderBy("released_at")
    .execute();
  const rates = new MonthlyRates(db);
  const facts: Fact[] = [];
  let done = 0;
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500).map((r) => r.id);
    const [decls, lines] = await Promise.all([
      db.selectFrom("declarations").selectAll().where("id", "in", chunk).execute(),
      db
        .selectFrom("declaration_lines")
        .selectAll()
        .where("declaration_id", "in", chunk)
        .orderBy("line_no")
        .execute(),
    ]);
    for (const d of decls)
      facts.push(
        ...(await factsOfDeclaration(
          db,
          d,
          lines.filter((l) => l.declaration_id === d.id),
          rates,
          null,
        )),
      );
    done += chunk.length;
    onProgress?.(done, ids.length);
  }
  await store.transaction(async (c) => {
    await StatsStore.changeFacts(c, "delete", { source: PLATFORM_SOURCE });
    await StatsStore.appendFacts(c, facts);
  });
  return { declarations: ids.length, facts: facts.length };
}

export interface CheckLine {
  /** What was compared, as a catalogue key under statistics.check with its parameters. */
  check: "lines" | "net_weight" | "value" | "dataset_rows";
  params: Record<string, string>;
  /** The same in English (the CLI's words); the API puts it in the reader's language. */
  what: string;
  source: string;
  expected: string;
  actual: string;
  ok: boolean;
}

/**
 * Platform facts against the released declaration lines: count, net weight in grams and value in
 * minor units per original currency; imported datasets against their recorded row counts.
 */
export async function checkFacts(
  db: Executor,
  store: StatsStore,
): Promise<{ ok: boolean; lines: CheckLine[] }> {
  const lines: CheckLine[] = [];
  const src = await db
    .selectFrom("declaration_lines")
    .innerJoin("declarations", "declarations.id", "declaration_lines.declaration_id")
    .select(["declarations.currency", "declaration_lines.value", "declaration_lines.net_kg"])
    .where("declarations.status", "=", "released")
    .execute();
  const byCurrency = new Map<string, bigint>();
  let grams = 0n;
  for (const r of src) {
    const [i = "0", f = ""] = r.value.split(".");
    byCurrency.set(
      r.currency,
      (byCurrency.get(r.currency) ?? 0n) + BigInt(i) * 100n + BigInt(f.padEnd(2, "0").slice(0, 2)),
    );
    const [ki = "0", kf = ""] = r.net_kg.split(".");
    grams += BigInt(ki) * 1000n + BigInt(kf.padEnd(3, "0").slice(0, 3));
  }
  const facts = await store.all<{ n: bigint; g: bigint | null }>(
    "select count(*) as n, sum(net_g) as g from facts where source = $1",
    [PLATFORM_SOURCE],
  );
  const add = (check: CheckLine["check"], params: Record<string, string>, expected: bigint, actual: bigint) =>
    lines.push({
      check,
      params,
      what: t("en", `statistics.check.${check}`, params),
      source: PLATFORM_SOURCE,
      expected: String(expected),
      actual: String(actual),
      ok: expected === actual,
    });
  add("lines", {}, BigInt(src.length), BigInt(facts[0]?.n ?? 0));
  add("net_weight", {}, grams, BigInt(facts[0]?.g ?? 0));
  const values = await store.all<{ c: string; v: bigint }>(
    "select orig_currency as c, sum(orig_value) as v from facts where source = $1 group by 1",
    [PLATFORM_SOURCE],
  );
  const actual = new Map(values.map((v) => [v.c, BigInt(v.v)]));
  for (const c of new Set([...byCurrency.keys(), ...actual.keys()]))
    add("value", { currency: c }, byCurrency.get(c) ?? 0n, actual.get(c) ?? 0n);
  const datasets = await store.all<{ id: string; source: string; rows: bigint; n: bigint }>(
    "select d.id, d.source, d.rows, (select count(*) from facts f where f.dataset_id = d.id) as n from datasets d order by d.imported_at",
  );
  for (const d of datasets)
    lines.push({
      check: "dataset_rows",
      params: { dataset: d.id },
      what: t("en", "statistics.check.dataset_rows", { dataset: d.id }),
      source: d.source,
      expected: String(d.rows),
      actual: String(d.n),
      ok: BigInt(d.rows) === BigInt(d.n),
    });
  return { ok: lines.every((l) => l.ok), lines };
}
