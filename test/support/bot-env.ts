import type { ItnioSandbox } from '../../devkit/sandbox/itnio-server.js';
import type { SlackStandIn } from '../../devkit/sandbox/slack-stand-in.js';

/** The environment of a bot (a process, or the doctor) that talks to `slack` and `sandbox`; `extra` adds or overrides settings. */
export function botEnv(
  slack: SlackStandIn,
  sandbox: ItnioSandbox,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_API_URL: slack.apiUrl,
    ITNIO_API_URL: sandbox.url,
    ITNIO_API_KEY: sandbox.apiKey,
    ITNIO_API_SECRET: sandbox.apiSecret,
    ...extra,
  };
}
