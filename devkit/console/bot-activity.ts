import { EventEmitter, once } from 'node:events';
import type { Inflight } from '../../src/pipeline/inflight.js';
import type { SlackActivity, SlackStandIn } from '../sandbox/slack-stand-in.js';

/** How long to wait for an answer, and for what may follow it. */
export interface AnswerWait {
  /** For the first thing the bot does, and at most for its replies in flight. */
  timeoutMs: number;
  /** Quiet time after which nothing more belongs to the answer (a removed private message still does). */
  settleMs: number;
  /** The bot's replies in flight, when it runs in this process. */
  inflight?: Pick<Inflight, 'drain'>;
}

/** Counts what the bot does on the Slack side, so that an input can wait for its answer and follow-ups. */
export class BotActivity {
  private seen = 0;
  /** Emits `activity` after each one is shown, for `until` to wait on. */
  private readonly emitter = new EventEmitter();
  private readonly unsubscribe: () => void;

  constructor(slack: Pick<SlackStandIn, 'onActivity'>, show: (activity: SlackActivity) => void) {
    this.unsubscribe = slack.onActivity((activity) => {
      show(activity);
      this.seen += 1;
      this.emitter.emit('activity');
    });
  }

  /** How many things the bot has done so far. */
  get count(): number {
    return this.seen;
  }

  /**
   * Waits for the bot to do something after `before`, then until its work is done and it has been quiet
   * for `settleMs`; false when nothing came within `timeoutMs`.
   */
  async answered(before: number, { timeoutMs, settleMs, inflight }: AnswerWait): Promise<boolean> {
    if (!(await this.until(() => this.seen > before, timeoutMs))) return false;
    // The first post may be a progress note or a "loading" modal: the answer comes when the bot's work is
    // done, which may be seconds later, so wait for that before the quiet time that catches follow-ups.
    let seen = -1;
    while (seen !== this.seen) {
      seen = this.seen;
      await inflight?.drain(timeoutMs);
      await this.until(() => this.seen !== seen, settleMs);
    }
    return true;
  }

  /** Stops watching the Slack stand-in. */
  close(): void {
    this.unsubscribe();
  }

  /** Resolves true once `done()` holds, re-checked after each activity; false when `timeoutMs` passes first. */
  private async until(done: () => boolean, timeoutMs: number): Promise<boolean> {
    const signal = AbortSignal.timeout(timeoutMs);
    while (!done()) {
      try {
        await once(this.emitter, 'activity', { signal });
      } catch {
        // Only the timeout rejects: nothing emits 'error' on this emitter.
        return false;
      }
    }
    return true;
  }
}
