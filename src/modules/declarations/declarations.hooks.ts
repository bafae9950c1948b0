import type { Executor } from "../../platform/db/db.ts";
import type { DeclarationLinesTable, DeclarationsTable } from "../../platform/db/schema.ts";
import type { FieldError } from "../../platform/errors.ts";
import type { OperationContext } from "../../platform/operations.ts";
import { licenceHooks } from "../quotas/quotas.hooks.ts";

/**
 * Where other modules plug into declarations: a check at submission (field errors for lines that need
 * a licence and have none, or a wrong one) and steps inside the transactions that submit, release and
 * close a declaration (the licence drawdown: reserve, consume, return). The quotas module is the one
 * plugged in today.
 */
export interface LicenceCheckInput {
  side: "CN" | "RU";
  flow: "export" | "import";
  declarantId: string;
  date: string;
  currency: string;
  lines: {
    index: number;
    code: string;
    licenceNumber: string | null;
    quantity: string;
    unit: string;
    value: string;
  }[];
}

export interface LicenceCheck {
  name: string;
  check(db: Executor, input: LicenceCheckInput): Promise<FieldError[]>;
}

export interface DeclarationWriteHooks {
  name: string;
  /** In the submission's transaction; throwing aborts the submission. */
  submitted(
    ctx: OperationContext,
    d: DeclarationsTable,
    lines: readonly DeclarationLinesTable[],
  ): Promise<void>;
  released(ctx: OperationContext, d: DeclarationsTable): Promise<void>;
  /** Rejected or withdrawn. */
  closed(ctx: OperationContext, d: DeclarationsTable): Promise<void>;
}

export const LICENCE_CHECKS: LicenceCheck[] = [licenceHooks];
export const WRITE_HOOKS: DeclarationWriteHooks[] = [licenceHooks];
