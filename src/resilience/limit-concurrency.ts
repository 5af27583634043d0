import type { PageQuery, SourcedPage, TrunkSource } from './trunk-source.js';
import { GuardError } from './errors.js';

export interface ConcurrencyLimits {
  /** ITNIO requests in flight at once from this instance. */
  max: number;
  /** Queries allowed to wait for a slot; beyond that callers are told the bot is busy. */
  queue: number;
  /** Longest a query waits for a slot before the user is told the bot is busy. */
  maxWaitMs?: number;
}

/** Caps concurrent ITNIO calls with a bounded FIFO queue, so a burst becomes a wait or a "busy", never a pile-up. */
export function limitConcurrency(client: TrunkSource, limits: ConcurrencyLimits): TrunkSource {
  const maxWaitMs = limits.maxWaitMs ?? 5_000;
  let active = 0;
  const waiting: { admit: () => void }[] = [];

  const release = () => {
    const next = waiting.shift();
    if (next) next.admit();
    else active -= 1;
  };

  // Resolves when `release` hands this query a slot (so `active` stays counted for it); rejects when
  // it waited too long or the query was cancelled (shutdown), leaving the queue as it was.
  const waitForSlot = (signal: AbortSignal | undefined) =>
    new Promise<void>((resolve, reject) => {
      const entry = {
        admit: () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const leave = (error: GuardError) => {
        waiting.splice(waiting.indexOf(entry), 1);
        signal?.removeEventListener('abort', onAbort);
        reject(error);
      };
      const onAbort = () => {
        clearTimeout(timer);
        leave(new GuardError('itnio_cancelled', 'ITNIO query cancelled while waiting for a slot'));
      };
      const timer = setTimeout(
        () => leave(new GuardError('itnio_busy', `no ITNIO slot within ${maxWaitMs} ms`)),
        maxWaitMs,
      );
      signal?.addEventListener('abort', onAbort, { once: true });
      waiting.push(entry);
    });

  return {
    async queryTrunks(query: PageQuery): Promise<SourcedPage> {
      if (active >= limits.max) {
        if (waiting.length >= limits.queue) {
          throw new GuardError(
            'itnio_busy',
            `ITNIO request queue is full (${limits.max} running, ${limits.queue} waiting)`,
          );
        }
        await waitForSlot(query.signal);
      } else {
        active += 1;
      }
      try {
        return await client.queryTrunks(query);
      } finally {
        release();
      }
    },
    close: () => client.close(),
  };
}
