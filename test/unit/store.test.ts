import { createMemoryStore } from '../../src/store/store.js';
import { storeContract } from '../fixtures/store-contract.js';

describe('memory store', () => {
  let now = 1_000_000;
  storeContract(() => createMemoryStore(() => now), (ms) => {
    now += ms;
    return Promise.resolve();
  });
});
