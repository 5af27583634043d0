import { fetchInventory, InventoryTooLargeError } from '../../src/inventory/fetch-inventory.js';
import type { PageQuery, SourcedPage, TrunkSource } from '../../src/resilience/trunk-source.js';
import type { Trunk } from '../../src/trunks/trunk.js';
import { aTrunk } from '../support/trunks.js';

/** A vendor of `count` trunks that pages like ITNIO; `shift` inserts records between calls, `fail` breaks a page. */
function vendor(count: number, options: { fail?: number; shiftAfterFirst?: number } = {}) {
  let trunks: Trunk[] = Array.from({ length: count }, (_, i) => aTrunk({ keyId: 5_000_000 + i, name: `trunk-${i}` }));
  const queries: PageQuery[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const source: TrunkSource = {
    async queryTrunks(query) {
      queries.push(query);
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setImmediate(r));
      inFlight -= 1;
      if (query.page === options.fail) throw new Error('vendor down');
      const records = trunks.slice((query.page - 1) * query.size, query.page * query.size);
      if (query.page === 1 && options.shiftAfterFirst) {
        const extra = Array.from({ length: options.shiftAfterFirst }, (_, i) => aTrunk({ keyId: 9_000_000 + i }));
        trunks = [...extra, ...trunks];
      }
      const page: SourcedPage = {
        total: count,
        size: query.size,
        current: query.page,
        pages: Math.ceil(count / query.size),
        records,
        unreadable: 0,
        latencyMs: 1,
        fetchedAt: 1_000 + query.page,
      };
      return page;
    },
    close: () => undefined,
  };
  return { source, queries, maxInFlight: () => maxInFlight };
}

describe('fetchInventory', () => {
  test('collects every page at the vendor maximum, a few at a time, and reports progress', async () => {
    const v = vendor(1_050);
    const progress: number[] = [];
    const snapshot = await fetchInventory(v.source, {
      maxTrunks: 20_000,
      parallel: 3,
      onProgress: (p) => progress.push(p.collected),
    });
    expect(v.queries).toHaveLength(11);
    expect(new Set(v.queries.map((q) => q.page))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]));
    expect(v.queries.every((q) => q.size === 100 && q.fresh === true && Object.keys(q.filter).length === 0)).toBe(true);
    expect(v.maxInFlight()).toBe(3);
    expect(snapshot.trunks).toHaveLength(1_050);
    expect(snapshot.fetchedAt).toBe(1_001);
    expect(progress.at(-1)).toBe(1_050);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  test('records that move between pages while they are fetched are kept once', async () => {
    const v = vendor(250, { shiftAfterFirst: 5 });
    const snapshot = await fetchInventory(v.source, { maxTrunks: 20_000, parallel: 2 });
    const ids = snapshot.trunks.map((t) => t.keyId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('a page that fails fails the snapshot: never a partial one', async () => {
    const v = vendor(500, { fail: 3 });
    await expect(fetchInventory(v.source, { maxTrunks: 20_000, parallel: 2 })).rejects.toThrow('vendor down');
    // The other workers stop asking once the snapshot has failed.
    expect(v.queries.length).toBeLessThan(5);
  });

  test('more trunks than the configured maximum is refused after one call', async () => {
    const v = vendor(501);
    const refused = fetchInventory(v.source, { maxTrunks: 500, parallel: 4 });
    await expect(refused).rejects.toBeInstanceOf(InventoryTooLargeError);
    await expect(refused).rejects.toMatchObject({ total: 501, maxTrunks: 500 });
    expect(v.queries).toHaveLength(1);
  });
});
