import type { TrunkSource } from '../resilience/trunk-source.js';
import type { Trunk } from '../trunks/trunk.js';

/** Every trunk ITNIO has, as of one moment. */
export interface Snapshot {
  trunks: Trunk[];
  /** Epoch ms when the first page was answered: what "as of" means for every answer built on it. */
  fetchedAt: number;
  /** Records left out because they could not be read. */
  unreadable: number;
  /** How many trunks ITNIO said it holds: more than were collected means records moved between pages meanwhile. */
  total?: number;
}

/** How far a snapshot build has come. */
export interface Progress {
  collected: number;
  total: number;
}

export interface FetchInventoryOptions {
  /** Records per vendor call: the vendor's maximum, so a snapshot takes as few calls as possible. */
  pageSize?: number;
  /** Beyond this many trunks no snapshot is built. */
  maxTrunks: number;
  /** Vendor calls in flight at once for one build. */
  parallel: number;
  onProgress?: (progress: Progress) => void;
  signal?: AbortSignal;
}

/** The inventory is larger than the bot is configured to hold. */
export class InventoryTooLargeError extends Error {
  override readonly name = 'InventoryTooLargeError';
  readonly code = 'inventory_too_large';
  constructor(
    readonly total: number,
    readonly maxTrunks: number,
  ) {
    super(`ITNIO holds ${total} trunks, more than INVENTORY_MAX_TRUNKS (${maxTrunks})`);
  }
}

export const VENDOR_MAX_PAGE_SIZE = 100;

/**
 * Collects every page of the unfiltered trunk list.
 * Rule 1: the first page says how many there are; too many means no snapshot.
 * Rule 2: the other pages are fetched `parallel` at a time; any failed page fails the whole snapshot,
 * which is never shown partial as if it were whole.
 * Rule 3: records are de-duplicated by ID, since pages may shift while they are fetched.
 */
export async function fetchInventory(source: TrunkSource, options: FetchInventoryOptions): Promise<Snapshot> {
  const size = options.pageSize ?? VENDOR_MAX_PAGE_SIZE;
  const query = (page: number) =>
    source.queryTrunks({
      page,
      size,
      filter: {},
      fresh: true,
      // Watches compare snapshots, credentials included.
      credentials: true,
      ...(options.signal && { signal: options.signal }),
    });
  const first = await query(1);
  if (first.total > options.maxTrunks) throw new InventoryTooLargeError(first.total, options.maxTrunks);
  const pages = Math.max(1, Math.ceil(first.total / size));
  const collected = [first];
  let count = first.records.length;
  options.onProgress?.({ collected: count, total: first.total });

  let next = 2;
  const worker = async () => {
    while (next <= pages) {
      try {
        const page = await query(next++);
        collected.push(page);
        count += page.records.length;
        options.onProgress?.({ collected: Math.min(count, first.total), total: first.total });
      } catch (error) {
        next = Number.POSITIVE_INFINITY; // the snapshot has failed: the other workers stop asking
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.parallel, pages - 1) }, worker));

  const byId = new Map<string, Trunk>();
  const unnamed: Trunk[] = [];
  for (const page of collected) {
    for (const trunk of page.records) {
      if (trunk.keyId === null) unnamed.push(trunk);
      else byId.set(String(trunk.keyId), trunk);
    }
  }
  return {
    trunks: [...byId.values(), ...unnamed],
    fetchedAt: first.fetchedAt,
    unreadable: collected.reduce((sum, page) => sum + page.unreadable, 0),
    total: first.total,
  };
}
