/** Cross-request state (event de-duplication today). In memory here; the interface keeps room for a shared store. */
export interface Store {
  /** Atomically claims `key` for `ttlSeconds`; false when it was already claimed and has not expired. */
  claim(key: string, ttlSeconds: number): Promise<boolean>;
  close(): Promise<void>;
}

/** A process-local store; expired keys are swept as new ones arrive, so memory stays bounded. */
export function createMemoryStore(now: () => number = Date.now): Store {
  const expiries = new Map<string, number>();
  return {
    async claim(key, ttlSeconds) {
      const t = now();
      const until = expiries.get(key);
      if (until !== undefined && until > t) return false;
      expiries.set(key, t + ttlSeconds * 1000);
      // Map iterates in insertion order, so the oldest claims are swept first.
      for (const [k, exp] of expiries) {
        if (exp > t) break;
        expiries.delete(k);
      }
      return true;
    },
    async close() {
      expiries.clear();
    },
  };
}
