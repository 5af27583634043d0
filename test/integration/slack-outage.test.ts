import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBot, type RunningBot } from '../../src/bot.js';
import { loadConfig, secretsOf } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { startItnioSandbox, type ItnioSandbox } from '../../devkit/sandbox/itnio-server.js';
import { SlackSender } from '../../devkit/sandbox/slack-sender.js';
import { startSlackStandIn, type SlackStandIn } from '../../devkit/sandbox/slack-stand-in.js';
import { captureLogs } from '../support/capture-logs.js';

const SIGNING_SECRET = 'outage-signing-secret';

describe('Slack unreachable when the bot starts', () => {
  let sandbox: ItnioSandbox;
  let slack: SlackStandIn | undefined;
  let bot: RunningBot | undefined;

  afterEach(async () => {
    await bot?.stop(1_000);
    await Promise.all([sandbox.close(), slack?.close(), rm(dataDir, { recursive: true, force: true })]);
  });

  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'trunkbot-outage-'));
  });

  test('starts anyway, serves health, and verifies the token on the first request once Slack is back', async () => {
    sandbox = await startItnioSandbox();
    const probe = await startSlackStandIn();
    const slackPort = Number(new URL(probe.url).port);
    await probe.close();

    const logs = captureLogs();
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-sandbox-token',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: `http://127.0.0.1:${slackPort}/api/`,
      PORT: '0',
      HOST: '127.0.0.1',
      ITNIO_API_URL: sandbox.url,
      ITNIO_API_KEY: sandbox.apiKey,
      ITNIO_API_SECRET: sandbox.apiSecret,
      DATA_DIR: dataDir,
    });
    bot = await startBot(config, {
      log: createLogger({ level: 'info', secrets: secretsOf(config), destination: logs.destination }),
      // Their own auth.test and ITNIO query would blur which calls the first requests made.
      startupChecks: false,
    });
    expect(bot.identity).toBeUndefined();
    expect(logs.lines.some((l) => /starting without verifying the Slack token/.test(String(l.msg)))).toBe(true);
    expect((await fetch(`http://127.0.0.1:${bot.port}/healthz`)).status).toBe(200);

    // While the workspace cannot be confirmed, requests are refused rather than answered blindly.
    const catcher = await startSlackStandIn();
    const early = new SlackSender({
      eventsUrl: `http://127.0.0.1:${bot.port}/slack/events`,
      signingSecret: SIGNING_SECRET,
      teamId: 'T0ANYONE',
    });
    await early.slashCommand({ text: 'outgoing', responseUrl: catcher.newResponseUrl() });
    const refused = await catcher.waitForResponse(undefined, 8_000);
    expect(String(refused.body.text)).toContain('still confirming its workspace with Slack');
    expect(sandbox.requests).toHaveLength(0);
    await catcher.close();

    slack = await startSlackStandIn({ port: slackPort, botToken: 'xoxb-sandbox-token' });
    const sender = new SlackSender({
      eventsUrl: `http://127.0.0.1:${bot.port}/slack/events`,
      signingSecret: SIGNING_SECRET,
      teamId: slack.teamId,
    });
    const responseUrl = slack.newResponseUrl();
    expect((await sender.slashCommand({ text: 'outgoing', responseUrl })).status).toBe(200);
    const reply = await slack.waitForResponse();
    expect(String(reply.body.text)).toMatch(/^Outgoing trunks/);
    expect(slack.calls.filter((c) => c.method === 'auth.test')).toHaveLength(1);

    await sender.slashCommand({ text: 'incoming', responseUrl: slack.newResponseUrl() });
    await slack.waitForResponse((r) => String(r.body.text).startsWith('Incoming'));
    expect(slack.calls.filter((c) => c.method === 'auth.test')).toHaveLength(1);
  });
});
