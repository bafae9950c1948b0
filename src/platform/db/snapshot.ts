import type { Executor } from "./db.ts";

/**
 * An in-memory copy of data that changes rarely (reference tables), one per database, read again once
 * it is older than `ttlMs`. A change made elsewhere is seen within that time.
 */
export function snapshotEvery<T>(
  ttlMs: number,
  load: (db: Executor) => Promise<T>,
): (db: Executor, now?: number) => Promise<T> {
  const copies = new WeakMap<object, { at: number; value: T }>();
  return async (db, now = Date.now()) => {
    const copy = copies.get(db);
    if (copy && now - copy.at < ttlMs) return copy.value;
    const value = await load(db);
    copies.set(db, { at: now, value });
    return value;
  };
}
