import { randomUUID } from 'node:crypto';
import type { ItnioClient, TrunkQuery, TrunkQueryResult } from '../itnio/client.js';
import type { Store } from '../store/store.js';
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
export function sharedSingleFlight(client: ItnioClient, store: Store, options: SharedFlightOptions): ItnioClient {
  const { lockSeconds, resultSeconds = 5, pollMs = 25 } = options;
  return {
    async queryTrunks(query: TrunkQuery): Promise<TrunkQueryResult> {
      const key = queryKey(query);
      const lock = `flight:${key}`;
      const token = randomUUID();
      if (await store.claim(lock, lockSeconds, token)) {
        try {
          const answer = await client.queryTrunks(query);
          await store.set(`flight-result:${key}:${token}`, JSON.stringify(answer), resultSeconds);
          return answer;
        } finally {
          await store.deleteIfEquals(lock, token);
        }
      }
      const owner = await store.get(lock);
      if (owner === undefined) return client.queryTrunks(query);
      // The owner's answer, as this caller gets it: it did not wait on ITNIO itself.
      const published = async () => {
        const json = await store.get(`flight-result:${key}:${owner}`);
        return json === undefined ? undefined : { ...(JSON.parse(json) as TrunkQueryResult), latencyMs: 0 };
      };
      const deadline = Date.now() + lockSeconds * 1000;
      while (Date.now() < deadline && (await store.get(lock)) === owner) {
        const answer = await published();
        if (answer) return answer;
        await new Promise((resolve) => setTimeout(resolve, pollMs));
      }
      // The flight ended: one last look for its answer (published just before the lock went), else call.
      return (await published()) ?? client.queryTrunks(query);
    },
    close: () => client.close(),
  };
}
