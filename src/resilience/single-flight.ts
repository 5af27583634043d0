import type { PageQuery, SourcedPage, TrunkSource } from './trunk-source.js';
import { queryKey } from './query-key.js';

/** Identical queries already in flight on this instance share one ITNIO call. */
export function singleFlight(client: TrunkSource): TrunkSource {
  const inFlight = new Map<string, Promise<SourcedPage>>();
  return {
    queryTrunks(query: PageQuery): Promise<SourcedPage> {
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
