import type { CheckResult } from './check.js';

/**
 * HTTP mode: the signing secret is set (readConfig reports it missing, and runChecks then does not get here;
 * a placeholder is refused too); only Slack's requests can prove it is the right one.
 */
export function checkSigningSecret(): CheckResult {
  return {
    name: 'Slack signing secret',
    ok: true,
    detail: 'set (a wrong one shows as 401 answers to every request from Slack)',
  };
}
