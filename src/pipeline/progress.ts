import type { Progress } from '../inventory/fetch-inventory.js';
import type { SlackMessage } from '../trunks/message.js';
import { renderProgress, renderWaiting } from '../trunks/render-notice.js';

export interface ProgressOptions {
  /** Silence this long first, then "Asking ITNIO…" if the answer is still not there. */
  waitingAfterMs?: number;
  /** Counts of a snapshot build only after this long: most builds are over sooner. */
  afterMs?: number;
  /** Then at most one update this often. */
  everyMs?: number;
  /** Notes in all: Slack takes five posts to one response_url, and the answer needs the last one. */
  maxNotes?: number;
}

/**
 * An answer from a fresh snapshot takes a few milliseconds; one that waits on ITNIO can take seconds (12.6 s
 * before a hanging ITNIO times out). 700 ms is late enough that no answer from a fresh snapshot flashes a note
 * first, and early enough that the user sees within a second that the bot is working. The note is not carried
 * by the slash command's ack: Slack does not promise that a command's response_url can replace an earlier
 * message (slackapi/bolt-js#2287, slackapi/bolt-python#1268), and where it cannot, a note in every ack would
 * stay above every answer, the instant ones included. A late note shows only when there is a wait to explain.
 */
const WAITING_AFTER_MS = 700;

/** Notes shown to a user while a slow answer is prepared: `report` takes build counts, `finish` waits for notes sent. */
export interface ProgressFeed {
  report(progress: Progress): void;
  /** Stops updating; resolves once every note sent so far has been delivered (so the answer comes after them). */
  finish(): Promise<void>;
}

/**
 * Tells the user, in place, that a slow answer is coming: "Asking ITNIO…" once it is `waitingAfterMs` late,
 * then how far collecting the inventory has come once that takes longer than `afterMs` — not silence. Notes
 * are sent one after another, never out of order, and never after `finish`.
 */
export function progressFeed(
  send: (message: SlackMessage) => Promise<unknown>,
  onError: (error: unknown) => void,
  options: ProgressOptions = {},
): ProgressFeed {
  const { waitingAfterMs = WAITING_AFTER_MS, afterMs = 2_000, everyMs = 1_500, maxNotes = 4 } = options;
  const started = performance.now();
  let latest: Progress | undefined;
  let lastSent = -Infinity;
  let notes = 0;
  let chain: Promise<unknown> = Promise.resolve();
  let done = false;
  let timer: NodeJS.Timeout | undefined;

  const enqueue = (message: SlackMessage) => {
    if (notes++ >= maxNotes) return;
    lastSent = performance.now();
    chain = chain.then(() => send(message)).catch(onError);
  };
  // Once counts are showing, "Asking ITNIO…" would be a step back.
  const waiting = setTimeout(() => {
    if (!done && lastSent === -Infinity) enqueue(renderWaiting());
  }, waitingAfterMs);
  waiting.unref();

  const flush = () => {
    timer = undefined;
    if (done || !latest) return;
    enqueue(renderProgress(latest.collected, latest.total));
  };
  const schedule = () => {
    if (timer || done) return;
    const due = Math.max(started + afterMs, lastSent + everyMs) - performance.now();
    timer = setTimeout(flush, Math.max(0, due));
    timer.unref();
  };
  return {
    report(progress) {
      latest = progress;
      schedule();
    },
    async finish() {
      done = true;
      clearTimeout(waiting);
      clearTimeout(timer);
      await chain;
    },
  };
}
