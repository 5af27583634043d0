import { performance } from 'node:perf_hooks';
import type { SenderResult } from '../sandbox/slack-sender.js';
import type { SlackActivity, SlackStandIn } from '../sandbox/slack-stand-in.js';

const REPLY_TIMEOUT_MS = 15_000;

/** How to drive one bot on one surface at one concurrency. */
export interface LoadOptions {
  slack: SlackStandIn;
  requests: number;
  concurrency: number;
  /** Sends request `i` (signed, to the bot) naming `responseUrl` as where the reply must go. */
  send(i: number, responseUrl: string): Promise<SenderResult>;
  /** Undefined for the reply this surface should produce; otherwise what is wrong with it. */
  check(body: Record<string, unknown>): string | undefined;
  /** Sees every good reply, e.g. to collect the button values a trunkbot page carries. */
  onReply?(body: Record<string, unknown>): void;
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
  /** First send → last reply. */
  durationMs: number;
}

/**
 * Closed loop: `concurrency` simulated users each send a request, wait for its ack and its reply,
 * then send the next, until `requests` have been sent.
 */
export async function driveLoad(options: LoadOptions): Promise<LoadRun> {
  const waiters = new Map<string, (reply: { at: number; body: Record<string, unknown> }) => void>();
  const stopListening = options.slack.onActivity((event: SlackActivity) => {
    if (event.kind !== 'response') return;
    const waiter = waiters.get(event.response.id);
    if (!waiter) return;
    waiters.delete(event.response.id);
    waiter({ at: performance.now(), body: event.response.body });
  });

  const run: LoadRun = { ackMs: [], e2eMs: [], errors: 0, errorKinds: new Map(), durationMs: 0 };
  const fail = (kind: string): void => {
    run.errors += 1;
    run.errorKinds.set(kind, (run.errorKinds.get(kind) ?? 0) + 1);
  };

  async function one(i: number): Promise<void> {
    const responseUrl = options.slack.newResponseUrl();
    const id = responseUrl.slice(responseUrl.lastIndexOf('/') + 1);
    let timer: NodeJS.Timeout | undefined;
    const replied = new Promise<{ at: number; body: Record<string, unknown> } | undefined>((resolve) => {
      waiters.set(id, resolve);
      timer = setTimeout(() => {
        waiters.delete(id);
        resolve(undefined);
      }, REPLY_TIMEOUT_MS);
    });
    const sentAt = performance.now();
    let ackMs: number;
    try {
      const ack = await options.send(i, responseUrl);
      ackMs = performance.now() - sentAt;
      if (ack.status !== 200) throw new Error(`ack HTTP ${ack.status}`);
    } catch (err) {
      clearTimeout(timer);
      waiters.delete(id);
      fail((err as Error).message);
      return;
    }
    const reply = await replied;
    clearTimeout(timer);
    if (!reply) return fail(`no reply within ${REPLY_TIMEOUT_MS / 1000} s`);
    const problem = options.check(reply.body);
    if (problem) return fail(problem);
    options.onReply?.(reply.body);
    run.ackMs.push(ackMs);
    run.e2eMs.push(reply.at - sentAt);
  }

  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < options.requests) {
      if (!options.alive()) throw new Error('the bot process exited during the run');
      await one(next++);
    }
  };
  const startedAt = performance.now();
  try {
    await Promise.all(Array.from({ length: Math.min(options.concurrency, options.requests) }, worker));
  } finally {
    stopListening();
  }
  run.durationMs = performance.now() - startedAt;
  return run;
}
