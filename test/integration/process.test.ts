import { startItnioSandbox, type ItnioSandbox } from '../../devkit/sandbox/itnio-server.js';
import { SlackSender } from '../../devkit/sandbox/slack-sender.js';
import { startSlackStandIn, type SlackStandIn } from '../../devkit/sandbox/slack-stand-in.js';
import { SANDBOX_PASSWORD_PREFIX } from '../../devkit/sandbox/seed-trunks.js';
import { spawnTsx } from '../../devkit/spawn-tsx.js';
import { botEnv } from '../support/bot-env.js';
import { until } from '../support/until.js';

const SIGNING_SECRET = 'process-test-signing-secret';

describe('the bot process (src/index.ts)', () => {
  let sandbox: ItnioSandbox;
  let slack: SlackStandIn;

  beforeEach(async () => {
    sandbox = await startItnioSandbox();
    slack = await startSlackStandIn();
  });

  afterEach(async () => {
    await Promise.all([sandbox.close(), slack.close()]);
  });

  const env = () =>
    botEnv(slack, sandbox, { SLACK_SIGNING_SECRET: SIGNING_SECRET, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'debug' });

  test('SIGTERM stops new work, finishes the reply in flight and exits 0', async () => {
    const bot = spawnTsx('src/index.ts', env());
    const port = Number((await bot.waitForStdout(/"port":(\d+)[^\n]*trunkbot is ready/))[1]);
    // The start-up checks make an ITNIO call of their own: let it pass before counting the query's.
    await bot.waitForStdout(/"msg":"start-up checks done"/);
    sandbox.requests.length = 0;
    const sender = new SlackSender({
      eventsUrl: `http://127.0.0.1:${port}/slack/events`,
      signingSecret: SIGNING_SECRET,
      teamId: slack.teamId,
    });

    sandbox.setLatency(1_500);
    const responseUrl = slack.newResponseUrl();
    expect((await sender.slashCommand({ text: 'outgoing', responseUrl })).status).toBe(200);
    await until(() => sandbox.requests.length > 0, { what: 'the query to reach ITNIO' });

    const stoppedAt = Date.now();
    bot.child.kill('SIGTERM');
    // The handler logs this line and closes the listener in the same tick, so from here on nothing new is accepted.
    await bot.waitForStdout(/"msg":"shutting down"/);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();

    const { code } = await bot.exit;
    expect(code).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(10_000);
    // ITNIO is slow, so a progress note may come first; the last post is the answer.
    const reply = slack.responses.findLast((r) => responseUrl.endsWith(r.id));
    expect(reply?.body.text).toMatch(/^Outgoing trunks: \d+ trunks/);
    expect(bot.stdout()).toMatch(/"drained":true/);
    expect(bot.stdout() + bot.stderr()).not.toMatch(
      new RegExp(`${SIGNING_SECRET}|${slack.botToken}|${sandbox.apiSecret}|${SANDBOX_PASSWORD_PREFIX}`),
    );
  });

  test('SIGTERM cuts off a query stuck on ITNIO and still answers the user', async () => {
    const bot = spawnTsx('src/index.ts', { ...env(), ITNIO_TIMEOUT_MS: '20000' });
    const port = Number((await bot.waitForStdout(/"port":(\d+)[^\n]*trunkbot is ready/))[1]);
    await bot.waitForStdout(/"msg":"start-up checks done"/);
    sandbox.requests.length = 0;
    const sender = new SlackSender({
      eventsUrl: `http://127.0.0.1:${port}/slack/events`,
      signingSecret: SIGNING_SECRET,
      teamId: slack.teamId,
    });
    sandbox.inject({ kind: 'hang' }, Infinity);
    const responseUrl = slack.newResponseUrl();
    await sender.slashCommand({ text: 'outgoing', responseUrl });
    await until(() => sandbox.requests.length > 0, { what: 'the query to reach ITNIO' });

    const stoppedAt = Date.now();
    bot.child.kill('SIGTERM');
    const { code } = await bot.exit;
    expect(code).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(10_000);
    // "Asking ITNIO…" comes first while the query hangs; the last post is the answer.
    const reply = slack.responses.findLast((r) => responseUrl.endsWith(r.id));
    expect(String(reply?.body.text)).toContain('trunkbot is restarting');
  });

  test('SIGTERM while still starting exits 0', async () => {
    // A Slack API that never answers keeps the bot in its start-up auth.test.
    const asked: string[] = [];
    const silent = await import('node:http').then(({ createServer }) =>
      createServer((req) => asked.push(req.url ?? '')),
    );
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as import('node:net').AddressInfo;
    const bot = spawnTsx('src/index.ts', { ...env(), SLACK_API_URL: `http://127.0.0.1:${port}/api/` });
    // src/index.ts installs its signal handlers just before start-up calls auth.test: once Slack is
    // asked, SIGTERM is handled rather than killing the process.
    const calledAuthTest = () => {
      if (bot.exited()) throw new Error(`the bot exited before calling auth.test:\n${bot.tail()}`);
      return asked.some((url) => url.endsWith('/auth.test'));
    };
    await until(calledAuthTest, { what: 'the bot to call auth.test', timeoutMs: 15_000 });
    bot.child.kill('SIGTERM');
    const { code } = await bot.exit;
    silent.closeAllConnections();
    silent.close();
    expect(code).toBe(0);
    expect(bot.stdout()).toContain('"signal":"SIGTERM"');
  });

  test('reads ./.env, with the real environment taking precedence', async () => {
    const { SLACK_BOT_TOKEN, ...fromFile } = env();
    const dotenv = Object.entries({ ...fromFile, SLACK_BOT_TOKEN: 'xoxb-stale-token-in-file' })
      .map(([k, v]) => `${k}=${v}`)
      .join('\n');
    const bot = spawnTsx('src/index.ts', { SLACK_BOT_TOKEN }, { files: { '.env': dotenv } });
    const port = Number((await bot.waitForStdout(/"port":(\d+)[^\n]*trunkbot is ready/))[1]);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    bot.child.kill('SIGTERM');
    expect((await bot.exit).code).toBe(0);
  });

  test('missing configuration exits 1 with one line per problem and no stack trace', async () => {
    const bot = spawnTsx('src/index.ts', { SLACK_BOT_TOKEN: 'xoxp-wrong', PORT: 'x' });
    const { code } = await bot.exit;
    expect(code).toBe(1);
    const err = bot.stderr();
    expect(err).toContain('trunkbot cannot start:');
    expect(err).toMatch(/- SLACK_BOT_TOKEN must be a bot token starting with xoxb-/);
    expect(err).toMatch(/- PORT must be a whole number/);
    expect(err).toMatch(/- ITNIO_API_KEY is not set/);
    expect(err).not.toMatch(/\n\s+at /);
  });

  test('a Slack token that Slack rejects stops the process at start with the fix', async () => {
    const bot = spawnTsx('src/index.ts', { ...env(), SLACK_BOT_TOKEN: 'xoxb-revoked-token' });
    const { code } = await bot.exit;
    expect(code).toBe(1);
    expect(bot.stderr()).toMatch(/SLACK_BOT_TOKEN was rejected by Slack \(invalid_auth\)/);
    expect(bot.stderr() + bot.stdout()).not.toContain('xoxb-revoked-token');
  });
});

