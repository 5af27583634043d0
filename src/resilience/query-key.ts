import type { TrunkQuery } from '../itnio/client.js';

/** A stable key for a query: same page, size and filters → same key (freshness is not part of it). */
export function queryKey({ page, size, filter }: TrunkQuery): string {
  return JSON.stringify([page, size, filter.type ?? null, filter.sipTrunkName ?? null]);
}
