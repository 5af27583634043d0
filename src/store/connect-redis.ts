import { createClient } from '@redis/client';
import { withTimeout } from '../with-timeout.js';

const newClient = (url: string) =>
  createClient({
    url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: 2_000,
      reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 5_000),
    },
  });

export type RedisClient = ReturnType<typeof newClient>;

/**
 * A Redis client that fails fast while Redis is away instead of queueing commands (a command queued
 * now could land long after its caller gave up), reconnects in the background, and is returned within
 * two seconds whether or not Redis answered: commands reject until it does.
 */
export async function connectRedis(url: string): Promise<RedisClient> {
  const client = newClient(url);
  // Errors surface on the commands that hit them; without a listener the client would throw globally.
  client.on('error', () => undefined);
  const connected = client.connect().then(
    () => true,
    () => false,
  );
  await withTimeout(connected, 2_000, () => false);
  return client;
}
