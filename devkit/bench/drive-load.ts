import { EventEmitter, once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { isInterimNote } from '../../src/trunks/render-notice.js';
import type { SenderResult } from '../sandbox/slack-sender.js';
import type { SlackActivity, SlackStandIn } from '../sandbox/slack-stand-in.js';

const ACK_TIMEOUT_MS = 10_000;
const REPLY_TIMEOUT_MS = 15_000;

/** How to drive one bot on one surface at one concurrency. */
export interface LoadOptions {
  slack: SlackStandIn;
  requests: number;
  concurrency: number;
  /**
   * False (closed loop): each simulated user waits for the ack and the reply before sending again.
   * True (burst): each sends again as soon as the ack arrives, and replies are awaited at the end.
   */
  burst?: boolean;
  /** Sends request `i` (signed, to the bot) naming `responseUrl` as where the reply must go. */
  send(i: number, responseUrl: string): Promise<SenderResult>;
  /** Undefined for the reply request `i` should produce; otherwise what is wrong with it. */
  check(body: Record<string, unknown>, i: number): string | undefined;
  /** Sees every good reply, e.g. to collect the button values a trunkbot page carries. */
  onReply?(body: Record<string, unknown>, i: number): void;
  /**
   * Closed loop only: resolves once the bot is done with request `i` (e.g. its audit line appeared), with
   * the bot's own account of it. The user waits for it too before sending again, so the bot's time for one
   * request does not include the next one's work; a request the bot finished without a reply fails at
   * once, described by that account, instead of after the reply timeout.
   */
  settled?(i: number): Promise<string>;
  /** Checked before each request, so a bot that died ends the run instead of timing out 300 times. */
  alive(): boolean;
}

/** Per-request timings of one run; errors are not in the timings. */
export interface LoadRun {
  /** send → the bot's HTTP answer (the ack). */
  ackMs: number[];
  /** send → the reply POSTed to the response_url reaching the Slack stand-in. */
  e2eMs: number[];
  errors: number;
  /** Error descriptions and how often each happened. */
  errorKinds: Map<string, number>;
  /** Replies after the first to the same response_url: the bot answered one request twice. */
  duplicateReplies: number;
  /** First send → last reply. */
  durationMs: number;
}

interface Reply {
  at: number;
  body: Record<string, unknown>;
}

/**
 * Keeps `concurrency` simulated users sending until `requests` have been sent, each request with its
 * own response_url, and times the ack and the reply of each.
 */
export async function driveLoad(options: LoadOptions): Promise<LoadRun> {
  // Replies by response_url id: this run's ids, how many replies each has had, and an event per first reply.
  const replyCounts = new Map<string, number>();
  const replies = new EventEmitter();
  // events.once() also listens for 'error', once per request awaiting its reply: a burst has hundreds.
  replies.setMaxListeners(0);
  const run: LoadRun = { ackMs: [], e2eMs: [], errors: 0, errorKinds: new Map(), duplicateReplies: 0, durationMs: 0 };
  const stopListening = options.slack.onActivity((event: SlackActivity) => {
    if (event.kind !== 'response' || isInterimNote(event.response.body)) return;
    const seen = replyCounts.get(event.response.id);
    if (seen === undefined) return;
    replyCounts.set(event.response.id, seen + 1);
    if (seen > 0) run.duplicateReplies += 1;
    else replies.emit(event.response.id, { at: performance.now(), body: event.response.body } satisfies Reply);
  });

  const fail = (kind: string): void => {
    run.errors += 1;
    run.errorKinds.set(kind, (run.errorKinds.get(kind) ?? 0) + 1);
  };

  /** Sends request `i` and waits for its ack; `reply` settles once the reply is recorded or given up on. */
  async function send(i: number): Promise<{ reply: Promise<void> }> {
    const responseUrl = options.slack.newResponseUrl();
    const id = responseUrl.slice(responseUrl.lastIndexOf('/') + 1);
    replyCounts.set(id, 0);
    // Listening before sending: the reply can reach the stand-in before the ack reaches us.
    const replied = once(replies, id, { signal: AbortSignal.timeout(REPLY_TIMEOUT_MS) }).then(
      ([reply]) => reply as Reply,
      () => undefined,
    );
    const sentAt = performance.now();
    let ackMs: number;
    try {
      // Unref'd, and left to expire when the ack wins: cheaper than cancelling it.
      const ack = await Promise.race([options.send(i, responseUrl), sleep(ACK_TIMEOUT_MS, undefined, { ref: false })]);
      ackMs = performance.now() - sentAt;
      if (!ack) throw new Error(`no ack within ${ACK_TIMEOUT_MS / 1000} s`);
      if (ack.status !== 200) throw new Error(`ack HTTP ${ack.status}`);
    } catch (err) {
      fail((err as Error).message);
      return { reply: Promise.resolve() };
    }
    const finished = options.settled?.(i);
    // The stand-in records a reply before it answers the bot, so a reply always wins this race.
    const reply = (finished ? Promise.race([replied, finished]) : replied).then(async (r) => {
      await finished;
      if (typeof r === 'string') return fail(r);
      if (!r) return fail(`no reply within ${REPLY_TIMEOUT_MS / 1000} s`);
      const problem = options.check(r.body, i);
      if (problem) return fail(problem);
      options.onReply?.(r.body, i);
      run.ackMs.push(ackMs);
      run.e2eMs.push(r.at - sentAt);
    });
    return { reply };
  }

  const pending: Promise<void>[] = [];
  let next = 0;
  const user = async (): Promise<void> => {
    while (next < options.requests) {
      if (!options.alive()) throw new Error('the bot process exited during the run');
      const i = next++;
      const { reply } = await send(i);
      if (options.burst) pending.push(reply);
      else await reply;
    }
  };
  const startedAt = performance.now();
  try {
    await Promise.all(Array.from({ length: Math.min(options.concurrency, options.requests) }, user));
    await Promise.all(pending);
  } finally {
    stopListening();
  }
  run.durationMs = performance.now() - startedAt;
  return run;
}
