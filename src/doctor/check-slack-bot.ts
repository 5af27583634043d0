import { BOT_TOKEN_FIX } from '../slack-identity.js';
import { CHECK_TIMEOUT_MS, type CheckOptions, type CheckResult } from './check.js';
import { doctorSlackClient } from './doctor-slack-client.js';
import { slackFailure } from './slack-failure.js';
import { WANTED_SCOPES } from './wanted-scopes.js';

const TOKEN = 'Slack bot token';
const SCOPES = 'Slack scopes';

/** auth.test with the bot token: whether Slack accepts it, and whether it carries every scope the manifest asks for. */
export async function checkSlackBot(
  slack: { botToken: string; apiUrl?: string | undefined },
  { timeoutMs = CHECK_TIMEOUT_MS }: CheckOptions = {},
): Promise<CheckResult[]> {
  let auth;
  try {
    auth = await doctorSlackClient(slack.botToken, slack.apiUrl, timeoutMs).auth.test();
  } catch (err) {
    return [{ name: TOKEN, ok: false, ...slackFailure(err, 'SLACK_BOT_TOKEN', BOT_TOKEN_FIX) }];
  }
  if (!auth.bot_id) {
    return [
      {
        name: TOKEN,
        ok: false,
        detail: 'SLACK_BOT_TOKEN is not a bot token',
        fix: 'use the Bot User OAuth Token (xoxb-…) from the OAuth & Permissions page',
      },
    ];
  }
  const where = auth.team ? `${auth.team} (${auth.team_id})` : String(auth.team_id);
  return [
    { name: TOKEN, ok: true, detail: `valid: @${auth.user ?? auth.user_id} in ${where}` },
    checkScopes(auth.response_metadata?.scopes),
  ];
}

/** The granted scopes (Slack's `x-oauth-scopes`) against WANTED_SCOPES. */
export function checkScopes(granted: readonly string[] | undefined): CheckResult {
  // Slack names them on every answer; a proxy in between may drop the header, and that is no reason to fail.
  if (granted === undefined) return { name: SCOPES, ok: true, detail: 'Slack did not say which were granted' };
  const missing = WANTED_SCOPES.filter((scope) => !granted.includes(scope));
  if (missing.length === 0) return { name: SCOPES, ok: true, detail: WANTED_SCOPES.join(', ') };
  return {
    name: SCOPES,
    ok: false,
    detail: `the bot token lacks ${missing.join(', ')} (it has ${granted.join(', ') || 'none'})`,
    fix: `add ${missing.join(', ')} under OAuth & Permissions → Bot Token Scopes (or paste manifest.yml under App Manifest), then reinstall the app after adding scopes: the token only gains them on reinstall`,
  };
}
