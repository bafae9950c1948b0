import { operationDeps } from "../../platform/deps.ts";
import { runOperation, SYSTEM_ACTOR } from "../../platform/operations.ts";
import type { DemoSeeder } from "../../platform/seed.ts";
import * as identityRepo from "../identity/identity.repository.ts";
import { DEMO_ORGANIZATIONS } from "../identity/identity.seed.ts";
import { loadMemberships } from "../identity/identity.service.ts";
import { makeInn10, makeOgrn, makeUscc, usccOrgCodeCheckChar } from "./identifiers.ts";
import * as repo from "./registry.repository.ts";
import type { TEnterpriseInput } from "./registry.schema.ts";
import { decideVerification, registerEnterprise } from "./registry.service.ts";

/** A USCC of an enterprise (91) registered in a division, with both check characters valid. */
function demoUscc(division: string, subject8: string): string {
  return makeUscc(`91${division}${subject8}${usccOrgCodeCheckChar(subject8)}`);
}

/**
 * Fictional identifiers with valid check digits for the sample cast. The bodies are made up (the
 * division codes are real places, the rest is a counter), so they belong to no real company.
 */
const CAST: Record<
  string,
  { input: Omit<TEnterpriseInput, "names">; status: "verified" | "pending"; officer: string }
> = {
  heihe_fruit: {
    input: {
      side: "CN",
      identifiers: { uscc: demoUscc("231100", "AMR00001") },
      legalForm: "有限责任公司",
      region: "CN-HL",
      address: "黑龙江省黑河市（示例地址）",
      contacts: { email: "export@heihe-fruit.sample", phone: "+86 456 000 0001" },
      hsChapters: ["07", "08"],
      borderTrade: true,
      aeo: { level: "advanced", since: "2023-05-01" },
      crossBorderEcommerce: false,
    },
    status: "verified",
    officer: "officer.harbin@sample.amur.local",
  },
  suifenhe_parts: {
    input: {
      side: "CN",
      identifiers: { uscc: demoUscc("231081", "AMR00002") },
      legalForm: "有限责任公司",
      region: "CN-HL",
      address: "黑龙江省绥芬河市（示例地址）",
      contacts: { email: "sales@suifenhe-parts.sample" },
      hsChapters: ["40", "84"],
      borderTrade: true,
      aeo: { level: null },
      crossBorderEcommerce: false,
    },
    status: "verified",
    officer: "officer.harbin@sample.amur.local",
  },
  harbin_ecom: {
    input: {
      side: "CN",
      identifiers: { uscc: demoUscc("230100", "AMR00003") },
      legalForm: "有限责任公司",
      region: "CN-HL",
      address: "黑龙江自贸试验区哈尔滨片区（示例地址）",
      contacts: { email: "ops@harbin-ecom.sample" },
      hsChapters: ["61", "62", "63", "64"],
      borderTrade: false,
      aeo: { level: null },
      crossBorderEcommerce: true,
    },
    status: "pending",
    officer: "officer.harbin@sample.amur.local",
  },
  amur_timber: {
    input: {
      side: "RU",
      identifiers: { inn: makeInn10("280100731"), ogrn: makeOgrn("112280000731"), kpp: "280101001" },
      legalForm: "ООО",
      region: "RU-AMU",
      address: "Амурская область, г. Благовещенск (образец)",
      contacts: { email: "info@amur-timber.sample" },
      hsChapters: ["44"],
      borderTrade: false,
      aeo: { level: null },
      crossBorderEcommerce: false,
    },
    status: "verified",
    officer: "officer.fecd@sample.amur.local",
  },
  primorye_seafood: {
    input: {
      side: "RU",
      identifiers: { inn: makeInn10("253100732"), ogrn: makeOgrn("115250000732"), kpp: "253101001" },
      legalForm: "ООО",
      region: "RU-PRI",
      address: "Приморский край, пгт Пограничный (образец)",
      contacts: { email: "export@primorye-seafood.sample" },
      hsChapters: ["03"],
      borderTrade: false,
      aeo: { level: "general", since: "2022-09-01" },
      crossBorderEcommerce: false,
    },
    status: "verified",
    officer: "officer.fecd@sample.amur.local",
  },
  daur_coal: {
    input: {
      side: "RU",
      identifiers: { inn: makeInn10("750500733"), ogrn: makeOgrn("116750000733"), kpp: "750501001" },
      legalForm: "ООО",
      region: "RU-ZAB",
      address: "Забайкальский край, пгт Забайкальск (образец)",
      contacts: { email: "coal@daur-coal.sample" },
      hsChapters: ["27"],
      borderTrade: false,
      aeo: { level: null },
      crossBorderEcommerce: false,
    },
    status: "verified",
    officer: "officer.fecd@sample.amur.local",
  },
};

/** A valid registration of a made-up enterprise, numbered n (tests, route-matrix fixtures, benchmarks). */
export function sampleRegistration(side: "CN" | "RU", n: number): TEnterpriseInput {
  const serial = String(n % 10_000_000).padStart(7, "0");
  if (side === "CN") {
    return {
      side,
      identifiers: { uscc: makeUscc(`91231100AM${serial}`) },
      names: { zh: `示例贸易公司${n}`, en: `Sample Trading Co. ${n}` },
      region: "CN-HL",
      contacts: {},
      hsChapters: ["08"],
      borderTrade: false,
      aeo: { level: null },
      crossBorderEcommerce: false,
    };
  }
  return {
    side,
    identifiers: { inn: makeInn10(`28${serial}`), ogrn: makeOgrn(`11228${serial}`), kpp: "280101001" },
    names: { ru: `ООО «Образец ${n}»`, en: `Sample LLC ${n}` },
    region: "RU-AMU",
    contacts: {},
    hsChapters: ["44"],
    borderTrade: false,
    aeo: { level: null },
    crossBorderEcommerce: false,
  };
}

export const registryDemoSeeder: DemoSeeder = {
  name: "registry",
  async run(deps) {
    const ops = operationDeps(deps);
    let created = 0;
    for (const org of DEMO_ORGANIZATIONS.filter((o) => o.kind === "enterprise")) {
      const cast = CAST[org.key];
      const row = await identityRepo.findOrganizationByName(deps.db.db, org.name);
      if (!cast || !row || (await repo.findEnterprise(deps.db.db, row.id))) continue;
      const names = { zh: org.names.zh, ru: org.names.ru, en: org.names.en };
      await runOperation(
        ops,
        registerEnterprise,
        { ...cast.input, names, userId: null, sample: true, organizationId: row.id },
        { actor: SYSTEM_ACTOR },
      );
      created += 1;
      if (cast.status === "verified") {
        const officer = await identityRepo.findUserByEmail(deps.db.db, cast.officer);
        if (!officer) continue;
        const auth = {
          user: {
            id: officer.id,
            email: officer.email,
            displayName: officer.display_name,
            locale: officer.locale,
          },
          memberships: await loadMemberships(deps.db.db, officer.id),
          via: "session" as const,
          sessionId: null,
          csrfToken: null,
          apiKeyId: null,
          scopes: ["read", "write"] as const,
        };
        await runOperation(
          ops,
          decideVerification,
          { id: row.id, officer: auth, decision: "approve", reason: "Sample verification (demo data)" },
          { actor: { userId: officer.id, label: officer.email, organizationId: null } },
        );
      }
    }
    return { created };
  },
};
