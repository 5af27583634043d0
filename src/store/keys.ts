/**
 * Every key the bot keeps in its store (and so in Redis, under REDIS_PREFIX), in one place so a reader
 * sees what the store holds and how long.
 */
export const STORE_KEY = {
  /** A slash command's or click's trigger_id, seen once (replays are dropped). */
  trigger: (triggerId: string) => `trigger:${triggerId}`,
  /** An Events API event_id, seen once (Slack's retries are answered once). */
  event: (eventId: string) => `event:${eventId}`,
  /** One Share click on one message, so a double click posts once. */
  share: (user: string, messageTs: string, value: string) => `share:${user}:${messageTs}:${value}`,
  /** One Export CSV click on one message, so a double click uploads once. */
  export: (user: string, messageTs: string, value: string) => `export:${user}:${messageTs}:${value}`,
  /** A user's query count in the current rate-limit window. */
  rate: (user: string) => `rate:${user}`,
  /** A cached vendor page, by query key. */
  page: (queryKey: string) => `page:${queryKey}`,
  /** The lock of an ITNIO call in flight on some instance, holding its owner's token. */
  flight: (queryKey: string) => `flight:${queryKey}`,
  /** The answer that flight's owner published for the instances waiting on it. */
  flightResult: (queryKey: string, token: string) => `flight-result:${queryKey}:${token}`,
  /** The snapshot of every trunk (JSON), for INVENTORY_TTL_SECONDS. */
  inventory: 'inventory:snapshot',
  /** When the shared snapshot was fetched, so instances can tell a newer one without reading it. */
  inventoryVersion: 'inventory:version',
  /** The instance building the next snapshot, holding its token. */
  inventoryLock: 'inventory:lock',
} as const;

/** What the durable store (Redis, or files under DATA_DIR) holds; nothing here expires. */
export const DURABLE_KEY = {
  /** Channel watches, one record each by watch id. */
  watches: 'watches',
  /** What the poller compared last: the snapshot, confirmed gateway states, open alerts, an ITNIO outage. */
  watchState: 'watch-state',
  /** Which of the saved state's outbox messages were sent, written after each one. */
  watchProgress: 'watch-progress',
  /** The lease of the one instance that polls and posts alerts. */
  pollerLease: 'watch-poller',
  /** Daily digests, one record per channel (the channel ID is the record id). */
  digests: 'digests',
  /** The last digest each channel was sent (or is being sent), by channel: at most one post per day. */
  digestSends: 'digest-sends',
  /** The lease of the one instance that posts daily digests. */
  digestLease: 'digest-poster',
} as const;
