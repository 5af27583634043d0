import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from '../log.js';
import type { TrunkSource } from '../resilience/trunk-source.js';
import { STORE_KEY } from '../store/keys.js';
import type { Store } from '../store/store.js';
import { indexTrunks, type TrunkIndex } from '../trunks/trunk-index.js';
import { fetchInventory, InventoryTooLargeError, type Progress, type Snapshot } from './fetch-inventory.js';

/** A snapshot with the index that answers queries from it. */
export interface IndexedSnapshot extends Snapshot {
  index: TrunkIndex;
}

export interface InventoryOptions {
  /** ITNIO behind the concurrency cap only: a snapshot must not fill the page cache. */
  source: TrunkSource;
  store: Store;
  log: Logger;
  ttlSeconds: number;
  maxTrunks: number;
  parallel: number;
  /** Zone the vendor's times are in, for the `changed:` index. */
  timeZone: string;
  /** Set when the store is shared by several instances: then one of them builds and the others read. */
  shared: boolean;
  now?: () => number;
  /** How often a waiting instance looks for the builder's snapshot. */
  pollMs?: number;
}

export interface GetSnapshotOptions {
  /** Rebuild even when a snapshot is fresh enough (↻ Refresh). */
  fresh?: boolean;
  /** Reuse a snapshot only while it is younger than this (and than the TTL): the watch poller's interval. */
  maxAgeMs?: number;
  onProgress?: (progress: Progress) => void;
  signal?: AbortSignal;
}

/**
 * What answering a query from the snapshot would take right now: nothing new from ITNIO while a snapshot is
 * fresh (until `expiresAt`, epoch ms) or being built here (the query joins that build); a build when stale.
 */
export type Readiness = { state: 'fresh'; fetchedAt: number; expiresAt: number } | { state: 'building' | 'stale' };

/** The snapshot of every trunk, built at most once per TTL across every instance sharing the store. */
export interface Inventory {
  get(options?: GetSnapshotOptions): Promise<IndexedSnapshot>;
  /** Whether `get` would need ITNIO now; never builds, and reads only a small key of the shared store. */
  peek(): Promise<Readiness>;
}

/**
 * Serves snapshots from this instance's memory while they are fresh, else from the shared store,
 * else builds one.
 * Rule 1: one build at a time in this process; callers in the meantime share it (and its progress).
 * Rule 2: with a shared store, the instance that takes the build lock builds; the others wait for the
 * snapshot it publishes, and build themselves only if it vanishes without one.
 * Rule 3: a failed build publishes nothing, so a half-collected inventory is never served.
 */
