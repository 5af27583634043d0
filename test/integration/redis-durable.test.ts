import { createClient } from '@redis/client';
import { createRedisDurable } from '../../src/store/redis-durable.js';
import { durableContract } from '../support/durable-contract.js';
import { until } from '../support/until.js';

// Started by test/support/redis-server.js (jest global setup) or by .ci/run; without redis-server these are skipped.
const redisUrl = process.env.TEST_REDIS_URL;
const withRedis = redisUrl ? describe : describe.skip;

type RedisDurable = Awaited<ReturnType<typeof createRedisDurable>>;

withRedis('Redis durable store (real redis-server)', () => {
  let prefix: string;
  let n = 0;
  const opened: RedisDurable[] = [];
  // A plain client to look at the keys the store leaves, as an operator would with redis-cli.
  const raw = createClient({ url: redisUrl });
  const open = async (storePrefix = prefix) => {
    const store = await createRedisDurable({ url: redisUrl!, prefix: storePrefix });
    opened.push(store);
    return store;
  };

  beforeAll(async () => {
    await raw.connect();
  });
  afterAll(async () => {
    await raw.close();
  });
  beforeEach(() => {
    n += 1;
    // A prefix of its own per test, as separate deployments would have.
    prefix = `test-durable-${process.pid}-${Date.now()}-${n}:`;
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });

  durableContract({
    open,
    checkDocument: async (store) => {
      expect(store.kind).toBe('redis');
      expect((store as RedisDurable).ready).toBe(true);
      expect(await raw.get(`${prefix}durable:snapshot`)).toBe('v2');
      expect(await raw.pTTL(`${prefix}durable:snapshot`)).toBe(-1);
    },
    checkCollections: async () => {
      expect(await raw.type(`${prefix}durable:watches`)).toBe('hash');
    },
    checkReleased: async () => {
      expect(await raw.exists(`${prefix}lease:poller`)).toBe(0);
    },
  });

  test('concurrent putRecord calls from two stores lose none of each other’s records', async () => {
    const [a, b] = [await open(), await open()];
    const ids = Array.from({ length: 50 }, (_, i) => `C${i}`);
    await Promise.all(ids.map((id, i) => (i % 2 ? a : b).putRecord('watches', id, `value-${id}`)));
    const records = await a.records('watches');
    expect([...records.keys()].sort()).toEqual([...ids].sort());
    expect(records.get('C49')).toBe('value-C49');
  });

  test('stores with different prefixes do not see each other', async () => {
    const mine = await open();
    const theirs = await open(`${prefix}other:`);
    await mine.write('snapshot', 'mine');
    await mine.putRecord('watches', 'C1', 'w1');
    expect(await mine.lease('poller', 'a', 60_000)).toBe(true);
    expect(await theirs.read('snapshot')).toBeUndefined();
    expect(await theirs.records('watches')).toEqual(new Map());
    expect(await theirs.lease('poller', 'b', 60_000)).toBe(true);
  });

  test('a lease is taken, renewed only by its owner, and refused to another owner', async () => {
    const [a, b] = [await open(), await open()];
    const key = `${prefix}lease:poller`;
    expect(await a.lease('poller', 'a', 1_000)).toBe(true);
    expect(await raw.get(key)).toBe('a');
    expect(await b.lease('poller', 'b', 60_000)).toBe(false);
    // A failed attempt leaves the holder's expiry alone.
    expect(await raw.pTTL(key)).toBeLessThanOrEqual(1_000);
    expect(await a.lease('poller', 'a', 60_000)).toBe(true);
    expect(await raw.pTTL(key)).toBeGreaterThan(1_000);
  });

  test('another owner takes an expired lease, and the old owner can no longer renew it', async () => {
    const [a, b] = [await open(), await open()];
    expect(await a.lease('poller', 'a', 200)).toBe(true);
    expect(await b.lease('poller', 'b', 200)).toBe(false);
    await until(() => b.lease('poller', 'b', 60_000), { what: 'the lease of a to expire', timeoutMs: 5_000 });
    expect(await a.lease('poller', 'a', 60_000)).toBe(false);
    expect(await raw.get(`${prefix}lease:poller`)).toBe('b');
  });

  test('close lets commands in flight finish', async () => {
    const store = await createRedisDurable({ url: redisUrl!, prefix });
    const pending = Promise.all(Array.from({ length: 10 }, (_, i) => store.putRecord('watches', `C${i}`, 'w')));
    await store.close();
    await pending;
    expect(await raw.hLen(`${prefix}durable:watches`)).toBe(10);
  });
});

describe('Redis durable store without Redis', () => {
  test('every command rejects instead of falling back to memory', async () => {
    const store = await createRedisDurable({ url: 'redis://127.0.0.1:1' });
    try {
      expect(store.ready).toBe(false);
      await expect(store.write('snapshot', 'v')).rejects.toThrow(/not connected/);
      await expect(store.read('snapshot')).rejects.toThrow(/not connected/);
      await expect(store.records('watches')).rejects.toThrow(/not connected/);
      await expect(store.putRecord('watches', 'C1', 'w')).rejects.toThrow(/not connected/);
      await expect(store.deleteRecord('watches', 'C1')).rejects.toThrow(/not connected/);
      await expect(store.lease('poller', 'a', 1_000)).rejects.toThrow(/not connected/);
      await expect(store.releaseLease('poller', 'a')).rejects.toThrow(/not connected/);
    } finally {
      await store.close();
    }
  });
});
