import { webApi } from '@slack/bolt';
import type { Config } from './config.js';
import { errorFields, slackErrorCode, type Logger } from './log.js';
import { withTimeout } from './with-timeout.js';

/** Who the bot is in Slack, from `auth.test`. */
export interface BotIdentity {
  botId: string;
  botUserId: string;
  teamId?: string;
  /** Set when the app is installed in an Enterprise Grid org. */
  enterpriseId?: string;
}

/** Startup failures an operator must fix, phrased as the fix. */
export class StartupError extends Error {
  readonly code = 'trunkbot_startup_error';
}

/** Slack could not be asked; the token may be fine. */
export class SlackUnreachableError extends Error {
  readonly code = 'trunkbot_slack_unreachable';
}

/** Web client settings: Slack's default retry policy keeps trying for ~30 minutes, far too long for a chat reply. */
export function slackClientOptions(config: Config): webApi.WebClientOptions {
  return {
    ...(config.slack.apiUrl !== undefined && { slackApiUrl: config.slack.apiUrl }),
    retryConfig: { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 2_000, randomize: true },
    timeout: 10_000,
  };
}

/** Slack's errors that mean the token itself is wrong, as opposed to Slack not answering. */
export const SLACK_TOKEN_ERRORS: ReadonlySet<string> = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'not_allowed_token_type',
]);

/** What to do when Slack rejects SLACK_BOT_TOKEN. */
export const BOT_TOKEN_FIX = "copy a fresh Bot User OAuth Token from the app's OAuth & Permissions page";

/** What to do when Slack rejects SLACK_APP_TOKEN. */
export const APP_TOKEN_FIX =
  'create an App-Level Token with the connections:write scope (Basic Information → App-Level Tokens) and set SLACK_APP_TOKEN to it, or leave SLACK_APP_TOKEN empty to run in HTTP mode';

/** A Web API client for auth.test alone (Bolt builds its own for listeners). */
function authClient(config: Config): webApi.WebClient {
  return new webApi.WebClient(config.slack.botToken, {
    ...slackClientOptions(config),
    logLevel: webApi.LogLevel.ERROR,
  });
}

/** Asks `auth.test` who the token belongs to. A rejected token is a StartupError; no answer is SlackUnreachableError. */
export async function fetchBotIdentity(
  config: Config,
  client: webApi.WebClient = authClient(config),
): Promise<BotIdentity> {
  let auth;
  try {
    auth = await client.auth.test();
  } catch (err) {
    const code = slackErrorCode(err);
    if (code && SLACK_TOKEN_ERRORS.has(code)) {
      throw new StartupError(`SLACK_BOT_TOKEN was rejected by Slack (${code}): ${BOT_TOKEN_FIX}.`);
    }
    throw new SlackUnreachableError(
      `could not reach the Slack Web API to verify SLACK_BOT_TOKEN (${code ?? (err as Error).message})${config.slack.apiUrl ? '; check SLACK_API_URL' : ''}`,
      { cause: err },
    );
  }
  if (!auth.bot_id || !auth.user_id) {
    throw new StartupError('SLACK_BOT_TOKEN is not a bot token: use the Bot User OAuth Token (xoxb-…).');
  }
  return {
    botId: auth.bot_id,
    botUserId: auth.user_id,
    ...(auth.team_id && { teamId: auth.team_id }),
    ...(auth.enterprise_id && { enterpriseId: auth.enterprise_id }),
  };
}

/** The bot's identity as far as it is known, and a way to learn it later. */
export interface IdentityCache {
  current(): BotIdentity | undefined;
  /** Looks the identity up in the background if it is not known yet (one lookup at a time). */
  refresh(): void;
  /** The identity, waiting up to `timeoutMs` for a lookup when it is not known yet. */
  resolve(timeoutMs: number): Promise<BotIdentity | undefined>;
}

// A revoked token or a long Slack outage fails every lookup; one line a minute says so without flooding.
const WARN_EVERY_MS = 60_000;

/**
 * Known at start when Slack answered; otherwise looked up in the background on the next request and
 * remembered once that succeeds, so a Slack outage at deploy time heals itself without slowing acks.
 */
export function identityCache(
  config: Config,
  known: BotIdentity | undefined,
  log: Logger,
  now = Date.now,
): IdentityCache {
  const client = authClient(config);
  let identity = known;
  let pending: Promise<void> | undefined;
  let lastWarning = -Infinity;
  const cache: IdentityCache = {
    current: () => identity,
    async resolve(timeoutMs) {
      if (identity) return identity;
      cache.refresh();
      await withTimeout(pending ?? Promise.resolve(), timeoutMs, () => undefined);
      return identity;
    },
    refresh() {
      if (identity || pending) return;
      pending = fetchBotIdentity(config, client)
        .then((found) => {
          identity = found;
          log.info({ team: found.teamId }, 'workspace confirmed with Slack');
        })
        .catch((err: unknown) => {
          if (now() - lastWarning < WARN_EVERY_MS) return;
          lastWarning = now();
          log.warn(
            errorFields(err),
            'could not confirm the bot with Slack (auth.test); without ALLOWED_TEAM_IDS requests are refused until it is',
          );
        })
        .finally(() => {
          pending = undefined;
        });
    },
  };
  return cache;
}
