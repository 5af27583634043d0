import { webApi } from '@slack/bolt';
import { slackClientOptions } from './app.js';
import type { Config } from './config.js';

/** Who the bot is in Slack, from `auth.test`. */
export interface BotIdentity {
  botId: string;
  botUserId: string;
  teamId?: string;
}

/** Startup failures an operator must fix, phrased as the fix. */
export class StartupError extends Error {
  readonly code = 'trunkbot_startup_error';
}

/** Slack could not be asked; the token may be fine. */
export class SlackUnreachableError extends Error {
  readonly code = 'trunkbot_slack_unreachable';
}

const TOKEN_ERRORS = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired', 'not_allowed_token_type']);

/** Asks `auth.test` who the token belongs to. A rejected token is a StartupError; no answer is SlackUnreachableError. */
export async function fetchBotIdentity(config: Config): Promise<BotIdentity> {
  const client = new webApi.WebClient(config.slack.botToken, { ...slackClientOptions(config), logLevel: webApi.LogLevel.ERROR });
  let auth;
  try {
    auth = await client.auth.test();
  } catch (err) {
    const code = (err as { data?: { error?: string } }).data?.error;
    if (code && TOKEN_ERRORS.has(code)) {
      throw new StartupError(`SLACK_BOT_TOKEN was rejected by Slack (${code}): copy a fresh Bot User OAuth Token from the app's OAuth & Permissions page.`);
    }
    throw new SlackUnreachableError(
      `could not reach the Slack Web API to verify SLACK_BOT_TOKEN (${code ?? (err as Error).message})${config.slack.apiUrl ? '; check SLACK_API_URL' : ''}`,
      { cause: err },
    );
  }
  if (!auth.bot_id || !auth.user_id) {
    throw new StartupError('SLACK_BOT_TOKEN is not a bot token: use the Bot User OAuth Token (xoxb-…).');
  }
  return { botId: auth.bot_id, botUserId: auth.user_id, ...(auth.team_id && { teamId: auth.team_id }) };
}

/**
 * The identity as Bolt's `authorize` needs it: known at start when Slack answered, otherwise looked up
 * on the first request and remembered once it succeeds, so a Slack outage at deploy time heals itself.
 */
export function identityResolver(config: Config, known: BotIdentity | undefined): () => Promise<BotIdentity> {
  let identity: Promise<BotIdentity> | undefined = known && Promise.resolve(known);
  return () => {
    identity ??= fetchBotIdentity(config).catch((err: unknown) => {
      identity = undefined;
      throw err;
    });
    return identity;
  };
}