export function createInventory(options: InventoryOptions): Inventory {
  const { store, log, ttlSeconds, now = Date.now, pollMs = 100 } = options;
  const ttlMs = ttlSeconds * 1000;
  let current: IndexedSnapshot | undefined;
  // "Too many trunks" is remembered like a snapshot, so every query in the meantime does not probe ITNIO again.
  let tooLarge: { error: InventoryTooLargeError; fetchedAt: number } | undefined;
  let building:
    | { done: Promise<IndexedSnapshot>; last: () => Progress | undefined; listeners: Set<(p: Progress) => void> }
    | undefined;

  const adopt = (snapshot: Snapshot): IndexedSnapshot => {
    current = { ...snapshot, index: indexTrunks(snapshot.trunks, options.timeZone) };
    return current;
  };
  const fresh = (s: { fetchedAt: number } | undefined, maxAgeMs = ttlMs) =>
    s !== undefined && now() - s.fetchedAt < Math.min(ttlMs, maxAgeMs);

  // Only a store shared with other instances holds the snapshot: this instance keeps its own copy as
  // objects, and a second copy as JSON text in memory would double what a snapshot costs.
  const readShared = async (): Promise<Snapshot | undefined> => {
    if (!options.shared) return undefined;
    const json = await store.get(STORE_KEY.inventory);
    return json === undefined ? undefined : (JSON.parse(json) as Snapshot);
  };
  // With a shared store another instance may have rebuilt (Refresh): a small key says when, so this
  // instance reads the whole snapshot only when it is newer than its own copy.
  const newerShared = async (): Promise<boolean> => {
    if (!options.shared || !current) return false;
    const version = await store.get(STORE_KEY.inventoryVersion);
    return version !== undefined && Number(version) > current.fetchedAt;
  };

  const collect = async (signal: AbortSignal | undefined, report: (p: Progress) => void): Promise<IndexedSnapshot> => {
    const started = performance.now();
    const snapshot = await fetchInventory(options.source, {
      maxTrunks: options.maxTrunks,
      parallel: options.parallel,
      ...(signal && { signal }),
      onProgress: report,
    });
    log.info(
      {
        trunks: snapshot.trunks.length,
        unreadable: snapshot.unreadable,
        durationMs: Math.round(performance.now() - started),
      },
      'inventory snapshot built',
    );
    if (options.shared) {
      await store.set(STORE_KEY.inventory, JSON.stringify(snapshot), ttlSeconds);
      await store.set(STORE_KEY.inventoryVersion, String(snapshot.fetchedAt), ttlSeconds);
    }
    return adopt(snapshot);
  };

  const build = async (signal: AbortSignal | undefined, report: (p: Progress) => void): Promise<IndexedSnapshot> => {
    if (!options.shared) return collect(signal, report);
    const token = randomUUID();
    const lockSeconds = Math.max(30, ttlSeconds);
    if (await store.claim(STORE_KEY.inventoryLock, lockSeconds, token)) {
      try {
        return await collect(signal, report);
      } finally {
        await store.deleteIfEquals(STORE_KEY.inventoryLock, token);
      }
    }
    // Another instance is building: its snapshot, newer than this instance's, will do.
    const since = current?.fetchedAt ?? 0;
    const owner = await store.get(STORE_KEY.inventoryLock);
    while (owner !== undefined && (await store.get(STORE_KEY.inventoryLock)) === owner) {
      const published = await readShared();
      if (published && published.fetchedAt > since) return adopt(published);
      await delay(pollMs, undefined, signal ? { signal } : {});
    }
    const published = await readShared();
    return published && published.fetchedAt > since ? adopt(published) : collect(signal, report);
  };

  const freshUntil = (fetchedAt: number): Readiness => ({ state: 'fresh', fetchedAt, expiresAt: fetchedAt + ttlMs });

  return {
    async peek() {
      if (current && fresh(current)) return freshUntil(current.fetchedAt);
      if (building) return { state: 'building' };
      // Another instance's snapshot, published in the shared store, is as good as one of this instance's own.
      const version = options.shared ? Number(await store.get(STORE_KEY.inventoryVersion)) : Number.NaN;
      return fresh({ fetchedAt: version }) ? freshUntil(version) : { state: 'stale' };
    },
    async get({ fresh: refresh = false, maxAgeMs, onProgress, signal } = {}) {
      if (!refresh && fresh(current, maxAgeMs) && !(await newerShared())) return current!;
      if (!refresh && tooLarge && fresh(tooLarge, maxAgeMs)) throw tooLarge.error;
      if (!refresh && !building) {
        const published = await readShared();
        if (fresh(published, maxAgeMs) && published!.fetchedAt !== current?.fetchedAt) return adopt(published!);
      }
      if (!building) {
        const listeners = new Set<(p: Progress) => void>();
        let last: Progress | undefined;
        const report = (progress: Progress) => {
          last = progress;
          for (const listener of listeners) listener(progress);
        };
        const done = build(signal, report)
          .then(
            (snapshot) => {
              tooLarge = undefined;
              return snapshot;
            },
            (error: unknown) => {
              if (error instanceof InventoryTooLargeError) tooLarge = { error, fetchedAt: now() };
              throw error;
            },
          )
          .finally(() => {
            if (building?.done === done) building = undefined;
          });
        building = { done, listeners, last: () => last };
      }
      const flight = building;
      if (onProgress) {
        flight.listeners.add(onProgress);
        const last = flight.last();
        if (last) onProgress(last);
      }
      try {
        return await flight.done;
      } finally {
        if (onProgress) flight.listeners.delete(onProgress);
      }
    },
  };
}
