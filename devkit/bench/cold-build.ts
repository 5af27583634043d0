import { performance } from 'node:perf_hooks';
import { isInterimNote } from '../../src/trunks/render-notice.js';
import type { SlackSender } from '../sandbox/slack-sender.js';
import type { BenchWorld } from './bench-world.js';
import { checkAnswerKind } from './check-answer-kind.js';
import { sampleRssDuring } from './sample-rss-during.js';
import type { BotProcess } from './spawn-bot.js';
import { summarizeVendorCalls, watchVendorCalls, type VendorCalls } from './watch-vendor-calls.js';

/** What the first query after start cost: it waits for the snapshot of every trunk to be built. */
export interface ColdBuild {
  query: string;
  /** send → the bot's HTTP answer. */
  ackMs: number;
  /** send → the answer (not a progress note) reaching the response_url; undefined if none came. */
  replyMs: number | undefined;
  /** "Collecting … of … trunks from ITNIO…" notes posted to the response_url before the answer. */
  progressPosts: number;
  firstProgressMs: number | undefined;
  /** The progress notes' texts, in order. */
  progressTexts: string[];
  /** The answer's fallback text. */
  replyText: string | undefined;
  /** Undefined when the answer was the summary `stats` asks for, else what came instead. */
  problem: string | undefined;
  vendor: VendorCalls;
  /** Highest VmRSS sampled while the snapshot was built. */
  peakRssMb: number | undefined;
}

/**
 * Sends one `/trunks stats` to a bot that has no snapshot yet and follows its response_url until the
 * answer arrives, or `settled` (the bot is done with the request) resolves first with the bot's account
 * of why there was none; counts the progress notes before it and the vendor calls the build made.
 */
export async function coldBuild(
  world: BenchWorld,
  bot: BotProcess,
  sender: SlackSender,
  userId: string,
  settled: () => Promise<string>,
): Promise<ColdBuild> {
  const query = 'stats';
  const responseUrl = world.slack.newResponseUrl();
  const id = responseUrl.slice(responseUrl.lastIndexOf('/') + 1);
  const progressAt: number[] = [];
  const progressTexts: string[] = [];
  let sentAt = 0;
  let answered: (reply: { at: number; body: Record<string, unknown> }) => void = () => undefined;
  const answer = new Promise<{ at: number; body: Record<string, unknown> }>((resolve) => {
    answered = resolve;
  });
  const stopListening = world.slack.onActivity((event) => {
    if (event.kind !== 'response' || event.response.id !== id) return;
    const at = performance.now() - sentAt;
    const text = String(event.response.body.text ?? '');
    // The notes before a slow answer: "Asking ITNIO…", then "Collecting … of … trunks from ITNIO…".
    if (isInterimNote(event.response.body)) {
      progressAt.push(at);
      progressTexts.push(text);
    } else answered({ at, body: event.response.body });
  });

  world.forget();
  try {
    const { result, peak } = await watchVendorCalls(world.sandbox.url, () =>
      sampleRssDuring(bot, async () => {
        sentAt = performance.now();
        const ack = await sender.slashCommand({ text: query, responseUrl, userId });
        const ackMs = performance.now() - sentAt;
        if (ack.status !== 200) throw new Error(`the cold /trunks ${query} was answered HTTP ${ack.status}`);
        // The stand-in records a reply before it answers the bot, so an answer always wins this race.
        return { ackMs, reply: await Promise.race([answer, settled()]) };
      }),
    );
    const { ackMs, reply: outcome } = result.result;
    const reply = typeof outcome === 'string' ? undefined : outcome;
    return {
      query,
      ackMs,
      replyMs: reply?.at,
      progressPosts: progressAt.length,
      firstProgressMs: progressAt[0],
      progressTexts,
      replyText: reply === undefined ? undefined : String(reply.body.text ?? ''),
      problem: typeof outcome === 'string' ? outcome : checkAnswerKind('stats', outcome.body),
      vendor: summarizeVendorCalls(world.sandbox.requests, peak),
      peakRssMb: result.peakMb,
    };
  } finally {
    stopListening();
    world.forget();
  }
}
