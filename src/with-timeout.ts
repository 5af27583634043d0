import { setTimeout as delay } from 'node:timers/promises';

/**
 * Settles like `work`, unless `ms` pass first: then like `onTimeout()` (its value, or what it throws).
 * The timer is cancelled as soon as either side settles and never keeps the process alive.
 */
export function withTimeout<T>(work: Promise<T>, ms: number, onTimeout: () => T): Promise<T> {
  const cancel = new AbortController();
  const timeout = delay(ms, undefined, { signal: cancel.signal, ref: false }).then(
    onTimeout,
    () => new Promise<never>(() => undefined),
  );
  return Promise.race([work, timeout]).finally(() => cancel.abort());
}
