import { setTimeout as delay } from 'node:timers/promises';
import type { webApi } from '@slack/bolt';
import { slackErrorCode } from '../log.js';
import type { SlackMessage } from '../trunks/message.js';

/** Slack's answers that mean the bot cannot post in a channel until someone acts: retrying would never help. */
export const CHANNEL_GONE = new Set(['channel_not_found', 'is_archived', 'not_in_channel', 'channel_is_archived']);

/** What came of one message: its ts, or Slack's error and whether the channel is gone for good. */
export type Sent = { ok: true; ts: string } | { ok: false; error: string; gone: boolean };

export interface AlertSenderOptions {
  /** A client with `rejectRateLimitedCalls`, so a 429 comes back here to be honoured per channel. */
  client: webApi.WebClient;
  /** Least time between two messages to one channel: Slack allows about one a second. */
  spacingMs?: number;
  /** A Retry-After beyond this is not waited for: the message is given up and logged. */
  maxRetryAfterMs?: number;
  signal?: AbortSignal;
}

/** Posts and edits the bot's own messages, paced per channel and honouring Slack's Retry-After. */
export interface AlertSender {
  post(channel: string, message: SlackMessage, threadTs?: string): Promise<Sent>;
  update(channel: string, ts: string, message: SlackMessage): Promise<Sent>;
}

const RATE_LIMITED = 'slack_webapi_rate_limited_error';

/** The error of a message not sent because the bot is stopping: it stays in the outbox. */
export const CANCELLED = 'cancelled';
/**
 * Runs a message Slack keeps refusing (5xx, rate limits; not for good, which pauses the channel) is tried on
 * before it is given up: the poller's polls for an alert, the digest timer's runs for a day's digest.
 */
export const MAX_ATTEMPTS = 5;
const ATTEMPTS = 3;

/** Builds the sender; one per process, so its per-channel pacing sees every message. */
export function createAlertSender(options: AlertSenderOptions): AlertSender {
  const { client, spacingMs = 1_100, maxRetryAfterMs = 60_000, signal } = options;
  const lastPost = new Map<string, number>();

  const attempt = async (send: () => Promise<{ ts?: string }>): Promise<Sent> => {
    for (let i = 1; ; i++) {
      try {
        const answer = await send();
        return { ok: true, ts: answer.ts ?? '' };
      } catch (err) {
        const retryAfterMs =
          (err as { code?: string; retryAfter?: number }).code === RATE_LIMITED
            ? ((err as { retryAfter?: number }).retryAfter ?? 1) * 1000
            : undefined;
        if (retryAfterMs === undefined || i >= ATTEMPTS || retryAfterMs > maxRetryAfterMs) {
          const error = slackErrorCode(err) ?? (retryAfterMs !== undefined ? 'ratelimited' : 'request_failed');
          return { ok: false, error, gone: CHANNEL_GONE.has(error) };
        }
        if (!(await pause(retryAfterMs))) return { ok: false, error: CANCELLED, gone: false };
      }
    }
  };
  /** Waits, unless the bot stops first (false). */
  const pause = async (ms: number): Promise<boolean> => {
    try {
      await delay(ms, undefined, signal ? { signal } : {});
      return true;
    } catch {
      return false;
    }
  };

  return {
    async post(channel, message, threadTs) {
      const wait = (lastPost.get(channel) ?? -Infinity) + spacingMs - Date.now();
      if (wait > 0 && !(await pause(wait))) return { ok: false, error: CANCELLED, gone: false };
      const sent = await attempt(() =>
        client.chat.postMessage({ channel, ...message, ...(threadTs !== undefined && { thread_ts: threadTs }) }),
      );
      lastPost.set(channel, Date.now());
      return sent;
    },
    update(channel, ts, message) {
      return attempt(() => client.chat.update({ channel, ts, ...message }));
    },
  };
}
