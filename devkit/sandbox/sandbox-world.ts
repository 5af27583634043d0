import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DestinationStream } from 'pino';
import { startBot, type RunningBot } from '../../src/bot.js';
import { loadConfig, secretsOf, type Config } from '../../src/config.js';
import { createLogger, type Logger } from '../../src/log.js';
import { startItnioSandbox, type ItnioSandbox, type SandboxOptions } from './itnio-server.js';
import { SlackSender } from './slack-sender.js';
import { startSlackStandIn, type SlackStandIn } from './slack-stand-in.js';

/** Signing secret shared by the Slack stand-in's requests and the bot, in the sandbox only. */
export const SANDBOX_SIGNING_SECRET = 'sandbox-signing-secret';

/** A real ITNIO account to use instead of the sandbox API. */
export interface VendorCredentials {
  apiUrl: string;
  apiKey: string;
  apiSecret: string;
}

/** How to start a sandbox world; every field has a default. */
export interface SandboxWorldOptions {
  /** The bot's clock (vendor timestamps, "as of" times). */
  now?: () => number;
  /** Use the real vendor API; without it a sandbox ITNIO API is started. */
  vendor?: VendorCredentials;
  /** Sandbox ITNIO API options, e.g. `{ trunkCount: 10_000 }`; its clock and zone default to the bot's. */
  sandbox?: SandboxOptions;
  /** Extra bot environment (e.g. ITNIO_TIMEOUT_MS, ITNIO_TIMEZONE). */
  env?: NodeJS.ProcessEnv;
  logLevel?: string;
  logDestination?: DestinationStream;
  /** Start another bot instance against this world's Slack stand-in and ITNIO API (a scale-out test). */
  joining?: SandboxWorld;
  /** Leave the watch poller's timer off; the caller drives `bot.poller.pollOnce()`. */
  manualPolling?: boolean;
  /** Run the bot's start-up checks (off by default: they add a Slack and an ITNIO call that tests would count). */
  startupChecks?: boolean;
}

/** The real bot on loopback, wired to a Slack stand-in and (unless told otherwise) the sandbox ITNIO API. */
export interface SandboxWorld {
  sandbox?: ItnioSandbox;
  slack: SlackStandIn;
  bot: RunningBot;
  sender: SlackSender;
  config: Config;
  log: Logger;
  close(): Promise<void>;
}

/** Starts everything the bot talks to, then the bot itself, exactly as production wires it. */
export async function startSandboxWorld(options: SandboxWorldOptions = {}): Promise<SandboxWorld> {
  const shared = options.joining;
  const sandbox = shared
    ? shared.sandbox
    : options.vendor
      ? undefined
      : await startItnioSandbox({
          // Seeded times follow the bot's clock and zone, so "changed in the last 30 minutes" means the same to both.
          ...(options.now && { now: options.now }),
          ...(options.env?.ITNIO_TIMEZONE && { timeZone: options.env.ITNIO_TIMEZONE }),
          ...options.sandbox,
        });
  const slack = shared?.slack ?? (await startSlackStandIn());
  const vendor = shared
    ? {
        apiUrl: shared.config.itnio.apiUrl,
        apiKey: shared.config.itnio.apiKey,
        apiSecret: shared.config.itnio.apiSecret,
      }
    : (options.vendor ?? { apiUrl: sandbox!.url, apiKey: sandbox!.apiKey, apiSecret: sandbox!.apiSecret });
  // Watches are kept in a directory of this world's own unless told where (a restart test reuses one).
  const dataDir = options.env?.DATA_DIR ?? (await mkdtemp(join(tmpdir(), 'trunkbot-data-')));
  const removeData = () =>
    options.env?.DATA_DIR === undefined ? rm(dataDir, { recursive: true, force: true }) : Promise.resolve();
  // Only the world that started the outside systems stops them.
  const stopOwned = () =>
    Promise.all([removeData(), ...(shared ? [] : [slack.close(), sandbox?.close()])]).then(() => undefined);
  const config = loadConfig({
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: SANDBOX_SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    ITNIO_API_URL: vendor.apiUrl,
    ITNIO_API_KEY: vendor.apiKey,
    ITNIO_API_SECRET: vendor.apiSecret,
    LOG_LEVEL: options.logLevel ?? 'info',
    DATA_DIR: dataDir,
    ...options.env,
  });
  const log = createLogger({
    level: config.logLevel,
    secrets: secretsOf(config),
    ...(options.logDestination && { destination: options.logDestination }),
  });
  let bot: RunningBot;
  try {
    bot = await startBot(config, {
      log,
      ...(options.now && { now: options.now }),
      ...(options.manualPolling && { manualPolling: true }),
      startupChecks: options.startupChecks ?? false,
    });
  } catch (err) {
    await stopOwned();
    throw err;
  }
  const sender = new SlackSender({
    eventsUrl: `http://127.0.0.1:${bot.port}/slack/events`,
    signingSecret: SANDBOX_SIGNING_SECRET,
    teamId: slack.teamId,
    botUserId: slack.botUserId,
  });
  return {
    ...(sandbox && { sandbox }),
    slack,
    bot,
    sender,
    config,
    log,
    async close() {
      await bot.stop(2_000);
      await stopOwned();
    },
  };
}
