import type { Logger } from '../log.js';
import { createMemoryStore, type Store } from './store.js';

const WARN_EVERY_MS = 30_000;

/**
 * Wraps a shared store so its outage never stops the bot: each failed command is answered from this
 * instance's memory instead (de-duplication and limits then hold per instance), and the logs say so.
 */
export function failSafeStore(shared: Store, log: Logger, now: () => number = Date.now): Store {
  const local = createMemoryStore(now);
  let lastWarning = -Infinity;
  let failing = false;

  async function attempt<T>(op: string, run: (s: Store) => Promise<T>): Promise<T> {
    try {
      const result = await run(shared);
      if (failing) {
        failing = false;
        log.info({ store: 'redis' }, 'shared store is back; cross-instance state restored');
      }
      return result;
    } catch (err) {
      failing = true;
      if (now() - lastWarning >= WARN_EVERY_MS) {
        lastWarning = now();
        log.warn(
          { store: 'redis', op, error: { message: (err as Error).message } },
          'shared store unavailable; using this instance’s memory (duplicates and limits are per instance until it is back)',
        );
      }
      return run(local);
    }
  }

  return {
    claim: (key, ttl) => attempt('claim', (s) => s.claim(key, ttl)),
    increment: (key, window) => attempt('increment', (s) => s.increment(key, window)),
    get: (key) => attempt('get', (s) => s.get(key)),
    set: (key, value, ttl) => attempt('set', (s) => s.set(key, value, ttl)),
    delete: (key) => attempt('delete', (s) => s.delete(key)),
    async close() {
      await Promise.allSettled([shared.close(), local.close()]);
    },
  };
}
