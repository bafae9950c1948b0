import { operationDeps } from "../../platform/deps.ts";
import { runOperation } from "../../platform/operations.ts";
import type { DemoSeeder } from "../../platform/seed.ts";
import * as identityRepo from "../identity/identity.repository.ts";
import { DEMO_ORGANIZATIONS, demoActor } from "../identity/identity.seed.ts";
import { allocatePool, applyForQuota, createPool, setPoolStatus } from "./quotas.service.ts";

// Free-text notes are stored as written; the demo's are written in the three languages, so a reader
// in any of them sees that the pool is not an official quota.
const SAMPLE_POOL_NOTE =
  "示例配额池，仅供演示，非官方配额。 / Образец пула для демонстрации, не официальная квота. / Sample pool for the demo; not an official quota.";
const SAMPLE_APPLICATION_NOTE = "示例申请 / Образец заявки / Sample application";

/**
 * Sample pools (labelled sample: no official quota is implied) for SCENARIOS.md journey 5: Daurian
 * Coal holds a licence in a coal export pool whose allocations are published; a second pool, on the
 * Chinese side, is open for applications.
 */
const DAY = 86_400_000;

export const quotasDemoSeeder: DemoSeeder = {
  name: "quotas",
  async run(deps) {
    const existing = await deps.db.db
      .selectFrom("quota_pools")
      .select("id")
      .where("is_sample", "=", 1)
      .limit(1)
      .execute();
    if (existing.length > 0) return { created: 0 };
    const ops = operationDeps(deps);
    const now = deps.clock.now().getTime();
    const from = new Date(now - 60 * DAY).toISOString().slice(0, 10);
    const to = new Date(now + 300 * DAY).toISOString().slice(0, 10);
    const ruOfficer = await demoActor(deps, "quota.ru@sample.amur.local");
    const cnOfficer = await demoActor(deps, "quota.hlj@sample.amur.local");
    const org = async (key: string) => {
      const o = DEMO_ORGANIZATIONS.find((x) => x.key === key);
      return o ? (await identityRepo.findOrganizationByName(deps.db.db, o.name))?.id : undefined;
    };

    const coal = await runOperation(
      ops,
      createPool,
      {
        side: "RU",
        direction: "export",
        names: {
          ru: "Экспорт каменного угля через Забайкальск (образец)",
          zh: "经后贝加尔斯克出口烟煤（示例）",
          en: "Bituminous coal exports through Zabaykalsk (sample)",
        },
        hsPrefixes: ["2701"],
        periodFrom: from,
        periodTo: to,
        unit: "t",
        total: "500000",
        borderShare: "20",
        allocationRule: "pro_rata",
        note: SAMPLE_POOL_NOTE,
        sample: true,
      },
      { actor: ruOfficer },
    );
    await runOperation(ops, setPoolStatus, { id: coal.id, action: "publish" }, { actor: ruOfficer });
    const daur = await org("daur_coal");
    const trader = await demoActor(deps, "trader.daur@sample.amur.local");
    if (daur)
      await runOperation(
        ops,
        applyForQuota,
        { poolId: coal.id, enterpriseId: daur, amount: "300000", note: SAMPLE_APPLICATION_NOTE },
        { actor: trader },
      );
    await runOperation(ops, allocatePool, { poolId: coal.id }, { actor: ruOfficer });
    await runOperation(
      ops,
      setPoolStatus,
      { id: coal.id, action: "publish_allocations" },
      { actor: ruOfficer },
    );

    const timber = await runOperation(
      ops,
      createPool,
      {
        side: "CN",
        direction: "import",
        names: {
          zh: "自俄罗斯进口锯材（示例配额）",
          ru: "Ввоз пиломатериалов из России (образец квоты)",
          en: "Sawn wood imports from Russia (sample quota)",
        },
        hsPrefixes: ["4407"],
        periodFrom: from,
        periodTo: to,
        unit: "m3",
        total: "20000",
        borderShare: "40",
        allocationRule: "first_come",
        note: SAMPLE_POOL_NOTE,
        sample: true,
      },
      { actor: cnOfficer },
    );
    await runOperation(ops, setPoolStatus, { id: timber.id, action: "publish" }, { actor: cnOfficer });
    return { created: 2 };
  },
};
