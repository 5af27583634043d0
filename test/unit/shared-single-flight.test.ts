import type { PageQuery, SourcedPage, TrunkSource } from '../../src/resilience/trunk-source.js';
import { sharedSingleFlight } from '../../src/resilience/shared-single-flight.js';
import { createMemoryStore, type Store } from '../../src/store/store.js';
import { until } from '../support/until.js';

/** A client whose calls finish when the test says; each answer's `total` is its call number. */
function controllableClient() {
  const pending: { finish: () => void; fail: () => void }[] = [];
  const client: TrunkSource = {
    queryTrunks: (query: PageQuery) =>
      new Promise<SourcedPage>((resolve, reject) => {
        const n = pending.length + 1;
        pending.push({
          finish: () =>
            resolve({
              total: n,
              size: query.size,
              current: query.page,
              pages: 1,
              records: [],
              unreadable: 0,
              latencyMs: 5,
              fetchedAt: n,
            }),
          fail: () => reject(new Error('vendor down')),
        });
      }),
    close: () => undefined,
  };
  return { client, pending };
}

/**
 * The store as one instance sees it, counting its reads that found a flight's lock held: after the
 * first, that instance knows the flight's owner and is waiting on its answer.
 */
function watchedStore(store: Store) {
  let lockReads = 0;
  const watched: Store = {
    ...store,
    async get(key) {
      const value = await store.get(key);
      if (key.startsWith('flight:') && value !== undefined) lockReads += 1;
      return value;
    },
  };
  return {
    store: watched,
    waiting: () => until(() => lockReads > 0, { what: 'the second instance to wait on the flight' }),
  };
}

const q: PageQuery = { page: 1, size: 10, filter: { type: 1 } };
const calls = (client: ReturnType<typeof controllableClient>, n: number) =>
  until(() => client.pending.length === n, { what: `ITNIO call ${n}` });

describe('sharedSingleFlight (two instances, one store)', () => {
  test('a second instance waits for the first one’s answer instead of calling', async () => {
    const store = createMemoryStore();
    const a = controllableClient();
    const b = controllableClient();
    const first = sharedSingleFlight(a.client, store, { lockSeconds: 5, pollMs: 5 }).queryTrunks(q);
    await calls(a, 1);
    const seenByB = watchedStore(store);
    const second = sharedSingleFlight(b.client, seenByB.store, { lockSeconds: 5, pollMs: 5 }).queryTrunks(q);
    await seenByB.waiting();
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
    await calls(a, 1);
    a.pending[0]!.finish();
    await one;
    // A new flight starts; its answer (total 2) is the only one a waiter may get.
    const two = flightA.queryTrunks(q);
    await calls(a, 2);
    const seenByWaiter = watchedStore(store);
    const waiter = sharedSingleFlight(controllableClient().client, seenByWaiter.store, {
      lockSeconds: 5,
      pollMs: 5,
    }).queryTrunks(q);
    await seenByWaiter.waiting();
    a.pending[1]!.finish();
    await two;
    expect((await waiter).total).toBe(2);
  });

  test('when the owner fails, a waiter calls ITNIO itself', async () => {
    const store = createMemoryStore();
    const a = controllableClient();
    const b = controllableClient();
    const owner = sharedSingleFlight(a.client, store, { lockSeconds: 5, pollMs: 5 }).queryTrunks(q);
    await calls(a, 1);
    const seenByB = watchedStore(store);
    const waiter = sharedSingleFlight(b.client, seenByB.store, { lockSeconds: 5, pollMs: 5 }).queryTrunks(q);
    await seenByB.waiting();
    a.pending[0]!.fail();
    await expect(owner).rejects.toThrow('vendor down');
    await calls(b, 1);
    b.pending[0]!.finish();
    expect((await waiter).total).toBe(1);
  });
});
