import type { Inventory } from '../inventory/inventory.js';
import type { Logger } from '../log.js';
import type { TrunkSource } from '../resilience/trunk-source.js';
import type { IdentityCache } from '../slack-identity.js';
import type { Store } from '../store/store.js';
import type { ButtonSeal } from '../trunks/button-seal.js';
import type { DigestBook } from '../digest/digest-book.js';
import type { WatchBook } from '../watch/watch-book.js';
import type { AccessRules } from './access-policy.js';
import type { Inflight } from './inflight.js';

/** Everything the pipeline and listeners need, built once in `startBot` and passed in rather than imported. */
export interface BotDeps {
  log: Logger;
  /** Where audit lines go: kept at info even when LOG_LEVEL is quieter, so the trail has no gaps. */
  audit: Logger;
  store: Store;
  /** ITNIO pages behind the bot's protections (concurrency cap, cache, single-flight). */
  trunks: TrunkSource;
  /** The snapshot of every trunk that searches read. */
  inventory: Inventory;
  /** Channel watches, in the durable store. */
  watches: WatchBook;
  /** Asks the watch poller for a poll now, so a new watch's baseline is the trunks as they were when it was set up. */
  pollSoon?: () => void;
  /** Daily digests, one per channel, in the durable store. */
  digests: DigestBook;
  /** DIGEST_TIMEZONE: the zone of a digest whose creator's Slack time zone cannot be read. */
  digestTimeZone: string;
  /** The bot's clock, which digests are scheduled by (injectable, so tests move it instead of waiting). */
  now?: () => number;
  inflight: Inflight;
  access: AccessRules;
  /** Queries per user per minute; 0 means no limit. */
  perUserPerMinute: number;
  /** The workspace the bot is installed in, for refusing requests from elsewhere. */
  identity: IdentityCache;
  /** Zone the vendor's times are in. */
  timeZone: string;
  /** Signs the state carried by buttons. */
  seal: ButtonSeal;
  /** Aborted when the process stops, so queries still waiting on ITNIO end with a reply. */
  shutdown?: AbortSignal;
}
