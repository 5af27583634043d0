import { startNodeArgs } from '../build/start-command.js';
import type { BenchWorld } from './bench-world.js';
import { spawnBot, type BotSpec } from './spawn-bot.js';

/** The signing secret both bots and both senders share. */
export const SIGNING_SECRET = 'bench-signing-secret';
/** The key trunkbot seals its button values with in the bench, so the bench can write its Next › values. */
export const BUTTON_SEAL_SECRET = 'bench-button-seal-secret';
/** The two bots' entries, relative to the repository root. */
export const TRUNKBOT_ENTRY = 'src/index.ts';
export const FLOOR_ENTRY = 'devkit/bench/bare-bolt.ts';
const TRUNKBOT_READY = /"port":(\d+)[^\n]*trunkbot is ready/;
// Its start-up checks make one ITNIO and one Slack call of their own: wait them out before measuring.
const TRUNKBOT_SETTLED = /"msg":"start-up checks done"/;
const FLOOR_READY = /"port":(\d+)[^\n]*bare bolt is ready/;

/** How a bot is started beyond its environment. */
export interface StartOptions {
  nodeArgs?: string[];
  /** With the bench probe (`--expose-gc`, CPU and heap over IPC). */
  probe?: boolean;
  /** Run the compiled JavaScript there (compile-bots.ts) instead of the TypeScript under tsx. */
  compiledRoot?: string;
}

/**
 * trunkbot against the bench's fakes, with `extraEnv` on top of its defaults: built, it runs with the Node
 * flags of `npm start` (the heap cap) as a deployment does; from source, as `npm run dev` runs it.
 */
export function trunkbotSpec(world: BenchWorld, extraEnv: Record<string, string>, start: StartOptions = {}): BotSpec {
  const deployed = start.compiledRoot === undefined ? [] : startNodeArgs();
  return {
    name: 'trunkbot',
    entry: TRUNKBOT_ENTRY,
    ready: TRUNKBOT_READY,
    settled: TRUNKBOT_SETTLED,
    ...start,
    nodeArgs: [...deployed, ...(start.nodeArgs ?? [])],
    env: {
      SLACK_BOT_TOKEN: world.slack.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      BUTTON_SEAL_SECRET,
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

/** The floor (devkit/bench/bare-bolt.ts), against the same fakes. */
export function floorSpec(world: BenchWorld, start: StartOptions = {}): BotSpec {
  return {
    name: 'floor',
    entry: FLOOR_ENTRY,
    ready: FLOOR_READY,
    ...start,
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

/** spawn → ready line of each start, per bot. */
export interface ReadyTimes {
  trunkbot: number[];
  floor: number[];
}

/** One untimed start of each (tsx's transform cache, the OS file cache), then `starts` timed ones, alternating. */
export async function measureReady(specs: { trunkbot: BotSpec; floor: BotSpec }, starts: number): Promise<ReadyTimes> {
  const readyMs: ReadyTimes = { trunkbot: [], floor: [] };
  for (let round = 0; round <= starts; round++) {
    const order = round % 2 === 0 ? (['trunkbot', 'floor'] as const) : (['floor', 'trunkbot'] as const);
    for (const which of order) {
      const bot = await spawnBot(specs[which]);
      await bot.stop();
      if (round > 0) readyMs[which].push(bot.readyMs);
    }
  }
  return readyMs;
}
