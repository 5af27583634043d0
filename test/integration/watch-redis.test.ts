import { startSandboxWorld, SANDBOX_SIGNING_SECRET, type SandboxWorld } from '../../devkit/sandbox/sandbox-world.js';
import { spawnTsx } from '../../devkit/spawn-tsx.js';
import { newUserId } from '../support/answers.js';
import { captureLogs, type CapturedLogs, waitForAudit } from '../support/capture-logs.js';
import { until } from '../support/until.js';

// Started by test/support/redis-server.js (jest global setup) or by .ci/run; without redis-server these are skipped.
const redisUrl = process.env.TEST_REDIS_URL;
const withRedis = redisUrl ? describe : describe.skip;
const CHANNEL = 'C0SHARED';

const alerts = (world: SandboxWorld) =>
  world.slack.calls.filter(
    (c) =>
      c.method === 'chat.postMessage' &&
      c.ok &&
      !c.args.thread_ts &&
      /Gateway down/.test(JSON.stringify(c.args.blocks)),
  );

async function watch(world: SandboxWorld, logs: CapturedLogs, text: string) {
  const userId = newUserId();
  await world.sender.slashCommand({ text, responseUrl: world.slack.newResponseUrl(), userId, channelId: CHANNEL });
  return waitForAudit(logs, (line) => line.user === userId);
}

function acmeUp(world: SandboxWorld) {
  return world.sandbox!.trunks.find((t) => /acme/i.test(t.sipTrunkName) && t.state === 1 && t.sipTrunkState)!;
}

withRedis('watches on several instances sharing Redis', () => {
  let a: SandboxWorld;
  let b: SandboxWorld;
  let logsA: CapturedLogs;
  let ahead = 0;
  const env = () => ({
    REDIS_URL: redisUrl!,
    REDIS_PREFIX: `test-watch-${process.pid}-${Date.now()}:`,
    WATCH_INTERVAL_SECONDS: '1',
    WATCH_CONFIRM_POLLS: '2',
    RATE_LIMIT_PER_USER: '0',
  });

  beforeEach(async () => {
    ahead = 0;
    const shared = env();
    const now = () => Date.now() + ahead;
    logsA = captureLogs();
    a = await startSandboxWorld({ env: shared, now, manualPolling: true, logDestination: logsA.destination });
    b = await startSandboxWorld({ env: shared, now, manualPolling: true, joining: a, logLevel: 'silent' });
  });

  afterEach(async () => {
    await b.close();
    await a.close();
  });

  test('two instances polling the same changes post one alert: only the lease holder polls', async () => {
    expect((await watch(a, logsA, 'watch acme')).outcome).toBe('watch_added');
    const both = async () => {
      ahead += 1_000;
      return [await a.bot.poller.pollOnce(), await b.bot.poller.pollOnce()];
    };
    const [first, second] = await both();
    expect(first).toMatchObject({ polled: true });
    expect(second).toEqual({ polled: false, reason: 'not_leader' });
    a.sandbox!.changeTrunk(String(acmeUp(a).keyId), { gateway: 'down' });
    await both();
    await both();
    await both();
    expect(alerts(a)).toHaveLength(1);
  });

  test('a new instance on the same Redis carries on: no duplicate alert, and the change made meanwhile is reported', async () => {
    await watch(a, logsA, 'watch acme');
    ahead += 1_000;
    await a.bot.poller.pollOnce();
    const down = acmeUp(a);
    a.sandbox!.changeTrunk(String(down.keyId), { gateway: 'down' });
    for (let i = 0; i < 2; i++) {
      ahead += 1_000;
      await a.bot.poller.pollOnce();
    }
    expect(alerts(a)).toHaveLength(1);
    // A stops (releasing its lease); the trunk is renamed while no one polls.
    await a.bot.stop(1_000);
    a.sandbox!.changeTrunk(String(down.keyId), { name: 'acme-renamed-while-stopped' });
    ahead += 1_000;
    expect(await b.bot.poller.pollOnce()).toMatchObject({ polled: true, posts: 1 });
    const latest = a.slack.calls.filter((c) => c.method === 'chat.postMessage').slice(-1)[0]!;
    expect(JSON.stringify(latest.args.blocks)).toContain('acme-renamed-while-stopped');
    expect(alerts(a)).toHaveLength(1);
  });
});

withRedis('the poller lease', () => {
  test('when the polling instance dies, another takes over within a couple of intervals', async () => {
    const prefix = `test-lease-${process.pid}-${Date.now()}:`;
    const logs = captureLogs();
    const world = await startSandboxWorld({
      env: { REDIS_URL: redisUrl!, REDIS_PREFIX: prefix, WATCH_INTERVAL_SECONDS: '1', RATE_LIMIT_PER_USER: '0' },
      manualPolling: true,
      logDestination: logs.destination,
    });
    const leader = spawnTsx('src/index.ts', {
      SLACK_BOT_TOKEN: world.slack.botToken,
      SLACK_SIGNING_SECRET: SANDBOX_SIGNING_SECRET,
      SLACK_API_URL: world.slack.apiUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      ITNIO_API_URL: world.config.itnio.apiUrl,
      ITNIO_API_KEY: world.config.itnio.apiKey,
      ITNIO_API_SECRET: world.config.itnio.apiSecret,
      REDIS_URL: redisUrl!,
      REDIS_PREFIX: prefix,
      WATCH_INTERVAL_SECONDS: '1',
    });
    try {
      await watch(world, logs, 'watch acme');
      await leader.waitForStdout(/this instance now polls for watches/);
      expect(await world.bot.poller.pollOnce()).toEqual({ polled: false, reason: 'not_leader' });
      leader.child.kill('SIGKILL');
      await leader.exit;
      const killedAt = Date.now();
      // The lease runs two intervals plus two seconds (4 s here) past the leader's last renewal.
      await until(async () => (await world.bot.poller.pollOnce()).polled, {
        what: 'this instance to take the lease over',
        timeoutMs: 12_000,
      });
      // Four seconds, plus what a loaded machine adds to a poll.
      expect(Date.now() - killedAt).toBeLessThan(7_000);
    } finally {
      if (leader.child.exitCode === null && leader.child.signalCode === null) leader.child.kill('SIGKILL');
      await world.close();
    }
    // Starting the bot as a child process takes seconds of its own on a busy machine.
  }, 60_000);
});
