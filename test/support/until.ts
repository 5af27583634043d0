import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';

/** What `until` waits for, and for how long at most. */
export interface UntilOptions {
  /** Named in the failure: "timed out after 10000 ms waiting for <what>". */
  what: string;
  /** An upper bound that only matters when the event never comes, so it is generous. */
  timeoutMs?: number;
  /** What was seen instead, appended to the failure message. */
  seen?: () => string;
}

type Truthy<T> = Exclude<T, false | 0 | '' | null | undefined>;

/**
 * Polls `condition` (sync or async) until it returns something truthy, and returns that; fails naming
 * `what` after `timeoutMs`. Its clock and pauses come from node: modules, which fake timers never
 * replace, so a test that fakes Date cannot freeze the deadline.
 */
export async function until<T>(
  condition: () => T | Promise<T>,
  { what, timeoutMs = 10_000, seen }: UntilOptions,
): Promise<Truthy<Awaited<T>>> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value as Truthy<Awaited<T>>;
    if (performance.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${seen ? `; seen: ${seen()}` : ''}`);
    }
    await delay(10);
  }
}
