import type { PageQuery, SourcedPage, TrunkSource } from '../../src/resilience/trunk-source.js';
import { sharedSingleFlight } from '../../src/resilience/shared-single-flight.js';
import { createMemoryStore } from '../../src/store/store.js';

/** A client whose calls finish when the test says; each answer's `total` is its call number. */
function controllableClient() {
  const pending: { finish: () => void; fail: () => void }[] = [];
  const client: TrunkSource = {
    queryTrunks: (query: PageQuery) =>
      new Promise<SourcedPage>((resolve, reject) => {
        const n = pending.length + 1;
        pending.push({
          finish: () => resolve({ total: n, size: query.size, current: query.page, pages: 1, records: [], unreadable: 0, latencyMs: 5, fetchedAt: n }),
          fail: () => reject(new Error('vendor down')),
        });
      }),
    close: () => undefined,
  };
  return { client, pending };
}

const q: PageQuery = { page: 1, size: 10, filter: { type: 1 } };
const until = async (done: () => boolean) => {
  while (!done()) await new Promise((r) => setTimeout(r, 5));
};

describe('sharedSingleFlight (two instances, one store)', () => {
  test('a second instance waits for the first one’s answer instead of calling', async () => {
    const store = createMemoryStore();
    const a = controllableClient();
    const b = controllableClient();
    const first = sharedSingleFlight(a.client, store, { lockSeconds: 5, pollMs: 5 }).queryTrunks(q);
    await until(() => a.pending.length === 1);
    const second = sharedSingleFlight(b.client, store, { lockSeconds: 5, pollMs: 5 }).queryTrunks(q);
    await new Promise((r) => setTimeout(r, 30));
    a.pending[0]!.finish();
    expect((await first).total).toBe(1);
    expect(await second).toMatchObject({ total: 1, latencyMs: 0 });
    expect(b.pending).toHaveLength(0);
  });

  test('a waiter never takes an older flight’s answer', async () => {
    const store = createMemoryStore();
    const a = controllableClient();
    const flightA = sharedSingleFlight(a.client, store, { lockSeconds: 5, pollMs: 5 });
    const one = flightA.queryTrunks(q);
    await until(() => a.pending.length === 1);
    a.pending[0]!.finish();
    await one;
    // A new flight starts; its answer (total 2) is the only one a waiter may get.
    const two = flightA.queryTrunks(q);
    await until(() => a.pending.length === 2);
    const waiter = sharedSingleFlight(controllableClient().client, store, { lockSeconds: 5, pollMs: 5 }).queryTrunks(q);
    await new Promise((r) => setTimeout(r, 30));
    a.pending[1]!.finish();
    await two;
    expect((await waiter).total).toBe(2);
  });

  test('when the owner fails, a waiter calls ITNIO itself', async () => {
    const store = createMemoryStore();
    const a = controllableClient();
    const b = controllableClient();
    const owner = sharedSingleFlight(a.client, store, { lockSeconds: 5, pollMs: 5 }).queryTrunks(q);
    await until(() => a.pending.length === 1);
    const waiter = sharedSingleFlight(b.client, store, { lockSeconds: 5, pollMs: 5 }).queryTrunks(q);
    await new Promise((r) => setTimeout(r, 20));
    a.pending[0]!.fail();
    await expect(owner).rejects.toThrow('vendor down');
    await until(() => b.pending.length === 1);
    b.pending[0]!.finish();
    expect((await waiter).total).toBe(1);
  });
});
