import type { BenchWorld } from './bench-world.js';
import type { BenchReport } from './print-report.js';
import { spawnBot, type BotSpec } from './spawn-bot.js';

/** The signing secret both bots and both senders share. */
export const SIGNING_SECRET = 'bench-signing-secret';
const TRUNKBOT_READY = /"port":(\d+)[^\n]*trunkbot is ready/;
// Its start-up checks make one ITNIO and one Slack call of their own: wait them out before measuring.
const TRUNKBOT_SETTLED = /"msg":"start-up checks done"/;
const BARE_READY = /"port":(\d+)[^\n]*bare bolt is ready/;

/** What the comparison sets so that trunkbot's work per request is measured: no refusals, no shedding, no cache hits. */
export const NO_GUARDS: Readonly<Record<string, string>> = {
  RATE_LIMIT_PER_USER: '0',
  ITNIO_MAX_CONCURRENCY: '64',
  ITNIO_MAX_QUEUE: '1000',
  CACHE_TTL_SECONDS: '0',
};

/** trunkbot as `npm run dev` would start it against the bench's fakes, with `extraEnv` on top of its defaults. */
export function trunkbotSpec(world: BenchWorld, extraEnv: Record<string, string>, nodeArgs: string[] = []): BotSpec {
  return {
    name: 'trunkbot',
    entry: 'src/index.ts',
    ready: TRUNKBOT_READY,
    settled: TRUNKBOT_SETTLED,
    nodeArgs,
    env: {
      SLACK_BOT_TOKEN: world.slack.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: world.slack.apiUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      ITNIO_API_URL: world.sandbox.url,
      ITNIO_API_KEY: world.sandbox.apiKey,
      ITNIO_API_SECRET: world.sandbox.apiSecret,
      ...extraEnv,
    },
  };
}

/** The bare Bolt app, against the same fakes. */
export function bareSpec(world: BenchWorld, nodeArgs: string[] = []): BotSpec {
  return {
    name: 'bare-bolt',
    entry: 'devkit/bench/bare-bolt.ts',
    ready: BARE_READY,
    nodeArgs,
    env: {
      SLACK_BOT_TOKEN: world.slack.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: world.slack.apiUrl,
      SLACK_BOT_ID: world.slack.botId,
      SLACK_BOT_USER_ID: world.slack.botUserId,
      PORT: '0',
      HOST: '127.0.0.1',
      ITNIO_API_URL: world.sandbox.url,
      ITNIO_API_KEY: world.sandbox.apiKey,
      ITNIO_API_SECRET: world.sandbox.apiSecret,
    },
  };
}

/** One untimed start of each (tsx's transform cache, the OS file cache), then `starts` timed ones, alternating. */
export async function measureReady(
  specs: { trunkbot: BotSpec; bare: BotSpec },
  starts: number,
): Promise<BenchReport['readyMs']> {
  const readyMs: BenchReport['readyMs'] = { trunkbot: [], bare: [] };
  for (let round = 0; round <= starts; round++) {
    const order = round % 2 === 0 ? (['trunkbot', 'bare'] as const) : (['bare', 'trunkbot'] as const);
    for (const which of order) {
      const bot = await spawnBot(specs[which]);
      await bot.stop();
      if (round > 0) readyMs[which].push(bot.readyMs);
    }
  }
  return readyMs;
}
