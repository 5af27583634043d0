import { createLogger } from '../../src/log.js';
import { createLeasedJob } from '../../src/store/leased-job.js';
import { captureLogs } from '../support/capture-logs.js';
import { memoryDurable } from '../support/memory-durable.js';

function job(durable = memoryDurable(), run: () => Promise<string> = async () => 'ran') {
  const logs = captureLogs();
  const leased = createLeasedJob({
    durable,
    lease: 'test-lease',
    leaseMs: 60_000,
    log: createLogger({ level: 'info', destination: logs.destination }),
    duty: 'runs the test job',
    run,
    failed: () => 'failed',
    nextDelayMs: () => 60_000,
  });
  return { leased, logs };
}

describe('createLeasedJob', () => {
  it('runs one at a time: a run asked for during another starts after it', async () => {
    const order: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    let n = 0;
    const { leased } = job(memoryDurable(), async () => {
      const mine = ++n;
      order.push(`start ${mine}`);
      if (mine === 1) await gate;
      order.push(`end ${mine}`);
      return 'ran';
    });
    const first = leased.runOnce();
    const second = leased.runOnce();
    await Promise.resolve();
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('turns a run that throws into its failed result, logged with the stack, and keeps going', async () => {
    let calls = 0;
    const { leased, logs } = job(memoryDurable(), async () => {
      calls += 1;
      if (calls === 1) throw new Error('boom');
      return 'ran';
    });
    expect(await leased.runOnce()).toBe('failed');
    expect(await leased.runOnce()).toBe('ran');
    const line = logs.lines.find((l) => l.level === 'error')!;
    expect(line.msg).toBe('run failed: test-lease');
    expect(JSON.stringify(line.err)).toContain('boom');
  });

  it('holds the lease for one instance at a time and gives it up on stop', async () => {
    const durable = memoryDurable();
    const a = job(durable);
    const b = job(durable);
    expect(await a.leased.holdLease()).toBe(true);
    expect(await b.leased.holdLease()).toBe(false);
    expect(a.logs.lines.some((l) => l.msg === 'this instance now runs the test job')).toBe(true);
    await a.leased.stop();
    expect(a.leased.signal.aborted).toBe(true);
    expect(await b.leased.holdLease()).toBe(true);
  });
});
