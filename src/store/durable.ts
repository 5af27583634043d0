/**
 * State that must outlive the process — channel watches, the snapshot the poller last compared, the
 * alerts it may still edit — unlike the cache-like `Store`, whose keys expire and may live in memory.
 * On Redis when several instances share one, else in files under DATA_DIR.
 */
export interface DurableStore {
  /** `file` keeps state for one process on this machine's disk; `redis` shares it between instances. */
  readonly kind: 'file' | 'redis';
  /** A whole document, or undefined when it was never written. */
  read(name: string): Promise<string | undefined>;
  /** Replaces a document atomically: a reader (or a crash) sees the old value or the new one, never part of one. */
  write(name: string, value: string): Promise<void>;
  /** Every record of a collection, by id (empty when there are none). */
  records(collection: string): Promise<Map<string, string>>;
  /** Adds or replaces one record without touching the others, so concurrent writers of different records both win. */
  putRecord(collection: string, id: string, value: string): Promise<void>;
  /** Removes one record; false when there was none. */
  deleteRecord(collection: string, id: string): Promise<boolean>;
  /**
   * Takes the lease `name` for `owner`, or renews it when `owner` already holds it; false while another
   * owner's lease has not expired. Renewing pushes the expiry `ttlMs` from now.
   */
  lease(name: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Gives the lease up when `owner` holds it, so a successor need not wait for it to expire. */
  releaseLease(name: string, owner: string): Promise<void>;
  close(): Promise<void>;
}
