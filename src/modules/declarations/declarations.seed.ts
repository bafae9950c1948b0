import { randomUUID } from "node:crypto";
import { operationDeps } from "../../platform/deps.ts";
import { Dec } from "../../platform/money.ts";
import { runOperation } from "../../platform/operations.ts";
import { type DemoSeeder, prng } from "../../platform/seed.ts";
import * as identityRepo from "../identity/identity.repository.ts";
import { DEMO_ORGANIZATIONS, demoActor } from "../identity/identity.seed.ts";
import { MonthlyRates } from "../statistics/statistics.facts.ts";
import { ensureDeclarationReference } from "./declarations.fixtures.ts";
import { changeRiskSettings, createRiskRule } from "./declarations.risk-admin.ts";
import type { TDeclarationInput } from "./declarations.schema.ts";
import {
  actOnDeclaration,
  assignLane,
  type OfficerAction,
  prepareDeclaration,
  saveDeclaration,
} from "./declarations.service.ts";
import { drawFor, type RiskSettingsData } from "./risk.ts";

/**
 * Sample declarations (labelled sample) that tell SCENARIOS.md journey 4 and fill two weeks of the
 * ports' dashboard, plus sample risk rules and settings for both sides. The green-corridor category
 * (fresh fruit and vegetables at Heihe–Blagoveshchensk) is a demo configuration, not an official list.
 */

const SETTINGS: Record<"CN" | "RU", RiskSettingsData> = {
  CN: { randomRates: { red: "2", yellow: "5" }, scoreThresholds: { yellow: 30, red: 60 }, greenCorridor: [] },
  RU: {
    randomRates: { red: "2", yellow: "5" },
    scoreThresholds: { yellow: 30, red: 60 },
    greenCorridor: [
      { hsPrefix: "07", portId: "heihe-blagoveshchensk", note: "Sample: fresh vegetables" },
      { hsPrefix: "08", portId: "heihe-blagoveshchensk", note: "Sample: fresh fruit" },
    ],
  },
};

const RULES = [
  {
    side: "CN" as const,
    name: "Fresh apples for export: phytosanitary inspection (sample rule)",
    conditions: { flow: "export" as const, hsPrefix: "0808" },
    lane: null,
    score: 60,
  },
  {
    side: "CN" as const,
    name: "Tyres declared under 1 USD/kg (sample value band)",
    conditions: { hsPrefix: "4011", valuePerKg: { min: "1" } },
    lane: "yellow" as const,
    score: null,
  },
  {
    side: "CN" as const,
    name: "Declarant trust score below 40 (sample rule)",
    conditions: { trustBelow: 40 },
    lane: null,
    score: 35,
  },
  {
    side: "RU" as const,
    name: "Свежие фрукты и овощи из-за рубежа: фитосанитарный досмотр (образец)",
    conditions: { flow: "import" as const, hsPrefix: "08" },
    lane: "red" as const,
    score: null,
  },
  {
    side: "RU" as const,
    name: "Экспорт пиломатериалов: документальный контроль (образец)",
    conditions: { flow: "export" as const, hsPrefix: "4407" },
    lane: "yellow" as const,
    score: null,
  },
  {
    side: "RU" as const,
    name: "Уголь ниже 40 долл./т (образец ценового диапазона)",
    conditions: { hsPrefix: "2701", valuePerKg: { min: "0.04" } },
    lane: null,
    score: 40,
  },
];

interface Template {
  org: string;
  side: "CN" | "RU";
  flow: "export" | "import";
  port: string;
  mode: "road" | "rail";
  tradeMode: string;
  counterparty: TDeclarationInput["counterparty"];
  lines: {
    code: string;
    description: string;
    qty: string;
    unit: "kg" | "t" | "m3" | "pcs" | "pair";
    netKg: string;
    value: string;
  }[];
}

