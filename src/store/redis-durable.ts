import { connectRedis } from './connect-redis.js';
import type { DurableStore } from './durable.js';

/** Which Redis holds the durable state, and under which key prefix. */
export interface RedisDurableOptions {
  url: string;
  /** Prefix for every key, so several apps can share one Redis. */
  prefix?: string;
}

// Renews only the holder's own lease: a lease that expired and was taken over is not extended by its old owner.
const RENEW =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
// Compare-and-delete in one step, for the same reason.
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/**
 * Durable state on Redis, shared by every instance. Unlike the cache store it never falls back to
 * memory: while Redis is down every command rejects, and callers skip their work and retry later.
 */
export async function createRedisDurable(
  options: RedisDurableOptions,
): Promise<DurableStore & { readonly ready: boolean }> {
  const prefix = options.prefix ?? 'trunkbot:';
  const client = await connectRedis(options.url);
  const key = (kind: 'durable' | 'lease', name: string) => {
    if (!client.isReady) throw new Error('Redis is not connected');
    return `${prefix}${kind}:${name}`;
  };

  return {
    kind: 'redis',
    get ready() {
      return client.isReady;
    },
    async read(name) {
      return (await client.get(key('durable', name))) ?? undefined;
    },
    async write(name, value) {
      await client.set(key('durable', name), value);
    },
    async records(collection) {
      return new Map(Object.entries(await client.hGetAll(key('durable', collection))));
    },
    async putRecord(collection, id, value) {
      await client.hSet(key('durable', collection), id, value);
    },
    async deleteRecord(collection, id) {
      return (await client.hDel(key('durable', collection), id)) > 0;
    },
    async lease(name, owner, ttlMs) {
      const k = key('lease', name);
      // Renewal is the common case (the holder calls every tick), so it goes first.
      if ((await client.eval(RENEW, { keys: [k], arguments: [owner, String(ttlMs)] })) === 1) return true;
      const taken = await client.set(k, owner, { condition: 'NX', expiration: { type: 'PX', value: ttlMs } });
      return taken === 'OK';
    },
    async releaseLease(name, owner) {
      await client.eval(RELEASE, { keys: [key('lease', name)], arguments: [owner] });
    },
    async close() {
      // close() lets commands in flight finish; a client still reconnecting has none, so it is destroyed.
      if (client.isReady) await client.close();
      else if (client.isOpen) client.destroy();
    },
  };
}
