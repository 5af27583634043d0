import type { ItnioClient, TrunkQuery, TrunkQueryResult } from '../itnio/client.js';
import { queryKey } from './query-key.js';

/** Identical queries already in flight on this instance share one ITNIO call. */
export function singleFlight(client: ItnioClient): ItnioClient {
  const inFlight = new Map<string, Promise<TrunkQueryResult>>();
  return {
    queryTrunks(query: TrunkQuery): Promise<TrunkQueryResult> {
      // A Refresh must not ride on an in-flight read that may be answered from the cache.
      const key = query.fresh ? `${queryKey(query)}:fresh` : queryKey(query);
      const running = inFlight.get(key);
      if (running) return running;
      const call = client.queryTrunks(query).finally(() => inFlight.delete(key));
      inFlight.set(key, call);
      return call;
    },
    close: () => client.close(),
  };
}
