import { APP_TOKEN_FIX } from '../slack-identity.js';
import { CHECK_TIMEOUT_MS, type CheckOptions, type CheckResult } from './check.js';
import { doctorSlackClient } from './doctor-slack-client.js';
import { slackFailure } from './slack-failure.js';

const NAME = 'Slack app token';

/** Socket Mode's first call, apps.connections.open, with the app-level token; the URL it hands out goes unused. */
export async function checkAppToken(
  slack: { appToken: string; apiUrl?: string | undefined },
  { timeoutMs = CHECK_TIMEOUT_MS }: CheckOptions = {},
): Promise<CheckResult> {
  try {
    await doctorSlackClient(slack.appToken, slack.apiUrl, timeoutMs).apps.connections.open();
    return { name: NAME, ok: true, detail: 'valid: Slack opens Socket Mode connections for it' };
  } catch (err) {
    return { name: NAME, ok: false, ...slackFailure(err, 'SLACK_APP_TOKEN', APP_TOKEN_FIX) };
  }
}
