import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startItnioSandbox, type ItnioSandbox } from '../../devkit/sandbox/itnio-server.js';
import { SlackSender } from '../../devkit/sandbox/slack-sender.js';
import { startSlackStandIn, type SlackStandIn } from '../../devkit/sandbox/slack-stand-in.js';
import { spawnTsx, type TsxProcess } from '../../devkit/spawn-tsx.js';
import { botEnv } from '../support/bot-env.js';

const SIGNING_SECRET = 'watch-process-signing-secret';
const CHANNEL = 'C0RESTART';

describe('watches across a real restart (a new process on the same DATA_DIR)', () => {
  let sandbox: ItnioSandbox;
  let slack: SlackStandIn;
  let dataDir: string;
  const bots: TsxProcess[] = [];

  beforeEach(async () => {
    sandbox = await startItnioSandbox();
    slack = await startSlackStandIn();
    dataDir = await mkdtemp(join(tmpdir(), 'trunkbot-watch-process-'));
  });

  afterEach(async () => {
    for (const bot of bots) if (bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill('SIGKILL');
    await Promise.all([sandbox.close(), slack.close(), rm(dataDir, { recursive: true, force: true })]);
  });

  const start = async () => {
    const bot = spawnTsx(
      'src/index.ts',
      botEnv(slack, sandbox, {
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        PORT: '0',
        HOST: '127.0.0.1',
        WATCH_INTERVAL_SECONDS: '1',
        WATCH_CONFIRM_POLLS: '1',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'debug',
      }),
    );
    bots.push(bot);
    const port = Number((await bot.waitForStdout(/"port":(\d+)[^\n]*trunkbot is ready/))[1]);
    return {
      bot,
      sender: new SlackSender({
        eventsUrl: `http://127.0.0.1:${port}/slack/events`,
        signingSecret: SIGNING_SECRET,
        teamId: slack.teamId,
      }),
    };
  };
  const alerts = () =>
    slack.calls.filter(
      (c) =>
        c.method === 'chat.postMessage' &&
        c.ok &&
        !c.args.thread_ts &&
        /Gateway down/.test(JSON.stringify(c.args.blocks)),
    );

  test('no alert is repeated, and a change made while the bot was stopped is reported', async () => {
    const first = await start();
    await first.sender.slashCommand({ text: 'watch acme', responseUrl: slack.newResponseUrl(), channelId: CHANNEL });
    await slack.waitForCall('chat.postMessage', (c) => /set up a watch/.test(String(c.args.text)));
    // The watch takes its baseline at once; the next polls see the gateway go down.
    await first.bot.waitForStdout(/"polled":true[^\n]*"msg":"watch poll"/);
    const down = sandbox.trunks.find((t) => /acme/i.test(t.sipTrunkName) && t.state === 1 && t.sipTrunkState)!;
    sandbox.changeTrunk(String(down.keyId), { gateway: 'down' });
    await slack.waitForCall('chat.postMessage', (c) => /Gateway down/.test(JSON.stringify(c.args.blocks)), 10_000);
    first.bot.child.kill('SIGTERM');
    expect((await first.bot.exit).code).toBe(0);

    const renamed = sandbox.trunks.find((t) => /acme/i.test(t.sipTrunkName) && t.keyId !== down.keyId)!;
    sandbox.changeTrunk(String(renamed.keyId), { name: 'acme-renamed-while-down' });
    await start();
    await slack.waitForCall(
      'chat.postMessage',
      (c) => JSON.stringify(c.args.blocks).includes('acme-renamed-while-down'),
      10_000,
    );
    // The gateway is still down: the restarted bot knows it alerted it already.
    expect(alerts()).toHaveLength(1);
    sandbox.changeTrunk(String(down.keyId), { gateway: 'up' });
    const edit = await slack.waitForCall('chat.update', (c) => c.ok, 10_000);
    expect(JSON.stringify(edit.args.blocks)).toMatch(/recovered after/);
    expect(alerts()).toHaveLength(1);
  });
});
