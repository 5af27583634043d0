import type { RecordedRequest } from '../../devkit/sandbox/itnio-server.js';
import { startSandboxWorld, type SandboxWorld } from '../../devkit/sandbox/sandbox-world.js';
import { ACTION } from '../../src/trunks/action-ids.js';
import { asOfSeconds, newUserId } from '../support/answers.js';
import { captureLogs, type CapturedLogs } from '../support/capture-logs.js';
import { ask, click } from '../support/world-helpers.js';

// Started by test/support/redis-server.js (jest global setup) or by .ci/run; without redis-server these are skipped.
const redisUrl = process.env.TEST_REDIS_URL;
const withRedis = redisUrl ? describe : describe.skip;

const pagesOf = (requests: readonly RecordedRequest[]) =>
  requests.map((r) => (r.body as { current: number }).current).sort((a, b) => a - b);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

withRedis('one snapshot shared by two instances through Redis', () => {
  let a: SandboxWorld;
  let b: SandboxWorld;
  let logsA: CapturedLogs;
  let logsB: CapturedLogs;
  // One clock for both instances, moved on instead of waiting: "as of" shows whole seconds.
  let clockAhead = 0;

  beforeEach(async () => {
    clockAhead = 0;
    // A prefix of its own per test, as separate deployments would have.
    const env = {
      REDIS_URL: redisUrl!,
      REDIS_PREFIX: `test-inv-${process.pid}-${Date.now()}:`,
      RATE_LIMIT_PER_USER: '0',
    };
    const now = () => Date.now() + clockAhead;
    logsA = captureLogs();
    logsB = captureLogs();
    a = await startSandboxWorld({ env, now, sandbox: { trunkCount: 1_000 }, logDestination: logsA.destination });
    b = await startSandboxWorld({ env, now, joining: a, logDestination: logsB.destination });
  });

  afterEach(async () => {
    await b.close();
    await a.close();
  });

  test('queries on both instances at once cost one build: as many vendor calls as pages', async () => {
    a.sandbox!.setLatency(100);
    const answers = await Promise.all([
      ask(a, logsA, 'acme'),
      ask(b, logsB, 'globex'),
      ask(b, logsB, 'in'),
      ask(a, logsA, ''),
    ]);
    for (const { audit } of answers) expect(audit.outcome).toBe('ok');
    expect(pagesOf(a.sandbox!.requests)).toEqual(range(1, 10));
    // Every answer comes from the same snapshot.
    expect(new Set(answers.map(({ reply }) => asOfSeconds(reply.body))).size).toBe(1);
  });

  test('a snapshot built by one instance answers the other without asking ITNIO', async () => {
    const first = await ask(a, logsA, 'acme');
    const second = await ask(b, logsB, 'globex');
    expect(a.sandbox!.requests).toHaveLength(10);
    expect(second.audit).toMatchObject({ outcome: 'ok', cached: true });
    expect(asOfSeconds(second.reply.body)).toBe(asOfSeconds(first.reply.body));
  });

  test('↻ Refresh on one instance is what the other answers from next', async () => {
    const onA = await ask(a, logsA, 'acme');
    // Instance B has read the snapshot too, so it holds it in memory.
    const onB = await ask(b, logsB, 'acme');
    expect(asOfSeconds(onB.reply.body)).toBe(asOfSeconds(onA.reply.body));
    clockAhead += 5_000;
    const refreshed = await (await click(a, onA.reply.body, ACTION.refresh, { userId: newUserId() })).next();
    expect(a.sandbox!.requests).toHaveLength(20);
    expect(asOfSeconds(refreshed.body)).toBeGreaterThanOrEqual(asOfSeconds(onA.reply.body) + 5);

    const afterRefresh = await ask(b, logsB, 'globex');
    expect(asOfSeconds(afterRefresh.reply.body)).toBe(asOfSeconds(refreshed.body));
    expect(a.sandbox!.requests).toHaveLength(20);
  });
});