const TEMPLATES: Template[] = [
  {
    org: "heihe_fruit",
    side: "CN",
    flow: "export",
    port: "heihe-blagoveshchensk",
    mode: "road",
    tradeMode: "4019",
    counterparty: { name: "ООО «Благовещенская плодоовощная база» (образец)", country: "RU" },
    lines: [
      {
        code: "0808100000",
        description: "鲜苹果 / Fresh apples",
        qty: "18000",
        unit: "kg",
        netKg: "18000",
        value: "90000.00",
      },
      {
        code: "0702000000",
        description: "鲜番茄 / Fresh tomatoes",
        qty: "4000",
        unit: "kg",
        netKg: "4000",
        value: "28000.00",
      },
    ],
  },
  {
    org: "suifenhe_parts",
    side: "CN",
    flow: "export",
    port: "suifenhe-pogranichny",
    mode: "rail",
    tradeMode: "0110",
    counterparty: { name: "ООО «Приморская техника» (образец)", country: "RU" },
    lines: [
      {
        code: "8431490000",
        description: "工程机械零件 / Parts of construction machinery",
        qty: "2400",
        unit: "kg",
        netKg: "2400",
        value: "168000.00",
      },
      {
        code: "4011100000",
        description: "轿车轮胎 / Car tyres",
        qty: "800",
        unit: "pcs",
        netKg: "7200",
        value: "224000.00",
      },
    ],
  },
  {
    org: "amur_timber",
    side: "RU",
    flow: "export",
    port: "heihe-blagoveshchensk",
    mode: "road",
    tradeMode: "10",
    counterparty: { name: "黑河示例木材加工有限公司（示例）", country: "CN" },
    lines: [
      {
        code: "4407961001",
        description: "Пиломатериалы берёзовые / Sawn birch",
        qty: "40",
        unit: "m3",
        netKg: "26000",
        value: "1160000.00",
      },
    ],
  },
  {
    org: "primorye_seafood",
    side: "RU",
    flow: "export",
    port: "suifenhe-pogranichny",
    mode: "road",
    tradeMode: "10",
    counterparty: { name: "绥芬河示例水产贸易有限公司（示例）", country: "CN" },
    lines: [
      {
        code: "0303631000",
        description: "Треска мороженая / Frozen cod",
        qty: "12000",
        unit: "kg",
        netKg: "12000",
        value: "3600000.00",
      },
      {
        code: "0306149000",
        description: "Краб мороженый / Frozen crab",
        qty: "2000",
        unit: "kg",
        netKg: "2000",
        value: "4400000.00",
      },
    ],
  },
  {
    org: "daur_coal",
    side: "RU",
    flow: "export",
    port: "manzhouli-zabaykalsk",
    mode: "rail",
    tradeMode: "10",
    counterparty: { name: "满洲里示例能源有限公司（示例）", country: "CN" },
    lines: [
      {
        code: "2701121000",
        description: "Уголь каменный / Bituminous coal",
        qty: "3450",
        unit: "t",
        netKg: "3450000",
        value: "24150000.00",
      },
    ],
  },
];

/**
 * Two years of history for the statistics (labelled sample): every month, declarations whose USD totals
 * follow China's customs (GACC) annual figures for Russia–China trade (DOMAIN-SOURCES §5: USD 244.819 bn in
 * 2024, 228.105 bn in 2025; 2026 continues at the 2025 level) split 40 % China → Russia and 60 % Russia →
 * China (the 2022 split, the latest one the sources give), with fuels about 70 % of Russia's exports and
 * machinery, vehicles and consumer goods leading China's. Shares below the level the sources state are
 * the team's illustration.
 */
const ANNUAL_USD_BN: Record<number, number> = { 2024: 244.819, 2025: 228.105, 2026: 228.105 };
const DIRECTION_SHARE = { CN: 0.4, RU: 0.6 } as const;

interface HistoryCategory {
  org: string;
  side: "CN" | "RU";
  port: string;
  mode: "road" | "rail";
  tradeMode: string;
  share: number;
  code: string;
  description: string;
  unit: "kg" | "t" | "m3" | "pcs" | "pair";
  /** USD per unit of quantity, and kg per unit, to derive quantity and weights from the value. */
  usdPerUnit: number;
  kgPerUnit: number;
  declarations: number;
}

