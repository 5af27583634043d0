import { createMemoryStore } from '../../src/store/store.js';
import { storeContract } from '../support/store-contract.js';

describe('memory store', () => {
  let now = 1_000_000;
  storeContract(
    () => createMemoryStore(() => now),
    (ms) => {
      now += ms;
      return Promise.resolve();
    },
  );
});

describe('memory store housekeeping', () => {
  test('expired keys are swept even behind long-lived ones, so memory stays bounded', async () => {
    let now = 0;
    const store = createMemoryStore(() => now);
    for (let i = 0; i < 150; i++) await store.claim(`event:${i}`, 7_200);
    for (let i = 0; i < 20_000; i++) {
      await store.set(`page:${i}`, 'x', 20);
      now += 100;
    }
    // 150 event claims, 200 live pages, and at most one sweep interval of expired pages.
    expect(store.size).toBeLessThan(150 + 200 + 1_000);
    expect(await store.claim('event:0', 7_200)).toBe(false);
  });
});
