import type { LoadRun } from './drive-load.js';

/** The numbers the report prints for one bot on one surface at one concurrency. */
export interface RunSummary {
  ok: number;
  errors: number;
  errorKinds: Map<string, number>;
  ackP50: number;
  ackP99: number;
  e2eP50: number;
  e2eP99: number;
  /** End-to-end minus the sandbox's added latency: what the bot (and the loopback hops) add. */
  overheadP50: number;
  overheadP99: number;
  requestsPerSecond: number;
  /** ITNIO calls the sandbox answered during the run. */
  vendorCalls: number;
}

/** Nearest-rank percentile of unsorted samples; NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Percentiles, throughput and overhead of one run against a sandbox that adds `latencyMs`. */
export function summarizeRun(run: LoadRun, latencyMs: number, vendorCalls: number): RunSummary {
  const overhead = run.e2eMs.map((ms) => ms - latencyMs);
  return {
    ok: run.e2eMs.length,
    errors: run.errors,
    errorKinds: run.errorKinds,
    ackP50: percentile(run.ackMs, 50),
    ackP99: percentile(run.ackMs, 99),
    e2eP50: percentile(run.e2eMs, 50),
    e2eP99: percentile(run.e2eMs, 99),
    overheadP50: percentile(overhead, 50),
    overheadP99: percentile(overhead, 99),
    requestsPerSecond: run.e2eMs.length / (run.durationMs / 1000),
    vendorCalls,
  };
}
