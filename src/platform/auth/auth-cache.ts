import type { AuthContext } from "./policy.ts";

/**
 * Remembers who a session cookie or API key belongs to for a moment (default 1 s), so that a busy
 * client does not cost two queries per request. This process forgets an entry at once when it logs
 * out, revokes a key or changes a user; other processes on the same PostgreSQL database see such a
 * change within the time-to-live. An entry never outlives its session's expiry.
 */
export class AuthCache {
  readonly #ttlMs: number;
  readonly #max: number;
  readonly #entries = new Map<string, { auth: AuthContext; until: number }>();

  constructor(ttlMs: number, max = 10_000) {
    this.#ttlMs = ttlMs;
    this.#max = max;
  }

  get(key: string, nowMs: number): AuthContext | undefined {
    if (this.#ttlMs <= 0) return undefined;
    const e = this.#entries.get(key);
    if (!e) return undefined;
    if (e.until <= nowMs) {
      this.#entries.delete(key);
      return undefined;
    }
    return e.auth;
  }

  set(key: string, auth: AuthContext, nowMs: number, expiresAtMs = Number.POSITIVE_INFINITY): void {
    if (this.#ttlMs <= 0) return;
    if (this.#entries.size >= this.#max) this.#entries.clear();
    this.#entries.set(key, { auth, until: Math.min(nowMs + this.#ttlMs, expiresAtMs) });
  }

  forget(key: string): void {
    this.#entries.delete(key);
  }

  forgetWhere(test: (auth: AuthContext) => boolean): void {
    for (const [k, e] of this.#entries) if (test(e.auth)) this.#entries.delete(k);
  }

  /** Updates the user's own fields (name, language) in every cached context of that user. */
  refreshUser(user: AuthContext["user"]): void {
    for (const e of this.#entries.values()) if (e.auth.user.id === user.id) e.auth = { ...e.auth, user };
  }

  forgetUser(userId: string): void {
    this.forgetWhere((a) => a.user.id === userId);
  }
}
