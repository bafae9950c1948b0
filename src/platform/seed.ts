import type { AppDeps } from "./deps.ts";

/**
 * Demo data, contributed by each module. Every seeder is idempotent (it looks before it writes) and
 * marks what it creates as sample data. `amur seed demo` runs them in order; a new database gets them
 * on first start.
 */
export interface DemoSeeder {
  name: string;
  run(deps: AppDeps, ctx: DemoSeedContext): Promise<{ created: number }>;
}

export interface DemoSeedContext {
  /** Password for every demo account; only its hash is stored. */
  demoPassword: string;
  progress?: (message: string) => void;
}

export async function runDemoSeeders(
  deps: AppDeps,
  seeders: readonly DemoSeeder[],
  ctx: DemoSeedContext,
): Promise<Record<string, number>> {
  const report: Record<string, number> = {};
  for (const seeder of seeders) {
    ctx.progress?.(seeder.name);
    report[seeder.name] = (await seeder.run(deps, ctx)).created;
  }
  return report;
}

/** A small deterministic generator for demo data: every new demo database tells the same story. */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
