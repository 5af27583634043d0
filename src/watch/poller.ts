import { randomUUID } from 'node:crypto';
import type { IndexedSnapshot, Inventory } from '../inventory/inventory.js';
import { errorFields, type Logger } from '../log.js';
import type { DurableStore } from '../store/durable.js';
import { DURABLE_KEY } from '../store/keys.js';
import type { ButtonSeal } from '../trunks/button-seal.js';
import { matchTrunks } from '../trunks/match-trunks.js';
import { indexTrunks, type TrunkIndex } from '../trunks/trunk-index.js';
import type { AlertSender } from './alert-sender.js';
import { type AlertPlan, planAlerts } from './plan-alerts.js';
import { renderAlertPost } from './render-alert.js';
import { noteOutage, noteRecovery } from './vendor-outage.js';
import type { Watch, WatchBook } from './watch-book.js';
import { emptyWatchState, readWatchState, type AlertPost, type WatchState } from './watch-state.js';

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
  const owner = randomUUID();
  const leaseMs = 2 * intervalMs + 2_000;
  const flapWindowMs = Math.max(15 * 60_000, 10 * intervalMs);
  const stopping = new AbortController();
  let leading = false;
  let state: WatchState | undefined;
  let previousIndex: { fetchedAt: number; index: TrunkIndex } | undefined;
  let running: Promise<PollResult> | undefined;
  let timer: NodeJS.Timeout | undefined;

  const holdLease = async (): Promise<boolean> => {
    const held = await durable.lease(DURABLE_KEY.pollerLease, owner, leaseMs);
    if (held !== leading)
      log.info({ owner }, held ? 'this instance now polls for watches' : 'another instance polls for watches');
    if (!held) state = undefined;
    leading = held;
    return held;
  };

  const save = async (next: WatchState) => {
    state = next;
    await durable.write(DURABLE_KEY.watchState, JSON.stringify(next));
  };

  const poll = async (): Promise<PollResult> => {
    try {
      if (!(await holdLease())) return { polled: false, reason: 'not_leader' };
      state ??= readWatchState(await durable.read(DURABLE_KEY.watchState)) ?? emptyWatchState();
    } catch (error) {
      log.warn(errorFields(error), 'watch poll skipped: the durable store did not answer');
      return { polled: false, reason: 'store_unavailable' };
    }
    const watches = (await options.book.all()).filter((w) => !w.disabled);
    if (watches.length === 0) {
      // Nothing to compare for: the next watch starts from a fresh baseline, not from a stale snapshot.
      if (state.fetchedAt !== 0) await save(emptyWatchState());
      return { polled: false, reason: 'no_watches' };
    }
    let snapshot: IndexedSnapshot;
    try {
      snapshot = await options.inventory.get({ maxAgeMs: intervalMs / 2, signal: stopping.signal });
    } catch (error) {
      if (stopping.signal.aborted) return { polled: false, reason: 'vendor_failed' };
      log.warn(errorFields(error), 'watch poll skipped: no snapshot from ITNIO');
      await save(await noteOutage(state, options, now()));
      return { polled: false, reason: 'vendor_failed' };
    }
    // The same snapshot as last time (reused within its age) holds nothing new. Only equality counts: an
    // instance whose clock runs behind the last poller's still has news.
    if (snapshot.fetchedAt === state.fetchedAt) return { polled: false, reason: 'no_new_data' };
    const recovered = state.outage ? await noteRecovery(state, options, now()) : state;

    const complete = snapshot.unreadable === 0 && snapshot.trunks.length >= (snapshot.total ?? 0);
    if (!complete) {
      log.warn(
        { trunks: snapshot.trunks.length, total: snapshot.total, unreadable: snapshot.unreadable },
        'partial snapshot: trunks missing from it are not taken as removed',
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
    const sent = await deliver(plan);
    await save(sent);
    const result = {
      polled: true as const,
      posts: plan.posts.length,
      edits: plan.edits.length,
      replies: plan.replies.length,
      changes: plan.posts.reduce((n, p) => n + p.incidents.length + p.lines.length + p.more, 0),
    };
    if (result.posts + result.edits + result.replies > 0) log.info(result, 'watch alerts sent');
    return result;
  };

  const indexOf = (s: WatchState): TrunkIndex => {
    if (previousIndex?.fetchedAt !== s.fetchedAt) {
      previousIndex = { fetchedAt: s.fetchedAt, index: indexTrunks(s.trunks, options.timeZone) };
    }
    return previousIndex.index;
  };

  /** Sends the plan; returns the state to keep, with the posts Slack accepted and without channels it refused. */
  const deliver = async (plan: AlertPlan): Promise<WatchState> => {
    const next = plan.state;
    const gone = new Set<string>();
    const refused = async (channel: string, error: string) => {
      if (gone.has(channel)) return;
      gone.add(channel);
      const disabled = await options.book.disableChannel(channel, error, now());
      log.warn(
        { channel, slackError: error, watches: disabled },
        'watches disabled: Slack will not take alerts in this channel',
      );
    };
    const render = (post: Pick<AlertPost, 'channel' | 'incidents' | 'lines' | 'more'>) =>
      renderAlertPost({
        channel: post.channel,
        incidents: post.incidents.flatMap((id) => next.incidents[id] ?? []),
        lines: post.lines,
        more: post.more,
        seal: options.seal,
      });
    for (const post of plan.posts) {
      if (gone.has(post.channel)) continue;
      const sent = await options.sender.post(post.channel, render(post));
      if (sent.ok) {
        if (post.incidents.length > 0) next.posts.push({ ...post, ts: sent.ts, postedAt: now() });
      } else if (sent.gone) {
        await refused(post.channel, sent.error);
      } else {
        log.error({ channel: post.channel, slackError: sent.error }, 'alert not delivered');
      }
    }
    for (const post of plan.edits) {
      if (gone.has(post.channel)) continue;
      const sent = await options.sender.update(post.channel, post.ts, render(post));
      if (!sent.ok && sent.gone) await refused(post.channel, sent.error);
      else if (!sent.ok) log.warn({ channel: post.channel, slackError: sent.error }, 'alert not edited');
    }
    for (const { post, text } of plan.replies) {
      if (gone.has(post.channel)) continue;
      const reply = { text, blocks: [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text } }] };
      const sent = await options.sender.post(post.channel, reply, post.ts);
      if (!sent.ok && sent.gone) await refused(post.channel, sent.error);
      else if (!sent.ok) log.warn({ channel: post.channel, slackError: sent.error }, 'alert reply not delivered');
    }
    return { ...next, posts: next.posts.filter((p) => !gone.has(p.channel)) };
  };

  const pollOnce = (): Promise<PollResult> => {
    const previous = running ?? Promise.resolve(undefined);
    const mine = previous.then(poll).catch((error: unknown): PollResult => {
      log.error(errorFields(error), 'watch poll failed');
      return { polled: false, reason: 'store_unavailable' };
    });
    running = mine;
    return mine;
  };

  return {
    start() {
      const tick = (delayMs: number) => {
        timer = setTimeout(() => {
          void pollOnce().finally(() => {
            if (!stopping.signal.aborted) tick(intervalMs);
          });
        }, delayMs);
        timer.unref();
      };
      // At once: after a restart, what changed while the bot was down is news now, not an interval later.
      tick(0);
    },
    pollOnce,
    async stop() {
      stopping.abort();
      clearTimeout(timer);
      await running;
      if (leading) await durable.releaseLease(DURABLE_KEY.pollerLease, owner).catch(() => undefined);
    },
  };
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
