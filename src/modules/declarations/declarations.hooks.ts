import type { Executor } from "../../platform/db/db.ts";
import type { FieldError } from "../../platform/errors.ts";

/**
 * Where the quotas and licences module plugs into submission: each check looks at the lines and
 * answers with field errors for lines that need a licence and have none (or a wrong one).
 */
export interface LicenceCheckInput {
  side: "CN" | "RU";
  flow: "export" | "import";
  declarantId: string;
  date: string;
  lines: { index: number; code: string; licenceNumber: string | null; quantity: string; unit: string }[];
}

export interface LicenceCheck {
  name: string;
  check(db: Executor, input: LicenceCheckInput): Promise<FieldError[]>;
}

/** The checks in force; the quotas module appends its own here. */
export const LICENCE_CHECKS: LicenceCheck[] = [];
