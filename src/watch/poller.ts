import type { IndexedSnapshot, Inventory } from '../inventory/inventory.js';
import { errorFields, type Logger } from '../log.js';
import type { DurableStore } from '../store/durable.js';
import { DURABLE_KEY } from '../store/keys.js';
import { createLeasedJob } from '../store/leased-job.js';
import type { ButtonSeal } from '../trunks/button-seal.js';
import { matchTrunks } from '../trunks/match-trunks.js';
import { indexTrunks, type TrunkIndex } from '../trunks/trunk-index.js';
import type { AlertSender } from './alert-sender.js';
import { deliverOutbox } from './deliver-outbox.js';
import { planAlerts } from './plan-alerts.js';
import { noteOutage, noteRecovery } from './vendor-outage.js';
import type { Watch, WatchBook } from './watch-book.js';
import { applyProgress, emptyWatchState, readWatchState, type WatchState } from './watch-state.js';

export interface PollerOptions {
  inventory: Inventory;
  durable: DurableStore;
  book: WatchBook;
  sender: AlertSender;
  log: Logger;
  seal: ButtonSeal;
  intervalMs: number;
  confirmPolls: number;
  timeZone: string;
  /** ALERT_CHANNEL_ID: where an ITNIO outage is told. */
  alertChannel?: string;
  /** Whether a watch may still alert: the access rules of the day, not only those when it was set up. */
  allowed?: (watch: Watch) => boolean;
  now?: () => number;
}

/** What one poll did, for logs and tests. */
export type PollResult =
  | { polled: false; reason: 'not_leader' | 'no_watches' | 'no_new_data' | 'store_unavailable' | 'vendor_failed' }
  | { polled: true; posts: number; edits: number; replies: number; changes: number };

/** The one poller of a deployment: every interval, if it holds the lease, compares a fresh snapshot and alerts. */
export interface Poller {
  start(): void;
  /** One poll now (tests, and the timer). Polls never overlap: a call during one waits for it. */
  pollOnce(): Promise<PollResult>;
  stop(): Promise<void>;
}

/**
 * Creates the poller.
 * Rule 1: only the lease holder polls; the lease outlives two intervals, so a dead holder is replaced
 * within a couple of intervals.
 * Rule 2: the state is read from the durable store when this instance becomes the poller, and written
 * after the poll's messages are sent: a restart neither repeats an alert nor misses a change.
 * Rule 3: a failed snapshot is not "every trunk removed": the poll is skipped (and a long outage told).
 */
