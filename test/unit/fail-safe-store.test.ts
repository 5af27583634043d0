import { failSafeStore } from '../../src/store/fail-safe-store.js';
import { createMemoryStore, type Store } from '../../src/store/store.js';
import { createLogger } from '../../src/log.js';
import { captureLogs } from '../support/capture-logs.js';

type Mode = 'up' | 'down' | 'frozen';

/** A shared store that works, fails at once, or never answers, as the test says. */
function switchableStore() {
  const real = createMemoryStore();
  let mode: Mode = 'up';
  const wrap =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> =>
      mode === 'up'
        ? fn(...args)
        : mode === 'down'
          ? Promise.reject(new Error('connection refused'))
          : new Promise<R>(() => undefined);
  const store: Store = {
    claim: wrap(real.claim),
    increment: wrap(real.increment),
    get: wrap(real.get),
    set: wrap(real.set),
    delete: wrap(real.delete),
    deleteIfEquals: wrap(real.deleteIfEquals),
    close: () => real.close(),
  };
  return { store, set: (m: Mode) => (mode = m) };
}

describe('failSafeStore', () => {
  test('a frozen shared store is given up on after the timeout, and memory answers', async () => {
    const shared = switchableStore();
    const logs = captureLogs();
    const store = failSafeStore(shared.store, createLogger({ level: 'info', destination: logs.destination }), {
      timeoutMs: 50,
    });
    shared.set('frozen');
    const started = Date.now();
    expect(await store.increment('rate:U1', 60)).toEqual({ count: 1, resetSeconds: 60 });
    expect(Date.now() - started).toBeLessThan(500);
    expect(logs.lines.map((l) => l.msg)).toEqual([expect.stringMatching(/^shared store unavailable/)]);
  });

  test('warns once per 30 s while down, and says when the shared store is back', async () => {
    const shared = switchableStore();
    const logs = captureLogs();
    const store = failSafeStore(shared.store, createLogger({ level: 'info', destination: logs.destination }), {
      timeoutMs: 50,
    });
    shared.set('down');
    await store.get('a');
    await store.get('b');
    shared.set('up');
    await store.get('c');
    expect(logs.lines.map((l) => String(l.msg).slice(0, 30))).toEqual([
      'shared store unavailable; usin',
      'shared store is back; cross-in',
    ]);
  });

  test('an event claimed in memory during an outage is not claimed again once the shared store is back', async () => {
    const shared = switchableStore();
    const store = failSafeStore(shared.store, createLogger({ level: 'silent' }), { timeoutMs: 50 });
    shared.set('down');
    expect(await store.claim('event:Ev1', 3600)).toBe(true);
    shared.set('up');
    expect(await store.claim('event:Ev1', 3600)).toBe(false);
    expect(await store.claim('event:Ev2', 3600)).toBe(true);
    expect(await store.claim('event:Ev2', 3600)).toBe(false);
  });
});
