import { createRedisStore } from '../../src/store/redis-store.js';
import { startSandboxWorld, type SandboxWorld } from '../../devkit/sandbox/sandbox-world.js';
import { storeContract } from '../support/store-contract.js';
import { auditLines, captureLogs, waitForAudits, type CapturedLogs } from '../support/capture-logs.js';
import { until } from '../support/until.js';
import { ACTION } from '../../src/trunks/action-ids.js';
import { click, runCommand } from '../support/world-helpers.js';

// Started by test/support/redis-server.js (jest global setup) or by .ci/run; without redis-server these are skipped.
const redisUrl = process.env.TEST_REDIS_URL;
const withRedis = redisUrl ? describe : describe.skip;

withRedis('Redis store (real redis-server)', () => {
  storeContract(
    () => createRedisStore({ url: redisUrl!, prefix: `test:${process.pid}:` }),
    (ms) => new Promise((r) => setTimeout(r, ms)),
  );
});

withRedis('two bot instances sharing Redis behave as one', () => {
  let a: SandboxWorld;
  let b: SandboxWorld;
  let logsA: CapturedLogs;
  let logsB: CapturedLogs;
  let env: NodeJS.ProcessEnv;

  beforeEach(async () => {
    // Both instances share one prefix; each test gets its own, as separate deployments would.
    env = { REDIS_URL: redisUrl!, REDIS_PREFIX: `test-${process.pid}-${Date.now()}:`, RATE_LIMIT_PER_USER: '3' };
    logsA = captureLogs();
    logsB = captureLogs();
    a = await startSandboxWorld({ env, logDestination: logsA.destination });
    b = await startSandboxWorld({ env, joining: a, logDestination: logsB.destination });
  });

  afterEach(async () => {
    await b.close();
    await a.close();
  });

  test('the same event delivered to both instances posts once', async () => {
    const event = { text: `<@${a.slack.botUserId}> outgoing`, eventId: `Ev${Date.now()}`, ts: '1700000600.000100' };
    const [first, second] = await Promise.all([
      a.sender.appMention(event),
      b.sender.appMention({ ...event, retryNum: 1 }),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    await a.slack.waitForCall('chat.postMessage');
    // Each instance writes its delivery's audit line when done with it: then both posts, if any, are in.
    const audited = () => [...auditLines(logsA), ...auditLines(logsB)];
    await until(() => audited().length >= 2, {
      what: 'both instances to handle the event',
      seen: () => JSON.stringify(audited()),
    });
    expect(a.slack.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(1);
  });

  test("a user's rate limit holds across both instances, and a snapshot from either is fresh for both", async () => {
    const user = { userId: `U0RATE${Date.now() % 100_000}` };
    // Counted: the build (on a), then two Refreshes, one on each instance.
    const { reply } = await runCommand(a, 'outgoing', user);
    await (await click(b, reply.body, ACTION.refresh, user)).next();
    await (await click(a, reply.body, ACTION.refresh, user)).next();
    // Not counted on either instance: searches answered from the snapshot in Redis.
    for (const [world, text] of [
      [b, 'incoming'],
      [a, 'acme'],
      [b, 'globex'],
    ] as const) {
      expect(String((await runCommand(world, text, user)).reply.body.text)).not.toContain('which is the limit');
    }
    const refused = await (await click(b, reply.body, ACTION.refresh, user)).next();
    expect(JSON.stringify(refused.body)).toContain("You've asked ITNIO for new data 3 times in the last minute");
    // Three snapshots of two pages of 100; the refused Refresh asked nothing.
    expect(a.sandbox!.requests).toHaveLength(6);
  });

  test('queries on both instances at once share one snapshot build', async () => {
    a.sandbox!.setLatency(400);
    const name = `acme-${Date.now()}`;
    const replies = await Promise.all([
      runCommand(a, `name:${name}`, { userId: 'U0FLIGHT1' }),
      runCommand(b, `name:${name}`, { userId: 'U0FLIGHT2' }),
      runCommand(b, `name:${name}`, { userId: 'U0FLIGHT3' }),
    ]);
    for (const { reply } of replies) expect(String(reply.body.text)).toContain(`matching “${name}”`);
    expect(a.sandbox!.requests.map((r) => (r.body as { current: number }).current).sort()).toEqual([1, 2]);
  });
});

describe('Redis unreachable', () => {
  test('the bot starts, says so in the logs, and keeps answering', async () => {
    const logs = captureLogs();
    const world = await startSandboxWorld({
      env: { REDIS_URL: 'redis://127.0.0.1:1' },
      logDestination: logs.destination,
    });
    try {
      const { reply } = await runCommand(world, 'outgoing');
      expect(String(reply.body.text)).toMatch(/^Outgoing trunks/);
      const event = { text: `<@${world.slack.botUserId}> in`, eventId: 'Ev0NOREDIS', ts: '1700000700.000100' };
      await world.sender.appMention(event);
      await world.sender.appMention({ ...event, retryNum: 1 });
      await world.slack.waitForCall('chat.postMessage');
      await waitForAudits(logs, 2, (line) => line.surface === 'mention');
      expect(world.slack.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(1);
      const messages = logs.lines.map((l) => String(l.msg));
      expect(messages).toContain('shared store not reachable at start; using this instance’s memory until it is');
      expect(messages.some((m) => m.startsWith('shared store unavailable'))).toBe(true);
    } finally {
      await world.close();
    }
  });
});
