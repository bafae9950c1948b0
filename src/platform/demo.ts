import { declarationsDemoSeeder } from "../modules/declarations/declarations.seed.ts";
import { identityDemoSeeder } from "../modules/identity/identity.seed.ts";
import { knowledgeDemoSeeder } from "../modules/knowledge/knowledge.seed.ts";
import { quotasDemoSeeder } from "../modules/quotas/quotas.seed.ts";
import { registryDemoSeeder } from "../modules/registry/registry.seed.ts";
import { statisticsDemoSeeder } from "../modules/statistics/statistics.seed.ts";
import { fxDemoSeeder } from "../modules/tariffs/fx/fx.seed.ts";
import { tariffsDemoSeeder } from "../modules/tariffs/tariffs.seed.ts";
import type { DemoSeeder } from "./seed.ts";

/** Demo seeders in dependency order; each later module appends its own. */
export const DEMO_SEEDERS: DemoSeeder[] = [
  identityDemoSeeder,
  registryDemoSeeder,
  fxDemoSeeder,
  tariffsDemoSeeder,
  quotasDemoSeeder,
  declarationsDemoSeeder,
  statisticsDemoSeeder,
  knowledgeDemoSeeder,
];
