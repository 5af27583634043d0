import type { Store } from '../store/store.js';
import { cachePages } from './page-cache.js';
import { sharedSingleFlight } from './shared-single-flight.js';
import { singleFlight } from './single-flight.js';
import type { TrunkSource } from './trunk-source.js';

export interface ProtectionOptions {
  /** How long vendor pages stay cached; 0 turns the cache off. */
  cacheTtlSeconds: number;
  /** Set when the store is shared by several instances: identical queries then share one call across them. */
  sharedLockSeconds?: number;
}

/**
 * Vendor pages as queries use them. Outside in: identical queries on this instance share a call;
 * recent pages come from the cache; with a shared store, identical queries on other instances share a
 * call too. `source` is ITNIO behind the concurrency cap.
 */
export function protectSource(source: TrunkSource, store: Store, options: ProtectionOptions): TrunkSource {
  const shared =
    options.sharedLockSeconds === undefined
      ? source
      : sharedSingleFlight(source, store, { lockSeconds: options.sharedLockSeconds });
  return singleFlight(cachePages(shared, store, options.cacheTtlSeconds));
}
