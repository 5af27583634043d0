import { startItnioSandbox, type ItnioSandbox } from '../../devkit/sandbox/itnio-server.js';
import { startSandboxWorld } from '../../devkit/sandbox/sandbox-world.js';
import { startSlackStandIn, type SlackStandIn } from '../../devkit/sandbox/slack-stand-in.js';
import { spawnTsx } from '../../devkit/spawn-tsx.js';
import { StartupError } from '../../src/slack-identity.js';
import { botEnv } from '../support/bot-env.js';

describe('Socket Mode with an app token Slack rejects', () => {
  test('startBot fails with a StartupError that names SLACK_APP_TOKEN and the fix', async () => {
    const started = startSandboxWorld({ env: { SLACK_APP_TOKEN: 'xapp-sandbox-revoked', LOG_LEVEL: 'silent' } });
    const error = await started.then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(StartupError);
    expect((error as Error).message).toMatch(
      /^SLACK_APP_TOKEN was rejected by Slack \(invalid_auth\): create an App-Level Token with the connections:write scope/,
    );
  });

  describe('the process', () => {
    let sandbox: ItnioSandbox;
    let slack: SlackStandIn;

    beforeEach(async () => {
      sandbox = await startItnioSandbox();
      slack = await startSlackStandIn();
    });

    afterEach(async () => {
      await Promise.all([sandbox.close(), slack.close()]);
    });

    test('exits 1 saying which token to fix, not "unexpected error"', async () => {
      const bot = spawnTsx(
        'src/index.ts',
        botEnv(slack, sandbox, { SLACK_APP_TOKEN: 'xapp-sandbox-revoked', DATA_DIR: 'data' }),
      );
      const { code } = await bot.exit;
      expect(code).toBe(1);
      expect(bot.stderr()).toMatch(/trunkbot cannot start: SLACK_APP_TOKEN was rejected by Slack \(invalid_auth\): /);
      expect(bot.stderr() + bot.stdout()).not.toMatch(/unexpected error|xapp-sandbox-revoked/);
    });
  });
});
