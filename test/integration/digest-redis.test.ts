import type { SandboxWorld } from '../../devkit/sandbox/sandbox-world.js';
import type { CapturedLogs } from '../support/capture-logs.js';
import { digestCommand, digestWorld, digestsIn, settableClock } from '../support/digest-world.js';

// Started by test/support/redis-server.js (jest global setup) or by .ci/run; without redis-server these are skipped.
const redisUrl = process.env.TEST_REDIS_URL;
const withRedis = redisUrl ? describe : describe.skip;
const CHANNEL = 'C0SHARED';

withRedis('daily digests on several instances sharing Redis', () => {
  let a: SandboxWorld;
  let b: SandboxWorld;
  let logsA: CapturedLogs;
  let logsB: CapturedLogs;
  const clock = settableClock('2026-03-02T07:00:00Z');

  beforeEach(async () => {
    clock.set('2026-03-02T07:00:00Z');
    const env = { REDIS_URL: redisUrl!, REDIS_PREFIX: `test-digest-${process.pid}-${Date.now()}:` };
    ({ world: a, logs: logsA } = await digestWorld(clock, { env }));
    ({ world: b, logs: logsB } = await digestWorld(clock, { env, joining: a }));
  });

  afterEach(async () => {
    await b.close();
    await a.close();
  });

  test('both instances run at 09:00 and the digest is posted once: only the lease holder posts', async () => {
    // Set up through one instance, posted by whichever holds the lease: the digest is in Redis, not in memory.
    expect((await digestCommand(b, logsB, 'digest 09:00', { channel: CHANNEL })).outcome).toBe('digest_set');
    clock.set('2026-03-02T09:00:00Z');
    const [first, second] = await Promise.all([a.bot.digests.runDue(), b.bot.digests.runDue()]);
    const runs = [first, second];
    expect(runs.filter((r) => r.ran)).toHaveLength(1);
    expect(runs.filter((r) => !r.ran)).toEqual([{ ran: false, reason: 'not_leader' }]);
    // A minute later both run again: the leader finds today's digest sent, the other is still not the leader.
    clock.set('2026-03-02T09:01:00Z');
    const again = await Promise.all([a.bot.digests.runDue(), b.bot.digests.runDue()]);
    expect(again.map((r) => (r.ran ? r.posted : 0))).toEqual([0, 0]);
    expect(digestsIn(a, CHANNEL)).toHaveLength(1);
  });

  test('the lease holder stops; the other instance posts the next day’s digest and not today’s again', async () => {
    await digestCommand(a, logsA, 'digest 09:00', { channel: CHANNEL });
    clock.set('2026-03-02T09:00:00Z');
    expect(await a.bot.digests.runDue()).toMatchObject({ posted: 1 });
    expect(await b.bot.digests.runDue()).toEqual({ ran: false, reason: 'not_leader' });
    await a.bot.stop(1_000);
    clock.set('2026-03-02T09:01:00Z');
    expect(await b.bot.digests.runDue()).toMatchObject({ ran: true, posted: 0 });
    clock.set('2026-03-03T09:00:00Z');
    expect(await b.bot.digests.runDue()).toMatchObject({ ran: true, posted: 1 });
    expect(digestsIn(a, CHANNEL)).toHaveLength(2);
  });
});
