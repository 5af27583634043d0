import { loadConfig, type Config } from '../../src/config.js';
import { SlackSender } from '../sandbox/slack-sender.js';
import type { BenchWorld } from './bench-world.js';
import { SIGNING_SECRET, trunkbotSpec } from './bot-specs.js';
import { MIXED_QUERIES, SAME_QUERY } from './burst-queries.js';
import { checkTrunkPage, replyKind, type ReplyKind } from './check-reply.js';
import { driveLoad, type LoadRun } from './drive-load.js';
import type { Options } from './read-cli.js';
import { spawnBot, type BotProcess } from './spawn-bot.js';
import { sampleRssDuring } from './sample-rss-during.js';

// Half the default rate limit (20 a minute), so only a lowered limit refuses anyone.
const COMMANDS_PER_USER = 10;
const NOTICE_CHARS = 90;

/** One level of a burst: a fresh trunkbot sent `requests` commands by `concurrency` users at once. */
export interface BurstLevel {
  concurrency: number;
  requests: number;
  /** Distinct Slack user ids the commands were spread over. */
  users: number;
  run: LoadRun;
  replies: Record<ReplyKind, number>;
  /** The start of each reply that was not a trunk page, and how often it came. */
  notices: Map<string, number>;
  /** ITNIO calls the sandbox answered during the burst, and how many were not a success. */
  vendor: { calls: number; failures: number };
  /** Highest VmRSS, sampled every 50 ms during the burst. */
  rssDuringMb: number | undefined;
  /** VmHWM after the burst: the peak since the process started. */
  peakRssMb: number | undefined;
}

/** What a burst run measured, and the configuration trunkbot ran with. */
export interface BurstReport {
  config: Config;
  levels: BurstLevel[];
}

/** Per level: starts trunkbot as configured, warms it with one command, sends the burst, stops it. */
export async function runBurst(
  world: BenchWorld,
  options: Options,
  bots: BotProcess[],
  progress: (line: string) => void,
): Promise<BurstReport> {
  // Read here too, so a bad --trunkbot-env is reported once, before any process starts.
  const config = loadConfig(trunkbotSpec(world, options.trunkbotEnv).env);
  const queries = options.sameQuery ? [SAME_QUERY] : MIXED_QUERIES;
  const levels: BurstLevel[] = [];
  for (const concurrency of options.concurrency) {
    // A shared store keeps rate-limit counts and cached pages across processes: each level gets its own keys.
    const isolate: Record<string, string> =
      config.redisUrl === undefined ? {} : { REDIS_PREFIX: `trunkbot-bench-${process.pid}-c${concurrency}:` };
    const bot = await spawnBot(trunkbotSpec(world, { ...isolate, ...options.trunkbotEnv }));
    bots.push(bot);
    const sender = new SlackSender({
      eventsUrl: `http://127.0.0.1:${bot.port}/slack/events`,
      signingSecret: SIGNING_SECRET,
      teamId: world.slack.teamId,
    });
    const alive = () => !bot.exited();

    // One command first so JIT, Bolt's auth lookup and a keep-alive socket are warm; it is not counted.
    const warm = await driveLoad({
      slack: world.slack,
      requests: 1,
      concurrency: 1,
      alive,
      check: checkTrunkPage,
      send: (_i, responseUrl) => sender.slashCommand({ text: '', responseUrl, userId: 'U0BURSTWARM' }),
    });
    if (warm.errors > 0)
      throw new Error(
        `the warm-up command failed (${[...warm.errorKinds.keys()].join('; ')}); last output of trunkbot:\n${bot.tail()}`,
      );
    world.forget();

    const { requests } = options;
    const users = Math.ceil(requests / COMMANDS_PER_USER);
    const replies: Record<ReplyKind, number> = { page: 0, notice: 0, other: 0 };
    const notices = new Map<string, number>();
    const vendorBefore = { ...world.vendor };
    const { result: run, peakMb: rssDuringMb } = await sampleRssDuring(bot, () =>
      driveLoad({
        slack: world.slack,
        requests,
        concurrency,
        burst: true,
        alive,
        // Refusals and "busy" notices are answers too: what came back is what this mode reports.
        check: () => undefined,
        onReply: (body) => {
          const kind = replyKind(body);
          replies[kind] += 1;
          if (kind === 'page') return;
          const start = String(body.text ?? '').slice(0, NOTICE_CHARS);
          notices.set(start, (notices.get(start) ?? 0) + 1);
        },
        send: (i, responseUrl) =>
          sender.slashCommand({
            text: queries[i % queries.length]!,
            responseUrl,
            userId: `U0BURST${String((i % users) + 1).padStart(4, '0')}`,
          }),
      }),
    );
    levels.push({
      concurrency,
      requests,
      users,
      run,
      replies,
      notices,
      vendor: {
        calls: world.vendor.calls - vendorBefore.calls,
        failures: world.vendor.failures - vendorBefore.failures,
      },
      rssDuringMb,
      peakRssMb: bot.peakRssMb(),
    });
    world.forget();
    await bot.stop();
    progress(
      `burst c${concurrency}: ${run.e2eMs.length}/${requests} replies in ${(run.durationMs / 1000).toFixed(1)} s${run.errors ? `, ${run.errors} errors` : ''}`,
    );
  }
  return { config, levels };
}
