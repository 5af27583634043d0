import { webApi } from '@slack/bolt';
import type { Config } from './config.js';
import { createDigestBook, type DigestBook } from './digest/digest-book.js';
import { createDigestPoster, type DigestPoster } from './digest/digest-poster.js';
import type { Inventory } from './inventory/inventory.js';
import type { Logger } from './log.js';
import { checkAccess } from './pipeline/access-policy.js';
import { slackClientOptions } from './slack-identity.js';
import type { DurableStore } from './store/durable.js';
import type { ButtonSeal } from './trunks/button-seal.js';
import { createAlertSender } from './watch/alert-sender.js';
import { createPoller, type Poller } from './watch/poller.js';
import { createWatchBook, OPERATOR, type WatchBook } from './watch/watch-book.js';

/** What the channel's standing subscriptions run on: watches and their poller, digests and their poster. */
export interface StandingJobs {
  watches: WatchBook;
  poller: Poller;
  digestBook: DigestBook;
  digests: DigestPoster;
  /** Cuts the sender's waits (pacing, Retry-After) short when the bot stops; unsent messages stay in the outbox. */
  stopSending(): void;
}

/** Builds the watch poller and the digest poster on the durable store, with one sender for both. */
export function createStandingJobs(
  config: Config,
  {
    durable,
    inventory,
    seal,
    log,
    now,
  }: { durable: DurableStore; inventory: Inventory; seal: ButtonSeal; log: Logger; now: () => number },
): StandingJobs {
  const watches = createWatchBook(durable, config.watch.alertChannel);
  // Stopping cuts the alert sender's waits (pacing, Retry-After) short; unsent messages stay in the outbox.
  const watchStopping = new AbortController();
  // A channel or person taken off the allowlists stops getting alerts and digests, as they would stop getting
  // answers: the same rules, but for the workspace, which a watch or digest was set up in already.
  const rules = { ...config.access, teams: [] };
  const allowed = (channel: string, createdBy: string) => checkAccess(rules, { user: createdBy, channel }, {}).allowed;
  // One sender for alerts and digests, so its per-channel pacing sees both.
  const sender = createAlertSender({
    // Its own client: a 429 must come back to the sender, which waits per channel, not stall every reply.
    client: new webApi.WebClient(config.slack.botToken, {
      ...slackClientOptions(config),
      rejectRateLimitedCalls: true,
      logLevel: webApi.LogLevel.ERROR,
    }),
    signal: watchStopping.signal,
  });
  const poller = createPoller({
    inventory,
    durable,
    book: watches,
    sender,
    log: log.child({ component: 'watch' }),
    seal,
    intervalMs: config.watch.intervalSeconds * 1000,
    confirmPolls: config.watch.confirmPolls,
    timeZone: config.itnio.timeZone,
    ...(config.watch.alertChannel !== undefined && { alertChannel: config.watch.alertChannel }),
    allowed: (watch) => watch.createdBy === OPERATOR || allowed(watch.channel, watch.createdBy),
    now,
  });
  const digestBook = createDigestBook(durable);
  const digests = createDigestPoster({
    durable,
    book: digestBook,
    inventory,
    sender,
    log: log.child({ component: 'digest' }),
    seal,
    allowed: (digest) => allowed(digest.channel, digest.createdBy),
    now,
  });
  return { watches, poller, digestBook, digests, stopSending: () => watchStopping.abort() };
}
