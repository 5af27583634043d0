import type { ItnioClient, TrunkQuery, TrunkQueryResult } from '../itnio/client.js';
import type { Store } from '../store/store.js';
import { queryKey } from './single-flight.js';

export interface SharedFlightOptions {
  /** Longest a query may hold the lock; matches the client's overall deadline. */
  lockSeconds: number;
  /** How long a finished answer is kept for the callers that waited on it. */
  resultSeconds?: number;
  pollMs?: number;
}

/**
 * Identical queries in flight on different instances share one ITNIO call: the first takes a lock in
 * the store and publishes its answer there; the others wait for that answer instead of calling too.
 * If the owner fails or vanishes, a waiter makes the call itself.
 */
export function sharedSingleFlight(client: ItnioClient, store: Store, options: SharedFlightOptions): ItnioClient {
  const { lockSeconds, resultSeconds = 5, pollMs = 25 } = options;
  return {
    async queryTrunks(query: TrunkQuery): Promise<TrunkQueryResult> {
      const key = queryKey(query);
      const lock = `flight:${key}`;
      const result = `flight-result:${key}`;
      if (await store.claim(lock, lockSeconds)) {
        try {
          const answer = await client.queryTrunks(query);
          await store.set(result, JSON.stringify(answer), resultSeconds);
          return answer;
        } finally {
          await store.delete(lock);
        }
      }
      const deadline = Date.now() + lockSeconds * 1000;
      while (Date.now() < deadline) {
        const published = await store.get(result);
        if (published !== undefined) return { ...(JSON.parse(published) as TrunkQueryResult), latencyMs: 0 };
        // The owner released the lock without publishing: it failed, so this caller tries for itself.
        if ((await store.get(lock)) === undefined) break;
        await new Promise((resolve) => setTimeout(resolve, pollMs));
      }
      return client.queryTrunks(query);
    },
    close: () => client.close(),
  };
}
