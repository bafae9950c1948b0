import type { Executor } from "../../platform/db/db.ts";
import type { KbDocumentsTable } from "../../platform/db/schema.ts";
import { type Locale, t } from "../../platform/i18n/i18n.ts";
import { loadPortNames, portLabel } from "../declarations/declarations.presenter.ts";
import * as quotasRepo from "../quotas/quotas.repository.ts";
import { codesLabel } from "../tariffs/tariffs.presenter.ts";
import * as tariffsRepo from "../tariffs/tariffs.repository.ts";
import { hsOverlaps, inForceOn } from "./knowledge.search.ts";
import { currentVersions } from "./knowledge.service.ts";

/**
 * "What applies to me": for goods (an HS code), a direction and a border port on a date — the documents
 * in force on each side and between them, each side's duty, VAT and prohibition rules for the code, and
 * the quota pools whose licences the goods need, in one answer.
 */

function titlesOf(versions: Awaited<ReturnType<typeof currentVersions>>, id: string) {
  const of = (lang: string) => versions.find((v) => v.document_id === id && v.lang === lang)?.title ?? null;
  return { zh: of("zh"), ru: of("ru"), en: of("en") };
}

export async function whatApplies(
  db: Executor,
  q: { hs: string; direction: "CN_TO_RU" | "RU_TO_CN"; port?: string | undefined; date: string },
  locale: Locale,
) {
  const code = q.hs;
  await loadPortNames(db);
  const docs = (
    await db.selectFrom("kb_documents").selectAll().where("status", "in", ["published", "repealed"]).execute()
  ).filter((d) => inForceOn(d, q.date));
  const versions = await currentVersions(
    db,
    docs.map((d) => d.id),
  );
  const relevant = (d: KbDocumentsTable): string | null => {
    const hs = JSON.parse(d.hs_prefixes) as string[];
    const ports = JSON.parse(d.ports) as string[];
    if (q.port && ports.includes(q.port))
      return t(locale, "knowledge.applies.reason_port", { port: portLabel(q.port, locale) });
    if (hs.length > 0 && hsOverlaps(hs, code))
      return t(locale, "knowledge.applies.reason_hs", {
        prefixes: hs.filter((p) => code.startsWith(p) || p.startsWith(code)).join(", "),
      });
    if (hs.length === 0 && ports.length === 0) return t(locale, "knowledge.applies.reason_general");
    return null;
  };
  const brief = (d: KbDocumentsTable, reason: string) => ({
    id: d.id,
    kind: d.kind as "law",
    side: d.side,
    number: d.number,
    status: d.status,
    titles: titlesOf(versions, d.id),
    originalLang: d.original_lang,
    effectiveOn: d.effective_on,
    repealedOn: d.repealed_on,
    reason,
  });
  const [exporter, importer] = q.direction === "CN_TO_RU" ? (["CN", "RU"] as const) : (["RU", "CN"] as const);
  const sides = [];
  for (const [side, flow] of [
    [exporter, "export"],
    [importer, "import"],
  ] as const) {
    const inForce = (await tariffsRepo.listRules(db, { side, hs: code })).filter(
      (r) =>
        r.flow === flow && !r.zone && r.valid_from <= q.date && (r.valid_to === null || r.valid_to >= q.date),
    );
    // The most specific rule of each kind covering the whole code; and rules for parts of it (a
    // longer code: "4403" asked, a ban on 440321) so a part's prohibition is never missed.
    const best = new Map<string, (typeof inForce)[number]>();
    for (const r of inForce.filter((x) => code.startsWith(x.hs_prefix))) {
      const cur = best.get(r.kind);
      if (!cur || r.hs_prefix.length > cur.hs_prefix.length) best.set(r.kind, r);
    }
    const parts = inForce.filter((x) => x.hs_prefix.length > code.length && x.hs_prefix.startsWith(code));
    const pools = (await quotasRepo.poolsInForce(db, side, flow, q.date)).filter((p) =>
      (JSON.parse(p.hs_prefixes) as string[]).some((prefix) => code.startsWith(prefix)),
    );
    sides.push({
      side,
      flow,
      documents: docs
        .filter((d) => d.side === side)
        .map((d) => ({ d, reason: relevant(d) }))
        .filter((x): x is { d: KbDocumentsTable; reason: string } => x.reason !== null)
        .map((x) => brief(x.d, x.reason)),
      rules: [...best.values(), ...parts].map((r) => ({
        kind: r.kind,
        hsPrefix: r.hs_prefix,
        text:
          r.kind === "prohibition"
            ? t(locale, "knowledge.applies.prohibition", {
                prefix: codesLabel(locale, r.hs_prefix),
                since: r.valid_from,
              })
            : r.kind === "vat"
              ? t(locale, "knowledge.applies.vat", {
                  pct: r.ad_valorem ?? "0",
                  prefix: codesLabel(locale, r.hs_prefix),
                })
              : t(locale, "knowledge.applies.duty", {
                  pct: r.ad_valorem ?? "0",
                  specific: r.specific_amount
                    ? `${r.specific_amount} ${r.specific_currency}/${r.specific_unit}`
                    : "—",
                  prefix: codesLabel(locale, r.hs_prefix),
                }),
        legalRef: r.legal_ref,
        source: r.source,
      })),
      prohibited: best.has("prohibition"),
      prohibitedPart: parts.some((r) => r.kind === "prohibition"),
      quotas: pools.map((p) => ({
        poolId: p.id,
        names: { zh: p.name_zh, ru: p.name_ru, en: p.name_en },
        unit: p.unit === "value" ? (p.currency ?? "value") : p.unit,
        text: t(locale, "knowledge.applies.licence_needed", { period: `${p.period_from} — ${p.period_to}` }),
      })),
    });
  }
  const bilateral = docs
    .filter((d) => d.side === "bilateral")
    .map((d) => ({ d, reason: relevant(d) }))
    .filter((x): x is { d: KbDocumentsTable; reason: string } => x.reason !== null)
    .map((x) => brief(x.d, x.reason));
  return {
    hs: code,
    direction: q.direction,
    date: q.date,
    sides,
    bilateral,
    notes: [{ key: "knowledge.applies.note", text: t(locale, "knowledge.applies.note") }],
  };
}
