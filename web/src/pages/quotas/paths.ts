// Addresses of the quotas pages, shared by the pages, the navigation and the routes.
export const QUOTAS_PATH = "/quotas";
export const NEW_POOL_PATH = "/quotas/pools/new";
export const MY_APPLICATIONS_PATH = "/quotas/applications";
export const MY_LICENCES_PATH = "/quotas/licences";
export const VERIFY_PATH = "/quotas/verify";

const enc = encodeURIComponent;

export function poolPath(id: string): string {
  return `/quotas/pools/${enc(id)}`;
}

export function editPoolPath(id: string): string {
  return `${poolPath(id)}/edit`;
}

export function applyPath(id: string): string {
  return `${poolPath(id)}/apply`;
}

/** The officers' page of a pool: its applications, allocation and rejection. */
export function poolApplicationsPath(id: string): string {
  return `${poolPath(id)}/applications`;
}

export function licencePath(number: string): string {
  return `${MY_LICENCES_PATH}/${enc(number)}`;
}

export function verifyPath(number?: string): string {
  return number ? `${VERIFY_PATH}?number=${enc(number)}` : VERIFY_PATH;
}

/** Licence numbers are upper case ("CN-L2026-MAT2GEGM"); people type them any way. */
export function normalizeLicenceNumber(value: string): string {
  return value.trim().replace(/\s+/g, "").toUpperCase();
}

/** The declaration a platform movement belongs to: its reference is "declaration:<id>:<line>". */
export function declarationIdOf(reference: string): string | null {
  return /^declaration:([0-9a-f-]{36}):\d+$/i.exec(reference)?.[1] ?? null;
}
