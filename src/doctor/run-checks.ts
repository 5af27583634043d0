import type { PartialConfig, SlackMode } from '../config.js';
import { withTimeout } from '../with-timeout.js';
import { CHECK_TIMEOUT_MS, type CheckOptions, type CheckResult } from './check.js';
import { checkAppToken } from './check-app-token.js';
import { checkDataDir } from './check-data-dir.js';
import { checkItnio } from './check-itnio.js';
import { checkRedis } from './check-redis.js';
import { checkSigningSecret } from './check-signing-secret.js';
import { checkSlackBot } from './check-slack-bot.js';

/** What the checks run on: the configuration as far as it is valid, and which variables are not. */
export interface DoctorInput {
  config: PartialConfig;
  mode: SlackMode;
  invalid: ReadonlySet<string>;
}

/**
 * Runs every check at once and reports them in a fixed order. One failing, throwing or hanging check never
 * hides the others; a check whose variables are invalid says so instead of running.
 */
export async function runChecks(input: DoctorInput, options: CheckOptions = {}): Promise<CheckResult[]> {
  const { config, mode } = input;
  const slack = config.slack ?? {};
  const itnio = config.itnio ?? {};
  const timeoutMs = options.timeoutMs ?? CHECK_TIMEOUT_MS;
  const run = (name: string, needs: string[], check: () => Promise<CheckResult | CheckResult[]>) =>
    guarded(name, needs, input.invalid, check, timeoutMs);
  // A variable without a problem has parsed, so each required one below has its value.
  const results = await Promise.all([
    run('Slack bot token', ['SLACK_BOT_TOKEN', 'SLACK_API_URL'], () =>
      checkSlackBot({ botToken: slack.botToken!, apiUrl: slack.apiUrl }, options),
    ),
    mode === 'socket'
      ? run('Slack app token', ['SLACK_APP_TOKEN', 'SLACK_API_URL'], () =>
          checkAppToken({ appToken: slack.appToken!, apiUrl: slack.apiUrl }, options),
        )
      : run('Slack signing secret', ['SLACK_SIGNING_SECRET'], async () => checkSigningSecret()),
    run('ITNIO credentials', ['ITNIO_API_URL', 'ITNIO_API_KEY', 'ITNIO_API_SECRET'], () =>
      checkItnio({ apiUrl: itnio.apiUrl!, apiKey: itnio.apiKey!, apiSecret: itnio.apiSecret! }, options),
    ),
    config.redisUrl !== undefined || input.invalid.has('REDIS_URL')
      ? run('Redis', ['REDIS_URL'], () => checkRedis(config.redisUrl!, options))
      : run('Data directory', ['DATA_DIR'], () => checkDataDir(config.watch?.dataDir ?? './data')),
  ]);
  return results.flat();
}

async function guarded(
  name: string,
  needs: string[],
  invalid: ReadonlySet<string>,
  check: () => Promise<CheckResult | CheckResult[]>,
  timeoutMs: number,
): Promise<CheckResult[]> {
  const blocked = needs.filter((variable) => invalid.has(variable));
  if (blocked.length > 0) {
    return [{ name, ok: false, detail: `not checked until ${blocked.join(' and ')} is fixed (see Configuration)` }];
  }
  try {
    // Each check has its own short timeouts; this is the backstop that keeps the report coming.
    const result = await withTimeout(check(), timeoutMs + 1_000, () => {
      throw new Error(`no result within ${Math.round(timeoutMs / 1000) + 1} s`);
    });
    return [result].flat();
  } catch (err) {
    return [{ name, ok: false, detail: `the check itself failed: ${(err as Error).message}` }];
  }
}