const HISTORY: HistoryCategory[] = [
  {
    org: "daur_coal",
    side: "RU",
    port: "manzhouli-zabaykalsk",
    mode: "rail",
    tradeMode: "10",
    share: 0.45,
    code: "2710121109",
    description: "Нефтепродукты / Petroleum products",
    unit: "t",
    usdPerUnit: 600,
    kgPerUnit: 1000,
    declarations: 1,
  },
  {
    org: "daur_coal",
    side: "RU",
    port: "manzhouli-zabaykalsk",
    mode: "rail",
    tradeMode: "10",
    share: 0.25,
    code: "2711121100",
    description: "Сжиженный газ / Liquefied gas",
    unit: "t",
    usdPerUnit: 450,
    kgPerUnit: 1000,
    declarations: 1,
  },
  {
    org: "daur_coal",
    side: "RU",
    port: "tongjiang-nizhneleninskoye",
    mode: "rail",
    tradeMode: "10",
    share: 0.08,
    code: "2601110000",
    description: "Железная руда / Iron ore",
    unit: "t",
    usdPerUnit: 110,
    kgPerUnit: 1000,
    declarations: 1,
  },
  {
    org: "daur_coal",
    side: "RU",
    port: "hunchun-kraskino",
    mode: "rail",
    tradeMode: "10",
    share: 0.06,
    code: "7403110000",
    description: "Медь катодная / Copper cathodes",
    unit: "t",
    usdPerUnit: 9000,
    kgPerUnit: 1000,
    declarations: 1,
  },
  {
    org: "amur_timber",
    side: "RU",
    port: "heihe-blagoveshchensk",
    mode: "road",
    tradeMode: "10",
    share: 0.08,
    code: "4407961001",
    description: "Пиломатериалы берёзовые / Sawn birch",
    unit: "m3",
    usdPerUnit: 290,
    kgPerUnit: 650,
    declarations: 1,
  },
  {
    org: "primorye_seafood",
    side: "RU",
    port: "suifenhe-pogranichny",
    mode: "road",
    tradeMode: "10",
    share: 0.08,
    code: "0303631000",
    description: "Треска мороженая / Frozen cod",
    unit: "kg",
    usdPerUnit: 3.5,
    kgPerUnit: 1,
    declarations: 1,
  },
  {
    org: "suifenhe_parts",
    side: "CN",
    port: "suifenhe-pogranichny",
    mode: "rail",
    tradeMode: "0110",
    share: 0.25,
    code: "8471300000",
    description: "便携式计算机 / Laptops",
    unit: "pcs",
    usdPerUnit: 450,
    kgPerUnit: 2.5,
    declarations: 1,
  },
  {
    org: "suifenhe_parts",
    side: "CN",
    port: "manzhouli-zabaykalsk",
    mode: "rail",
    tradeMode: "0110",
    share: 0.2,
    code: "8429520000",
    description: "挖掘机 / Excavators",
    unit: "pcs",
    usdPerUnit: 85000,
    kgPerUnit: 21000,
    declarations: 1,
  },
  {
    org: "suifenhe_parts",
    side: "CN",
    port: "hunchun-kraskino",
    mode: "road",
    tradeMode: "0110",
    share: 0.2,
    code: "8703230000",
    description: "乘用车 / Passenger cars",
    unit: "pcs",
    usdPerUnit: 18000,
    kgPerUnit: 1500,
    declarations: 1,
  },
  {
    org: "suifenhe_parts",
    side: "CN",
    port: "dongning-poltavka",
    mode: "road",
    tradeMode: "0110",
    share: 0.12,
    code: "6403990000",
    description: "鞋靴 / Footwear",
    unit: "pair",
    usdPerUnit: 14,
    kgPerUnit: 0.9,
    declarations: 1,
  },
  {
    org: "suifenhe_parts",
    side: "CN",
    port: "suifenhe-pogranichny",
    mode: "road",
    tradeMode: "0110",
    share: 0.15,
    code: "4011100000",
    description: "轿车轮胎 / Car tyres",
    unit: "pcs",
    usdPerUnit: 45,
    kgPerUnit: 9,
    declarations: 1,
  },
  {
    org: "heihe_fruit",
    side: "CN",
    port: "heihe-blagoveshchensk",
    mode: "road",
    tradeMode: "4019",
    share: 0.08,
    code: "0808100000",
    description: "鲜苹果 / Fresh apples",
    unit: "kg",
    usdPerUnit: 1.1,
    kgPerUnit: 1,
    declarations: 1,
  },
];

