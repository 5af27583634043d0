import { connectRedis } from './connect-redis.js';
import type { Store } from './store.js';

export interface RedisStoreOptions {
  url: string;
  /** Prefix for every key, so several apps can share one Redis. */
  prefix?: string;
}

// Compare-and-delete in one step, so a lock that expired and was taken over is not released by its old owner.
const DELETE_IF_EQUALS =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/** A store on Redis, so every bot instance behind one Slack URL shares the same state. */
export async function createRedisStore(options: RedisStoreOptions): Promise<Store & { readonly ready: boolean }> {
  const prefix = options.prefix ?? 'trunkbot:';
  const client = await connectRedis(options.url);
  const k = (key: string) => {
    // While Redis is away every command fails at once, so an outage costs the caller nothing.
    if (!client.isReady) throw new Error('Redis is not connected');
    return prefix + key;
  };

  return {
    get ready() {
      return client.isReady;
    },
    async claim(key, ttlSeconds, value = '1') {
      return (
        (await client.set(k(key), value, { condition: 'NX', expiration: { type: 'EX', value: ttlSeconds } })) === 'OK'
      );
    },
    async increment(key, windowSeconds) {
      const [count, , ttl] = (await client
        .multi()
        .incr(k(key))
        .expire(k(key), windowSeconds, 'NX')
        .ttl(k(key))
        .exec()) as unknown as [number, number, number];
      return { count: Number(count), resetSeconds: Math.max(1, Number(ttl)) };
    },
    async get(key) {
      return (await client.get(k(key))) ?? undefined;
    },
    async set(key, value, ttlSeconds) {
      await client.set(k(key), value, { expiration: { type: 'EX', value: ttlSeconds } });
    },
    async delete(key) {
      await client.del(k(key));
    },
    async deleteIfEquals(key, value) {
      await client.eval(DELETE_IF_EQUALS, { keys: [k(key)], arguments: [value] });
    },
    async close() {
      client.destroy();
    },
  };
}
