/** A clock that runs with real time and can be moved forward: the bot's `now` in the demo. */
export interface MovableClock {
  now(): number;
  /** Moves the clock `ms` forward (never back: leases and snapshots would read the past as the future). */
  advance(ms: number): void;
}

/** Starts at the real time. */
export function createMovableClock(): MovableClock {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    advance: (ms) => {
      if (ms > 0) offset += ms;
    },
  };
}
