import { withTimeout } from '../with-timeout.js';

/** Tracks replies still being worked on after `ack()`, so shutdown can let them finish. */
export class Inflight {
  private readonly running = new Set<Promise<unknown>>();

  get size(): number {
    return this.running.size;
  }

  /** Runs `work` and keeps it visible to `drain` until it settles. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    const p = work();
    this.running.add(p);
    try {
      return await p;
    } finally {
      this.running.delete(p);
    }
  }

  /** Waits for everything in flight, but never longer than `timeoutMs`; true when all finished. */
  drain(timeoutMs: number): Promise<boolean> {
    const all = Promise.allSettled([...this.running]).then(() => true);
    return withTimeout(all, timeoutMs, () => false);
  }
}
