/**
 * Cross-request state: event de-duplication, rate-limit counters, single-flight locks and cached
 * answers. In memory for one instance; Redis when several instances must behave as one.
 */
export interface Store {
  /** Atomically claims `key` for `ttlSeconds` (holding `value`); false when it was already claimed and has not expired. */
  claim(key: string, ttlSeconds: number, value?: string): Promise<boolean>;
  /** Adds one to a counter that lives `windowSeconds` from its first hit; returns the count and seconds left. */
  increment(key: string, windowSeconds: number): Promise<{ count: number; resetSeconds: number }>;
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Deletes `key` only while it still holds `value` (an owner releasing its own lock, never a successor's). */
  deleteIfEquals(key: string, value: string): Promise<void>;
  close(): Promise<void>;
}

const SWEEP_EVERY_PUTS = 1_000;
const MAX_ENTRIES = 100_000;

/** A process-local store; expired keys are swept as new ones arrive, so memory stays bounded. */
export function createMemoryStore(now: () => number = Date.now): Store & { readonly size: number } {
  const entries = new Map<string, { value: string; expires: number }>();

  const live = (key: string) => {
    const entry = entries.get(key);
    if (entry && entry.expires <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };
  let puts = 0;
  const put = (key: string, value: string, ttlSeconds: number) => {
    entries.delete(key);
    entries.set(key, { value, expires: now() + ttlSeconds * 1000 });
    // Keys live from seconds (pages) to hours (event ids), so expiry order is not insertion order:
    // sweep the whole map now and then (amortised O(1) per write), and never hold more than a cap.
    if (++puts % SWEEP_EVERY_PUTS === 0) sweep();
    while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  };
  const sweep = () => {
    const t = now();
    for (const [k, e] of entries) if (e.expires <= t) entries.delete(k);
  };

  return {
    /** Entries held, expired or not: what the housekeeping keeps bounded. */
    get size() {
      return entries.size;
    },
    async claim(key, ttlSeconds, value = '1') {
      if (live(key)) return false;
      put(key, value, ttlSeconds);
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
    async deleteIfEquals(key, value) {
      if (live(key)?.value === value) entries.delete(key);
    },
    async close() {
      entries.clear();
    },
  };
}
