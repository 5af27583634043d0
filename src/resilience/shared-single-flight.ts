import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { PageQuery, SourcedPage, TrunkSource } from './trunk-source.js';
import type { Store } from '../store/store.js';
import { STORE_KEY } from '../store/keys.js';
import { queryKey } from './query-key.js';

export interface SharedFlightOptions {
  /** Longest a query may hold the lock; matches the client's overall deadline. */
  lockSeconds: number;
  /** How long a finished answer is kept for the callers that waited on it. */
  resultSeconds?: number;
  pollMs?: number;
}

/**
 * Identical queries in flight on different instances share one ITNIO call.
 * Rule 1: the first caller takes the lock in the store with a token of its own, calls ITNIO, publishes
 * the answer under that token, and releases the lock only if it still holds it.
 * Rule 2: the others read the token and wait for that flight's answer — never an older flight's.
 * Rule 3: if the flight ends without an answer (it failed, or its owner vanished), a waiter calls itself.
 */
export function sharedSingleFlight(client: TrunkSource, store: Store, options: SharedFlightOptions): TrunkSource {
  const { lockSeconds, resultSeconds = 5, pollMs = 25 } = options;
  return {
    async queryTrunks(query: PageQuery): Promise<SourcedPage> {
      const key = queryKey(query);
      const lock = STORE_KEY.flight(key);
      const token = randomUUID();
      if (await store.claim(lock, lockSeconds, token)) {
        try {
          const answer = await client.queryTrunks(query);
          await store.set(STORE_KEY.flightResult(key, token), JSON.stringify(answer), resultSeconds);
          return answer;
        } finally {
          await store.deleteIfEquals(lock, token);
        }
      }
      const owner = await store.get(lock);
      if (owner === undefined) return client.queryTrunks(query);
      // The owner's answer, as this caller gets it: it did not wait on ITNIO itself.
      const published = async () => {
        const json = await store.get(STORE_KEY.flightResult(key, owner));
        return json === undefined ? undefined : { ...(JSON.parse(json) as SourcedPage), latencyMs: 0 };
      };
      const deadline = Date.now() + lockSeconds * 1000;
      while (Date.now() < deadline && (await store.get(lock)) === owner) {
        const answer = await published();
        if (answer) return answer;
        await delay(pollMs);
      }
      // The flight ended: one last look for its answer (published just before the lock went), else call.
      return (await published()) ?? client.queryTrunks(query);
    },
    close: () => client.close(),
  };
}
