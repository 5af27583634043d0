import type { IndexedSnapshot, Inventory } from '../inventory/inventory.js';
import { errorFields, type Logger } from '../log.js';
import type { DurableStore } from '../store/durable.js';
import { DURABLE_KEY } from '../store/keys.js';
import { createLeasedJob } from '../store/leased-job.js';
import type { ButtonSeal } from '../trunks/button-seal.js';
import { type AlertSender, CANCELLED } from '../watch/alert-sender.js';
import type { Digest, DigestBook, DigestSend } from './digest-book.js';
import { type Due, dueNow, LATE_LIMIT_MS, LATE_NOTE_MS, MAX_ATTEMPTS } from './digest-schedule.js';
import { renderDigest } from './render-digest.js';
import { summarizeDigest } from './summarize-digest.js';

export interface DigestPosterOptions {
  durable: DurableStore;
  book: DigestBook;
  inventory: Inventory;
  /** The watch poller's sender: one per process, so its per-channel pacing sees alerts and digests alike. */
  sender: AlertSender;
  log: Logger;
  seal: ButtonSeal;
  /** Whether a digest may still post: the access rules of the day, not only those when it was set up. */
  allowed?: (digest: Digest) => boolean;
  now?: () => number;
  /** How often the timer looks for digests due; the lease outlives two of these. */
  intervalMs?: number;
}

/** What one run did, for logs and tests. */
export type DigestRun =
  | { ran: false; reason: 'not_leader' | 'store_unavailable' }
  | { ran: true; posted: number; missed: number; failed: number };

/** The one poster of daily digests in a deployment: every minute, if it holds the lease, posts what is due. */
export interface DigestPoster {
  start(): void;
  /** Posts the digests due now (tests, the demo's clock, and the timer). Runs never overlap. */
  runDue(): Promise<DigestRun>;
  stop(): Promise<void>;
}

type Pending = { digest: Digest; due: Extract<Due, { kind: 'post' }>; send: DigestSend | undefined };

/**
 * Creates the poster.
 * Rule 1: only the holder of its own lease posts. Not the watch poller's: that one is held by the
 * poller's owner id and renewed on the poller's interval, so sharing it would make the two contend on
 * one instance; and digests must go out in a deployment that watches nothing.
 * Rule 2: nothing is kept in memory between runs; each run reads the digests and what was last sent,
 * so a restart, or another instance taking the lease over, carries on where the last run stopped.
 * Rule 3: each post is recorded before it is sent (counting the attempt) and again as soon as Slack
 * took it: a crash between Slack's answer and that write is the only way a digest goes out twice.
 */
export function createDigestPoster(options: DigestPosterOptions): DigestPoster {
  const { book, durable, log, now = Date.now, intervalMs = 60_000 } = options;
  const leaseMs = 2 * intervalMs + 2_000;
  const job = createLeasedJob<DigestRun>({
    durable,
    lease: DURABLE_KEY.digestLease,
    leaseMs,
    log,
    duty: 'posts daily digests',
    run: () => run(),
    failed: () => ({ ran: false, reason: 'store_unavailable' }),
    // At once (a digest due while the bot was restarting goes out now), then just after each whole minute,
    // so a 09:00 digest goes out at 09:00, not up to a minute later.
    nextDelayMs: (first) => (first ? 0 : intervalMs - (now() % intervalMs) + 1_000),
  });
  const { holdLease } = job;

  const run = async (): Promise<DigestRun> => {
    const due: Pending[] = [];
    let missed = 0;
    try {
      if (!(await holdLease())) return { ran: false, reason: 'not_leader' };
      const [digests, sends] = await Promise.all([book.all(), book.sends()]);
      const at = now();
      for (const digest of digests) {
        if (digest.disabled || !(options.allowed?.(digest) ?? true)) continue;
        const send = sends.get(digest.channel);
        const found = dueNow(digest, send, at);
        if (found?.kind === 'post') due.push({ digest, due: found, send });
        if (found?.kind === 'missed') {
          const { day, dueAt } = found.slot;
          const attempts = send?.day === day ? send.attempts : 0;
          await book.recordSend(digest.channel, { day, dueAt, attempts, skipped: 'missed' });
          log.warn(
            {
              channel: digest.channel,
              day,
              dueAt: new Date(dueAt).toISOString(),
              lateLimitHours: LATE_LIMIT_MS / 3.6e6,
            },
            'daily digest skipped: its time passed too long ago while it could not be posted',
          );
          missed += 1;
        }
      }
    } catch (error) {
      log.warn(errorFields(error), 'digest run skipped: the durable store did not answer');
      return { ran: false, reason: 'store_unavailable' };
    }
    const result = { ran: true as const, posted: 0, missed, failed: 0 };
    if (due.length === 0) return result;
    let snapshot: IndexedSnapshot;
    try {
      snapshot = await options.inventory.get({ signal: job.signal });
    } catch (error) {
      if (!job.signal.aborted) {
        log.warn(
          errorFields(error),
          'daily digests not posted yet: no snapshot from ITNIO; they are tried again next run',
        );
      }
      return { ...result, failed: due.length };
    }
    for (const pending of due) {
      // The lease may have passed on while the snapshot was collected or Slack made us wait.
      if (job.signal.aborted || !(await holdLease())) {
        result.failed += 1;
        continue;
      }
      result[(await post(pending, snapshot)) ? 'posted' : 'failed'] += 1;
    }
    return result;
  };

  /** Posts one digest, recording the attempt before and the post after; true when Slack took it. */
  const post = async ({ digest, due, send }: Pending, snapshot: IndexedSnapshot): Promise<boolean> => {
    const { channel } = digest;
    const { slot, lateMs } = due;
    const attempts = (send?.day === slot.day ? send.attempts : 0) + 1;
    const attempt: DigestSend = { day: slot.day, dueAt: slot.dueAt, attempts };
    await book.recordSend(channel, attempt);
    const message = renderDigest({
      digest,
      summary: summarizeDigest(snapshot.index, digest.request, now()),
      fetchedAt: snapshot.fetchedAt,
      dueAt: slot.dueAt,
      lateMs,
      seal: options.seal,
    });
    const sent = await options.sender.post(channel, message);
    if (sent.ok) {
      await book.recordSend(channel, { ...attempt, postedAt: now(), ts: sent.ts });
      log.info({ channel, day: slot.day, lateMs: lateMs > LATE_NOTE_MS ? lateMs : undefined }, 'daily digest posted');
      return true;
    }
    if (sent.gone) {
      await book.disable(channel, sent.error, now());
      log.warn(
        { channel, slackError: sent.error },
        'daily digest disabled: Slack will not take messages in this channel',
      );
    } else if (sent.error === CANCELLED) {
      // Stopped before Slack was asked: not an attempt.
      await book.recordSend(channel, { ...attempt, attempts: attempts - 1 });
    } else if (attempts >= MAX_ATTEMPTS) {
      await book.recordSend(channel, { ...attempt, skipped: 'given_up' });
      log.error({ channel, day: slot.day, slackError: sent.error, attempts }, 'daily digest given up for today');
    } else {
      log.warn({ channel, slackError: sent.error, attempts }, 'daily digest not posted; it is tried again next run');
    }
    return false;
  };

  return { start: job.start, runDue: job.runOnce, stop: job.stop };
}