describe('npm run demo (devkit/console/demo.ts) without a terminal', () => {
  test('prints page 1, then page 2, and exits 0', async () => {
    const demo = spawnTsx('devkit/console/demo.ts', { NO_COLOR: '1' });
    demo.child.stdin.end('/trunks outgoing\nnext\nquit\n');
    const { code } = await demo.exit;
    const out = demo.stdout();
    expect(code).toBe(0);
    expect(out).toContain('SANDBOX data');
    expect(out).toContain('── only visible to you · SANDBOX DATA');
    const page1 = out.indexOf('page 1 of');
    const page2 = out.indexOf('page 2 of');
    expect(page1).toBeGreaterThan(-1);
    expect(page2).toBeGreaterThan(page1);
    expect(out).toContain('> next');
    expect(out.trimEnd().endsWith('Bye.')).toBe(true);
    expect(out).not.toContain(SANDBOX_PASSWORD_PREFIX);
    expect(out).not.toMatch(/\u001b\[/);
  });

  test('says when it uses the real vendor API', async () => {
    const demo = spawnTsx('devkit/console/demo.ts', {
      ITNIO_API_URL: 'http://127.0.0.1:9',
      ITNIO_API_KEY: 'real-key',
      ITNIO_API_SECRET: 'real-secret',
      ITNIO_TIMEOUT_MS: '200',
    });
    demo.child.stdin.end('/trunks\nquit\n');
    const { code } = await demo.exit;
    expect(code).toBe(0);
    expect(demo.stdout()).toContain('the REAL vendor API at http://127.0.0.1:9');
    expect(demo.stdout()).toContain('Could not reach ITNIO');
    expect(demo.stdout()).not.toContain('real-secret');
  });
});
