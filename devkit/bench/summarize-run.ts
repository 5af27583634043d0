import type { LoadRun } from './drive-load.js';

/** The numbers the report prints for one bot on one surface at one concurrency. */
export interface RunSummary {
  ok: number;
  errors: number;
  errorKinds: Map<string, number>;
  ackP50: number;
  ackP99: number;
  /** Send → the reply reaching the response_url. */
  replyP50: number;
  replyP99: number;
  repliesPerSecond: number;
  /** The process's CPU time (user + system, every thread) during the run, divided by the replies. */
  cpuMsPerRequest: number | undefined;
  /** ITNIO calls the sandbox answered during the run. */
  vendorCalls: number;
  /** Highest VmRSS sampled every 50 ms during the run. */
  rssPeakMb: number | undefined;
}

/** What was measured around the run, outside the load generator. */
export interface RunContext {
  vendorCalls: number;
  /** CPU time of the bot's process during the run, in ms; undefined when it could not be read. */
  cpuMs: number | undefined;
  rssPeakMb: number | undefined;
}

/** Nearest-rank percentile of unsorted samples; NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Percentiles, throughput and CPU per request of one run. */
export function summarizeRun(run: LoadRun, context: RunContext): RunSummary {
  const ok = run.e2eMs.length;
  return {
    ok,
    errors: run.errors,
    errorKinds: run.errorKinds,
    ackP50: percentile(run.ackMs, 50),
    ackP99: percentile(run.ackMs, 99),
    replyP50: percentile(run.e2eMs, 50),
    replyP99: percentile(run.e2eMs, 99),
    repliesPerSecond: ok / (run.durationMs / 1000),
    cpuMsPerRequest: context.cpuMs === undefined || ok === 0 ? undefined : context.cpuMs / ok,
    vendorCalls: context.vendorCalls,
    rssPeakMb: context.rssPeakMb,
  };
}
