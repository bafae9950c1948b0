import { randomUUID } from "node:crypto";

/** Time source; tests pass a fixed or advancing clock instead of patching globals. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function isoNow(clock: Clock): string {
  return clock.now().toISOString();
}

export function newId(): string {
  return randomUUID();
}
