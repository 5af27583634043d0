/**
 * Cross-request state: event de-duplication, rate-limit counters, single-flight locks and cached
 * answers. In memory for one instance; Redis when several instances must behave as one.
 */
export interface Store {
  /** Atomically claims `key` for `ttlSeconds`; false when it was already claimed and has not expired. */
  claim(key: string, ttlSeconds: number): Promise<boolean>;
  /** Adds one to a counter that lives `windowSeconds` from its first hit; returns the count and seconds left. */
  increment(key: string, windowSeconds: number): Promise<{ count: number; resetSeconds: number }>;
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  delete(key: string): Promise<void>;
  close(): Promise<void>;
}

/** A process-local store; expired keys are swept as new ones arrive, so memory stays bounded. */
export function createMemoryStore(now: () => number = Date.now): Store {
  const entries = new Map<string, { value: string; expires: number }>();

  const live = (key: string) => {
    const entry = entries.get(key);
    if (entry && entry.expires <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };
  const put = (key: string, value: string, ttlSeconds: number) => {
    // Re-inserting moves the key to the end, so the sweep below meets the oldest expiries first.
    entries.delete(key);
    entries.set(key, { value, expires: now() + ttlSeconds * 1000 });
    sweep();
  };
  const sweep = () => {
    const t = now();
    let checked = 0;
    for (const [k, e] of entries) {
      if (++checked > 100) break;
      if (e.expires <= t) entries.delete(k);
    }
  };

  return {
    async claim(key, ttlSeconds) {
      if (live(key)) return false;
      put(key, '1', ttlSeconds);
      return true;
    },
    async increment(key, windowSeconds) {
      const entry = live(key);
      if (!entry) {
        put(key, '1', windowSeconds);
        return { count: 1, resetSeconds: windowSeconds };
      }
      entry.value = String(Number(entry.value) + 1);
      return { count: Number(entry.value), resetSeconds: Math.max(1, Math.ceil((entry.expires - now()) / 1000)) };
    },
    async get(key) {
      return live(key)?.value;
    },
    async set(key, value, ttlSeconds) {
      put(key, value, ttlSeconds);
    },
    async delete(key) {
      entries.delete(key);
    },
    async close() {
      entries.clear();
    },
  };
}
