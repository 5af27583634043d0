import { jest } from '@jest/globals';
import type { Config } from '@jest/types';

// Only Date moves: timers, ticks and performance stay real, so sockets, retries and the bot's own
// timeouts run exactly as they would in production.
const REAL: Config.FakeableAPI[] = [
  'hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate',
  'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout',
];

/**
 * Sets the clock every module in this test file reads (Date) `ms` ahead and keeps it ticking from there,
 * instead of sleeping until real time gets there. `restoreDate()` puts it back.
 */
export function moveDateAhead(ms: number): void {
  jest.useFakeTimers({ doNotFake: REAL, advanceTimers: true, now: Date.now() + ms });
}

/** Undoes `moveDateAhead` (and does nothing when it was not called). */
export function restoreDate(): void {
  jest.useRealTimers();
}
