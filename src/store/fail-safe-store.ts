import { errorFields, type Logger } from '../log.js';
import { withTimeout } from '../with-timeout.js';
import { createMemoryStore, type Store } from './store.js';

const WARN_EVERY_MS = 30_000;

export interface FailSafeOptions {
  /** A shared-store command slower than this counts as failed (a frozen Redis must not hang requests). */
  timeoutMs?: number;
  now?: () => number;
}

/**
 * Wraps a shared store so its outage never stops the bot: each failed or slow command is answered
 * from this instance's memory instead (de-duplication and limits then hold per instance), and the
 * logs say so. Claims made in memory during an outage still count once the shared store is back, so a
 * Slack retry of an event handled during the outage is not answered twice.
 */
export function failSafeStore(shared: Store, log: Logger, options: FailSafeOptions = {}): Store {
  const { timeoutMs = 250, now = Date.now } = options;
  const local = createMemoryStore(now);
  let lastWarning = -Infinity;
  let failing = false;

  async function attempt<T>(op: string, run: (s: Store) => Promise<T>): Promise<T> {
    try {
      const result = await withTimeout(run(shared), timeoutMs, () => {
        throw new Error(`shared store did not answer within ${timeoutMs} ms`);
      });
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
          { store: 'redis', op, ...errorFields(err) },
          'shared store unavailable; using this instance’s memory (duplicates and limits are per instance until it is back)',
        );
      }
      return run(local);
    }
  }

  return {
    async claim(key, ttl, value) {
      if ((await local.get(key)) !== undefined) return false;
      return attempt('claim', (s) => s.claim(key, ttl, value));
    },
    increment: (key, window) => attempt('increment', (s) => s.increment(key, window)),
    get: (key) => attempt('get', (s) => s.get(key)),
    set: (key, value, ttl) => attempt('set', (s) => s.set(key, value, ttl)),
    delete: (key) => attempt('delete', (s) => s.delete(key)),
    deleteIfEquals: (key, value) => attempt('deleteIfEquals', (s) => s.deleteIfEquals(key, value)),
    async close() {
      await Promise.allSettled([shared.close(), local.close()]);
    },
  };
}
