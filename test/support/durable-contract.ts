import type { DurableStore } from '../../src/store/durable.js';

/** What a backend of the contract checks in its own storage, as an operator would look at it. */
export interface DurableBackend {
  /** Opens a store; the backend closes and cleans up what it opened. */
  open: () => Promise<DurableStore>;
  /** After the document `snapshot` was written twice, last as 'v2'. */
  checkDocument: (store: DurableStore) => Promise<void>;
  /** After the collections `watches` and `alerts` were written. */
  checkCollections: (store: DurableStore) => Promise<void>;
  /** After the lease `poller` was released by its owner. */
  checkReleased: () => Promise<void>;
}

/** The behaviour every DurableStore must show, with `backend` checking where it keeps it. */
export function durableContract(backend: DurableBackend): void {
  test('a document round-trips, is replaced whole, and is undefined before its first write', async () => {
    const store = await backend.open();
    expect(await store.read('snapshot')).toBeUndefined();
    await store.write('snapshot', '{"a":1}\n“quoted” ✓');
    expect(await store.read('snapshot')).toBe('{"a":1}\n“quoted” ✓');
    await store.write('snapshot', 'v2');
    expect(await store.read('snapshot')).toBe('v2');
    await backend.checkDocument(store);
  });

  test('records are added, replaced and kept apart per collection', async () => {
    const store = await backend.open();
    expect(await store.records('watches')).toEqual(new Map());
    await store.putRecord('watches', 'C1', 'w1');
    await store.putRecord('watches', 'C2', 'w2');
    await store.putRecord('watches', 'C1', 'w1b');
    await store.putRecord('alerts', 'C1', 'a1');
    // An id is data, not a property name: even __proto__ is an ordinary record.
    await store.putRecord('alerts', '__proto__', 'p');
    expect(await store.records('watches')).toEqual(
      new Map([
        ['C1', 'w1b'],
        ['C2', 'w2'],
      ]),
    );
    expect(await store.records('alerts')).toEqual(
      new Map([
        ['C1', 'a1'],
        ['__proto__', 'p'],
      ]),
    );
    await backend.checkCollections(store);
  });

  test('deleteRecord removes one record and says whether there was one', async () => {
    const store = await backend.open();
    expect(await store.deleteRecord('watches', 'C1')).toBe(false);
    await store.putRecord('watches', 'C1', 'w1');
    await store.putRecord('watches', 'C2', 'w2');
    expect(await store.deleteRecord('watches', 'C1')).toBe(true);
    expect(await store.deleteRecord('watches', 'C1')).toBe(false);
    expect(await store.records('watches')).toEqual(new Map([['C2', 'w2']]));
  });

  test('only the owner releases a lease, and then another owner may take it at once', async () => {
    const store = await backend.open();
    await store.releaseLease('poller', 'a');
    expect(await store.lease('poller', 'a', 60_000)).toBe(true);
    await store.releaseLease('poller', 'b');
    expect(await store.lease('poller', 'b', 60_000)).toBe(false);
    await store.releaseLease('poller', 'a');
    await backend.checkReleased();
    expect(await store.lease('poller', 'b', 60_000)).toBe(true);
  });
}
