import type { Role } from "../../platform/auth/policy.ts";
import { type AppDeps, operationDeps } from "../../platform/deps.ts";
import { type Actor, runOperation, SYSTEM_ACTOR } from "../../platform/operations.ts";
import type { DemoSeeder } from "../../platform/seed.ts";
import * as repo from "./identity.repository.ts";
import { addMembership, createOrganization, createUser, hashNewPassword } from "./identity.service.ts";

type Side = "CN" | "RU";

/** The sample cast of SCENARIOS.md. All names are fictional sample data unless they are authorities. */
export const DEMO_ORGANIZATIONS: {
  key: string;
  kind: "enterprise" | "authority" | "platform";
  side: Side | null;
  name: string;
  names: { zh?: string; ru?: string; en?: string };
}[] = [
  {
    key: "platform",
    kind: "platform",
    side: null,
    name: "Amur Platform",
    names: { zh: "阿穆尔平台", ru: "Платформа «Амур»", en: "Amur Platform" },
  },
  {
    key: "harbin_customs",
    kind: "authority",
    side: "CN",
    name: "哈尔滨海关",
    names: { zh: "哈尔滨海关", ru: "Харбинская таможня", en: "Harbin Customs" },
  },
  {
    key: "fecd",
    kind: "authority",
    side: "RU",
    name: "Дальневосточное таможенное управление",
    names: {
      zh: "远东海关局",
      ru: "Дальневосточное таможенное управление",
      en: "Far Eastern Customs Department",
    },
  },
  {
    key: "hlj_commerce",
    kind: "authority",
    side: "CN",
    name: "黑龙江省商务厅",
    names: {
      zh: "黑龙江省商务厅",
      ru: "Департамент коммерции провинции Хэйлунцзян",
      en: "Heilongjiang Department of Commerce",
    },
  },
  {
    key: "hlj_statistics",
    kind: "authority",
    side: "CN",
    name: "黑龙江省统计局",
    names: {
      zh: "黑龙江省统计局",
      ru: "Статистическое управление провинции Хэйлунцзян",
      en: "Heilongjiang Provincial Bureau of Statistics",
    },
  },
  {
    key: "fcs",
    kind: "authority",
    side: "RU",
    name: "ФТС России",
    names: {
      zh: "俄罗斯联邦海关署",
      ru: "Федеральная таможенная служба",
      en: "Federal Customs Service of Russia",
    },
  },
  {
    key: "minek_ru",
    kind: "authority",
    side: "RU",
    name: "Минпромторг России (образец)",
    names: {
      zh: "俄罗斯工业和贸易部（示例）",
      ru: "Минпромторг России (образец)",
      en: "Ministry of Industry and Trade of Russia (sample)",
    },
  },
  {
    key: "heihe_fruit",
    kind: "enterprise",
    side: "CN",
    name: "黑河龙江果蔬进出口有限公司",
    names: {
      zh: "黑河龙江果蔬进出口有限公司",
      ru: "Хэйхэская компания «Лунцзян» по импорту и экспорту фруктов и овощей",
      en: "Heihe Longjiang Fruit & Vegetable Import-Export Co.",
    },
  },
  {
    key: "suifenhe_parts",
    kind: "enterprise",
    side: "CN",
    name: "绥芬河远东机电贸易有限公司",
    names: {
      zh: "绥芬河远东机电贸易有限公司",
      ru: "Суйфэньхэская торговая компания «Дальний Восток» (машины и оборудование)",
      en: "Suifenhe Far East Machinery Trading Co.",
    },
  },
  {
    key: "harbin_ecom",
    kind: "enterprise",
    side: "CN",
    name: "哈尔滨北方跨境电商有限公司",
    names: {
      zh: "哈尔滨北方跨境电商有限公司",
      ru: "Харбинская компания трансграничной электронной торговли «Север»",
      en: "Harbin Northern Cross-border E-commerce Co.",
    },
  },
  {
    key: "amur_timber",
    kind: "enterprise",
    side: "RU",
    name: "ООО «Амурский лес»",
    names: { zh: "阿穆尔森林有限责任公司", ru: "ООО «Амурский лес»", en: "Amur Timber LLC" },
  },
  {
    key: "primorye_seafood",
    kind: "enterprise",
    side: "RU",
    name: "ООО «Приморские морепродукты»",
    names: { zh: "滨海海产品有限责任公司", ru: "ООО «Приморские морепродукты»", en: "Primorye Seafood LLC" },
  },
  {
    key: "daur_coal",
    kind: "enterprise",
    side: "RU",
    name: "ООО «Даурский уголь»",
    names: { zh: "达乌尔煤炭有限责任公司", ru: "ООО «Даурский уголь»", en: "Daurian Coal LLC" },
  },
];