export function createPoller(options: PollerOptions): Poller {
  const { durable, log, intervalMs, now = Date.now } = options;
  const leaseMs = 2 * intervalMs + 2_000;
  const flapWindowMs = Math.max(15 * 60_000, 10 * intervalMs);
  let state: WatchState | undefined;
  let previousIndex: { fetchedAt: number; index: TrunkIndex } | undefined;
  const job = createLeasedJob<PollResult>({
    durable,
    lease: DURABLE_KEY.pollerLease,
    leaseMs,
    log,
    duty: 'polls for watches',
    run: async () => {
      const result = await poll();
      log.debug(result, 'watch poll');
      return result;
    },
    failed: () => ({ polled: false, reason: 'store_unavailable' }),
    // At once: after a restart, what changed while the bot was down is news now, not an interval later.
    nextDelayMs: (first) => (first ? 0 : intervalMs),
    // Whoever polled meanwhile changed the saved state: a returning poller reads it again.
    onLeaseChange: (held) => {
      if (!held) state = undefined;
    },
  });
  const { holdLease } = job;

  const save = async (next: WatchState) => {
    state = next;
    await durable.write(DURABLE_KEY.watchState, JSON.stringify(next));
  };

  const poll = async (): Promise<PollResult> => {
    let current: WatchState;
    try {
      if (!(await holdLease())) return { polled: false, reason: 'not_leader' };
      if (!state) {
        const saved = readWatchState(await durable.read(DURABLE_KEY.watchState)) ?? emptyWatchState();
        state = applyProgress(saved, await durable.read(DURABLE_KEY.watchProgress));
      }
      current = state;
    } catch (error) {
      log.warn(errorFields(error), 'watch poll skipped: the durable store did not answer');
      return { polled: false, reason: 'store_unavailable' };
    }
    const watches = (await options.book.all()).filter((w) => !w.disabled && (options.allowed?.(w) ?? true));
    if (watches.length === 0) {
      // Nothing to compare for: the next watch starts from a fresh baseline, not from a stale snapshot.
      if (current.fetchedAt !== 0) await save(emptyWatchState());
      return { polled: false, reason: 'no_watches' };
    }
    let snapshot: IndexedSnapshot;
    try {
      snapshot = await options.inventory.get({ maxAgeMs: intervalMs / 2, signal: job.signal });
    } catch (error) {
      if (job.signal.aborted) return { polled: false, reason: 'vendor_failed' };
      log.warn(errorFields(error), 'watch poll skipped: no snapshot from ITNIO');
      await save(await noteOutage(current, options, now()));
      return { polled: false, reason: 'vendor_failed' };
    }
    // The same snapshot as last time (reused within its age) holds nothing new; messages Slack refused
    // before are still tried. Only equality counts: an instance whose clock runs behind the last
    // poller's still has news.
    if (snapshot.fetchedAt === current.fetchedAt) {
      await deliverAndSave(current);
      return { polled: false, reason: 'no_new_data' };
    }
    const recovered = current.outage ? await noteRecovery(current, options, now()) : current;
    const complete = snapshot.unreadable === 0 && snapshot.trunks.length >= (snapshot.total ?? 0);
    if (!complete) {
      log.warn(
        { trunks: snapshot.trunks.length, total: snapshot.total, unreadable: snapshot.unreadable },
        'partial snapshot: trunks missing from it are not taken as removed yet',
      );
    }
    const plan = planAlerts({
      state: recovered,
      trunks: snapshot.trunks,
      fetchedAt: snapshot.fetchedAt,
      complete,
      channelsFor: audience(watches, snapshot, indexOf(recovered), now()),
      confirmPolls: options.confirmPolls,
      flapWindowMs,
    });
    // The lease may have passed to another instance while the snapshot was collected.
    if (!(await holdLease())) return { polled: false, reason: 'not_leader' };
    await save(plan.state);
    await deliverAndSave(plan.state);
    const { added } = plan;
    if (added.posts + added.edits + added.replies > 0) log.info(added, 'watch alerts planned');
    return { polled: true, ...added };
  };

  const indexOf = (s: WatchState): TrunkIndex => {
    if (previousIndex?.fetchedAt !== s.fetchedAt) {
      previousIndex = { fetchedAt: s.fetchedAt, index: indexTrunks(s.trunks, options.timeZone) };
    }
    return previousIndex.index;
  };

  /** Sends the outbox and saves what is left of it, unless the lease was lost meanwhile (the new poller carries on). */
  // The state was saved with its outbox before any message goes out; with nothing to send, it stays as saved.
  const deliverAndSave = async (saved: WatchState) => {
    if (saved.outbox.length === 0) return;
    const delivered = await deliverOutbox(saved, {
      durable,
      book: options.book,
      sender: options.sender,
      seal: options.seal,
      log,
      now,
      holdLease,
      signal: job.signal,
    });
    if (delivered) await save(delivered);
  };

  return { start: job.start, pollOnce: job.runOnce, stop: job.stop };
}

/** Which channels watch a trunk: matched by a watch's filters in the new snapshot or the one before. */
function audience(
  watches: Watch[],
  snapshot: IndexedSnapshot,
  previous: TrunkIndex,
  asOf: number,
): (trunkId: string) => readonly string[] {
  let byTrunk: Map<string, string[]> | undefined;
  // Built on first use: most polls have nothing to tell anyone.
  const build = () => {
    const map = new Map<string, string[]>();
    for (const watch of watches) {
      for (const index of [snapshot.index, previous]) {
        for (const trunk of matchTrunks(index, watch.request, asOf)) {
          if (trunk.keyId === null) continue;
          const id = String(trunk.keyId);
          const channels = map.get(id) ?? [];
          if (!channels.includes(watch.channel)) channels.push(watch.channel);
          map.set(id, channels);
        }
      }
    }
    return map;
  };
  return (trunkId) => {
    byTrunk ??= build();
    return byTrunk.get(trunkId) ?? [];
  };
}
