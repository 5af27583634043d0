import type { CheckResult } from './check.js';

/** HTTP mode: the signing secret is set (loadConfig already refuses a placeholder); only Slack's requests can prove it. */
export function checkSigningSecret(signingSecret: string | undefined): CheckResult {
  if (signingSecret === undefined) {
    return {
      name: 'Slack signing secret',
      ok: false,
      detail: 'SLACK_SIGNING_SECRET is not set, and HTTP mode needs it',
      fix: 'copy the Signing Secret from the Slack app’s Basic Information page (or set SLACK_APP_TOKEN for Socket Mode)',
    };
  }
  return {
    name: 'Slack signing secret',
    ok: true,
    detail: 'set (a wrong one shows as 401 answers to every request from Slack)',
  };
}
