import type { Executor } from "../../platform/db/db.ts";
import type { DeclarationLinesTable, DeclarationsTable, QuotaPoolsTable } from "../../platform/db/schema.ts";
import { type FieldError, fieldError } from "../../platform/errors.ts";
import type { OperationContext } from "../../platform/operations.ts";
import type { LicenceCheckInput } from "../declarations/declarations.hooks.ts";
import * as repo from "./quotas.repository.ts";
import { reserve, settle, toMilli } from "./quotas.service.ts";

/**
 * How declarations draw down licences. At submission, a line whose HS code falls under a published
 * pool of the declaration's side and direction in force on its date must name a licence of the
 * declarant in that pool, valid on the date, whose unit is the line's quantity unit (or, for pools in
 * value, whose currency is the declaration's); a mismatch is an error, never a conversion guessed.
 * Then, in the declaration's transactions: reserve at submission, consume at release, return at
 * rejection or withdrawal, each once per declaration line.
 */

const reference = (declarationId: string, lineNo: number) => `declaration:${declarationId}:${lineNo}`;

function poolFor(pools: readonly QuotaPoolsTable[], code: string): QuotaPoolsTable | undefined {
  return pools.find((p) => (JSON.parse(p.hs_prefixes) as string[]).some((prefix) => code.startsWith(prefix)));
}

/** The line's amount in the licence's unit, or null when the units differ. */
function amountOf(
  pool: QuotaPoolsTable,
  line: { quantity: string; unit: string; value: string },
  currency: string,
) {
  if (pool.unit === "value") return pool.currency === currency ? line.value : null;
  return pool.unit === line.unit ? line.quantity : null;
}

function milliOf(amount: string): number | null {
  const [, frac = ""] = amount.split(".");
  return frac.replace(/0+$/, "").length > 3 ? null : toMilli(amount.replace(/(\.\d{3})\d*$/, "$1"));
}

export const licenceHooks = {
  name: "licences",

  async check(db: Executor, input: LicenceCheckInput): Promise<FieldError[]> {
    const pools = await repo.poolsInForce(db, input.side, input.flow, input.date);
    const numbers = input.lines.map((l) => l.licenceNumber).filter((n): n is string => n !== null);
    if (pools.length === 0 && numbers.length === 0) return [];
    const licences = new Map((await repo.findLicencesByNumbers(db, numbers)).map((l) => [l.number, l]));
    const allPools = new Map(pools.map((p) => [p.id, p]));
    const errors: FieldError[] = [];
    for (const line of input.lines) {
      const path = `lines.${line.index}.licenceNumber`;
      const pool = poolFor(pools, line.code);
      if (!line.licenceNumber) {
        if (pool)
          errors.push(
            fieldError(path, "licence_required", "quotas.field.licence_required", {
              code: line.code,
              pool: pool.name_en ?? pool.name_ru ?? pool.name_zh ?? pool.id,
            }),
          );
        continue;
      }
      const licence = licences.get(line.licenceNumber);
      if (!licence) {
        errors.push(
          fieldError(path, "licence_unknown", "quotas.field.licence_unknown", { number: line.licenceNumber }),
        );
        continue;
      }
      if (licence.holder_id !== input.declarantId) {
        errors.push(
          fieldError(path, "licence_not_holder", "quotas.field.licence_not_holder", {
            number: licence.number,
          }),
        );
        continue;
      }
      const licencePool = allPools.get(licence.pool_id) ?? (await repo.findPool(db, licence.pool_id));
      if (
        !licencePool ||
        (pool && pool.id !== licence.pool_id) ||
        licencePool.side !== input.side ||
        licencePool.direction !== input.flow
      ) {
        errors.push(
          fieldError(path, "licence_wrong_pool", "quotas.field.licence_wrong_pool", {
            number: licence.number,
            code: line.code,
          }),
        );
        continue;
      }
      if (licence.status !== "active" || input.date < licence.valid_from || input.date > licence.valid_to) {
        errors.push(
          fieldError(path, "licence_not_valid", "quotas.field.licence_not_valid", {
            number: licence.number,
            date: input.date,
          }),
        );
        continue;
      }
      const amount = amountOf(licencePool, line, input.currency);
      if (amount === null) {
        errors.push(
          licencePool.unit === "value"
            ? fieldError(`lines.${line.index}.value`, "licence_currency", "quotas.field.licence_currency", {
                number: licence.number,
                currency: licencePool.currency ?? "",
              })
            : fieldError(`lines.${line.index}.quantity.unit`, "licence_unit", "quotas.field.licence_unit", {
                number: licence.number,
                unit: licencePool.unit,
                given: line.unit,
              }),
        );
        continue;
      }
      if (milliOf(amount) === null)
        errors.push(fieldError(`lines.${line.index}.quantity.value`, "precision", "quotas.field.precision"));
    }
    return errors;
  },

  async submitted(
    ctx: OperationContext,
    d: DeclarationsTable,
    lines: readonly DeclarationLinesTable[],
  ): Promise<void> {
    const numbered = lines.filter((l) => l.licence_number);
    if (numbered.length === 0) return;
    const licences = new Map(
      (
        await repo.findLicencesByNumbers(
          ctx.trx,
          numbered.map((l) => l.licence_number as string),
        )
      ).map((l) => [l.number, l]),
    );
    for (const line of numbered) {
      const licence = licences.get(line.licence_number as string);
      if (!licence) continue;
      const pool = await repo.findPool(ctx.trx, licence.pool_id);
      if (!pool) continue;
      const amount = amountOf(
        pool,
        { quantity: line.quantity, unit: line.unit, value: line.value },
        d.currency,
      );
      if (amount === null) continue;
      await reserve(ctx, licence, reference(d.id, Number(line.line_no)), milliOf(amount) ?? 0, d.id);
    }
  },

  async released(ctx: OperationContext, d: DeclarationsTable): Promise<void> {
    for (const m of await repo.movementsOf(ctx.trx, { declarationId: d.id }))
      if (m.kind === "reserve") await settle(ctx, m.licence_id, m.reference, "consume");
  },

  async closed(ctx: OperationContext, d: DeclarationsTable): Promise<void> {
    for (const m of await repo.movementsOf(ctx.trx, { declarationId: d.id }))
      if (m.kind === "reserve") await settle(ctx, m.licence_id, m.reference, "return");
  },
};
