import type { LoadRun } from './drive-load.js';

/** Several runs as one: samples and errors together, durations added (the runs followed each other). */
export function mergeRuns(runs: readonly LoadRun[]): LoadRun {
  const merged: LoadRun = {
    ackMs: [],
    e2eMs: [],
    errors: 0,
    errorKinds: new Map(),
    duplicateReplies: 0,
    durationMs: 0,
  };
  for (const run of runs) {
    // A loop, not push(...samples): spreading 100,000 samples overflows the call stack.
    for (const ms of run.ackMs) merged.ackMs.push(ms);
    for (const ms of run.e2eMs) merged.e2eMs.push(ms);
    merged.errors += run.errors;
    for (const [kind, n] of run.errorKinds) merged.errorKinds.set(kind, (merged.errorKinds.get(kind) ?? 0) + n);
    merged.duplicateReplies += run.duplicateReplies;
    merged.durationMs += run.durationMs;
  }
  return merged;
}
