import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { webApi } from '@slack/bolt';
import { createApp, slackClientOptions, type BotIdentity } from './app.js';
import type { Config } from './config.js';
import { Inflight } from './inflight.js';
import { createItnioClient, type ItnioClient } from './itnio/client.js';
import type { Logger } from './log.js';
import { createMemoryStore, type Store } from './store/store.js';

/** A started bot and how to stop it gracefully. */
export interface RunningBot {
  /** HTTP port actually bound (health route; Slack requests too in HTTP mode). */
  port: number;
  identity: BotIdentity;
  inflight: Inflight;
  /** Stops taking requests, lets replies in flight finish (up to `graceMs`), then releases connections. */
  stop(graceMs?: number): Promise<{ drained: boolean }>;
}

/** Startup failures an operator must fix, phrased as the fix. */
export class StartupError extends Error {
  readonly code = 'trunkbot_startup_error';
}

export interface StartBotOptions {
  log: Logger;
  itnio?: ItnioClient;
  store?: Store;
  now?: () => Date;
}

/** Verifies the Slack token, builds the app and starts listening (HTTP) or connecting (Socket Mode). */
export async function startBot(config: Config, options: StartBotOptions): Promise<RunningBot> {
  const { log } = options;
  const identity = await verifyBotToken(config);
  const itnio =
    options.itnio ??
    createItnioClient({
      apiUrl: config.itnio.apiUrl,
      apiKey: config.itnio.apiKey,
      apiSecret: config.itnio.apiSecret,
      timeoutMs: config.itnio.timeoutMs,
    });
  const store = options.store ?? createMemoryStore();
  const inflight = new Inflight();
  const app = createApp(
    config,
    { itnio, store, inflight, log, timeZone: config.itnio.timeZone, ...(options.now && { now: options.now }) },
    identity,
  );

  let port = config.http.port;
  if (config.slack.appToken !== undefined) {
    await app.start();
  } else {
    const server = (await app.start({ port: config.http.port, ...(config.http.host && { host: config.http.host }) })) as Server;
    port = (server.address() as AddressInfo).port;
  }
  log.info(
    { mode: config.slack.appToken ? 'socket' : 'http', port, team: identity.teamId, itnio: config.itnio.apiUrl },
    'trunkbot is ready',
  );

  return {
    port,
    identity,
    inflight,
    async stop(graceMs = 8_000) {
      await app.stop().catch((err: unknown) => log.warn({ err: { message: String(err) } }, 'stopping the receiver failed'));
      const drained = await inflight.drain(graceMs);
      itnio.close();
      await store.close();
      log.info({ drained }, 'trunkbot stopped');
      return { drained };
    },
  };
}

const TOKEN_ERRORS = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired']);

/** Calls `auth.test` once, so a bad token stops the process at start instead of failing every request. */
async function verifyBotToken(config: Config): Promise<BotIdentity> {
  const client = new webApi.WebClient(config.slack.botToken, { ...slackClientOptions(config), logLevel: webApi.LogLevel.ERROR });
  try {
    const auth = await client.auth.test();
    if (!auth.bot_id || !auth.user_id) throw new StartupError('SLACK_BOT_TOKEN is not a bot token: use the Bot User OAuth Token (xoxb-…).');
    return { botId: auth.bot_id, botUserId: auth.user_id, ...(auth.team_id && { teamId: auth.team_id }) };
  } catch (err) {
    if (err instanceof StartupError) throw err;
    const code = (err as { data?: { error?: string } }).data?.error;
    if (code && TOKEN_ERRORS.has(code)) {
      throw new StartupError(`SLACK_BOT_TOKEN was rejected by Slack (${code}): copy a fresh Bot User OAuth Token from the app's OAuth & Permissions page.`);
    }
    throw new StartupError(
      `Could not reach the Slack Web API to verify SLACK_BOT_TOKEN (${code ?? (err as Error).message}): check the network${config.slack.apiUrl ? ' and SLACK_API_URL' : ''}.`,
    );
  }
}
