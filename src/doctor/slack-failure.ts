import type { webApi } from '@slack/bolt';
import { slackErrorCode } from '../log.js';
import { SLACK_TOKEN_ERRORS } from '../slack-identity.js';

/** Why a Web API call made with the token in `variable` failed, and the fix. */
export function slackFailure(
  err: unknown,
  variable: 'SLACK_BOT_TOKEN' | 'SLACK_APP_TOKEN',
  tokenFix: string,
): { detail: string; fix: string } {
  const code = slackErrorCode(err);
  if (code !== undefined && SLACK_TOKEN_ERRORS.has(code)) {
    return { detail: `${variable} was rejected by Slack (${code})`, fix: tokenFix };
  }
  if (code !== undefined) return { detail: `Slack answered ${code}`, fix: tokenFix };
  const reason = (err as webApi.WebAPIRequestError).original?.message ?? (err as Error).message;
  return {
    detail: `could not reach the Slack Web API (${reason})`,
    fix: 'check the network or proxy between this machine and slack.com, or SLACK_API_URL if it is set',
  };
}
