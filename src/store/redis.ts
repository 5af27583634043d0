/** Both Redis-backed stores, loaded together: the Redis client is only loaded when REDIS_URL is set. */
export { createRedisDurable } from './redis-durable.js';
export { createRedisStore } from './redis-store.js';
