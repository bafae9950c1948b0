import { randomFillSync } from "node:crypto";

/** Time source; tests pass a fixed or advancing clock instead of patching globals. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function isoNow(clock: Clock): string {
  return clock.now().toISOString();
}

const random = new Uint8Array(4096);
let randomAt = random.length;

/** `n` random bytes from a pool refilled 4 KiB at a time: one system call per few hundred numbers. */
function randomBytesPooled(n: number): Uint8Array {
  if (randomAt + n > random.length) {
    randomFillSync(random);
    randomAt = 0;
  }
  const bytes = random.subarray(randomAt, randomAt + n);
  randomAt += n;
  return bytes;
}

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** `n` random characters of Crockford's base 32 (no I, L, O, U): 5 bits each, easy to read aloud. */
export function randomCrockford(n: number): string {
  let out = "";
  for (const b of randomBytesPooled(n)) out += CROCKFORD[b & 31];
  return out;
}
let lastMs = -1;
let sequence = 0;

/**
 * A new identifier: a UUID version 7 (RFC 9562 §5.7) — 48 bits of Unix time in milliseconds, then a
 * 12-bit sequence that keeps identifiers made in the same millisecond in order, then 62 random bits.
 * Identifiers made one after another sort one after another, so inserting them appends to the
 * indexes' right edge instead of splitting pages all over them as random identifiers do.
 */
export function newId(now = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    sequence = 0;
  } else if (++sequence > 0xfff) {
    // More than 4,096 in one millisecond (or the clock went back): borrow the next millisecond.
    lastMs += 1;
    sequence = 0;
  }
  const b = randomBytesPooled(8);
  const hex = (n: number, width: number) => n.toString(16).padStart(width, "0");
  const ms = lastMs;
  const timeHigh = Math.floor(ms / 0x10000);
  const timeLow = ms % 0x10000;
  const byte = (i: number) => b[i] as number;
  return `${hex(timeHigh, 8)}-${hex(timeLow, 4)}-${hex(0x7000 | sequence, 4)}-${hex(0x8000 | ((byte(0) & 0x3f) << 8) | byte(1), 4)}-${hex(byte(2), 2)}${hex(byte(3), 2)}${hex(byte(4), 2)}${hex(byte(5), 2)}${hex(byte(6), 2)}${hex(byte(7), 2)}`;
}
