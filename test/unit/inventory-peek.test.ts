import { createInventory } from '../../src/inventory/inventory.js';
import { createLogger } from '../../src/log.js';
import type { SourcedPage } from '../../src/resilience/trunk-source.js';
import { createMemoryStore } from '../../src/store/store.js';
import { captureLogs } from '../support/capture-logs.js';
import { fakeTrunks } from '../support/fake-bolt.js';
import { aPage, aTrunk } from '../support/trunks.js';
import { until } from '../support/until.js';

describe('inventory.peek', () => {
  test('tells stale, building and fresh apart without asking ITNIO, and a fresh snapshot goes stale after the TTL', async () => {
    let clock = 1_700_000_000_000;
    let answer: (page: SourcedPage) => void = () => undefined;
    const vendor = fakeTrunks(
      () =>
        new Promise<SourcedPage>((resolve) => {
          answer = resolve;
        }),
    );
    const inventory = createInventory({
      source: vendor.source,
      store: createMemoryStore(),
      log: createLogger({ level: 'silent', destination: captureLogs().destination }),
      ttlSeconds: 60,
      maxTrunks: 20_000,
      parallel: 2,
      timeZone: 'UTC',
      shared: false,
      now: () => clock,
    });

    expect(await inventory.peek()).toEqual({ state: 'stale' });
    expect(vendor.queries).toHaveLength(0);

    const built = inventory.get();
    await until(() => vendor.queries.length === 1, { what: 'the build to ask ITNIO' });
    expect(await inventory.peek()).toEqual({ state: 'building' });
    answer({ ...aPage([aTrunk()]), latencyMs: 5, fetchedAt: clock });
    await built;
    expect(await inventory.peek()).toEqual({ state: 'fresh', fetchedAt: clock, expiresAt: clock + 60_000 });

    clock += 60_000;
    expect(await inventory.peek()).toEqual({ state: 'stale' });
    expect(vendor.queries).toHaveLength(1);
  });
});
