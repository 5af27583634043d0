import type { PageQuery, SourcedPage, TrunkSource } from '../../src/resilience/trunk-source.js';
import { cachePages } from '../../src/resilience/page-cache.js';
import { createMemoryStore } from '../../src/store/store.js';

/** A client that answers at once and counts its calls; each answer carries the call number. */
function countingClient() {
  const calls: PageQuery[] = [];
  const client: TrunkSource = {
    async queryTrunks(query) {
      calls.push(query);
      const result: SourcedPage = {
        total: calls.length,
        size: 10,
        current: query.page,
        pages: 1,
        records: [],
        unreadable: 0,
        latencyMs: 40,
        fetchedAt: 1_000 * calls.length,
      };
      return result;
    },
    close: () => undefined,
  };
  return { client, calls };
}

const q = (page: number, extra: Partial<PageQuery> = {}): PageQuery => ({
  page,
  size: 10,
  filter: { type: 1 },
  ...extra,
});

describe('page cache', () => {
  let now: number;
  beforeEach(() => {
    now = 0;
  });
  const store = () => createMemoryStore(() => now);

  test('serves a repeated query from the cache until the TTL passes, keeping the original fetch time', async () => {
    const { client, calls } = countingClient();
    const cached = cachePages(client, store(), 20);
    const first = await cached.queryTrunks(q(1));
    now += 19_000;
    const second = await cached.queryTrunks(q(1));
    expect(calls).toHaveLength(1);
    expect(second).toMatchObject({ total: 1, fetchedAt: first.fetchedAt, cached: true, latencyMs: 0 });
    expect(first.cached).toBeUndefined();
    now += 1_001;
    const third = await cached.queryTrunks(q(1));
    expect(calls).toHaveLength(2);
    expect(third).toMatchObject({ total: 2, fetchedAt: 2_000 });
  });

  test('different pages or filters are cached apart', async () => {
    const { client, calls } = countingClient();
    const cached = cachePages(client, store(), 20);
    await cached.queryTrunks(q(1));
    await cached.queryTrunks(q(2));
    await cached.queryTrunks({ page: 1, size: 10, filter: { type: 2 } });
    await cached.queryTrunks(q(1));
    expect(calls.map((c) => [c.page, c.filter.type])).toEqual([
      [1, 1],
      [2, 1],
      [1, 2],
    ]);
  });

  test('a fresh query (Refresh) skips the cache and refills it', async () => {
    const { client, calls } = countingClient();
    const cached = cachePages(client, store(), 20);
    await cached.queryTrunks(q(1));
    const refreshed = await cached.queryTrunks(q(1, { fresh: true }));
    expect(calls).toHaveLength(2);
    expect(refreshed).toMatchObject({ total: 2, fetchedAt: 2_000 });
    expect(await cached.queryTrunks(q(1))).toMatchObject({ total: 2, fetchedAt: 2_000, cached: true });
    expect(calls).toHaveLength(2);
  });

  test('a TTL of 0 turns the cache off', async () => {
    const { client, calls } = countingClient();
    const uncached = cachePages(client, store(), 0);
    await uncached.queryTrunks(q(1));
    await uncached.queryTrunks(q(1));
    expect(calls).toHaveLength(2);
  });

  test('failures are not cached', async () => {
    let fail = true;
    const client: TrunkSource = {
      async queryTrunks() {
        if (fail) throw new Error('vendor down');
        return { total: 5, size: 10, current: 1, pages: 1, records: [], unreadable: 0, latencyMs: 1, fetchedAt: 1 };
      },
      close: () => undefined,
    };
    const cached = cachePages(client, store(), 20);
    await expect(cached.queryTrunks(q(1))).rejects.toThrow('vendor down');
    fail = false;
    expect((await cached.queryTrunks(q(1))).total).toBe(5);
  });
});
