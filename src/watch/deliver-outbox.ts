import type { Logger } from '../log.js';
import type { DurableStore } from '../store/durable.js';
import { DURABLE_KEY } from '../store/keys.js';
import type { ButtonSeal } from '../trunks/button-seal.js';
import { type SlackMessage, textMessage } from '../trunks/message.js';
import { type AlertSender, CANCELLED, MAX_ATTEMPTS, type Sent } from './alert-sender.js';
import { type AlertItem, incidentLine, renderAlertPost } from './render-alert.js';
import type { WatchBook } from './watch-book.js';
import type { AlertPost, NewPost, OutboxItem, WatchProgress, WatchState } from './watch-state.js';

/** What sending the outbox needs from the poller. */
export interface OutboxDeps {
  durable: DurableStore;
  book: WatchBook;
  sender: AlertSender;
  seal: ButtonSeal;
  log: Logger;
  now: () => number;
  /** Renews the poller's lease; false once another instance holds it. */
  holdLease: () => Promise<boolean>;
  /** Aborted when the bot stops: what is left stays in the outbox. */
  signal: AbortSignal;
}

/**
 * Sends the outbox in order, recording each message sent before the next, so a restart or a new
 * poller neither repeats nor forgets one. Stops when the lease is lost (returns undefined) or the bot
 * stops (the rest stays in the outbox). Messages Slack refused for now are kept for the next poll, up
 * to MAX_ATTEMPTS; a channel Slack will not take messages in has its watches paused.
 */
export async function deliverOutbox(saved: WatchState, deps: OutboxDeps): Promise<WatchState | undefined> {
  const { durable, log, now, holdLease } = deps;
  const next: WatchState = { ...saved, posts: [...saved.posts] };
  const progress: WatchProgress = { fetchedAt: next.fetchedAt, done: [] };
  const record = async (done: WatchProgress['done'][number]) => {
    progress.done.push(done);
    await durable.write(DURABLE_KEY.watchProgress, JSON.stringify(progress));
  };
  const left: OutboxItem[] = [];
  const gone = new Set<string>();
  for (const item of saved.outbox) {
    const channel = item.kind === 'post' ? item.post.channel : item.channel;
    if (deps.signal.aborted) {
      left.push(item);
      continue;
    }
    if (gone.has(channel)) {
      await record({ id: item.id });
      continue;
    }
    if (!(await holdLease())) return undefined;
    const sent = await send(item, next, deps);
    if (sent.ok) {
      const postedAt = now();
      await record({ id: item.id, ts: sent.ts, postedAt });
      if (item.kind === 'post' && item.post.incidents.length > 0)
        next.posts.push({ ...item.post, ts: sent.ts, postedAt });
    } else if (sent.gone) {
      gone.add(channel);
      const disabled = await deps.book.disableChannel(channel, sent.error, now());
      log.warn(
        { channel, slackError: sent.error, watches: disabled },
        'watches disabled: Slack will not take alerts in this channel',
      );
      await record({ id: item.id });
    } else if (sent.error === CANCELLED) {
      left.push(item);
    } else if (item.attempts + 1 >= MAX_ATTEMPTS) {
      log.error(
        { channel, kind: item.kind, slackError: sent.error, attempts: item.attempts + 1 },
        'alert message given up',
      );
      await record({ id: item.id });
    } else {
      log.warn(
        { channel, kind: item.kind, slackError: sent.error },
        'alert message not sent; it is tried again next poll',
      );
      left.push({ ...item, attempts: item.attempts + 1 });
    }
  }
  return { ...next, outbox: left, posts: next.posts.filter((p) => !gone.has(p.channel)) };
}

/** Sends one outbox message; an edit is rendered from the state as it is now. */
function send(item: OutboxItem, next: WatchState, deps: OutboxDeps): Promise<Sent> {
  if (item.kind === 'reply') {
    return deps.sender.post(item.channel, textMessage(item.text), item.threadTs);
  }
  if (item.kind === 'post') return deps.sender.post(item.post.channel, render(item.post, next, deps.seal));
  const post = next.posts.find((p) => p.channel === item.channel && p.ts === item.ts);
  // Forgotten since (its incidents are long over): nothing left to edit.
  if (!post) return Promise.resolve({ ok: true, ts: item.ts });
  return deps.sender.update(item.channel, item.ts, render(post, next, deps.seal));
}

function render(post: NewPost & Pick<Partial<AlertPost>, 'frozen'>, next: WatchState, seal: ButtonSeal): SlackMessage {
  return renderAlertPost({
    channel: post.channel,
    items: post.incidents.flatMap((trunkId): AlertItem[] => {
      const frozen = post.frozen?.[trunkId];
      if (frozen !== undefined) return [{ trunkId, text: frozen }];
      const incident = next.incidents[trunkId];
      return incident ? [{ trunkId, text: incidentLine(incident), incident }] : [];
    }),
    lines: post.lines,
    more: post.more,
    seal,
  });
}
