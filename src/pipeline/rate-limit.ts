import { STORE_KEY } from '../store/keys.js';
import type { Store } from '../store/store.js';

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number; limit: number };

/** Per-user requests to ITNIO per minute, counted in the shared store so the limit holds across instances. */
export async function checkRateLimit(store: Store, user: string, perMinute: number): Promise<RateDecision> {
  if (perMinute <= 0) return { allowed: true };
  // A fixed window from the user's first counted request; the counter's remaining life is the honest retry time.
  const { count, resetSeconds } = await store.increment(STORE_KEY.rate(user), 60);
  return count <= perMinute ? { allowed: true } : { allowed: false, retryAfterSeconds: resetSeconds, limit: perMinute };
}
