import type { Progress } from '../inventory/fetch-inventory.js';
import type { SlackMessage } from '../trunks/message.js';
import { renderProgress } from '../trunks/render-notice.js';

export interface ProgressOptions {
  /** Silence this long first: most answers come sooner and need no progress at all. */
  afterMs?: number;
  /** Then at most one update this often. */
  everyMs?: number;
}

/** Progress shown to a user while a snapshot is built: `report` takes counts, `finish` waits for updates sent. */
export interface ProgressFeed {
  report(progress: Progress): void;
  /** Stops updating; resolves once every update sent so far has been delivered (so the answer comes after them). */
  finish(): Promise<void>;
}

/**
 * Tells the user how far collecting the inventory has come, in place, when it takes longer than
 * `afterMs` — not silence. Updates are sent one after another, never out of order.
 */
export function progressFeed(
  send: (message: SlackMessage) => Promise<unknown>,
  onError: (error: unknown) => void,
  options: ProgressOptions = {},
): ProgressFeed {
  const { afterMs = 2_000, everyMs = 1_500 } = options;
  const started = performance.now();
  let latest: Progress | undefined;
  let lastSent = -Infinity;
  let chain: Promise<unknown> = Promise.resolve();
  let done = false;
  let timer: NodeJS.Timeout | undefined;

  const flush = () => {
    timer = undefined;
    if (done || !latest) return;
    lastSent = performance.now();
    const message = renderProgress(latest.collected, latest.total);
    chain = chain.then(() => send(message)).catch(onError);
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
      clearTimeout(timer);
      await chain;
    },
  };
}
