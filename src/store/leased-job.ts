import { randomUUID } from 'node:crypto';
import { errorFields, type Logger } from '../log.js';
import type { DurableStore } from './durable.js';

export interface LeasedJobOptions<R> {
  durable: DurableStore;
  /** The lease's name in the durable store: one holder per name across every instance. */
  lease: string;
  /** How long the lease lasts unless renewed. */
  leaseMs: number;
  log: Logger;
  /** Log words: `'polls for watches'` makes "this instance now polls for watches". */
  duty: string;
  /** One run of the job; it calls `holdLease()` itself before anything only the holder may do. */
  run: () => Promise<R>;
  /** What a run that threw (a bug, a store failing mid-run) returns, after it is logged. */
  failed: (error: unknown) => R;
  /** How long after a run (and after `start`, for the first) the next one comes. */
  nextDelayMs: (first: boolean) => number;
  /** Told when this instance gains or loses the lease (a lost lease means others may have changed shared state). */
  onLeaseChange?: (held: boolean) => void;
}

/** A job that one instance runs at a time: its lease, its runs, its timer. */
export interface LeasedJob<R> {
  /** Takes or renews the lease; false while another instance holds it. */
  holdLease(): Promise<boolean>;
  /** One run now, after any run in progress (runs never overlap); the timer's runs come here too. */
  runOnce(): Promise<R>;
  start(): void;
  /** Stops the timer, aborts `signal`, waits for a run in progress and gives the lease up. */
  stop(): Promise<void>;
  /** Aborted by `stop`: long waits inside a run end early. */
  readonly signal: AbortSignal;
}

/**
 * Runs a job on one instance among several sharing a durable store.
 * Rule 1: a run's first step is taking (or renewing) the lease; without it the run does nothing.
 * Rule 2: while a run goes on, the lease is renewed every third of its term, so a run held up (a slow
 * snapshot, Slack's Retry-After) keeps it; if the process dies the renewals stop and the lease runs out.
 * Rule 3: runs never overlap; a failed run is logged with its stack and the timer carries on.
 */
export function createLeasedJob<R>(options: LeasedJobOptions<R>): LeasedJob<R> {
  const { durable, log, leaseMs } = options;
  const owner = randomUUID();
  const stopping = new AbortController();
  let leading = false;
  let running: Promise<R> | undefined;
  let timer: NodeJS.Timeout | undefined;

  const holdLease = async (): Promise<boolean> => {
    let held = false;
    try {
      held = await durable.lease(options.lease, owner, leaseMs);
    } finally {
      if (held !== leading) {
        log.info({ owner }, `this instance ${held ? 'now' : 'no longer'} ${options.duty}`);
        options.onLeaseChange?.(held);
      }
      leading = held;
    }
    return held;
  };

  const heartbeat = async (): Promise<R> => {
    const renew = setInterval(() => {
      holdLease().catch((error: unknown) =>
        log.warn(errorFields(error), `could not renew the lease: ${options.lease}`),
      );
    }, leaseMs / 3);
    try {
      return await options.run();
    } finally {
      clearInterval(renew);
    }
  };

  const runOnce = (): Promise<R> => {
    const previous = running ?? Promise.resolve(undefined);
    const mine = previous.then(heartbeat).catch((error: unknown): R => {
      log.error(errorFields(error), `run failed: ${options.lease}`);
      return options.failed(error);
    });
    running = mine;
    return mine;
  };

  return {
    holdLease,
    runOnce,
    signal: stopping.signal,
    start() {
      const tick = (delayMs: number) => {
        timer = setTimeout(() => {
          void runOnce().finally(() => {
            if (!stopping.signal.aborted) tick(options.nextDelayMs(false));
          });
        }, delayMs);
        timer.unref();
      };
      tick(options.nextDelayMs(true));
    },
    async stop() {
      stopping.abort();
      clearTimeout(timer);
      await running;
      if (leading) await durable.releaseLease(options.lease, owner).catch(() => undefined);
    },
  };
}
