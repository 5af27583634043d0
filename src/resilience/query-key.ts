import type { TrunkQuery } from '../itnio/client.js';

/**
 * A stable key for a query: same page, size and filters → same key (freshness is not part of it). Whether it
 * reads credential fingerprints is: an answer without them must not stand in for one that needs them.
 */
export function queryKey({ page, size, filter, credentials }: TrunkQuery): string {
  return JSON.stringify([page, size, filter.type ?? null, filter.sipTrunkName ?? null, credentials === true]);
}