function bodyOf(t: Template, date: string, scale: number, shipmentRef?: string): TDeclarationInput {
  const transportDoc = t.mode === "road" ? "cmr" : "smgs";
  return {
    flow: t.flow,
    portId: t.port,
    tradeMode: t.tradeMode,
    transportMode: t.mode,
    conveyances: t.mode === "rail" ? Math.max(1, Math.round(scale * (t.org === "daur_coal" ? 50 : 2))) : 1,
    currency: t.side === "CN" ? "CNY" : "RUB",
    incoterms: t.mode === "rail" ? "FCA" : "DAP",
    ...(shipmentRef ? { shipmentRef } : {}),
    date,
    counterparty: t.counterparty,
    documents: [
      { kind: "invoice", number: `INV-${date.replaceAll("-", "")}-${Math.round(scale * 1000)}` },
      { kind: "contract", number: `SAMPLE-${t.org.toUpperCase()}-2026` },
      { kind: transportDoc, number: `${transportDoc.toUpperCase()}-${date.replaceAll("-", "")}` },
    ],
    lines: t.lines.map((l) => ({
      code: l.code,
      description: l.description,
      origin: t.flow === "export" ? t.side : t.side === "CN" ? "RU" : "CN",
      quantity: {
        value: (Number(l.qty) * scale).toFixed(l.unit === "pcs" || l.unit === "pair" ? 0 : 3),
        unit: l.unit,
      },
      netKg: (Number(l.netKg) * scale).toFixed(3),
      grossKg: (Number(l.netKg) * scale * 1.06).toFixed(3),
      value: (Number(l.value) * scale).toFixed(2),
    })),
    draft: false,
  };
}