export const DEMO_USERS: {
  email: string;
  displayName: string;
  locale: "zh-CN" | "ru-RU" | "en";
  org: string;
  role: Role;
}[] = [
  {
    email: "admin@amur.local",
    displayName: "Platform Admin",
    locale: "en",
    org: "platform",
    role: "platform_admin",
  },
  {
    email: "officer.harbin@sample.amur.local",
    displayName: "王海关 (sample)",
    locale: "zh-CN",
    org: "harbin_customs",
    role: "customs_officer",
  },
  {
    email: "officer.fecd@sample.amur.local",
    displayName: "Иванова А. (sample)",
    locale: "ru-RU",
    org: "fecd",
    role: "customs_officer",
  },
  {
    email: "quota.hlj@sample.amur.local",
    displayName: "李配额 (sample)",
    locale: "zh-CN",
    org: "hlj_commerce",
    role: "quota_officer",
  },
  {
    email: "quota.ru@sample.amur.local",
    displayName: "Петров К. (sample)",
    locale: "ru-RU",
    org: "minek_ru",
    role: "quota_officer",
  },
  {
    email: "stats.hlj@sample.amur.local",
    displayName: "张统计 (sample)",
    locale: "zh-CN",
    org: "hlj_statistics",
    role: "statistician",
  },
  {
    email: "stats.fcs@sample.amur.local",
    displayName: "Смирнов Д. (sample)",
    locale: "ru-RU",
    org: "fcs",
    role: "statistician",
  },
  {
    email: "editor.cn@sample.amur.local",
    displayName: "陈编辑 (sample)",
    locale: "zh-CN",
    org: "hlj_commerce",
    role: "editor",
  },
  {
    email: "editor.ru@sample.amur.local",
    displayName: "Кузнецова Е. (sample)",
    locale: "ru-RU",
    org: "fcs",
    role: "editor",
  },
  {
    email: "trader.heihe@sample.amur.local",
    displayName: "刘果蔬 (sample)",
    locale: "zh-CN",
    org: "heihe_fruit",
    role: "enterprise_member",
  },
  {
    email: "trader.suifenhe@sample.amur.local",
    displayName: "赵机电 (sample)",
    locale: "zh-CN",
    org: "suifenhe_parts",
    role: "enterprise_member",
  },
  {
    email: "trader.harbin@sample.amur.local",
    displayName: "孙电商 (sample)",
    locale: "zh-CN",
    org: "harbin_ecom",
    role: "enterprise_member",
  },
  {
    email: "trader.amurtimber@sample.amur.local",
    displayName: "Соколов В. (sample)",
    locale: "ru-RU",
    org: "amur_timber",
    role: "enterprise_member",
  },
  {
    email: "trader.primorye@sample.amur.local",
    displayName: "Морозова Н. (sample)",
    locale: "ru-RU",
    org: "primorye_seafood",
    role: "enterprise_member",
  },
  {
    email: "trader.daur@sample.amur.local",
    displayName: "Волков С. (sample)",
    locale: "ru-RU",
    org: "daur_coal",
    role: "enterprise_member",
  },
];

export const identityDemoSeeder: DemoSeeder = {
  name: "identity",
  async run(deps, ctx) {
    const ops = operationDeps(deps);
    const actor = SYSTEM_ACTOR;
    let created = 0;
    const orgIds = new Map<string, string>();
    for (const o of DEMO_ORGANIZATIONS) {
      const existing = await repo.findOrganizationByName(deps.db.db, o.name);
      if (existing) {
        orgIds.set(o.key, existing.id);
        continue;
      }
      const org = await runOperation(
        ops,
        createOrganization,
        { kind: o.kind, side: o.side, name: o.name, names: o.names, sample: o.kind !== "platform" },
        { actor },
      );
      orgIds.set(o.key, org.id);
      created += 1;
    }
    for (const u of DEMO_USERS) {
      let user = await repo.findUserByEmail(deps.db.db, u.email);
      if (!user) {
        await runOperation(
          ops,
          createUser,
          {
            email: u.email,
            displayName: u.displayName,
            locale: u.locale,
            passwordHash: await hashNewPassword(ctx.demoPassword),
            sample: u.role !== "platform_admin",
          },
          { actor },
        );
        user = await repo.findUserByEmail(deps.db.db, u.email);
        created += 1;
      }
      const orgId = orgIds.get(u.org);
      if (user && orgId) {
        await runOperation(
          ops,
          addMembership,
          { userId: user.id, organizationId: orgId, role: u.role },
          { actor },
        );
      }
    }
    return { created };
  },
};

/** A demo user as the actor of seeded operations (the system when the user is missing). */
export async function demoActor(deps: AppDeps, email: string): Promise<Actor> {
  const u = await repo.findUserByEmail(deps.db.db, email);
  return u ? { userId: u.id, label: u.email, organizationId: null } : SYSTEM_ACTOR;
}
