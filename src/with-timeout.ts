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

/** The signal one call runs under, and how to release it once the call is over. */
export interface CallSignal {
  signal: AbortSignal;
  /** Clears the timer and unties the call from the caller's signal. */
  done(): void;
}

/**
 * A signal for one call: aborted with `parent`'s reason when `parent` aborts (e.g. the bot shutting down),
 * or with a TimeoutError after `ms`. Not AbortSignal.any(), which on Node 20 keeps an entry on a long-lived
 * `parent` for every call ever derived from it (nodejs/node#55351).
 */
export function callSignal(parent: AbortSignal | undefined, ms: number, timeoutMessage: string): CallSignal {
  const call = new AbortController();
  const timer = setTimeout(() => call.abort(new DOMException(timeoutMessage, 'TimeoutError')), ms);
  const untie = parent ? tieTo(parent, call) : undefined;
  return {
    signal: call.signal,
    done: () => {
      clearTimeout(timer);
      untie?.();
    },
  };
}

// The calls in flight per caller's signal: one 'abort' listener per signal fans out to all of them, so
// a busy bot's shutdown signal does not collect a listener per concurrent call (and Node's warning at 11).
const callsBySignal = new WeakMap<AbortSignal, Set<AbortController>>();

/** Aborts `call` when `signal` aborts, until the returned function unties them. */
function tieTo(signal: AbortSignal, call: AbortController): () => void {
  if (signal.aborted) {
    call.abort(signal.reason);
    return () => {};
  }
  let calls = callsBySignal.get(signal);
  if (!calls) {
    const waiting = new Set<AbortController>();
    calls = waiting;
    callsBySignal.set(signal, waiting);
    signal.addEventListener(
      'abort',
      () => {
        for (const each of waiting) each.abort(signal.reason);
        waiting.clear();
      },
      { once: true },
    );
  }
  const tied = calls;
  tied.add(call);
  return () => tied.delete(call);
}
