import { type Config, slackModeOf } from '../config.js';
import type { Logger } from '../log.js';
import type { CheckOptions, CheckResult } from './check.js';
import { runChecks } from './run-checks.js';

/**
 * The doctor's checks once the bot is up, each logged: info when it passes, warn with the fix when not. Nothing
 * waits on it; it tells an operator at deploy time what the first user would otherwise find out.
 */
export async function logStartupChecks(
  config: Config,
  log: Logger,
  options: CheckOptions = {},
): Promise<CheckResult[]> {
  const mode = slackModeOf(config);
  const results = await runChecks({ config, mode, invalid: new Set() }, options);
  for (const { name, ok, detail, fix } of results) {
    if (ok) log.info({ check: name, detail }, 'start-up check passed');
    else log.warn({ check: name, detail, fix }, 'start-up check failed');
  }
  const failed = results.filter((r) => !r.ok).length;
  log.info({ passed: results.length - failed, failed }, 'start-up checks done');
  return results;
}
