import type { ItnioClient, TrunkQuery, TrunkQueryResult } from '../itnio/client.js';
import { ItnioError } from '../itnio/errors.js';

export interface ConcurrencyLimits {
  /** ITNIO requests in flight at once from this instance. */
  max: number;
  /** Queries allowed to wait for a slot; beyond that callers are told the bot is busy. */
  queue: number;
}

/** Caps concurrent ITNIO calls with a bounded FIFO queue, so a burst becomes a wait or a "busy", never a pile-up. */
export function limitConcurrency(client: ItnioClient, limits: ConcurrencyLimits): ItnioClient {
  let active = 0;
  const waiting: (() => void)[] = [];

  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else active -= 1;
  };

  return {
    async queryTrunks(query: TrunkQuery): Promise<TrunkQueryResult> {
      if (active >= limits.max) {
        if (waiting.length >= limits.queue) {
          throw new ItnioError('itnio_busy', `ITNIO request queue is full (${limits.max} running, ${limits.queue} waiting)`);
        }
        // The slot is handed over directly by `release`, so `active` stays counted for us.
        await new Promise<void>((resolve) => waiting.push(resolve));
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