export const declarationsDemoSeeder: DemoSeeder = {
  name: "declarations",
  async run(deps) {
    const existing = await deps.db.db
      .selectFrom("declarations")
      .select("id")
      .where("is_sample", "=", 1)
      .limit(1)
      .execute();
    if (existing.length > 0) return { created: 0 };
    // Declarations are checked against the reference data: make sure it is loaded (unchanged sets are skipped).
    await ensureDeclarationReference(deps);
    const ops = operationDeps(deps);
    const cnOfficer = await demoActor(deps, "officer.harbin@sample.amur.local");
    const ruOfficer = await demoActor(deps, "officer.fecd@sample.amur.local");
    for (const side of ["CN", "RU"] as const) {
      await runOperation(
        ops,
        changeRiskSettings,
        { side, data: SETTINGS[side] },
        { actor: side === "CN" ? cnOfficer : ruOfficer },
      );
    }
    for (const r of RULES) {
      await runOperation(
        ops,
        createRiskRule,
        { ...r, active: true, sample: true },
        { actor: r.side === "CN" ? cnOfficer : ruOfficer },
      );
    }
    const orgs = new Map<string, string>();
    for (const o of DEMO_ORGANIZATIONS) {
      const row = await identityRepo.findOrganizationByName(deps.db.db, o.name);
      if (row) orgs.set(o.key, row.id);
    }
    const traders: Record<string, string> = {
      heihe_fruit: "trader.heihe@sample.amur.local",
      suifenhe_parts: "trader.suifenhe@sample.amur.local",
      amur_timber: "trader.amurtimber@sample.amur.local",
      primorye_seafood: "trader.primorye@sample.amur.local",
      daur_coal: "trader.daur@sample.amur.local",
    };
    const now = deps.clock.now().getTime();
    const at = (ms: number) => ({ now: () => new Date(ms) });
    let created = 0;

    /** Files one declaration at `time` and, if `clear`, works it through its lane. */
    const file = async (
      t: Template,
      time: number,
      scale: number,
      opts: {
        shipmentRef?: string;
        counterparty?: TDeclarationInput["counterparty"];
        clear: boolean;
        rand: () => number;
        notRandom?: boolean;
      },
    ) => {
      const declarantId = orgs.get(t.org);
      if (!declarantId) return null;
      const trader = await demoActor(deps, traders[t.org] ?? "");
      // Lines under a quota pool name the declarant's licence of that pool.
      const licences = await deps.db.db
        .selectFrom("licences")
        .innerJoin("quota_pools", "quota_pools.id", "licences.pool_id")
        .select(["licences.number", "quota_pools.hs_prefixes", "quota_pools.direction"])
        .where("licences.holder_id", "=", declarantId)
        .where("licences.status", "=", "active")
        .execute();
      const body = bodyOf(
        { ...t, ...(opts.counterparty ? { counterparty: opts.counterparty } : {}) },
        new Date(time).toISOString().slice(0, 10),
        scale,
        opts.shipmentRef,
      );
      for (const line of body.lines) {
        const l = licences.find(
          (x) =>
            x.direction === t.flow &&
            (JSON.parse(x.hs_prefixes) as string[]).some((p) => line.code.startsWith(p)),
        );
        if (l) line.licenceNumber = l.number;
      }
      // Journey declarations keep the story: an id whose random-selection draw is above both rates.
      let id = randomUUID();
      while (opts.notRandom && Number(drawFor(id)) < 10) id = randomUUID();
      const prepared = await prepareDeclaration(deps.db.db, body, {
        declarantId,
        userId: trader.userId,
        now: new Date(time).toISOString(),
        submit: true,
        sample: true,
        id,
      });
      if (prepared.errors.length > 0) {
        throw new Error(`sample declaration of ${t.org} is invalid: ${JSON.stringify(prepared.errors)}`);
      }
      const risk = await assignLane(deps.db.db, prepared);
      await runOperation({ ...ops, clock: at(time) }, saveDeclaration, { prepared, risk }, { actor: trader });
      created += 1;
      if (!opts.clear) return { id, lane: risk.lane };
      const officer = t.side === "CN" ? cnOfficer : ruOfficer;
      const act = (action: OfficerAction, when: number) =>
        runOperation(
          { ...ops, clock: at(when) },
          actOnDeclaration,
          { id, action, officerSide: t.side },
          { actor: officer },
        );
      let when = time;
      const minutes = (lo: number, hi: number) => (lo + opts.rand() * (hi - lo)) * 60_000;
      if (risk.lane === "red") {
        when += minutes(90, 300);
        await act({ kind: "inspection", result: "compliant" }, when);
      } else if (risk.lane === "yellow") {
        when += minutes(40, 150);
        await act({ kind: "document_check", outcome: "ok" }, when);
      }
      when += minutes(10, 45);
      await act({ kind: "release" }, when);
      return { id, lane: risk.lane };
    };

    const rand = prng(20261122);
    const DAY = 86_400_000;
    const startOfToday = Math.floor(now / DAY) * DAY;
    for (let back = 13; back >= 0; back--) {
      for (const t of TEMPLATES) {
        const count = t.org === "heihe_fruit" || t.org === "suifenhe_parts" ? 2 : 1;
        for (let k = 0; k < count; k++) {
          const hours = 7 + rand() * 8;
          // Today's are filed in the hours before the first start, whatever its time of day, and all but
          // a second one of the same trader are left open: the officers' queues always have work waiting.
          const time =
            back > 0
              ? startOfToday - back * DAY + hours * 3_600_000
              : Math.max(now - (hours - 6) * 3_600_000, Math.min(startOfToday, now - 60_000));
          await file(t, time, 0.6 + rand() * 0.8, { clear: back > 0 || k > 0, rand });
        }
      }
    }

    // Two years of monthly history (statistics), cleared through their lanes.
    const months: string[] = [];
    const thisMonth = new Date(startOfToday).toISOString().slice(0, 7);
    for (let k = 24; k >= 1; k--) {
      const d = new Date(Date.UTC(Number(thisMonth.slice(0, 4)), Number(thisMonth.slice(5, 7)) - 1 - k, 1));
      months.push(d.toISOString().slice(0, 7));
    }
    const fx = new MonthlyRates(deps.db.db);
    for (const month of months) {
      const year = Number(month.slice(0, 4));
      const annual = (ANNUAL_USD_BN[year] ?? ANNUAL_USD_BN[2025] ?? 0) * 1e9;
      // A mild seasonal shape: quieter in February, busier towards the year's end.
      const m = Number(month.slice(5, 7));
      const season = 1 + 0.12 * Math.sin(((m - 5) / 12) * 2 * Math.PI) - (m === 2 ? 0.15 : 0);
      for (const c of HISTORY) {
        const usdPerDeclaration =
          ((annual / 12) * season * DIRECTION_SHARE[c.side] * c.share) / c.declarations;
        const national = c.side === "CN" ? "CNY" : "RUB";
        const rate = await fx.rate("USD", national, month);
        if (rate === null) continue;
        for (let k = 0; k < c.declarations; k++) {
          const usd = usdPerDeclaration * (0.9 + 0.2 * rand());
          const quantity = usd / c.usdPerUnit;
          const value = new Dec(usd.toFixed(2)).mul(rate).toDecimalPlaces(2, Dec.ROUND_HALF_UP).toFixed(2);
          const day = 3 + Math.floor(rand() * 22);
          const time =
            Date.parse(`${month}-${String(day).padStart(2, "0")}T08:00:00Z`) + rand() * 6 * 3_600_000;
          const unitDigits = c.unit === "pcs" || c.unit === "pair" ? 0 : 3;
          await file(
            {
              org: c.org,
              side: c.side,
              flow: "export",
              port: c.port,
              mode: c.mode,
              tradeMode: c.tradeMode,
              counterparty:
                c.side === "CN"
                  ? { name: "ООО «Пример-Импорт» (образец)", country: "RU" }
                  : { name: "示例进口有限公司（示例）", country: "CN" },
              lines: [
                {
                  code: c.code,
                  description: c.description,
                  qty: quantity.toFixed(unitDigits),
                  unit: c.unit,
                  netKg: (quantity * c.kgPerUnit).toFixed(3),
                  value,
                },
              ],
            },
            time,
            1,
            { clear: true, rand },
          );
        }
      }
    }

    // Journey 4: cross the border once. heihe_fruit's apples are inspected by Chinese customs,
    // compliant; Amur Timber's import of the same shipment at Blagoveshchensk is lowered (green corridor).
    const heihe = TEMPLATES[0] as Template;
    const shipmentRef = "SAMPLE-HEIHE-BLG-0001";
    const amurTimber = orgs.get("amur_timber");
    const heiheFruit = orgs.get("heihe_fruit");
    const yesterday = startOfToday - DAY + 9 * 3_600_000;
    await file(heihe, yesterday, 1, {
      shipmentRef,
      ...(amurTimber ? { counterparty: { enterpriseId: amurTimber } } : {}),
      clear: true,
      rand,
      notRandom: true,
    });
    await file(
      {
        ...heihe,
        org: "amur_timber",
        side: "RU",
        flow: "import",
        tradeMode: "40",
        lines: [
          {
            code: "0808108001",
            description: "Яблоки свежие / Fresh apples",
            qty: "18000",
            unit: "kg",
            netKg: "18000",
            value: "1080000.00",
          },
        ],
      },
      yesterday + 8 * 3_600_000,
      1,
      {
        shipmentRef,
        ...(heiheFruit ? { counterparty: { enterpriseId: heiheFruit } } : {}),
        clear: true,
        rand,
        notRandom: true,
      },
    );
    return { created };
  },
};
