import { randomUUID } from "node:crypto";
import type { RiskRulesTable, RiskSettingsTable } from "../../platform/db/schema.ts";
import { AppError } from "../../platform/errors.ts";
import { I18N_PARAM } from "../../platform/http/problem.ts";
import { defineOperation } from "../../platform/operations.ts";
import { invalidateRiskCache, settingsOf } from "./declarations.lookup.ts";
import * as repo from "./declarations.repository.ts";
import type { TRiskRuleInput } from "./declarations.schema.ts";
import type { RiskSettingsData } from "./risk.ts";

/** Officers manage risk rules and settings; every change is a new version, audited, the old kept. */

type RuleInput = Omit<TRiskRuleInput, "description"> & { description?: string | undefined; sample?: boolean };

function ruleRow(
  input: RuleInput,
  base: { ruleKey: string; version: number; now: string; by: string | null },
) {
  const row: RiskRulesTable = {
    id: randomUUID(),
    rule_key: base.ruleKey,
    version: base.version,
    side: input.side,
    name: input.name,
    description: input.description ?? null,
    conditions: JSON.stringify(input.conditions),
    lane: input.lane,
    score: input.score,
    active: input.active ? 1 : 0,
    created_at: base.now,
    created_by: base.by,
    superseded_at: null,
    is_sample: input.sample ? 1 : 0,
  };
  return row;
}

export const createRiskRule = defineOperation({
  name: "declarations.createRiskRule",
  async run(ctx, input: RuleInput) {
    const row = ruleRow(input, {
      ruleKey: `${input.side.toLowerCase()}-${randomUUID().slice(0, 8)}`,
      version: 1,
      now: ctx.now,
      by: ctx.actor.label,
    });
    await repo.insertRiskRule(ctx.trx, row);
    await ctx.audit({
      action: "declarations.risk_rule_created",
      targetType: "risk_rule",
      targetId: row.rule_key,
      summary: {
        side: row.side,
        name: row.name,
        conditions: input.conditions,
        lane: row.lane,
        score: row.score,
      },
    });
    invalidateRiskCache();
    return row;
  },
});

export const changeRiskRule = defineOperation({
  name: "declarations.changeRiskRule",
  async run(ctx, input: { id: string; change: RuleInput }) {
    const before = await repo.findRiskRule(ctx.trx, input.id);
    if (!before) throw new AppError("NOT_FOUND", { resource: "risk_rule", id: input.id });
    if (before.superseded_at || !(await repo.supersedeRiskRule(ctx.trx, before.id, ctx.now)))
      throw new AppError("CONFLICT", { reason: `${I18N_PARAM}declarations.risk_rule_superseded` });
    if (input.change.side !== before.side) throw new AppError("FORBIDDEN_SIDE", { side: input.change.side });
    const row = ruleRow(input.change, {
      ruleKey: before.rule_key,
      version: Number(before.version) + 1,
      now: ctx.now,
      by: ctx.actor.label,
    });
    row.is_sample = before.is_sample;
    await repo.insertRiskRule(ctx.trx, row);
    invalidateRiskCache();
    await ctx.audit({
      action: "declarations.risk_rule_changed",
      targetType: "risk_rule",
      targetId: row.rule_key,
      summary: {
        version: row.version,
        from: {
          conditions: JSON.parse(before.conditions),
          lane: before.lane,
          score: before.score,
          active: before.active,
        },
        to: { conditions: input.change.conditions, lane: row.lane, score: row.score, active: row.active },
      },
    });
    return row;
  },
});

export const changeRiskSettings = defineOperation({
  name: "declarations.changeRiskSettings",
  async run(ctx, input: { side: "CN" | "RU"; data: RiskSettingsData }) {
    if (input.data.scoreThresholds.red < input.data.scoreThresholds.yellow)
      throw new AppError("VALIDATION_FAILED", {}, [
        {
          path: "scoreThresholds.red",
          code: "below_yellow",
          message: "",
          key: "declarations.field.red_below_yellow",
          params: {},
        },
      ]);
    const current = await repo.findCurrentSettings(ctx.trx, input.side);
    const row: RiskSettingsTable = {
      side: input.side,
      version: current ? Number(current.version) + 1 : 1,
      data: JSON.stringify(input.data),
      updated_at: ctx.now,
      updated_by: ctx.actor.label,
      superseded_at: null,
    };
    await repo.replaceSettings(ctx.trx, row);
    invalidateRiskCache();
    await ctx.audit({
      action: "declarations.risk_settings_changed",
      targetType: "risk_settings",
      targetId: input.side,
      summary: { version: row.version, from: settingsOf(current), to: input.data },
    });
    return row;
  },
});
