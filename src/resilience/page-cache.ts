import type { PageQuery, SourcedPage, TrunkSource } from './trunk-source.js';
import type { Store } from '../store/store.js';
import { STORE_KEY } from '../store/keys.js';
import { queryKey } from './query-key.js';

/**
 * Keeps each vendor page for `ttlSeconds` in the store (so every instance shares it when the store is
 * Redis): paging back and forth during an incident is instant and spares the vendor's data cap.
 * A `fresh` query (Refresh) skips the read but refills the cache. 0 turns caching off.
 */
export function cachePages(client: TrunkSource, store: Store, ttlSeconds: number): TrunkSource {
  if (ttlSeconds <= 0) return client;
  return {
    async queryTrunks(query: PageQuery): Promise<SourcedPage> {
      const key = STORE_KEY.page(queryKey(query));
      if (!query.fresh) {
        const hit = await store.get(key);
        if (hit !== undefined) return { ...(JSON.parse(hit) as SourcedPage), latencyMs: 0, cached: true };
      }
      const answer = await client.queryTrunks(query);
      await store.set(key, JSON.stringify({ ...answer, cached: undefined }), ttlSeconds);
      return answer;
    },
    close: () => client.close(),
  };
}
