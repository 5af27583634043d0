import type { Store } from '../store/store.js';
import { limitConcurrency } from './limit-concurrency.js';
import { cachePages } from './page-cache.js';
import { sharedSingleFlight } from './shared-single-flight.js';
import { singleFlight } from './single-flight.js';
import type { TrunkSource } from './trunk-source.js';

export interface ProtectionOptions {
  /** ITNIO calls in flight at once, and queries allowed to wait for a slot. */
  concurrency: number;
  queue: number;
  /** How long vendor pages stay cached; 0 turns the cache off. */
  cacheTtlSeconds: number;
  /** Set when the store is shared by several instances: identical queries then share one call across them. */
  sharedLockSeconds?: number;
}

/**
 * ITNIO as the rest of the bot uses it. Outside in: identical queries on this instance share a call;
 * recent pages come from the cache; with a shared store, identical queries on other instances share a
 * call too; real calls queue for a slot.
 */
export function protectSource(source: TrunkSource, store: Store, options: ProtectionOptions): TrunkSource {
  const limited = limitConcurrency(source, { max: options.concurrency, queue: options.queue });
  const shared =
    options.sharedLockSeconds === undefined
      ? limited
      : sharedSingleFlight(limited, store, { lockSeconds: options.sharedLockSeconds });
  return singleFlight(cachePages(shared, store, options.cacheTtlSeconds));
}
